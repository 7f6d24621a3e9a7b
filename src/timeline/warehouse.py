"""The DuckDB warehouse: schema migrations, atomic batch loads, read-only queries.

Reads: :class:`~timeline.records.BatchResult` batches and SQL. Writes: the DuckDB file (default
``warehouse/timeline.duckdb``). Every DuckDB quirk stays here: one read-write opener per file (a second
one fails at once with a lock error, reported as :class:`WarehouseError`), Arrow inserts rather than
row-by-row ones, delete-then-insert per article inside one transaction so re-runs never duplicate.
Migrations are ``resources/migrations/NNN_name.sql`` files applied once each, in number order, and
recorded in ``schema_migrations``. Queries run on read-only connections without file access (no
``COPY ... TO``, ``EXPORT``, ``ATTACH``, ``INSTALL``/``LOAD``, and no ``read_csv`` either), so a user's SQL
writes nothing anywhere; their errors become one-line :class:`QueryError` messages.
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .errors import QueryError, WarehouseError
from .records import Article, BatchResult, Event, EventReading, TimeMention

MIGRATIONS = "timeline.resources.migrations"
# How long a reader waits for a run's batch load to end, unless told (the default of lock_wait_seconds).
READ_WAIT_SECONDS = 10.0
STORAGE_COMPATIBILITY = "v1.4.0"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _open(path: Path, read_only: bool, wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    # A new file is written in a storage format that DuckDB 1.4 and later read, so that the duckdb CLI and
    # tools built on older DuckDB releases (harlequin) open it too; an existing file keeps its format.
    config: dict[str, str | bool | int | float | list[str]] = (
        {} if read_only or path.exists() else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
    )
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            con.execute("SET enable_progress_bar = false")  # a library never draws on the user's terminal
            return con
        except duckdb.IOException as exc:
            message = _one_line(exc)
            if "lock" not in message.lower():
                raise WarehouseError(f"cannot open warehouse {path}: {message}") from exc
            if time.monotonic() < deadline:
                time.sleep(0.2)
                continue
            waited = f" after waiting {wait_seconds:g} s" if wait_seconds > 0 else ""
            raise WarehouseError(
                f"warehouse {path} is in use by another writer, {_lock_holder(message)}{waited}; try again later"
            ) from exc
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open warehouse {path}: {_one_line(exc)}") from exc


@contextmanager
def connect(
    path: Path | str, read_only: bool = False, wait_seconds: float = 0.0, checkpoint: bool = True,
    threads: int | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:  # fmt: skip
    """Open the warehouse; migrate it when opened for writing.

    DuckDB lets one process hold a file read-write, and then no other process can even read it; many
    processes may hold it read-only at once, and then none can write. A run therefore opens it for writing
    only while it loads a batch (:mod:`timeline.runner`). When another process holds it, wait up to
    ``wait_seconds`` for it, then fail with a :class:`WarehouseError` naming the process that holds the lock.

    A read-only open of a warehouse made by an older version first upgrades its schema on a short
    read-write connection (when it can: a file locked by a writer is read as it is), so that the views
    of newer migrations are there to query. User data is never changed by an upgrade.

    ``checkpoint`` False: closing does not fold the write-ahead log into the file (DuckDB does when it
    holds more than ``checkpoint_threshold``, and the next connection that checkpoints does): for a run's
    intermediate writes, whose checkpoint would cost time that grows with the warehouse (its indexes are
    written again) rather than with what was written. Readers read the log too.

    ``threads``: DuckDB's threads for this connection (default: one per core). A run loads each batch on
    one thread while its workers parse on every core: a batch is too small for DuckDB's threads to gain,
    and they cost CPU the workers need (a batch of 50 articles loaded in 15-20% less CPU on one).
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run 'timeline run' first or pass --warehouse")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file where a folder of the path should be, a read-only file system
            why = "a file of that name is in the way" if isinstance(exc, FileExistsError) else exc.strerror or exc
            raise WarehouseError(f"cannot create the warehouse's folder {path.parent}: {why}") from exc
    con = _open(path, read_only, wait_seconds)
    if read_only and pending_migrations(con):
        con.close()
        try:
            with connect(path):
                pass
        except WarehouseError:
            pass  # cannot upgrade now (another writer, read-only file): query the schema as it is
        con = _open(path, read_only)
    try:
        if not read_only:
            try:
                migrate(con)
            except WarehouseError as exc:
                raise WarehouseError(f"warehouse {path}: {exc}") from exc
            if not checkpoint:
                con.execute("PRAGMA disable_checkpoint_on_shutdown")
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        yield con
    finally:
        con.close()


def _lock_holder(message: str) -> str:
    """'process 1234 (timeline run seeds/)' from DuckDB's lock message and /proc, as far as known."""
    found = re.search(r"PID (\d+)", message)
    if not found:
        return "another process"
    pid = found.group(1)
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        command = " ".join(" ".join(a.decode("utf-8", "replace") for a in argv if a).split())[:160]
    except OSError:
        command = ""
    return f"process {pid} ({command})" if command else f"process {pid}"


# ---- migrations ----------------------------------------------------------------------------------


MIGRATION_NAME = re.compile(r"^(?P<number>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")


def migration_files() -> list[tuple[str, str]]:
    """``(version, sql)`` of every migration (``NNN_name.sql``), in number order."""
    folder = importlib_resources.files(MIGRATIONS)
    names = sorted(p.name for p in folder.iterdir() if MIGRATION_NAME.match(p.name))
    return [(name.removesuffix(".sql"), folder.joinpath(name).read_text(encoding="utf-8")) for name in names]


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Versions recorded in ``schema_migrations`` (none for an empty database)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE database_name = current_database() AND table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    return [row[0] for row in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Versions of the migration files not applied to this database yet, in order."""
    done = set(applied_migrations(con))
    return [version for version, _ in migration_files() if version not in done]


def check_not_newer(applied: set[str]) -> None:
    """Refuse to write to a warehouse whose schema a newer version of timeline made (a migration numbered
    after the last one this version has): its tables may hold columns and rules this code would break.
    Read-only commands still read it."""
    known = [version for version, _ in migration_files()]
    newer = sorted(v for v in applied - set(known) if known and v > known[-1])
    if newer:
        raise WarehouseError(
            f"its schema is newer than this version of timeline (migration {newer[-1]}; this one "
            f"knows up to {known[-1]}): upgrade timeline to write to it (query, status and export still read it)"
        )


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not applied yet, each in its own transaction; return their versions."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = set(applied_migrations(con))
    check_not_newer(done)
    applied = []
    for version, sql in migration_files():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            if version in FILLS:  # what SQL cannot compute: filled from the rows already there
                FILLS[version](con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [version, _now()])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"migration {version} failed: {_one_line(exc)}") from exc
        applied.append(version)
    return applied


# ---- loading -------------------------------------------------------------------------------------


ARTICLE_COLUMNS = {
    "article_id": "article_id", "source": "source", "title": "title", "url": "url",
    "published": "published", "content_hash": "content_hash", "text": "text", "date_source": "date_source",
    "date_conflict": "date_conflict", "dateline_city": "dateline_city", "dateline_date": "dateline_date",
    "agency": "agency", "byline": "byline", "date_evidence": "date_evidence_json",
    "date_low_confidence": "date_low_confidence",
}  # fmt: skip
TIMEX_COLUMNS = {
    "timex_id": "timex_id", "article_id": "article_id", "start_char": "start", "end_char": "end",
    "text": "text", "type": "type", "value": "value", "granularity": "granularity",
    "range_start": "range_start", "range_end": "range_end", "anchor": "anchor", "spec": "spec",
    "sentence_index": "sentence_index", "rule": "rule", "explanation": "explanation",
}  # fmt: skip
EVENT_COLUMNS = {"event_id": "event_id", **{f.name: f.name for f in fields(Event)}}
READING_COLUMNS = {f.name: f.name for f in fields(EventReading)}
# the rows of an article (the last two: its timeline rows, made again after a load)
ARTICLE_TABLES = ("event_readings", "events", "event_facets", "time_expressions", "articles", "timeline_actors",
                  "timeline_entries")  # fmt: skip
TIMELINE_TABLES = ARTICLE_TABLES[-2:]  # kept by the writer (see :func:`update_timeline`)


def _records(rows: Sequence[Any], columns: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        out.append({name: getattr(row, attr) for name, attr in columns.items()})
    return out


def _dedupe(rows: Sequence[Any], key: str) -> list[Any]:
    seen: dict[str, Any] = {}
    for row in rows:
        seen.setdefault(getattr(row, key), row)
    return list(seen.values())


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, flow_run_id: str | None = None, inputs: int = 0) -> None:
    """Record the start of a run (a run never finished was interrupted)."""
    con.execute(
        "INSERT INTO runs (run_id, flow_run_id, started_at, inputs, pid) VALUES (?, ?, ?, ?, ?)",
        [run_id, flow_run_id, _now(), inputs, os.getpid()],
    )


def mark_interrupted(path: Path | str, pid: int, signal_name: str, wait_seconds: float = 10.0) -> int:
    """Record that the unfinished runs of process ``pid`` were stopped by ``signal_name``; how many."""
    with connect(path, wait_seconds=wait_seconds) as con:
        row = con.execute(
            "UPDATE runs SET interrupted = ? WHERE pid = ? AND finished_at IS NULL AND interrupted IS NULL",
            [signal_name, pid],
        ).fetchone()
    return int(row[0]) if row else 0


# A run that never finished (interrupted, killed, or still running) is *made good* by the first run that
# finished after its last write: that run's refresh of the merged events covered the unfinished run's
# articles (every finished run refreshes those of the runs not yet made good). Writers hold the file one
# at a time, so a write stamped before a run's finish was committed before that run's refresh read it.
MADE_GOOD_SQL = """
SELECT u.run_id, (SELECT s.run_id FROM runs s WHERE s.finished_at > u.last_write AND s.run_id <> u.run_id
                  ORDER BY s.finished_at LIMIT 1) AS made_good_by
FROM (SELECT r.run_id, greatest(r.started_at, coalesce(max(l.logged_at), r.started_at)) AS last_write
      FROM runs r LEFT JOIN ingest_log l ON l.run_id = r.run_id
      WHERE r.finished_at IS NULL GROUP BY r.run_id, r.started_at) u
"""


def unfinished_runs(con: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """Runs other than ``run_id`` that never finished and are not made good by a later run yet: those whose
    articles' merged events the next refresh must bring up to date (see :data:`MADE_GOOD_SQL`)."""
    rows = con.execute(
        f"SELECT run_id FROM ({MADE_GOOD_SQL}) WHERE made_good_by IS NULL AND run_id <> ? ORDER BY run_id", [run_id]
    ).fetchall()
    return [r[0] for r in rows]


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any]:
    """Count what became of the run's inputs from the ledger and record the end of the run; first rewrite the
    timeline tables in date order if the rows the runs wrote out of order make it due (:func:`keep_clustered`).
    A rewrite that fails (a full disk) is rolled back and leaves the tables as they were, still due: the run
    is recorded all the same, and the next one tries again (``timeline optimize`` shows the error)."""
    try:
        keep_clustered(con)
    except WarehouseError:
        pass
    row = con.execute(
        """SELECT count(*) FILTER (WHERE status = 'loaded'), count(*) FILTER (WHERE status = 'unchanged'),
                  count(*) FILTER (WHERE status = 'rejected'),
                  count(*) FILTER (WHERE status = 'loaded' AND reason LIKE 're-anchored%')
           FROM ingest_log WHERE run_id = ?""",
        [run_id],
    ).fetchone()
    loaded, unchanged, rejected, reanchored = (int(v) for v in (row or (0, 0, 0, 0)))
    events = con.execute(
        """SELECT count(*) FROM events WHERE article_id IN
           (SELECT article_id FROM ingest_log WHERE run_id = ? AND status = 'loaded')""",
        [run_id],
    ).fetchone()
    n_events = int(events[0]) if events else 0
    started = con.execute("SELECT started_at FROM runs WHERE run_id = ?", [run_id]).fetchone()
    now = _now()
    seconds = (now - started[0]).total_seconds() if started else None
    con.execute(
        """UPDATE runs SET finished_at = ?, articles_loaded = ?, articles_rejected = ?, events = ?,
           articles_unchanged = ?, articles_reanchored = ?, seconds = ? WHERE run_id = ?""",
        [now, loaded, rejected, n_events, unchanged, reanchored, seconds, run_id],
    )
    return {
        "loaded": loaded, "unchanged": unchanged, "rejected": rejected, "reanchored": reanchored,
        "events": n_events, "seconds": round(seconds or 0.0, 3),
    }  # fmt: skip


def run_articles(con: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """The articles the run loaded (parsed or re-anchored): those whose merged events may change."""
    rows = con.execute(
        "SELECT DISTINCT article_id FROM ingest_log WHERE run_id = ? AND status = 'loaded' AND article_id IS NOT NULL",
        [run_id],
    ).fetchall()
    return [r[0] for r in rows]


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Insert an Arrow table's rows into ``table`` by column name (DuckDB reads Arrow without a copy)."""
    con.register("_arrow_rows", rows)
    try:
        cols = ", ".join(rows.column_names)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _arrow_rows")
    finally:
        con.unregister("_arrow_rows")


def load_batch(
    con: duckdb.DuckDBPyConnection, batch: BatchResult, run_id: str, unchanged: Sequence[Article] = ()
) -> None:
    """Replace the rows of the batch's articles and log every input, in one transaction.

    ``unchanged`` articles are only logged. A batch is all or nothing: a crash before COMMIT leaves the
    warehouse as it was, and the next run redoes the batch.
    """
    articles: list[Article] = _dedupe(batch.articles, "article_id")
    mentions: list[TimeMention] = _dedupe(batch.mentions, "timex_id")
    events: list[Event] = _dedupe(batch.events, "event_id")
    now = _now()
    article_rows = (
        pa.Table.from_pylist([{**r, "run_id": run_id, "loaded_at": now} for r in _records(articles, ARTICLE_COLUMNS)])
        if articles
        else None
    )
    timex_rows = pa.Table.from_pylist(_records(mentions, TIMEX_COLUMNS)) if mentions else None
    event_rows = pa.Table.from_pylist(_records(events, EVENT_COLUMNS)) if events else None
    facet_rows = facet_table(events) if events else None
    readings = list({(r.article_id, r.position): r for r in batch.readings}.values())
    reading_rows = pa.Table.from_pylist(_records(readings, READING_COLUMNS)) if readings else None
    warnings = dict(batch.notes)
    log = [
        {"run_id": run_id, "source": a.source, "status": "loaded", "reason": warnings.get(a.source),
         "article_id": a.article_id, "logged_at": now}
        for a in articles
    ] + [
        {"run_id": run_id, "source": r.source, "status": "rejected", "reason": r.reason, "article_id": None,
         "logged_at": now}
        for r in batch.rejections
    ] + [
        {"run_id": run_id, "source": a.source, "status": "unchanged", "reason": None, "article_id": a.article_id,
         "logged_at": now}
        for a in unchanged
    ]  # fmt: skip
    log_rows = pa.Table.from_pylist(log) if log else None
    ids = [a.article_id for a in articles]
    con.execute("BEGIN TRANSACTION")
    try:
        if ids:
            for table in ARTICLE_TABLES:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
        for table, rows in (
            ("articles", article_rows),
            ("time_expressions", timex_rows),
            ("events", event_rows),
            ("event_facets", facet_rows),
            ("event_readings", reading_rows),
            ("ingest_log", log_rows),
        ):
            if rows is not None:
                insert_arrow(con, table, rows)
        if event_rows is not None and article_rows is not None:  # their old timeline rows went with the rest
            con.register("_events", event_rows)
            con.register("_articles", article_rows)
            try:
                linked = "(SELECT * FROM event_mentions WHERE event_id IN (SELECT event_id FROM _events))"
                _write_timeline(con, {"events": "_events", "articles": "_articles", "mentions": linked,
                                      "canonical": f"(SELECT * FROM canonical_events WHERE canonical_id IN "
                                                   f"(SELECT canonical_id FROM {linked}))"})  # fmt: skip
            finally:
                con.unregister("_events")
                con.unregister("_articles")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise WarehouseError(f"loading a batch failed: {_one_line(exc)}") from exc


# ---- the timeline table --------------------------------------------------------------------------


def words_sql(column: str) -> str:
    """SQL for the lower-case words (letters and digits, any script) of a text column: how
    ``timeline_actors`` cuts an actor's name, and how the actor filter cuts what it looks for."""
    return f"list_filter(regexp_split_to_array(lower({column}), '[^\\p{{L}}\\p{{N}}]+'), lambda part: part <> '')"


def entry_sql(column: str) -> str:
    """SQL for the ``entry`` key (a number) of the timeline row of the event whose id is ``column``."""
    return f"coalesce(try_cast('0x' || {column} AS UBIGINT), hash({column}))"


# What a timeline row is: one per event, with its merged (canonical) event's values when it is that
# event's representative, none for the other mentions of a merged event. The four relations are the tables,
# or the rows a load or a refresh has just written (registered Arrow tables), never anything else.
TIMELINE_ROWS = """
SELECT
    COALESCE(c.value, e.value) AS date, COALESCE(c.granularity, e.granularity) AS granularity,
    COALESCE(c.status, e.status) AS status, COALESCE(c.description, e.description) AS event,
    array_to_string(COALESCE(c.actors, e.actors), '; ') AS actors, COALESCE(c.place, e.place) AS place,
    e.time_text, e.sentence, a.title AS article, a.published, COALESCE(c.trigger, e.trigger) AS trigger,
    COALESCE(c.date_start, e.date_start) AS date_start, COALESCE(c.date_end, e.date_end) AS date_end,
    COALESCE(c.confidence, e.confidence) AS confidence, e.explanation, a.source, e.event_id, e.article_id,
    COALESCE(c.sources, 1) AS sources, c.canonical_id,
    {entry} AS entry,
    COALESCE(c.date_end, e.date_end, c.date_start, e.date_start) AS date_last,
    e.sentence_start, e.trigger_start, COALESCE(c.actors, e.actors) AS actor_list
FROM {events} e
JOIN {articles} a ON a.article_id = e.article_id
LEFT JOIN {mentions} m ON m.event_id = e.event_id
LEFT JOIN {canonical} c ON c.canonical_id = m.canonical_id
WHERE c.canonical_id IS NULL OR c.representative_event_id = e.event_id
""".replace("{entry}", entry_sql("e.event_id"))
TIMELINE_COLUMNS = (
    "date", "granularity", "status", "event", "actors", "place", "time_text", "sentence", "article", "published",
    "trigger", "date_start", "date_end", "confidence", "explanation", "source", "event_id", "article_id", "sources",
    "canonical_id", "entry", "date_last", "sentence_start", "trigger_start", "actor_list",
)  # fmt: skip
ACTOR_WORDS = f"""
INSERT INTO timeline_actors
SELECT t.entry, t.article_id, u.actor, w.word, t.date_start, t.date_last
FROM {{rows}} t, unnest(t.actor_list) AS u(actor),
    unnest(coalesce(nullif(list_distinct({words_sql("u.actor")}), []), [NULL])) AS w(word)
"""
TABLES = {"events": "events", "articles": "articles", "mentions": "event_mentions", "canonical": "canonical_events"}


def update_timeline(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str] | None = None) -> None:
    """Make the timeline rows (``timeline_entries``, ``timeline_actors``) of these events (None: of every
    event) what :data:`TIMELINE_ROWS` gives from the tables, inside the caller's transaction.

    A timeline row depends only on its event, the event's article, its ``event_mentions`` row and the
    canonical event that names: a load makes again the rows of the events it wrote, a merge refresh those
    of the events whose mention or canonical event it changed; no other row can change. Both pass the rows
    they have just written (:func:`_write_timeline`) rather than reading them back."""
    if event_ids is None:
        for table in TIMELINE_TABLES:
            con.execute(f"DELETE FROM {table}")
        con.execute("UPDATE timeline_layout SET rows_sorted = 0, rows_unsorted = 0, newest = NULL, sorted_at = NULL")
        _write_timeline(con, TABLES)
        return
    keys = pa.table({"event_id": pa.array(list(event_ids), pa.string())})
    _drop_timeline(con, keys)
    con.register("_keys", keys)
    try:
        events = "(SELECT * FROM events WHERE event_id IN (SELECT event_id FROM _keys))"
        _write_timeline(con, {**TABLES, "events": events})
    finally:
        con.unregister("_keys")


def _drop_timeline(con: duckdb.DuckDBPyConnection, keys: pa.Table) -> None:
    """Delete the timeline rows of the events of ``keys`` (an Arrow table with an ``event_id`` column)."""
    con.register("_gone", keys)
    try:
        entries = f"SELECT {entry_sql('event_id')} FROM _gone"
        for table in TIMELINE_TABLES:
            con.execute(f"DELETE FROM {table} WHERE entry IN ({entries})")
    finally:
        con.unregister("_gone")


def _write_timeline(con: duckdb.DuckDBPyConnection, relations: dict[str, str], layout: bool = True) -> None:
    """Insert the :data:`TIMELINE_ROWS` of ``relations`` (table names or subqueries) and their actor words;
    count in ``timeline_layout`` those out of date order (``layout`` False: before migration 100)."""
    rows = con.sql(TIMELINE_ROWS.format(**relations)).to_arrow_table()
    if rows.num_rows == 0:
        return
    insert_arrow(con, "timeline_entries", rows)
    con.register("_timeline_rows", rows)
    try:
        con.execute(ACTOR_WORDS.replace("{rows}", "_timeline_rows"))  # (the regex has braces of its own)
        if layout:
            con.execute(UNSORTED_SQL.replace("{rows}", "_timeline_rows"))
    finally:
        con.unregister("_timeline_rows")


def _fill_timeline(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 080: the timeline rows of the events already stored (migration 100 counts them)."""
    for table in TIMELINE_TABLES:
        con.execute(f"DELETE FROM {table}")
    _write_timeline(con, TABLES, layout=False)


# ---- the timeline tables in date order on disk -----------------------------------------------------
#
# DuckDB keeps, for each row group of a table (122,880 rows), the smallest and largest value of each column
# (its zone map) and skips the row groups a filter rules out. Rows are stored in the order they are
# written: a warehouse grown by runs over the news in order of publication keeps each date range in a few
# row groups, but a backfill of old articles, an archive loaded in any order, or a merge refresh that
# writes again the rows of old events spreads the rows of every year over every row group, and a query by
# date range then reads (and decompresses) the whole table. So the writer counts the rows it writes out of
# date order (UNSORTED_SQL, in the transaction of the write), and the end of a run rewrites both tables in
# date order when those rows pass SORT_SHARE of the table (keep_clustered): each rewrite costs at most
# 1 / SORT_SHARE times the writing of the rows that made it due, and a run of a few articles into a large
# warehouse does not pay it.

SORT_ORDER = {
    "timeline_entries": "date_start NULLS LAST, entry",
    "timeline_actors": "date_start NULLS LAST, entry, word",
}
SORT_SHARE = 0.2  # rewrite when the rows written out of date order since the last rewrite reach this share
SORT_MIN_ROWS = 250_000  # about two row groups: a smaller table is read whole in a few milliseconds anyway
SORT_SLACK_DAYS = 31  # a row dated up to this long before the newest publication date written is in order
# A written row is out of order when its date starts more than SORT_SLACK_DAYS before the newest publication
# date written so far, this write's included: news of a day is mostly about the days just before it; a
# backfilled article, or a mention of an old year, lands in a row group of recent dates and widens it.
UNSORTED_SQL = f"""
UPDATE timeline_layout SET
    rows_unsorted = rows_unsorted + (
        SELECT count(*) FROM {{rows}} r WHERE r.date_start
            < greatest(timeline_layout.newest, (SELECT max(published) FROM {{rows}})) - {SORT_SLACK_DAYS}),
    newest = greatest(newest, (SELECT max(published) FROM {{rows}}))
"""


@dataclass(frozen=True)
class Layout:
    """How far the timeline tables are from date order on disk (``timeline_layout``)."""

    rows: int  # rows in timeline_entries
    rows_sorted: int  # rows when it was last rewritten in date order
    rows_unsorted: int  # rows written out of date order since then
    sorted_at: datetime | None

    def due(self, share: float | None = None, min_rows: int | None = None) -> bool:
        """Whether a rewrite in date order is due: enough rows written out of order (``share`` of the table,
        default :data:`SORT_SHARE`), in a large enough table (default :data:`SORT_MIN_ROWS`)."""
        share = SORT_SHARE if share is None else share
        min_rows = SORT_MIN_ROWS if min_rows is None else min_rows
        return self.rows >= min_rows and self.rows_unsorted > 0 and self.rows_unsorted >= share * self.rows


def timeline_layout(con: duckdb.DuckDBPyConnection) -> Layout:
    row = con.execute(
        "SELECT (SELECT count(*) FROM timeline_entries), rows_sorted, rows_unsorted, sorted_at FROM timeline_layout"
    ).fetchone()
    if row is None:
        raise WarehouseError("timeline_layout has no row: the warehouse was changed by hand; run migrations again")
    return Layout(int(row[0]), int(row[1]), int(row[2]), row[3])


def keep_clustered(
    con: duckdb.DuckDBPyConnection, force: bool = False, share: float | None = None, min_rows: int | None = None
) -> Layout | None:
    """Rewrite the timeline tables in date order if due (:meth:`Layout.due`) or ``force``d; return the layout
    after the rewrite, or None when none was done. Called at the end of every run (:func:`finish_run`) and
    by ``timeline optimize``."""
    layout = timeline_layout(con)
    if not force and not layout.due(share, min_rows):
        return None
    return sort_timeline(con)


def optimize(path: Path | str, wait_seconds: float = READ_WAIT_SECONDS) -> tuple[Layout, Layout, float]:
    """``timeline optimize``: rewrite the timeline tables in date order now, and checkpoint; the layout before
    and after, and the seconds it took."""
    if not Path(path).exists():
        raise WarehouseError(f"no warehouse at {path}: run 'timeline run' first or pass --warehouse")
    started = time.perf_counter()
    with connect(path, wait_seconds=wait_seconds) as con:
        before = timeline_layout(con)
        after = sort_timeline(con)
        con.execute("CHECKPOINT")
    return before, after, time.perf_counter() - started


def sort_timeline(con: duckdb.DuckDBPyConnection) -> Layout:
    """Rewrite ``timeline_entries`` and ``timeline_actors`` in date order (:data:`SORT_ORDER`), in one
    transaction: the same rows, with the same columns, comments and indexes.

    Each table is copied in order into a new table made with its own definition, the old one is dropped and
    the new one takes its name (DuckDB has no in-place reorder; a delete and re-insert would leave the old
    row groups in the file until a checkpoint vacuums them). The views on them are bound by name."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table, order in SORT_ORDER.items():
            _rewrite_in_order(con, table, order)
        con.execute(
            "UPDATE timeline_layout SET rows_sorted = (SELECT count(*) FROM timeline_entries), rows_unsorted = 0, "
            "sorted_at = ?",
            [_now()],
        )
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise WarehouseError(f"rewriting the timeline tables in date order failed: {_one_line(exc)}") from exc
    return timeline_layout(con)


def _rewrite_in_order(con: duckdb.DuckDBPyConnection, table: str, order: str) -> None:
    where = "WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?"
    found = con.execute(f"SELECT sql, comment FROM duckdb_tables() {where}", [table]).fetchone()
    if found is None:
        raise WarehouseError(f"no table {table} in the warehouse")
    ddl, comment = found
    columns = con.execute(f"SELECT column_name, comment FROM duckdb_columns() {where} ORDER BY column_index", [table])
    comments = columns.fetchall()
    indexes = [r[0] for r in con.execute(f"SELECT sql FROM duckdb_indexes() {where}", [table]).fetchall() if r[0]]
    staging = f"_{table}_in_order"
    made, n = re.subn(rf'^CREATE TABLE "?{table}"?\s*\(', f"CREATE TABLE {staging}(", ddl)
    if n != 1:
        raise WarehouseError(f"cannot read the definition of {table}: {ddl[:80]}")
    con.execute(made)
    con.execute(f"INSERT INTO {staging} SELECT * FROM {table} ORDER BY {order}")
    con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE {staging} RENAME TO {table}")
    for sql in indexes:
        con.execute(sql)
    if comment is not None:
        con.execute(f"COMMENT ON TABLE {table} IS {_sql_text(comment)}")
    for column, text in comments:
        if text is not None:
            con.execute(f'COMMENT ON COLUMN {table}."{column}" IS {_sql_text(text)}')


def _sql_text(text: str) -> str:
    """A SQL string literal (COMMENT ON takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"


# ---- canonical events (cross-article merging) ----------------------------------------------------


EVENT_FIELDS = tuple(f.name for f in fields(Event))


def _events(cur: duckdb.DuckDBPyConnection) -> list[Event]:
    names = [d[0] for d in cur.description or []]
    out = []
    for row in cur.fetchall():
        values = dict(zip(names, row, strict=True))
        values["actors"] = tuple(values["actors"] or ())
        values["actor_kinds"] = tuple(values["actor_kinds"] or ())
        out.append(Event(**values))
    return out


FACET_SCHEMA = pa.schema([("event_id", pa.string()), ("article_id", pa.string()), ("key", pa.string()),
                          ("facet", pa.string()), ("lo", pa.date32()), ("hi", pa.date32()), ("value", pa.string())])


def facet_table(events: Sequence[Event]) -> pa.Table:
    """The ``event_facets`` rows of ``events``: one per facet (:func:`timeline.events.merge.facets`)."""
    from .events.merge import blocking_key, facets

    return pa.Table.from_pylist(
        [{"event_id": e.event_id, "article_id": e.article_id, "key": blocking_key(e.trigger), "facet": f,
          "lo": e.date_start, "hi": e.date_end or e.date_start, "value": e.value}
         for e in events for f in sorted(facets(e))],
        schema=FACET_SCHEMA,
    )  # fmt: skip


def _fill_event_facets(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 081: the facets of the events already stored, 50,000 at a time."""
    last = ""
    while True:
        chunk = _events(con.execute(
            f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE event_id > ? ORDER BY event_id LIMIT 50000", [last]
        ))  # fmt: skip
        if not chunk:
            return
        insert_arrow(con, "event_facets", facet_table(chunk))
        last = chunk[-1].event_id


FILLS = {"080_timeline_table": _fill_timeline, "081_event_facets": _fill_event_facets}


def _candidates(con: duckdb.DuckDBPyConnection, frontier: Sequence[Event]) -> list[Event]:
    """Stored events that share a blocking key and a facet (an actor's last word or acronym, the place, or a
    day-level word: :func:`timeline.events.merge.facets`) with one of ``frontier``, and whose date window
    can overlap its own (or that have no date and the same value): what
    :class:`timeline.events.merge.CandidateIndex` would yield, looked up in ``event_facets`` by equality."""
    if not frontier:
        return []
    con.register("_probe", facet_table(frontier))
    try:
        cur = con.execute(
            f"""SELECT {", ".join(EVENT_FIELDS)} FROM events WHERE event_id IN (
                  SELECT f.event_id FROM event_facets f JOIN _probe p ON f.key = p.key AND f.facet = p.facet
                  WHERE (f.lo IS NOT NULL AND p.lo IS NOT NULL AND f.lo <= p.hi AND f.hi >= p.lo)
                     OR ((f.lo IS NULL OR p.lo IS NULL) AND p.value <> '' AND f.value = p.value))"""
        )
        return _events(cur)
    finally:
        con.unregister("_probe")


def refresh_canonical(
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None = None, dissolve: Sequence[str] = ()
) -> int:
    """Update ``canonical_events`` and ``event_mentions`` in one transaction; return how many there are.

    With ``article_ids`` (the articles a run loaded, re-anchored or replaced), only the canonical events
    those articles' events belong to and the ones they can join change: the groups the articles were in
    are dissolved; their events and the other members of those groups are placed again, in merge order,
    into the stored groups they can join — found by one SQL join on the blocking key (trigger class), the
    date window and an actor's last word or the place — or into new ones
    (:func:`timeline.events.merge.group_events`). Every other group stays as it is, id included.
    ``article_ids`` None regroups every event from scratch (the same rules; where several runs' order
    mattered, the groups may come out otherwise). ``dissolve``: canonical events to place again as well
    (those of articles just removed, whose mention rows are gone with them: :mod:`timeline.forget`).
    The timeline rows of every event whose mention or canonical event changed are made again
    (:func:`update_timeline`) in the same transaction.
    """
    from .events.merge import merge_events

    existing: list[list[Event]] = []
    stale: list[str] = []
    if article_ids is None:
        members = _events(con.execute(f"SELECT {', '.join(EVENT_FIELDS)} FROM events"))
    else:
        ids = list(article_ids)
        stale = sorted(
            set(dissolve)
            | {
                r[0]
                for r in con.execute(
                    "SELECT DISTINCT canonical_id FROM event_mentions WHERE article_id IN (SELECT unnest(?))", [ids]
                ).fetchall()
            }
        )
        members = _events(
            con.execute(
                # one semi-join (an OR of two would read every column of every event before filtering)
                f"""SELECT {", ".join(EVENT_FIELDS)} FROM events WHERE event_id IN (
                    SELECT event_id FROM events WHERE article_id IN (SELECT unnest(?)) UNION
                    SELECT event_id FROM event_mentions WHERE canonical_id IN (SELECT unnest(?)))""",
                [ids, stale],
            )
        )
        loose = {e.event_id for e in members}
        found = [c for c in _candidates(con, members) if c.event_id not in loose]
        group_of = dict(
            con.execute(
                "SELECT event_id, canonical_id FROM event_mentions WHERE event_id IN (SELECT unnest(?))",
                [[c.event_id for c in found]],
            ).fetchall()
        )
        members += [c for c in found if c.event_id not in group_of]  # never grouped (a run cut short)
        joinable = sorted(set(group_of.values()))
        cur = con.execute(
            f"""SELECT m.canonical_id, {", ".join(f"e.{f}" for f in EVENT_FIELDS)} FROM event_mentions m
                JOIN events e USING (event_id) WHERE m.canonical_id IN (SELECT unnest(?))""",
            [joinable],
        )
        names = [d[0] for d in cur.description or []][1:]
        groups: dict[str, list[Event]] = {}
        for row in cur.fetchall():
            values = dict(zip(names, row[1:], strict=True))
            values["actors"] = tuple(values["actors"] or ())
            groups.setdefault(row[0], []).append(Event(**values))
        existing = [groups[c] for c in joinable if c in groups]
        stale += joinable
    merged = merge_events(members, existing)
    members = [e for g in existing for e in g] + members
    now = _now()
    canonical = [
        {"canonical_id": c.canonical_id, "trigger": c.trigger, "description": c.description, "actors": list(c.actors),
         "place": c.place, "status": c.status, "value": c.value, "granularity": c.granularity,
         "date_start": c.date_start, "date_end": c.date_end, "confidence": c.confidence,
         "representative_event_id": c.representative_event_id, "sources": c.sources, "mentions": len(c.event_ids),
         "refreshed_at": now}
        for c in merged
    ]  # fmt: skip
    article_of = {e.event_id: e.article_id for e in members}
    mentions = [
        {"event_id": i, "canonical_id": c.canonical_id, "article_id": article_of[i]}
        for c in merged
        for i in c.event_ids
    ]
    # With article_ids, every canonical event a member was in is in stale: the members are the articles'
    # events (their groups: the first query), the other members of those groups, the members of the groups
    # they can join (joinable) and candidates never grouped; stale holds those groups and ``dissolve``.
    con.execute("BEGIN TRANSACTION")
    try:
        if article_ids is None:
            con.execute("DELETE FROM event_mentions")
            con.execute("DELETE FROM canonical_events")
        else:
            con.execute("DELETE FROM canonical_events WHERE canonical_id IN (SELECT unnest(?))", [stale])
            gone = con.execute(
                """DELETE FROM event_mentions WHERE canonical_id IN (SELECT unnest(?))
                   OR event_id IN (SELECT unnest(?)) OR article_id IN (SELECT unnest(?)) RETURNING event_id""",
                [stale, list(article_of), list(article_ids)],
            ).fetchall()
        for table, rows in (("canonical_events", canonical), ("event_mentions", mentions)):
            if rows:
                insert_arrow(con, table, pa.Table.from_pylist(rows))
        if article_ids is None:
            update_timeline(con)
        else:  # the events whose mention row went or came: all of them are among the members (or gone)
            _drop_timeline(con, pa.table({"event_id": pa.array(sorted({r[0] for r in gone} | set(article_of)),
                                                                 pa.string())}))  # fmt: skip
            _refreshed_timeline(con, members, canonical, mentions)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise WarehouseError(f"refreshing canonical events failed: {_one_line(exc)}") from exc
    count = con.execute("SELECT count(*) FROM canonical_events").fetchone()
    return int(count[0]) if count else 0


def _refreshed_timeline(
    con: duckdb.DuckDBPyConnection, members: Sequence[Event], canonical: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
) -> None:
    """Write the timeline rows of a refresh's members from the rows it has just written."""
    if not members:
        return
    tables = {
        "_events": pa.Table.from_pylist(_records(members, EVENT_COLUMNS)),
        "_canonical": pa.Table.from_pylist(canonical) if canonical else None,
        "_mentions": pa.Table.from_pylist(mentions) if mentions else None,
    }
    relations = {
        "events": "_events",
        "articles": "(SELECT article_id, title, published, source FROM articles "
        "WHERE article_id IN (SELECT article_id FROM _events))",
        "mentions": "_mentions" if mentions else "(SELECT * FROM event_mentions WHERE false)",
        "canonical": "_canonical" if canonical else "(SELECT * FROM canonical_events WHERE false)",
    }
    for name, table in tables.items():
        if table is not None:
            con.register(name, table)
    try:
        _write_timeline(con, relations)
    finally:
        for name, table in tables.items():
            if table is not None:
                con.unregister(name)


@dataclass(frozen=True)
class StoredArticle:
    """What the warehouse holds of an article: enough to tell whether an input changed."""

    article_id: str
    source: str
    content_hash: str
    published: date | None
    title: str
    url: str


def stored_articles(
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], hashes: Sequence[str] = ()
) -> dict[str, StoredArticle]:
    """Stored articles with one of ``article_ids`` or ``hashes``, by article id."""
    rows = con.execute(
        """SELECT article_id, source, content_hash, published, coalesce(title, ''), coalesce(url, '') FROM articles
           WHERE article_id IN (SELECT unnest(?)) OR content_hash IN (SELECT unnest(?))""",
        [list(article_ids), list(hashes)],
    ).fetchall()
    return {r[0]: StoredArticle(*r) for r in rows}


def stored_results(
    con: duckdb.DuckDBPyConnection, article_id: str
) -> tuple[list[TimeMention], list[EventReading], int]:
    """The time expressions and event readings stored for an article, as records (for re-anchoring), and
    how many events it has (an article loaded before readings were stored has events and no readings)."""
    columns = {c: a for c, a in TIMEX_COLUMNS.items() if c != "timex_id"}
    cols = ", ".join(columns)
    mentions = [
        TimeMention(**{columns[c]: v for c, v in zip(columns, row, strict=True)})
        for row in con.execute(
            f"SELECT {cols} FROM time_expressions WHERE article_id = ? ORDER BY start_char", [article_id]
        ).fetchall()
    ]
    names = list(READING_COLUMNS)
    readings = []
    for row in con.execute(
        f"SELECT {', '.join(names)} FROM event_readings WHERE article_id = ? ORDER BY position", [article_id]
    ).fetchall():
        values = dict(zip(names, row, strict=True))
        values["actors"] = tuple(values["actors"] or ())
        values["noun_actors"] = tuple(values["noun_actors"] or ())
        values["actor_kinds"] = tuple(values["actor_kinds"] or ())
        readings.append(EventReading(**values))
    count = con.execute("SELECT count(*) FROM events WHERE article_id = ?", [article_id]).fetchone()
    return mentions, readings, int(count[0]) if count else 0


def stored_article(con: duckdb.DuckDBPyConnection, key: str) -> Article:
    """The stored article whose id or source is ``key`` (or whose source ends with it, if only one does)."""
    rows = con.execute(
        """SELECT source, text, published, title, url, date_source, date_conflict, dateline_city, dateline_date,
                  agency, byline, date_evidence FROM articles
           WHERE article_id = ? OR source = ? OR source LIKE '%/' || ? ORDER BY source""",
        [key, key, key],
    ).fetchall()
    if not rows:
        raise WarehouseError(f"no article {key!r} in the warehouse: give its id, its source or its file name")
    if len(rows) > 1:
        shown = ", ".join(r[0] for r in rows[:3])
        raise WarehouseError(f"{key!r} matches {len(rows)} articles ({shown} ...): give its id or full source")
    source, text, published, title, url, date_source, conflict, city, dateline_date, agency, byline, found = rows[0]
    from .sources.wire import read_lead  # the blanked lead is not stored: read again from the same text

    lead = read_lead(text)
    return Article(
        source=source, text=text, published=published, title=title or "", url=url or "", masked=lead.masked,
        dateline_city=city, dateline_date=dateline_date, agency=agency, byline=byline, date_source=date_source,
        date_conflict=conflict, story_start=lead.end,
        date_evidence=tuple((str(s), str(v)) for s, v in json.loads(found or "[]")),
    )  # fmt: skip


def anchor_overrides(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> dict[str, date]:
    """Publication dates set by hand for these articles."""
    rows = con.execute(
        "SELECT article_id, published FROM anchor_overrides WHERE article_id IN (SELECT unnest(?))", [list(article_ids)]
    ).fetchall()
    return dict(rows)


def set_anchor_override(con: duckdb.DuckDBPyConnection, article_id: str, published: date) -> None:
    con.execute("INSERT OR REPLACE INTO anchor_overrides VALUES (?, ?, ?)", [article_id, published, _now()])


@dataclass(frozen=True)
class RunStatus:
    run_columns: list[str]
    runs: list[tuple[Any, ...]]
    rejection_columns: list[str]
    rejections: list[tuple[Any, ...]]


RUNS_SQL = f"""
SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started, round(seconds, 1) AS seconds,
       CASE WHEN finished_at IS NOT NULL THEN 'finished'
            WHEN interrupted IS NOT NULL THEN 'interrupted by ' || interrupted ELSE 'running or killed' END
       || CASE WHEN finished_at IS NOT NULL THEN ''
               WHEN made_good_by IS NULL THEN ', not made good yet' ELSE ', made good by ' || made_good_by END AS state,
       inputs, articles_loaded AS loaded, articles_reanchored AS reanchored, articles_unchanged AS unchanged,
       articles_rejected AS rejected, articles_forgotten AS forgotten, events
FROM runs LEFT JOIN ({MADE_GOOD_SQL}) USING (run_id) ORDER BY started_at DESC LIMIT ?
"""


def run_status(path: Path | str, last: int = 10, wait_seconds: float = READ_WAIT_SECONDS) -> RunStatus:
    """The last ``last`` runs and the inputs refused by the most recent one, with their reasons."""
    run_columns, runs = query(path, RUNS_SQL, [last], wait_seconds=wait_seconds)
    rejection_columns, rejections = query(
        path,
        """SELECT source, reason FROM ingest_log WHERE status = 'rejected'
           AND run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1) ORDER BY source""",
        wait_seconds=wait_seconds,
    )
    return RunStatus(run_columns, runs, rejection_columns, rejections)


# ---- reading -------------------------------------------------------------------------------------


READ_ONLY_REFUSAL = re.compile(r'statement of type "(?P<kind>\w+)" on database "[^"]*" which is attached in read-only')
# Statements that write files or other databases, or load code: refused before they run. The session
# settings of :func:`_lock_down` refuse them too (and any file access), whatever the parser says.
WRITING_STATEMENTS = {
    duckdb.StatementType.COPY: "COPY", duckdb.StatementType.EXPORT: "EXPORT DATABASE",
    duckdb.StatementType.ATTACH: "ATTACH", duckdb.StatementType.DETACH: "DETACH",
    duckdb.StatementType.LOAD: "INSTALL/LOAD",
}  # fmt: skip


def _lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """No file access (COPY TO, EXPORT, ATTACH, INSTALL/LOAD, read_csv ...) on this connection, for good.

    ``lock_configuration`` makes every later ``SET``/``RESET`` fail, so user SQL cannot turn it back on.
    """
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _refuse_writes(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(_one_line(exc)) from exc
    for statement in statements:
        kind = WRITING_STATEMENTS.get(statement.type)
        copy_database = statement.query.lstrip()[:4].upper() == "COPY"  # COPY FROM DATABASE parses as a PRAGMA
        if kind is None and statement.type == duckdb.StatementType.PRAGMA and copy_database:
            kind = "COPY FROM DATABASE"
        if kind is not None:
            raise QueryError(
                f"the warehouse is read-only for queries: {kind} statements are refused "
                "(queries read the warehouse only; no file or other database is written)"
            )


def _query_error(exc: duckdb.Error) -> QueryError:
    message = _one_line(exc)
    if isinstance(exc, duckdb.PermissionException):
        return QueryError(
            "the warehouse is read-only for queries and files are out of reach: "
            f"{message.removeprefix('Permission Error: ')}"
        )
    refused = READ_ONLY_REFUSAL.search(message)
    if refused:
        return QueryError(
            f"the warehouse is read-only for queries: {refused.group('kind')} statements are refused "
            "(its data changes only through 'timeline run')"
        )
    if "read-only" in message.lower() or "read only" in message.lower():
        return QueryError(f"the warehouse is read-only for queries: {message}")
    return QueryError(message)


def query(
    path: Path | str, sql: str, params: Sequence[Any] | None = None, wait_seconds: float = READ_WAIT_SECONDS
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` on a read-only connection; return column names and rows.

    While a run loads a batch, wait up to ``wait_seconds`` for the load to end (see :func:`connect`)."""
    if not sql.strip():
        raise QueryError("no SQL given")
    with connect(path, read_only=True, wait_seconds=wait_seconds) as con:
        _refuse_writes(con, sql)
        _lock_down(con)
        try:
            cur = con.execute(sql, params or [])
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.Error as exc:
            raise _query_error(exc) from exc


def query_table(
    path: Path | str, sql: str, params: Sequence[Any] | None = None, wait_seconds: float = READ_WAIT_SECONDS
) -> pa.Table:
    """Run a SELECT on a read-only connection; return the result as an Arrow table (column types kept)."""
    with connect(path, read_only=True, wait_seconds=wait_seconds) as con:
        _refuse_writes(con, sql)
        _lock_down(con)
        try:
            return con.sql(sql, params=list(params or [])).to_arrow_table()
        except duckdb.Error as exc:
            raise _query_error(exc) from exc


TIMELINE_SQL = """
SELECT date, granularity, status, event, actors, place, time_text, sentence, article, published
FROM timeline
"""
