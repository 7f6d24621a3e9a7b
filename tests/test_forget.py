"""timeline forget: an article and everything derived from it removed, as a logged run; day counts; ranges."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from timeline import pipeline, warehouse
from timeline.errors import ExportError, WarehouseError
from timeline.export import Filters
from timeline.forget import forget
from timeline.records import Article
from timeline.settings import load_settings

from .conftest import assert_timeline_current

ARTICLES = [
    Article(
        "inbox/a.txt", "Emmanuel Macron visited the White House on Monday. Talks resume in 2026.", date(2025, 2, 25)
    ),  # noqa: E501
    Article("inbox/b.txt", "Macron visited the White House on Monday, officials said.", date(2025, 2, 25)),
]


@pytest.fixture()
def loaded(nlp, warehouse_path) -> Path:
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1", inputs=2)
        warehouse.load_batch(con, pipeline.process_batch(ARTICLES), "r1")
        warehouse.set_anchor_override(con, ARTICLES[0].article_id, date(2025, 2, 25))
        warehouse.refresh_canonical(con)
        warehouse.finish_run(con, "r1")
    return warehouse_path


def _count(path: Path, sql: str, params: list | None = None) -> int:
    return warehouse.query(path, sql, params)[1][0][0]


def _tables_with_article_id(path: Path) -> list[str]:
    _, rows = warehouse.query(
        path,
        """SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'article_id'
           AND table_name IN (SELECT table_name FROM duckdb_tables()) AND table_name NOT IN ('ingest_log', 'runs')""",
    )
    return [r[0] for r in rows]


def test_forget_removes_the_article_and_everything_derived(loaded):
    gone, kept = ARTICLES[0].article_id, ARTICLES[1].article_id
    tables = _tables_with_article_id(loaded)
    assert {"articles", "events", "time_expressions", "event_mentions", "anchor_overrides"} <= set(tables)
    assert _count(loaded, "SELECT count(*) FROM events WHERE article_id = ?", [gone]) > 0
    summary = forget(load_settings(warehouse=loaded), ["a.txt"])
    assert summary["articles"] == ["inbox/a.txt"] and summary["events"] > 0
    for table in tables:
        assert _count(loaded, f"SELECT count(*) FROM {table} WHERE article_id = ?", [gone]) == 0, table
    assert _count(loaded, "SELECT count(*) FROM events WHERE article_id = ?", [kept]) > 0
    # the merged events are grouped again from what is left: none names the forgotten article any more
    assert _count(loaded, "SELECT count(*) FROM canonical_events") > 0
    assert _count(loaded, "SELECT count(*) FROM event_mentions em LEFT JOIN events e USING (event_id) "
                          "WHERE e.event_id IS NULL") == 0  # fmt: skip
    events = _count(loaded, "SELECT count(*) FROM events")
    with warehouse.connect(loaded) as con:  # the timeline shows the kept article's events, unmerged now
        assert_timeline_current(con)
        assert con.execute("SELECT count(*), max(sources) FROM timeline").fetchone() == (events, 1)
    _, runs = warehouse.query(
        loaded, "SELECT inputs, articles_forgotten, finished_at IS NOT NULL FROM runs WHERE run_id = ?",
        [summary["run_id"]],
    )  # fmt: skip
    assert runs == [(1, 1, True)]
    _, log = warehouse.query(loaded, "SELECT source, status, article_id FROM ingest_log WHERE run_id = ?",
                             [summary["run_id"]])  # fmt: skip
    assert log == [("inbox/a.txt", "forgotten", gone)]
    assert _count(loaded, "SELECT count(*) FROM ingest_log WHERE run_id = 'r1'") == 2  # history kept


def test_an_unknown_article_refuses_the_command_and_removes_nothing(loaded):
    before = _count(loaded, "SELECT count(*) FROM events")
    with pytest.raises(WarehouseError, match="no article 'nope.txt'"):
        forget(load_settings(warehouse=loaded), ["a.txt", "nope.txt"])
    assert _count(loaded, "SELECT count(*) FROM events") == before
    assert _count(loaded, "SELECT count(*) FROM runs") == 1


def test_forget_command(loaded):
    proc = subprocess.run(
        [sys.executable, "-m", "timeline.cli", "forget", "b.txt", "-w", str(loaded)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "forgot 1 article (inbox/b.txt)" in proc.stderr
    assert _count(loaded, "SELECT count(*) FROM articles") == 1


def test_events_by_day_counts_day_precise_events_only(loaded):
    _, rows = warehouse.query(loaded, "SELECT day, granularity, events, day_precise FROM events_by_day")
    assert rows and all(g == "day" and n == p for _, g, n, p in rows)
    day_events = _count(loaded, "SELECT count(*) FROM events WHERE granularity = 'day'")
    assert sum(r[2] for r in rows) == day_events
    assert _count(loaded, "SELECT count(*) FROM events WHERE granularity = 'year'") > 0  # "in 2026"
    assert date(2026, 1, 1) not in [r[0] for r in rows]
    _, comments = warehouse.query(
        loaded, "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'events_by_day'"
    )
    assert all(comment for _, comment in comments), comments  # CREATE OR REPLACE VIEW dropped them once


def test_a_reversed_range_is_refused():
    with pytest.raises(ExportError, match="--from 2025-03-01 is after --to 2025-02-28"):
        Filters(date_from=date(2025, 3, 1), date_to=date(2025, 2, 28))


@pytest.mark.parametrize("command", ["export", "plot"])
def test_a_reversed_range_is_one_line(loaded, tmp_path, command):
    out = tmp_path / ("x.csv" if command == "export" else "x.svg")
    proc = subprocess.run(
        [sys.executable, "-m", "timeline.cli", command, "--out", str(out), "--from", "2025-03", "--to", "2025-02",
         "-w", str(loaded)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: --from 2025-03-01 is after --to 2025-02-28")
    assert len(proc.stderr.strip().splitlines()) == 1 and not out.exists()
