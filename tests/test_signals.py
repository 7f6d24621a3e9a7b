"""Stopping real runs: SIGTERM rolls back the batch being loaded, records the run as interrupted and leaves
no process of the run behind; after SIGKILL the watcher stops the Prefect server and workers the run
started. Bounded waits throughout; every process started here is killed at the end whatever happens."""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline import warehouse
from timeline.errors import WarehouseError
from timeline.lifeline import descendants

from .conftest import ROOT, SHARED

ENV = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", "PREFECT_LOGGING_LEVEL": "WARNING"}
TEXT = re.compile(r"<TEXT>(?P<text>.*)</TEXT>", re.S)
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


N = 60  # articles: enough that the run is still parsing when it is stopped


def _inbox(folder: Path, n: int = N) -> None:
    folder.mkdir()
    docs = sorted((SHARED / "eval" / "te3" / "TimeBank").glob("*.tml"))[:n]
    if len(docs) < n:
        pytest.skip("the TimeML corpus is not in ../shared/eval")
    for i, path in enumerate(docs):
        body = TEXT.search(path.read_text(encoding="utf-8"))
        text = html.unescape(re.sub(r"<[^>]+>", "", body.group("text") if body else "")).strip()
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
        (folder / f"{i:02d}.meta.json").write_text('{"published": "1998-02-27"}', encoding="utf-8")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _sigint_default() -> None:
    """In the child: SIGINT as at a terminal, even when the suite runs as a background job (which ignores it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    _inbox(tmp_path / "inbox")
    db = tmp_path / "wh" / "timeline.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline.cli", "run", str(tmp_path / "inbox"), "-w", str(db), "-q",
         "--batch-size", "2", "--workers", "2"],
        env={**ENV, "PREFECT_HOME": str(tmp_path / "prefect")}, cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_sigint_default,
    )  # fmt: skip
    return proc, db


def _loaded(db: Path) -> int:
    try:  # a reader gets in between two batches; while one is loaded it may be refused: look again
        return warehouse.query(db, "SELECT count(*) FROM ingest_log WHERE status = 'loaded'")[1][0][0]
    except WarehouseError:
        return 0


def _wait_mid_run(proc: subprocess.Popen, db: Path, timeout: float = 240) -> dict[int, int]:
    """The run's descendants once its Prefect server is up and its first batch is loaded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        family = descendants(proc.pid)
        if any(_is_server(_cmdline(p)) for p in family) and _loaded(db) > 0:
            return descendants(proc.pid)
        time.sleep(0.3)
    raise AssertionError("the run never loaded its first batch")


def _is_server(command: str) -> bool:
    """The run's Prefect server (``prefect server start``; ``uvicorn`` where Prefect starts its own)."""
    return "uvicorn" in command or "prefect server start" in command.replace("-m prefect", "prefect")


def _alive(pids: dict[int, int]) -> list[str]:
    left = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            left.append(f"{pid}: {_cmdline(pid)[:120]}")
    return left


def _wait_gone(pids: dict[int, int], timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pids):
        time.sleep(0.2)
    return _alive(pids)


def _kill_all(proc: subprocess.Popen, pids: dict[int, int]) -> None:
    for pid in [proc.pid, *pids]:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_run_cleanly(tmp_path, sig):
    proc, db = _start(tmp_path)
    family: dict[int, int] = {}
    try:
        family = _wait_mid_run(proc, db)
        proc.send_signal(sig)
        started = time.monotonic()
        out, err = proc.communicate(timeout=60)
        stopped_after = time.monotonic() - started
        assert proc.returncode == 128 + sig, err[-3000:]
        assert f"interrupted by {signal.Signals(sig).name}" in err
        ours = err.split("interrupted by")[0]  # what follows may be the shutdown noise of Prefect's server
        assert "Traceback" not in ours, err[-3000:]
        assert "Traceback" not in err or "prefect/server" in err, err[-3000:]
        assert _wait_gone(family, 15) == []  # the server, the workers and the watcher are gone too
        assert stopped_after < 30, stopped_after
    finally:
        _kill_all(proc, family)
    _, runs = warehouse.query(db, "SELECT interrupted, finished_at FROM runs")
    assert runs == [(signal.Signals(sig).name, None)]
    assert 0 < _loaded(db) < N  # stopped mid-run
    # whole batches only: every article in the warehouse has its ingest_log row, none half-loaded
    _, orphans = warehouse.query(
        db,
        "SELECT count(*) FROM articles WHERE article_id NOT IN "
        "(SELECT article_id FROM ingest_log WHERE article_id IS NOT NULL)",
    )
    assert orphans == [(0,)]
    _, shown = warehouse.query(db, "SELECT state FROM (" + warehouse.RUNS_SQL + ")", [1])
    assert shown == [(f"interrupted by {signal.Signals(sig).name}, not made good yet",)]


def test_after_sigkill_no_process_of_the_run_survives(tmp_path):
    proc, db = _start(tmp_path)
    family: dict[int, int] = {}
    try:
        family = _wait_mid_run(proc, db)
        assert any(_is_server(_cmdline(p)) for p in family)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert _wait_gone(family, 20) == []
    finally:
        _kill_all(proc, family)
    _, runs = warehouse.query(db, "SELECT interrupted, finished_at FROM runs")
    assert runs == [(None, None)]  # killed outright: 'running or killed'


QUICK_END = """
import atexit, sys
import prefect  # a process that imported Prefect ends quickly
from timeline import lifeline
lifeline.end_quickly()
atexit.register(lambda: print("handler registered later: ran", flush=False))
print("output", end="")
lifeline.exit_status = 5
"""


def test_quick_end_runs_later_handlers_flushes_and_keeps_the_status():
    done = subprocess.run([sys.executable, "-c", QUICK_END], env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 5
    assert done.stdout == "outputhandler registered later: ran\n"


def _maps_hold(pid: int, names: tuple[str, ...]) -> bool:
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False
    return any(name in maps for name in names)


@pytest.mark.parametrize("when", ["importing", 0.8])
def test_ctrl_c_while_the_program_starts_is_one_line(tmp_path, when):
    """SIGINT while the command line is still importing (typer, DuckDB, Arrow: most of a second) printed the
    traceback of whatever module was loading; the program's entry point (timeline.entry) turns it into the
    one line of any other interrupt, exit status 130."""
    script = ROOT / "pyproject.toml"
    assert 'timeline = "timeline.entry:main"' in script.read_text(encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline.entry", "run", str(ROOT / "seeds"), "-w", str(tmp_path / "t.duckdb"), "-q"],
        env={**ENV, "PREFECT_HOME": str(tmp_path / "prefect")}, cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_sigint_default,
    )  # fmt: skip
    try:
        # the first compiled library of the command line's imports is being loaded: the interpreter is up (a
        # signal before that, on a busy machine, ends the process before any Python code runs)
        deadline = time.monotonic() + 30
        while not _maps_hold(proc.pid, ("pyarrow", "duckdb", "_yaml")) and time.monotonic() < deadline:
            time.sleep(0.005)
        if when != "importing":  # later in the start-up
            time.sleep(float(when))
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "Traceback" not in stderr, stderr
    assert proc.returncode == 130, stderr
    assert stderr.strip().startswith("interrupted by SIGINT"), stderr
