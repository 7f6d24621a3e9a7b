"""The warehouse: migrations, idempotent loads, read-only queries."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from timeline import pipeline, sources, warehouse
from timeline.errors import QueryError, WarehouseError
from timeline.records import Article, BatchResult, Rejection

from .conftest import SEEDS


def _article(source: str, text: str) -> Article:
    return Article(source=source, text=text, published=date(2025, 2, 25), title=source)


@pytest.fixture()
def batch(nlp) -> BatchResult:
    return pipeline.process_batch(
        [_article("a", "Macron visited the White House on Monday."), _article("b", "Starmer will follow on Thursday.")]
    )


def counts(path) -> dict[str, int]:
    with warehouse.connect(path, read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "events", "time_expressions")
        }


def test_migrations_are_recorded_once(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        first = con.execute("SELECT version FROM schema_migrations").fetchall()
        assert warehouse.migrate(con) == []
    with warehouse.connect(warehouse_path) as con:
        assert con.execute("SELECT version FROM schema_migrations").fetchall() == first


def test_reloading_a_batch_does_not_duplicate(warehouse_path, batch):
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, batch, "r1")
    once = counts(warehouse_path)
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, batch, "r2")
    assert counts(warehouse_path) == once == {"articles": 2, "events": 2, "time_expressions": 2}


def test_rejections_are_logged(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, BatchResult(rejections=(Rejection("x.txt", "empty article"),)), "r1")
    _, rows = warehouse.query(warehouse_path, "SELECT source, status, reason FROM ingest_log")
    assert rows == [("x.txt", "rejected", "empty article")]


def _states(path) -> dict[str, str]:
    _, rows = warehouse.query(path, "SELECT run_id, state FROM (" + warehouse.RUNS_SQL + ")", [50])
    return dict(rows)


def _logged(con, run_id: str, source: str) -> None:
    warehouse.load_batch(con, BatchResult(rejections=(Rejection(source, "empty article"),)), run_id)


def test_an_unfinished_run_counts_until_a_later_run_makes_it_good(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "a")
        _logged(con, "a", "a.txt")
        con.execute("UPDATE runs SET interrupted = 'SIGTERM' WHERE run_id = 'a'")
        warehouse.start_run(con, "killed")
        _logged(con, "killed", "k.txt")
        assert warehouse.unfinished_runs(con, "b") == ["a", "killed"]  # the next run's refresh covers both
        warehouse.start_run(con, "b")
        warehouse.finish_run(con, "b")
        assert warehouse.unfinished_runs(con, "c") == []  # b's refresh brought their merged events up to date
    assert _states(warehouse_path) == {
        "a": "interrupted by SIGTERM, made good by b", "killed": "running or killed, made good by b", "b": "finished",
    }  # fmt: skip


def test_a_run_still_writing_after_a_later_run_finished_is_not_made_good(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "slow")
        _logged(con, "slow", "1.txt")
        warehouse.start_run(con, "quick")
        warehouse.finish_run(con, "quick")
        assert warehouse.unfinished_runs(con, "next") == []
        _logged(con, "slow", "2.txt")  # a batch loaded after quick's refresh: not covered by it
        assert warehouse.unfinished_runs(con, "next") == ["slow"]
        assert warehouse.unfinished_runs(con, "slow") == []  # never its own
    assert _states(warehouse_path)["slow"] == "running or killed, not made good yet"


def test_query_is_read_only(warehouse_path, batch):
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, batch, "r1")
    before = counts(warehouse_path)
    with pytest.raises(QueryError, match="read-only"):
        warehouse.query(warehouse_path, "DELETE FROM events")
    assert counts(warehouse_path) == before


def test_bad_sql_is_one_line(warehouse_path, batch):
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, batch, "r1")
    with pytest.raises(QueryError) as info:
        warehouse.query(warehouse_path, "SELEC nonsense")
    assert "\n" not in str(info.value)


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(WarehouseError, match="no warehouse"):
        warehouse.query(tmp_path / "none.duckdb", "SELECT 1")


def test_second_writer_fails_with_a_clear_message(warehouse_path, tmp_path):
    with warehouse.connect(warehouse_path):
        code = (
            "import sys; from timeline import warehouse\n"
            "from timeline.errors import WarehouseError\n"
            "try:\n"
            f"    warehouse.connect({str(warehouse_path)!r}).__enter__()\n"
            "except WarehouseError as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert "in use by another writer" in proc.stdout


def test_timeline_view_is_ordered_by_date(warehouse_path, batch):
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, batch, "r1")
    _, rows = warehouse.query(warehouse_path, "SELECT date, status FROM timeline")
    assert rows == [("2025-02-24", "occurred"), ("2025-02-27", "planned")]
    assert isinstance(duckdb.__version__, str)


# ---- schema: migrations from zero, upgrades, comments --------------------------------------------

ANALYST_VIEWS = ("timeline", "events_by_actor", "actors", "events_by_day", "schema_doc")
# runs and ingest_log are left out: the ingest migrations add columns to them and comment those
DOCUMENTED = ("articles", "time_expressions", "events", "events_by_actor", "actors", "events_by_day")


def _relations(con) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "UNION SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    return {r[0] for r in rows}


def _only_first_migration(path) -> None:
    """A warehouse as the first release left it: 001 applied, one article and one event in it."""
    version, sql = warehouse.migration_files()[0]
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    con.execute(sql)
    con.execute("INSERT INTO schema_migrations VALUES (?, now())", [version])
    con.execute(
        "INSERT INTO articles (article_id, source, title, published, content_hash, text, loaded_at) "
        "VALUES ('a1', 'old.txt', 'Old', DATE '2025-02-25', 'h', 'Macron met Starmer on Monday.', now())"
    )
    con.execute(
        "INSERT INTO events (event_id, article_id, timex_id, trigger, description, actors, status, value, "
        "granularity, date_start, date_end) VALUES ('e1', 'a1', 't1', 'meet', 'Macron met Starmer', "
        "['Emmanuel Macron', 'Keir Starmer'], 'occurred', '2025-02-24', 'day', DATE '2025-02-24', DATE '2025-02-24')"
    )
    con.close()


def test_schema_builds_from_zero(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        versions = [v for v, _ in warehouse.migration_files()]
        assert warehouse.applied_migrations(con) == versions
        assert warehouse.pending_migrations(con) == []
        assert set(ANALYST_VIEWS) <= _relations(con)
        for view in ANALYST_VIEWS:
            con.execute(f"SELECT * FROM {view}").fetchall()


def test_rerunning_the_migrations_is_a_no_op(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        before = con.execute("SELECT * FROM schema_migrations ORDER BY version").fetchall()
        schema = con.execute("SELECT * FROM schema_doc").fetchall()
        assert warehouse.migrate(con) == []
        for version, sql in warehouse.migration_files():
            # the analyst views and comments can even run twice by hand (in order: 06x and 071 redefine views of 020)
            if version.startswith(("02", "06", "071")):
                con.execute(sql)
        assert con.execute("SELECT * FROM schema_migrations ORDER BY version").fetchall() == before
        assert con.execute("SELECT * FROM schema_doc").fetchall() == schema


def test_an_older_warehouse_is_upgraded_and_keeps_its_data(warehouse_path):
    warehouse_path.parent.mkdir(parents=True)
    _only_first_migration(warehouse_path)
    with warehouse.connect(warehouse_path) as con:
        assert warehouse.applied_migrations(con) == [v for v, _ in warehouse.migration_files()]
        assert con.execute("SELECT count(*) FROM events").fetchone() == (1,)
        rows = con.execute("SELECT actor, date FROM events_by_actor").fetchall()
    assert rows == [("Emmanuel Macron", "2025-02-24"), ("Keir Starmer", "2025-02-24")]


def test_a_read_only_open_upgrades_an_older_warehouse_first(warehouse_path):
    warehouse_path.parent.mkdir(parents=True)
    _only_first_migration(warehouse_path)
    _, rows = warehouse.query(warehouse_path, "SELECT day, events, occurred FROM events_by_day")
    assert rows == [(date(2025, 2, 24), 1, 1)]


def test_a_warehouse_under_a_file_is_one_error(tmp_path):
    (tmp_path / "t.duckdb").write_text("")
    with pytest.raises(WarehouseError, match=r"cannot create the warehouse's folder .*t\.duckdb: a file of that name"):
        with warehouse.connect(tmp_path / "t.duckdb" / "sub.duckdb"):
            pass


def test_a_warehouse_of_a_newer_schema_is_read_but_never_written(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        con.execute("INSERT INTO schema_migrations VALUES ('999_from_a_later_version', now())")
    with pytest.raises(WarehouseError, match=r"schema is newer than this version of timeline \(migration 999_"):
        with warehouse.connect(warehouse_path):
            pass
    _, rows = warehouse.query(warehouse_path, "SELECT count(*) FROM schema_migrations WHERE version LIKE '999%'")
    assert rows == [(1,)]  # read-only commands still read it


def test_every_column_is_commented(warehouse_path):
    with warehouse.connect(warehouse_path):
        pass
    _, rows = warehouse.query(
        warehouse_path,
        "SELECT table_name, column_name FROM schema_doc WHERE comment IS NULL AND list_contains(?, table_name)",
        [list(DOCUMENTED)],
    )
    assert rows == [], f"add COMMENT ON COLUMN in a migration for: {', '.join(f'{t}.{c}' for t, c in rows)}"
    _, views = warehouse.query(warehouse_path, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal")
    assert all(comment for name, comment in views if name in ANALYST_VIEWS), views


# ---- the analyst views ---------------------------------------------------------------------------


@pytest.fixture()
def meeting(warehouse_path) -> None:
    """Four events written straight into the tables: two actors, a week, a day with no actor."""
    with warehouse.connect(warehouse_path):
        pass
    con = duckdb.connect(str(warehouse_path))
    con.execute(
        "INSERT INTO articles (article_id, source, title, published, content_hash, text, loaded_at) VALUES "
        "('a1', 'a.txt', 'A', DATE '2025-02-25', 'h', '', now()), "
        "('a2', 'b.txt', 'B', DATE '2025-02-26', 'h', '', now())"
    )
    con.execute(
        """INSERT INTO events (event_id, article_id, timex_id, trigger, description, actors, status, value,
           granularity, date_start, date_end) VALUES
           ('e1', 'a1', 't1', 'meet', 'Macron met Starmer', ['Macron', 'Starmer'], 'occurred', '2025-02-24', 'day',
            DATE '2025-02-24', DATE '2025-02-24'),
           ('e2', 'a1', 't2', 'visit', 'Starmer will visit', ['Starmer'], 'planned', '2025-02-27', 'day',
            DATE '2025-02-27', DATE '2025-02-27'),
           ('e3', 'a2', 't3', 'talk', 'talks this week', ['Macron'], 'occurred', '2025-W09', 'week',
            DATE '2025-02-24', DATE '2025-03-02'),
           ('e4', 'a2', 't4', 'say', 'prices rose', [], 'reported', '2025-02-24', 'day',
            DATE '2025-02-24', DATE '2025-02-24')"""
    )
    warehouse.update_timeline(con)  # rows written by hand: the timeline table made from them
    con.close()


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "SELECT actor, event_id, status FROM events_by_actor",
            [("Macron", "e1", "occurred"), ("Macron", "e3", "occurred"), ("Starmer", "e1", "occurred"),
             ("Starmer", "e2", "planned")],
        ),
        (
            "SELECT actor, events, articles, occurred, planned, first_date, last_date FROM actors",
            [("Macron", 2, 2, 2, 0, date(2025, 2, 24), date(2025, 3, 2)),
             ("Starmer", 2, 1, 1, 1, date(2025, 2, 24), date(2025, 2, 27))],
        ),
        (
            "SELECT day, events, day_precise, occurred, planned, reported, articles FROM events_by_day",
            # the week e3 is not counted on its Monday: day-precise events only
            [(date(2025, 2, 24), 2, 2, 1, 0, 1, 2), (date(2025, 2, 27), 1, 1, 0, 1, 0, 1)],
        ),
    ],
)  # fmt: skip
def test_analyst_views(warehouse_path, meeting, sql, expected):
    _, rows = warehouse.query(warehouse_path, sql)
    assert rows == expected


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM events",
        "UPDATE events SET status = 'planned'",
        "INSERT INTO runs (run_id, started_at) VALUES ('x', now())",
        "DROP VIEW timeline",
        "CREATE TABLE scratch AS SELECT 1",
        "COMMENT ON TABLE events IS 'changed'",
        "BEGIN; DELETE FROM events; COMMIT",
    ],
)
def test_every_kind_of_write_is_refused(warehouse_path, meeting, sql):
    before = counts(warehouse_path)
    with pytest.raises(QueryError, match="read-only for queries") as info:
        warehouse.query(warehouse_path, sql)
    assert "\n" not in str(info.value)
    assert counts(warehouse_path) == before
    _, rows = warehouse.query(warehouse_path, "SELECT status FROM events ORDER BY event_id")
    assert rows == [("occurred",), ("planned",), ("occurred",), ("reported",)]


def test_a_new_warehouse_is_readable_by_older_duckdb_releases(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        (tags,) = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    assert tags["storage_version"] == warehouse.STORAGE_COMPATIBILITY + "+"


# the CLI from the duckdb-cli wheel sits beside this Python; one on the PATH will do too
DUCKDB_CLI = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")


@pytest.mark.skipif(DUCKDB_CLI is None, reason="the duckdb CLI is not installed (pip install duckdb-cli)")
def test_the_duckdb_cli_reads_the_views(warehouse_path, meeting):
    proc = subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-csv", str(warehouse_path), "-c", "SELECT actor, events FROM actors"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["actor,events", "Macron,2", "Starmer,2"]


# ---- the README's example queries run on the seed warehouse --------------------------------------

README = Path(__file__).resolve().parent.parent / "README.md"


def example_queries() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Example queries\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, re.DOTALL)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "timeline.duckdb"
    articles = [a for a in sources.read_articles([SEEDS]) if isinstance(a, Article)]
    with warehouse.connect(path) as con:
        warehouse.load_batch(con, pipeline.process_batch(articles), "seed")
    return path


def test_the_readme_has_the_example_queries():
    queries = example_queries()
    assert len(queries) >= 4
    for topic in ("timeline", "a.actor < b.actor", "status = 'planned'", "events_by_actor"):
        assert any(topic in q for q in queries), topic


@pytest.mark.parametrize("sql", example_queries(), ids=lambda sql: " ".join(sql.split())[:40])
def test_example_query_runs_on_the_seed(seeded, sql):
    columns, rows = warehouse.query(seeded, sql)
    assert columns and rows, f"no rows from:\n{sql}"


def test_a_connection_can_be_held_to_one_thread(warehouse_path):
    """A run loads its batches on one DuckDB thread (its workers parse on every core meanwhile)."""
    with warehouse.connect(warehouse_path, threads=1) as con:
        assert con.execute("SELECT current_setting('threads')").fetchone() == (1,)
    with warehouse.connect(warehouse_path) as con:
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] >= 1
