"""The warehouse: migrations, idempotent loads, read-only queries."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from timeline import pipeline, warehouse
from timeline.errors import QueryError, WarehouseError
from timeline.records import Article, BatchResult, Rejection


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
    import subprocess
    import sys

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
