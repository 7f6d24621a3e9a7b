"""Exports and the command line: files that read back, one-line errors, documented commands."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest
from typer.testing import CliRunner

from timeline import cli, pipeline, warehouse
from timeline.cli import app
from timeline.errors import ExportError, QueryError
from timeline.export import EXPORT_COLUMNS, SOURCE_COLUMNS, Filters, export, parse_bound, render_rows, selection_sql
from timeline.records import Article

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture()
def filled(nlp, warehouse_path) -> Path:
    articles = [
        Article("a", "Emmanuel Macron visited the White House on Monday.", date(2025, 2, 25), "A"),
        Article("b", "Starmer will follow on Thursday. Prices rose this week.", date(2025, 2, 25), "B"),
    ]
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, pipeline.process_batch(articles), "r1")
    return warehouse_path


def _warehouse_rows(path: Path, filters: Filters | None = None) -> list[tuple]:
    sql, params = selection_sql(filters or Filters(), EXPORT_COLUMNS)
    return warehouse.query(path, sql, params)[1]


def _text(value) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, date) else str(value)


def test_csv_round_trips_through_duckdb(filled, tmp_path):
    out = tmp_path / "t.csv"
    assert export(filled, "csv", out) == 3
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdate,date_start,")  # UTF-8 with a BOM, then the header
    relation = duckdb.sql(f"SELECT * FROM read_csv('{out}', header=true, all_varchar=true)")
    assert relation.columns == EXPORT_COLUMNS
    expected = [tuple(_text(v) for v in row) for row in _warehouse_rows(filled)]
    assert [tuple(v or "" for v in row) for row in relation.fetchall()] == expected
    assert [r[0] for r in expected] == ["2025-02-24", "2025-W09", "2025-02-27"]
    typed = duckdb.sql(f"SELECT date_start, published FROM read_csv('{out}', header=true)").fetchall()
    assert typed[0] == (date(2025, 2, 24), date(2025, 2, 25))


def test_csv_keeps_quotes_commas_newlines_and_accents(tmp_path):
    row = ('He said "yes", then left', "Zürich\nGenève", "’")
    (tmp_path / "q.txt").write_text(render_rows(["a", "b", "c"], [row], "csv"), encoding="utf-8")
    back = duckdb.sql(f"SELECT * FROM read_csv('{tmp_path / 'q.txt'}', header=true, all_varchar=true)").fetchall()
    assert back == [row]


@pytest.mark.parametrize("spreadsheets", [False, True])
def test_csv_quotes_every_line_break_a_cell_holds(tmp_path, spreadsheets):
    rows = [("a\rb", 1), ("c\r\nd", 2), ("e\nf", 3), ("plain", 4)]  # a bare CR was written unquoted
    text = render_rows(["t", "n"], rows, "csv", for_spreadsheets=spreadsheets)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back == [["t", "n"], *[[t, str(n)] for t, n in rows]]
    (tmp_path / "q.csv").write_text(text, encoding="utf-8", newline="")
    read = duckdb.sql(f"SELECT * FROM read_csv('{tmp_path / 'q.csv'}', header=true, all_varchar=true)").fetchall()
    assert read == [(t, str(n)) for t, n in rows]


def test_parquet_round_trips(filled, tmp_path):
    out = tmp_path / "t.parquet"
    export(filled, "parquet", out)
    relation = duckdb.sql(f"SELECT * FROM read_parquet('{out}')")
    assert relation.columns == EXPORT_COLUMNS
    assert relation.fetchall() == _warehouse_rows(filled)
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert types["date_start"] == "DATE" and types["confidence"] == "DOUBLE"


def test_json_round_trips(filled, tmp_path):
    out = tmp_path / "t.json"
    assert export(filled, "json", out) == 3
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [list(d) for d in data] == [EXPORT_COLUMNS] * 3
    assert [(d["date"], d["status"], d["date_start"]) for d in data] == [
        ("2025-02-24", "occurred", "2025-02-24"), ("2025-W09", "occurred", "2025-02-24"),
        ("2025-02-27", "planned", "2025-02-27"),
    ]  # fmt: skip
    assert duckdb.sql(f"SELECT count(*) FROM read_json('{out}')").fetchall() == [(3,)]


def test_xlsx_has_date_cells_header_filter_widths_and_sources(filled, tmp_path):
    out = tmp_path / "t.xlsx"
    export(filled, "xlsx", out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["timeline", "sources"]
    sheet = book["timeline"]
    assert [c.value for c in sheet[1]] == EXPORT_COLUMNS
    assert isinstance(sheet["A2"].value, datetime) and sheet["A2"].is_date  # a day: a real date cell
    assert sheet["A3"].value == "2025-W09" and sheet["A3"].data_type == "s"  # a week stays ISO text ...
    assert sheet["B3"].is_date and sheet["B3"].value == datetime(2025, 2, 24)  # ... beside its first day
    published = EXPORT_COLUMNS.index("published") + 1
    assert sheet.cell(2, published).is_date
    assert sheet.auto_filter.ref == f"A1:Q{sheet.max_row}" and sheet.freeze_panes == "A2"
    widths = {sheet.cell(1, i + 1).value: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width
              for i in range(len(EXPORT_COLUMNS))}  # fmt: skip
    assert widths["event"] > widths["status"] >= 8 and max(widths.values()) <= 61
    sources = book["sources"]
    assert [c.value for c in sources[1]] == SOURCE_COLUMNS
    rows = [[c.value for c in r] for r in sources.iter_rows(min_row=2)]
    assert [(r[1], r[2], r[4], r[5]) for r in rows] == [
        ("A", datetime(2025, 2, 25), "a", 1),
        ("B", datetime(2025, 2, 25), "b", 2),
    ]
    assert sources.auto_filter.ref and sources.freeze_panes == "A2"


def test_xlsx_never_turns_text_into_formulas(tmp_path, warehouse_path):
    with warehouse.connect(warehouse_path):
        pass
    con = duckdb.connect(str(warehouse_path))
    con.execute(
        "INSERT INTO articles (article_id, source, title, published, content_hash, text, loaded_at) "
        "VALUES ('a1', 'x.txt', '=HYPERLINK(\"http://example.com\")', NULL, 'h', '', now())"
    )
    con.execute(
        "INSERT INTO events (event_id, article_id, timex_id, trigger, description, actors, status, value, "
        "granularity, date_start, date_end) VALUES ('e1', 'a1', 't1', 'x', '=1+1', [], 'occurred', '2025', 'year', "
        "DATE '2025-01-01', DATE '2025-12-31')"
    )
    warehouse.update_timeline(con)  # rows written by hand: the timeline table made from them
    con.close()
    out = tmp_path / "f.xlsx"
    export(warehouse_path, "xlsx", out)
    sheet = openpyxl.load_workbook(out)["timeline"]
    event = sheet.cell(2, EXPORT_COLUMNS.index("event") + 1)
    assert event.value == "=1+1" and event.data_type == "s"
    assert sheet["A2"].value == "2025" and sheet["A2"].data_type == "s"


FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://example.com","x")']


@pytest.fixture()
def formulas(nlp, warehouse_path) -> Path:
    """One article per formula-like title; each dates one event ("Macron visited Paris on Monday")."""
    articles = [
        Article(f"f{i}.txt", f"Emmanuel Macron visited Paris on Monday, story {i}.", date(2025, 2, 25), title)
        for i, title in enumerate(FORMULAS)
    ]
    with warehouse.connect(warehouse_path) as con:
        warehouse.load_batch(con, pipeline.process_batch(articles), "r1")
    return warehouse_path


def test_csv_guards_every_cell_a_spreadsheet_would_run(formulas, tmp_path):
    out = tmp_path / "f.csv"
    assert export(formulas, "csv", out) == len(FORMULAS)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["article"] for r in rows) == sorted("'" + f for f in FORMULAS)  # OWASP: a leading quote
    for row in rows:
        assert not any((v or "").startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())
        assert row["date"] == "2025-02-24" and row["confidence"][0].isdigit()  # dates and numbers as they are
    assert render_rows(["a"], [("=1+1",)], "csv") == "a\n=1+1\n"  # query --csv output is left as it is
    assert render_rows(["a", "b"], [("-x", -0.5)], "csv", for_spreadsheets=True) == "a,b\r\n'-x,-0.5\r\n"


def test_xlsx_writes_formula_like_text_as_text_and_keeps_date_cells(formulas, tmp_path):
    out = tmp_path / "f.xlsx"
    export(formulas, "xlsx", out)
    sheet = openpyxl.load_workbook(out)["timeline"]
    header = [c.value for c in sheet[1]]
    article, day = header.index("article") + 1, header.index("date") + 1
    cells = [sheet.cell(r, article) for r in range(2, sheet.max_row + 1)]
    written = sorted(f.replace("\r", "_x000D_") for f in FORMULAS)  # XLSX escapes CR; openpyxl reads it so
    assert sorted(c.value for c in cells) == written and {c.data_type for c in cells} == {"s"}
    assert all(sheet.cell(r, day).value == datetime(2025, 2, 24) for r in range(2, sheet.max_row + 1))
    sources = openpyxl.load_workbook(out)["sources"]
    titles = [c for row in sources.iter_rows(min_row=2) for c in row if c.value in written]
    assert len(titles) == len(FORMULAS) and {c.data_type for c in titles} == {"s"}


@pytest.mark.parametrize(
    ("filters", "dates"),
    [
        (Filters(), ["2025-02-24", "2025-W09", "2025-02-27"]),
        (Filters(statuses=("planned",)), ["2025-02-27"]),
        (Filters(statuses=("planned", "occurred")), ["2025-02-24", "2025-W09", "2025-02-27"]),
        (Filters(date_from=date(2025, 2, 25)), ["2025-W09", "2025-02-27"]),  # the week reaches into the range
        (Filters(date_to=date(2025, 2, 24)), ["2025-02-24", "2025-W09"]),
        (Filters(date_from=date(2025, 2, 25), date_to=date(2025, 2, 26)), ["2025-W09"]),
        (Filters(actors=("starmer",)), ["2025-02-27"]),
        (Filters(actors=("MACRON", "Starmer")), ["2025-02-24", "2025-02-27"]),
        (Filters(actors=("acro",)), []),  # whole words of a name, not any substring
        (Filters(actors=("macron EMMANUEL",)), ["2025-02-24"]),  # the words of a name, any case and order
        (Filters(contains=("white house",)), ["2025-02-24"]),
        (Filters(contains=("prices", "follow")), ["2025-W09", "2025-02-27"]),
        (Filters(contains=("'; DROP TABLE events; --",)), []),  # a value, never SQL
        (Filters(actors=("Macron') OR TRUE OR ('",)), []),
        (Filters(statuses=("occurred",), contains=("prices",)), ["2025-W09"]),
    ],
)
def test_export_filters(filled, tmp_path, filters, dates):
    out = tmp_path / "f.json"
    assert export(filled, "json", out, filters) == len(dates)
    assert [d["date"] for d in json.loads(out.read_text(encoding="utf-8"))] == dates
    assert warehouse.query(filled, "SELECT count(*) FROM events")[1] == [(3,)]


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2025-02-24", False, date(2025, 2, 24)),
        ("2025-02", False, date(2025, 2, 1)),
        ("2025-02", True, date(2025, 2, 28)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2025-W09", False, date(2025, 2, 24)),
        ("2025-W09", True, date(2025, 3, 2)),
        ("2025", True, date(2025, 12, 31)),
    ],
)
def test_date_bounds(text, end, expected):
    assert parse_bound(text, end) == expected


@pytest.mark.parametrize("text", ["yesterday", "2025-13-01", "25-02-2025", "2025-W60"])
def test_bad_date_bounds_are_refused(text):
    with pytest.raises(ExportError, match="not a date"):
        parse_bound(text)


@pytest.mark.parametrize(
    ("args", "dates"),
    [
        (["--status", "planned"], ["2025-02-27"]),
        (["--from", "2025-02-25", "--to", "2025-02"], ["2025-W09", "2025-02-27"]),
        (["--actor", "macron", "--actor", "starmer"], ["2025-02-24", "2025-02-27"]),
        (["--contains", "Prices"], ["2025-W09"]),
    ],
)
def test_export_command_filters(filled, tmp_path, args, dates):
    out = tmp_path / "e.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "-w", str(filled), *args])
    assert result.exit_code == 0, result.output
    assert [r[0] for r in duckdb.sql(f"SELECT date FROM read_csv('{out}', all_varchar=true)").fetchall()] == dates


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "plannd"], "error: unknown status 'plannd'"),
        (["--from", "soon"], "error: not a date: 'soon'"),
        (["--format", "ods"], "error: unknown format 'ods'"),
    ],
)
def test_export_command_errors_are_one_line(filled, tmp_path, args, message):
    proc = _cli(["export", "--out", str(tmp_path / "x"), "-w", str(filled), *args])
    assert proc.returncode == 1
    assert proc.stderr.startswith(message) and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def _cli(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_query_command_formats(filled):
    result = runner.invoke(app, ["query", "SELECT date, status FROM timeline", "--warehouse", str(filled), "--csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == ["date,status", "2025-02-24,occurred"]
    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM events", "-w", str(filled), "--json"])
    assert json.loads(result.output) == [{"n": 3}]


@pytest.mark.parametrize("flag", [["--markdown"], ["--md"], ["--format", "markdown"]])
def test_query_command_markdown(filled, flag):
    sql = "SELECT date, status, actors FROM timeline WHERE status = 'occurred'"
    result = runner.invoke(app, ["query", sql, "-w", str(filled), *flag])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "| date | status | actors |", "|---|---|---|",
        "| 2025-02-24 | occurred | Emmanuel Macron |", "| 2025-W09 | occurred |  |",
    ]  # fmt: skip


def test_query_command_table_shows_every_row(filled):
    result = runner.invoke(app, ["query", "SELECT date, event FROM timeline", "-w", str(filled)])
    assert result.exit_code == 0
    assert all(text in result.output for text in ("2025-02-24", "2025-W09", "2025-02-27", "Prices rose"))


def test_query_from_a_file_and_from_standard_input(filled, tmp_path):
    sql_file = tmp_path / "q.sql"
    sql_file.write_text("-- planned events\nSELECT date FROM timeline\nWHERE status = 'planned';\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "-f", str(sql_file), "-w", str(filled), "--csv"])
    assert result.output.splitlines() == ["date", "2025-02-27"]
    proc = _cli(["query", "--file", "-", "-w", str(filled), "--csv"], stdin="SELECT count(*) AS n FROM timeline")
    assert proc.stdout.splitlines() == ["n", "3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELEC date FROM timeline"], 'error: Parser Error: syntax error at or near "SELEC"'),
        (["SELECT * FROM nowhere"], "error: Catalog Error: Table with name nowhere does not exist"),
        (["-f", "missing.sql"], "error: cannot read SQL from missing.sql"),
        (["DELETE FROM events"], "error: the warehouse is read-only for queries: DELETE statements are refused"),
        (["DROP VIEW timeline"], "error: the warehouse is read-only for queries: DROP statements are refused"),
    ],
)
def test_query_errors_are_one_line_and_change_nothing(filled, args, message):
    proc = _cli(["query", *args, "-w", str(filled)])
    assert proc.returncode == 1
    assert proc.stderr.startswith(message) and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert warehouse.query(filled, "SELECT count(*) FROM timeline")[1] == [(3,)]


def test_query_needs_sql_or_a_file_but_not_both(filled, tmp_path):
    assert runner.invoke(app, ["query", "-w", str(filled)]).exit_code != 0
    both = runner.invoke(app, ["query", "SELECT 1", "-f", str(tmp_path / "q.sql"), "-w", str(filled)])
    assert both.exit_code != 0 and "not both" in both.output


def test_cli_errors_are_one_line(tmp_path):
    proc = _cli(["query", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb")])
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


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("events.csv", "xlsx", "does not end in .xlsx"),
        ("folder", "csv", "is a folder"),
        ("timeline.duckdb", "csv", "does not end in .csv"),
    ],
)
def test_export_paths_are_validated(filled, tmp_path, name, fmt, message):
    from timeline.errors import ExportError

    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError, match=message):
        export(filled, fmt, tmp_path / name)


def test_export_refuses_to_overwrite_the_warehouse(filled):
    from timeline.errors import ExportError

    with pytest.raises(ExportError, match="warehouse itself"):
        export(filled, "csv", filled.with_name(filled.name + ".wal"))
    with pytest.raises(ExportError, match="warehouse itself"):
        export(filled, "parquet", filled.with_suffix(".parquet").with_name(filled.name))
    assert warehouse.query(filled, "SELECT count(*) FROM events")[1] == [(3,)]


def test_a_failed_export_leaves_no_partial_file(filled, tmp_path, monkeypatch):
    from timeline import export as export_mod
    from timeline.errors import ExportError

    def broken(out, table, sources):  # writes part of the file, then the disk "fills up"
        out.write_bytes(b"PK partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_mod, "_write_xlsx", broken)
    (tmp_path / "t.xlsx").write_bytes(b"the previous export")
    with pytest.raises(ExportError, match="No space left"):
        export(filled, "xlsx", tmp_path / "t.xlsx")
    assert (tmp_path / "t.xlsx").read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx", "wh"]


CTRL_C_SCRIPT = """
import os, signal, sys, time
from timeline import cli, export

signal.signal(signal.SIGINT, signal.default_int_handler)  # as at a terminal, even where SIGINT was ignored

def write_then_ctrl_c(out, *args):
    out.write_bytes(b"PK partial")
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C mid-write
    time.sleep(10)

def duckdb_stopped(*args, **kwargs):
    raise RuntimeError("Query interrupted")  # what DuckDB raises when SIGINT stops a statement

if sys.argv[1] == "write":
    export._write_xlsx = write_then_ctrl_c
else:
    export.select_events = duckdb_stopped
sys.argv = ["timeline", "export", "-w", sys.argv[2], "--out", sys.argv[3]]
cli.main()
"""


@pytest.mark.parametrize("where", ["write", "query"])
def test_ctrl_c_during_export_is_one_line_and_leaves_the_earlier_file(filled, tmp_path, where):
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"the previous export")
    proc = subprocess.run(
        [sys.executable, "-c", CTRL_C_SCRIPT, where, str(filled), str(out)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 130
    assert proc.stderr.strip().splitlines() == [cli.INTERRUPTED]
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx", "wh"]  # no partial file left


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("COPY events TO '{out}/events.csv'", "COPY"),
        ("COPY (SELECT * FROM timeline) TO '{out}/timeline.parquet' (FORMAT parquet)", "COPY"),
        ("SELECT 1; COPY events TO '{out}/second.csv'", "COPY"),
        ("EXPORT DATABASE '{out}/dump'", "EXPORT DATABASE"),
        ("ATTACH '{out}/other.duckdb' AS other", "ATTACH"),
        ("INSTALL httpfs", "INSTALL/LOAD"),
        ("LOAD httpfs", "INSTALL/LOAD"),
    ],
)
def test_query_writes_no_file_anywhere(filled, tmp_path, sql, kind):
    out = tmp_path / "out"
    out.mkdir()
    proc = _cli(["query", sql.format(out=out), "-w", str(filled)])
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"error: the warehouse is read-only for queries: {kind} statements are refused")
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('{out}/../x.csv')",  # reads a file: refused too (no file access at all)
        "SET enable_external_access = true",  # the lock cannot be undone by the user's SQL
        "SET lock_configuration = false",
        "SELECT * FROM glob('{out}/*')",
    ],
)
def test_query_has_no_file_access(filled, tmp_path, sql):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "x.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(QueryError, match="read-only|configuration has been locked"):
        warehouse.query(filled, sql.format(out=out))
    assert warehouse.query(filled, "SELECT count(*) FROM timeline")[1] == [(3,)]


def test_export_writes_through_links_pipes_and_standard_output(filled, tmp_path):
    """Writing aside and renaming over the target replaced a symbolic link (/dev/stdout is one) by a plain
    file: the link is kept and its target written; a pipe or device is written into; '-' is standard output."""
    import threading

    (tmp_path / "real.csv").write_text("old")
    (tmp_path / "link.csv").symlink_to("real.csv")
    assert export(filled, "csv", tmp_path / "link.csv") == 3
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text(encoding="utf-8-sig").startswith("date,")

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert export(filled, "csv", fifo) == 3
    reader.join(timeout=30)
    assert fifo.is_fifo() and got and got[0].decode("utf-8-sig").startswith("date,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "pipe.csv", "real.csv", "wh"]  # nothing left

    proc = _cli(["export", "-w", str(filled), "--out", "-", "--format", "json"])
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 3 and "wrote 3 events to -" in proc.stderr
    assert not (Path.cwd() / "-").exists()


def test_an_out_name_ending_in_a_slash_is_a_folder_not_a_file(filled, tmp_path):
    proc = _cli(["export", "-w", str(filled), "--out", f"{tmp_path}/new/"])
    assert proc.returncode == 1 and "that names a folder" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "new").exists()
