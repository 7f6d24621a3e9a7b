"""Nothing lost: every kind of bad input accounted for, crash safety, two writers, and property tests
over the normaliser and the resolver."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from timeline import runner, warehouse
from timeline.errors import WarehouseError
from timeline.settings import load_settings
from timeline.temporal import find, resolve

from .conftest import ROOT, SEEDS

SAMPLES = Path(__file__).parent / "samples"
ENV = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
TABLES = {
    "articles": "SELECT * EXCLUDE (loaded_at, run_id) FROM articles ORDER BY ALL",
    "time_expressions": "SELECT * FROM time_expressions ORDER BY ALL",
    "events": "SELECT * FROM events ORDER BY ALL",
}


def tables(path: Path) -> dict[str, list[tuple]]:
    return {name: warehouse.query(path, sql)[1] for name, sql in TABLES.items()}


def write(folder: Path, name: str, content: str | bytes, meta: dict | str | None = None) -> None:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if meta is not None:
        sidecar = folder / (name.rsplit(".", 1)[0] + ".meta.json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta))


def mixed_folder(folder: Path) -> dict[str, tuple[str, str | None]]:
    """Good and bad inputs of every kind; returns the expected (status, reason fragment) by source name."""
    folder.mkdir()
    day = {"published": "2025-03-03"}
    write(folder, "good.txt", "The minister resigned on Monday.", day)
    write(folder, "good-front.md", "---\ntitle: Vote\npublished: 2025-03-03\n---\nThe vote is due on Friday.\n")
    write(folder, "nodate.txt", "The council met on Tuesday.")
    write(folder, "latin1.txt", "Caf\xe9 owners in Z\xfcrich protested on Wednesday.".encode("latin-1"), day)
    write(folder, "controls.txt", "Talks\x07 resumed\x1b on Thursday.\x0c", day)
    write(folder, "entities.txt", "The &amp; summit &lt;b&gt;opened&lt;/b&gt; on Tuesday &#8212; at last.", day)
    write(folder, "long-sentence.txt", "and the talks went on " * 3000 + "until Friday", day)
    write(folder, "no-sentences.txt", "--- *** ... !!! ???", day)
    write(folder, "empty.txt", "")
    write(folder, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(folder, "nul.txt", b"Talks\x00 on Monday\x00\x01")
    shutil.copy(ROOT / "tests" / "inputs" / "inbox" / "press-release.pdf", folder / "scan.pdf")
    write(folder, "noise.txt", bytes(range(128, 256)) * 40)
    write(folder, "baddate.txt", "Talks on Monday.", {"published": "soon"})
    write(folder, "feb31.txt", "Talks on Tuesday.", {"published": "2025-02-31"})
    write(folder, "year0.txt", "Talks on Wednesday.", {"published": "0000-06-01"})
    write(folder, "badmeta.txt", "Talks on Thursday.", "{not json")
    write(folder, "badfront.md", "---\ntitle: [unclosed\n---\nTalks on Friday.")
    write(folder, "huge.txt", "Talks on Monday. " * 40_000, day)  # ~680 KB, over the 0.5 MB limit of the test
    write(folder, "re-upload of good.txt", "The minister resigned on Monday.", day)
    shutil.copy(SAMPLES / "harbour-strike.html", folder / "page.html")
    shutil.copy(SAMPLES / "world-news.rss", folder / "feed.rss")
    shutil.copy(SAMPLES / "gazette-export.jsonl", folder / "export.jsonl")
    loaded = ("loaded", None)
    return {
        "good.txt": loaded, "good-front.md": loaded, "nodate.txt": ("loaded", "no publication date"),
        "latin1.txt": ("loaded", "cp1252"), "controls.txt": loaded, "entities.txt": loaded,
        "long-sentence.txt": loaded, "no-sentences.txt": loaded, "empty.txt": ("rejected", "empty article"),
        "binary.txt": ("rejected", "unsupported file type: PNG image"), "nul.txt": ("rejected", "binary file"),
        "scan.pdf": ("rejected", "unsupported file type: PDF document"), "noise.txt": ("rejected", "not valid UTF-8"),
        "baddate.txt": ("rejected", "malformed publication date"),
        "feb31.txt": ("rejected", "impossible publication date"),
        "year0.txt": ("rejected", "impossible publication date"), "badmeta.txt": ("rejected", "malformed metadata"),
        "badfront.md": ("rejected", "malformed front matter"), "huge.txt": ("rejected", "over the 0.5 MiB limit"),
        "re-upload of good.txt": ("rejected", "duplicate article"), "page.html": loaded,
        "feed.rss#ledger-2025-03-06-eu-defence": loaded, "feed.rss#ledger-2025-03-05-italy-floods": loaded,
        "feed.rss#https://daily-ledger.example/world/notebook": ("rejected", "empty article"),
        "export.jsonl#cms-48211": loaded, "export.jsonl#cms-48212": loaded,
        "export.jsonl#cms-48213": ("rejected", "empty article"),
        "export.jsonl#cms-48214": ("rejected", "impossible publication date"),
        "export.jsonl#line 5": ("rejected", "malformed JSON line"), "missing.txt": ("rejected", "no such file"),
    }  # fmt: skip


def test_mixed_folder_every_input_accounted_for(prefect_harness, tmp_path, warehouse_path, monkeypatch):
    from typer.testing import CliRunner

    from timeline.cli import app

    folder = tmp_path / "in"
    expected = mixed_folder(folder)
    monkeypatch.setenv("TIMELINE_MAX_FILE_MB", "0.5")
    result = CliRunner().invoke(
        app, ["run", str(folder), str(tmp_path / "missing.txt"), "-w", str(warehouse_path), "-q"]
    )
    assert result.exit_code == 3, result.output  # the missing path fails the run, after everything is logged
    _, log = warehouse.query(warehouse_path, "SELECT source, status, reason FROM ingest_log")
    names = [s.removeprefix(str(folder) + "/").removeprefix(str(tmp_path) + "/") for s, _, _ in log]
    assert sorted(names) == sorted(expected), "every input exactly once"
    for name, (_, status, reason) in zip(names, log, strict=True):
        want_status, fragment = expected[name]
        assert status == want_status, (name, status, reason)
        assert (fragment is None and reason is None) or (fragment and fragment in (reason or "")), (name, reason)
    loaded = {n for n, (s, _) in expected.items() if s == "loaded"}
    assert warehouse.query(warehouse_path, "SELECT count(*) FROM articles")[1] == [(len(loaded),)]


CRASH_SCRIPT = """
import sys
from timeline import runner
from timeline.settings import load_settings
settings = load_settings(warehouse=sys.argv[2], batch_size=1, workers=1)
runner.LOAD_ARTICLES = 2  # a load (a transaction) per two batches: twenty in the run, and a kill between any two
runner.run([sys.argv[1]], settings, progress=lambda done, total: done and print(done, flush=True))
"""


def _many_articles(folder: Path, n: int = 14) -> None:
    folder.mkdir()
    shutil.copy(SEEDS / "macron-trump-ukraine.txt", folder / "seed.txt")
    shutil.copy(SEEDS / "macron-trump-ukraine.meta.json", folder / "seed.meta.json")
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    for i in range(n):
        text = (
            f"Story {i}. The committee met on {weekdays[i % 5]} and will vote on {weekdays[(i + 2) % 5]}.\n"
            f"Officials said the plan, first drafted in March {2000 + i}, would be published next week."
        )
        write(folder, f"story-{i:02d}.txt", text, {"published": f"2024-0{1 + i % 9}-1{i % 10}"})


@pytest.mark.parametrize("kill_after", [1, 4, 9])
def test_killed_run_then_rerun_equals_a_clean_run(tmp_path, kill_after):
    folder = tmp_path / "in"
    _many_articles(folder, n=40)
    crashed = tmp_path / "crashed.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_SCRIPT, str(folder), str(crashed)],
        stdout=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    try:
        for _ in range(kill_after):
            assert proc.stdout is not None and proc.stdout.readline(), "the run ended before it could be killed"
        time.sleep(0.01 * kill_after)  # land anywhere: between batches, mid-parse or mid-transaction
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    settings = load_settings(warehouse=crashed, batch_size=3)
    again = runner.run([folder], settings)
    clean = replace(settings, warehouse=tmp_path / "clean.duckdb")
    runner.run([folder], clean)
    assert tables(crashed) == tables(clean.warehouse)
    _, log = warehouse.query(crashed, "SELECT source FROM ingest_log WHERE run_id = ?", [again["run_id"]])
    assert sorted(s for (s,) in log) == sorted(str(p.resolve()) for p in folder.glob("*.txt"))
    _, states = warehouse.query(crashed, "SELECT finished_at IS NULL FROM runs ORDER BY started_at")
    assert states == [(True,), (False,)]  # the killed run shows as interrupted


HOLDER_SCRIPT = """
import sys, time
from timeline import warehouse
with warehouse.connect(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 60)
"""


def test_second_writer_fails_naming_the_holder_then_waits(tmp_path):
    second = tmp_path / "second"
    second.mkdir()
    write(second, "late.txt", "The late article says the vote was on Monday.", {"published": "2025-01-08"})
    path = tmp_path / "wh.duckdb"
    with warehouse.connect(path):
        pass
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(path), "4"], stdout=subprocess.PIPE, text=True, env=ENV
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        with pytest.raises(WarehouseError) as refused:
            runner.run([second], load_settings(warehouse=path, lock_wait_seconds=0))
        message = str(refused.value)
        assert f"in use by another writer, process {proc.pid} (" in message and "\n" not in message
        assert warehouse.query(path, "SELECT count(*) FROM articles", wait_seconds=80)[1] == [(0,)]  # a reader waits
        assert proc.wait(timeout=10) == 0  # the holder let go
        waited = runner.run([second], load_settings(warehouse=path, lock_wait_seconds=80))
        assert waited["loaded"] == 1
    finally:
        proc.kill()
        proc.wait(timeout=30)
    _, counts = warehouse.query(path, "SELECT count(*), count(DISTINCT article_id) FROM articles")
    assert counts == [(1, 1)]


RUN_SCRIPT = """
import sys
from timeline import runner
from timeline.settings import load_settings
settings = load_settings(warehouse=sys.argv[2], batch_size=int(sys.argv[3]), workers=1)
runner.LOAD_ARTICLES = 2 * settings.batch_size  # a load per two batches
runner.run([sys.argv[1]], settings, progress=lambda done, total: done and print(done, flush=True))
"""


def test_readers_query_while_a_run_loads(tmp_path):
    """A run holds the file only while it loads a group of batches: readers in other processes get in
    between loads (waiting for a load to end) and see whole groups only."""
    folder, path, per_load = tmp_path / "in", tmp_path / "wh.duckdb", 6
    _many_articles(folder, n=59)  # 60 articles: 20 batches of 3, loaded in 10 groups of 6 articles
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_SCRIPT, str(folder), str(path), str(per_load // 2)],
        stdout=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    seen, during = [], 0
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == str(per_load)
        while proc.poll() is None and len(seen) < 6:
            reader = subprocess.run(
                [sys.executable, "-m", "timeline.cli", "query", "SELECT count(*) FROM articles", "-w", str(path),
                 "--csv"],
                capture_output=True, text=True, env={**ENV, "TIMELINE_LOCK_WAIT_SECONDS": "30"}, timeout=90,
            )  # fmt: skip
            assert reader.returncode == 0, reader.stderr
            seen.append(int(reader.stdout.splitlines()[-1]))
            during += proc.poll() is None
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert during >= 1, "no reader ran while the run was loading"
    assert all(n % per_load == 0 for n in seen), seen  # whole groups only
    assert seen == sorted(seen)
    assert warehouse.query(path, "SELECT count(*) FROM articles")[1] == [(60,)]


def test_reader_while_a_writer_holds_the_file_gets_one_line(tmp_path):
    path = tmp_path / "wh.duckdb"
    with warehouse.connect(path):
        pass
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(path)], stdout=subprocess.PIPE, text=True, env=ENV
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        for command in (["query", "SELECT count(*) FROM articles"], ["status"]):
            cli = subprocess.run(
                [sys.executable, "-m", "timeline.cli", *command, "-w", str(path)],
                capture_output=True, text=True, env={**ENV, "TIMELINE_LOCK_WAIT_SECONDS": "0.5"}, timeout=60,
            )  # fmt: skip
            assert cli.returncode == 1 and "Traceback" not in cli.stderr, cli.stderr
            assert cli.stderr.startswith("error: ") and cli.stderr.count("\n") == 1
            assert f"process {proc.pid}" in cli.stderr and "after waiting 0.5 s" in cli.stderr
    finally:
        proc.kill()
        proc.wait(timeout=30)


# ---- properties of the normaliser and the resolver ----------------------------------------------------

WORDS = [
    "on", "last", "next", "this", "Monday", "Friday", "March", "31", "February", "29", "2024", "0", "9999",
    "week", "month", "year", "years", "ago", "later", "the", "of", "in", "early", "late", "mid", "1990s",
    "Christmas", "summer", "Q3", "tomorrow", "yesterday", "today", "two", "days", "will", "said", "by",
    "since", "until", "000", "-", "/", "12/31/1999", "2025-02-31", "third", "quarter", "decade", "century",
]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=12).map(" ".join)
anchors = st.none() | st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, anchor=anchors, direction=st.sampled_from([None, "past", "future"]))
def test_normaliser_and_resolver_never_raise(text, anchor, direction):
    for cand in find(text):
        assert 0 <= cand.start < cand.end <= len(text) and text[cand.start : cand.end] == cand.text
        spec = replace(cand.spec, direction=direction) if direction else cand.spec
        res = resolve(spec, anchor)
        assert res.value is None or (
            isinstance(res.value, str) and res.value and not any(c.isspace() for c in res.value)
        )
        if res.start is not None and res.end is not None:
            assert res.start <= res.end
