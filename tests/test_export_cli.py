"""Exports and the command line: files that read back, one-line errors, documented commands."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest
from typer.testing import CliRunner

from timeline import pipeline, warehouse
from timeline.cli import app
from timeline.export import EXPORT_COLUMNS, export
from timeline.records import Article

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture()
def filled(nlp, warehouse_path) -> Path:
    articles = [
        Article("a", "Macron visited the White House on Monday.", date(2025, 2, 25), "A"),
        Article("b", "Starmer will follow on Thursday. Prices rose this week.", date(2025, 2, 25), "B"),
    ]
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, pipeline.process_batch(articles), "r1")
    return warehouse_path


def test_csv_round_trips_through_duckdb(filled, tmp_path):
    out = tmp_path / "t.csv"
    assert export(filled, "csv", out) == 3
    rows = duckdb.sql(f"SELECT * FROM read_csv('{out}', header=true, all_varchar=true)").fetchall()
    cols = duckdb.sql(f"SELECT * FROM read_csv('{out}', header=true)").columns
    assert cols[:10] == EXPORT_COLUMNS[:10]
    assert [r[0] for r in rows] == ["2025-02-24", "2025-W09", "2025-02-27"]


def test_parquet_round_trips(filled, tmp_path):
    out = tmp_path / "t.parquet"
    export(filled, "parquet", out)
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}')").fetchall() == [(3,)]


def test_xlsx_has_date_cells_header_and_filter(filled, tmp_path):
    out = tmp_path / "t.xlsx"
    export(filled, "xlsx", out)
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]][:10] == EXPORT_COLUMNS[:10]
    assert isinstance(sheet["A2"].value, datetime) and sheet["A2"].is_date
    assert sheet["A3"].value == "2025-W09"  # a week stays ISO text
    assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"


def test_query_command_formats(filled):
    result = runner.invoke(app, ["query", "SELECT date, status FROM timeline", "--warehouse", str(filled), "--csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == ["date,status", "2025-02-24,occurred"]
    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM events", "-w", str(filled), "--json"])
    assert '"n": 3' in result.output


def test_cli_errors_are_one_line(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "timeline.cli", "query", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error: no warehouse") and len(proc.stderr.strip().splitlines()) == 1


def test_warehouse_from_environment(filled, monkeypatch):
    monkeypatch.setenv("TIMELINE_WAREHOUSE", str(filled))
    result = runner.invoke(app, ["query", "SELECT count(*) FROM articles", "--csv"])
    assert result.output.splitlines()[-1] == "2"


def test_every_command_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from timeline.cli_eval import eval_app

    commands = [[c.name or c.callback.__name__] for c in app.registered_commands]
    commands += [["eval", c.name or c.callback.__name__] for c in eval_app.registered_commands]
    assert commands
    for words in commands:
        name = " ".join(words)
        assert re.search(rf"timeline {name}\b", readme), f"README does not show 'timeline {name}'"
        result = runner.invoke(app, [*words, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
