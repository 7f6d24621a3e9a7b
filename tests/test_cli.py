"""The command line as users meet it: usage errors in one line with exit status 2, tables that fit 80 columns."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from timeline import pipeline, warehouse
from timeline.cli import fit_widths
from timeline.records import Article


def _cli(args: list[str], columns: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"COLUMNS": str(columns)} if columns else {})}
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *args], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--fromm", "2025", "--out", "x.csv"], "error: no such option --fromm (did you mean "),
        (["run", "--fromm", "x"], "error: no such option --fromm; see 'timeline run --help'"),
        (["rnu"], "error: no such command 'rnu' (did you mean 'run'?); see 'timeline --help'"),
        (["plot"], "error: missing option '--out' / '-o'; see 'timeline plot --help'"),
        (["status", "-n", "abc"], "error: invalid value for '--runs' / '-n': "),
        (["query"], "error: give the SQL either as an argument or with --file"),
        (["eval", "timeml", "--bogus"], "error: no such option --bogus"),
    ],
)
def test_usage_errors_are_one_line_with_status_2(tmp_path, args, message):
    proc = _cli([*args, "--warehouse", str(tmp_path / "none.duckdb")] if args[0] != "rnu" else args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(message), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and not proc.stdout


def test_help_exits_0_and_a_bare_command_shows_help():
    assert _cli(["--help"]).returncode == 0
    bare = _cli([])
    assert bare.returncode == 2 and "Usage" in bare.stdout + bare.stderr


def test_minus_f_means_one_thing(tmp_path):
    """``-f`` is 'read from this file' (query); export takes its format from --out's extension."""
    proc = _cli(["export", "-f", "csv", "--out", str(tmp_path / "x.csv"), "-w", str(tmp_path / "n.duckdb")])
    assert proc.returncode == 2 and proc.stderr.startswith("error: no such option -f")


@pytest.fixture()
def filled(nlp, warehouse_path) -> Path:
    articles = [
        Article(
            "a",
            "Emmanuel Macron made the first of two high-profile European diplomatic efforts in Washington on "
            "Monday, after his meeting with Trump. Starmer will follow on Thursday.",
            date(2025, 2, 25),
            "A",
        ),
    ]
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1", inputs=1)
        warehouse.load_batch(con, pipeline.process_batch(articles), "r1")
        warehouse.finish_run(con, "r1")
    return warehouse_path


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"\s+", text) if w}


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["query", "SELECT date, status, event, actors, place, time_text, sentence FROM timeline"],
        ["query", "SELECT * FROM runs"],
    ],
)
def test_tables_fit_80_columns_and_never_cut_a_word(filled, args):
    proc = _cli([*args, "-w", str(filled)], columns=80)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80, proc.stdout
    assert "│ │" not in proc.stdout and "┃ ┃" not in proc.stdout  # no blank, zero-width column
    shown = _words(re.sub(r"[│┃]", " ", proc.stdout))
    if args[0] == "query":
        columns, rows = warehouse.query(filled, args[1])
        for row in rows:
            for value in row:
                if isinstance(value, str) and len(value) < 200:
                    assert _words(value) <= shown, value


def test_status_counts_read_as_words(filled):
    proc = _cli(["status", "-w", str(filled)], columns=80)
    assert "1 input: 1 loaded;" in proc.stdout and "events" in proc.stdout


@pytest.mark.parametrize(
    ("cells", "narrow", "room", "expected"),
    [
        ([["2025-02-24", "a b c"]], [True, False], 40, [10, 5]),  # fits: natural widths
        ([["2025-02-24", "aaaa bbbb cccc"]], [True, False], 15, [10, 5]),  # wraps at spaces, never in a word
        ([["2025-02-24", "aaaaaaaa bb"]], [True, False], 15, None),  # a word wider than the room: not ours
        ([["x", "short", "a much longer text to wrap"]], [True, False, False], 20, [4, 5, 11]),
    ],
)
def test_fit_widths(cells, narrow, room, expected):
    columns = ["date", "b", "c"][: len(cells[0])]
    assert fit_widths(columns, cells, narrow, room) == expected


def test_data_that_looks_like_markup_or_emoji_codes_is_printed_as_it_is(tmp_path):
    """rich read table cells and messages as markup: a cell "[/b] x" ended the command with a MarkupError
    traceback, and a source "feed.atom#urn:a:b" printed an emoji."""
    db = tmp_path / "t.duckdb"
    with warehouse.connect(db):
        pass
    proc = _cli(["query", "SELECT '[/b] x' AS \"[/h]\", ':a: :thumbs_up:' AS b, '[red]r[/red]' AS c", "-w", str(db)])
    assert proc.returncode == 0, proc.stderr
    for text in ("[/h]", "[/b] x", ":a: :thumbs_up:", "[red]r[/red]"):
        assert text in proc.stdout
    proc = _cli(["query", "SELECT * FROM [/b]", "-w", str(db)])  # an error message quoting the data
    assert proc.returncode == 1 and proc.stderr.startswith("error: ") and "[/b]" in proc.stderr
    assert "Traceback" not in proc.stderr
