"""Remove articles loaded by mistake, and everything derived from them, as a logged run.

Reads: article keys (id, source or file name, as for ``timeline reanchor``). Writes: the warehouse, in
one transaction: the rows of every table that holds an ``article_id`` (the article, its time
expressions, events, readings, facets, timeline rows, mentions of merged events, the publication date set
by hand), except the history in ``ingest_log``; then the merged (canonical) events they were part of are
grouped again without them (the other merged events stay as they are), and the run is recorded (a
``runs`` row, one ``ingest_log`` row per article with status ``forgotten``).
An unknown key refuses the whole command before anything is removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from . import warehouse
from .errors import WarehouseError
from .settings import Settings

KEPT = ("ingest_log", "runs")  # history: what happened stays recorded


def forget(settings: Settings, keys: Sequence[str]) -> dict[str, Any]:
    """Remove the articles named by ``keys``; return ``{"run_id", "articles", "rows", "events"}``."""
    if not keys:
        raise WarehouseError("name at least one article to forget (its id, source or file name)")
    run_id = warehouse.new_run_id()
    with warehouse.connect(settings.warehouse, wait_seconds=settings.lock_wait_seconds) as con:
        found = {}
        for key in keys:
            article = warehouse.stored_article(con, key)  # WarehouseError for an unknown or ambiguous key
            found[article.article_id] = article.source
        tables = [
            row[0]
            for row in con.execute(
                """SELECT DISTINCT table_name FROM duckdb_columns()
                   WHERE database_name = current_database() AND column_name = 'article_id'
                     AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = current_database())
                   ORDER BY table_name"""
            ).fetchall()
            if row[0] not in KEPT
        ]
        ids = list(found)
        events = con.execute("SELECT count(*) FROM events WHERE article_id IN (SELECT unnest(?))", [ids]).fetchone()
        groups = [  # the merged events they were part of: placed again without them
            r[0]
            for r in con.execute(
                "SELECT DISTINCT canonical_id FROM event_mentions WHERE article_id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        ]
        warehouse.start_run(con, run_id, inputs=len(keys))
        removed = 0
        con.execute("BEGIN TRANSACTION")
        try:
            for table in tables:
                cur = con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
                removed += int((cur.fetchone() or (0,))[0])
            now = datetime.now(UTC).replace(tzinfo=None)
            con.executemany(
                """INSERT INTO ingest_log (run_id, source, status, reason, article_id, logged_at)
                   VALUES (?, ?, 'forgotten', 'removed by timeline forget', ?, ?)""",
                [[run_id, source, article_id, now] for article_id, source in found.items()],
            )
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"forgetting failed, nothing removed: {' '.join(str(exc).split())}") from exc
        warehouse.refresh_canonical(con, [], dissolve=groups)
        warehouse.finish_run(con, run_id)
        con.execute("UPDATE runs SET articles_forgotten = ? WHERE run_id = ?", [len(found), run_id])
    return {"run_id": run_id, "articles": sorted(found.values()), "rows": removed,
            "events": int(events[0]) if events else 0}  # fmt: skip
