"""The whole pipeline on Prefect: the seed timeline against its golden file, re-runs, bad input."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import psutil
import pytest

from timeline import runner, warehouse
from timeline.settings import load_settings

from .conftest import ROOT, SEEDS, SHARED

SAMPLES = Path(__file__).parent / "samples"
TABLES = {
    "articles": "SELECT * EXCLUDE (loaded_at, run_id) FROM articles ORDER BY ALL",
    "time_expressions": "SELECT * FROM time_expressions ORDER BY ALL",
    "events": "SELECT * FROM events ORDER BY ALL",
    "canonical_events": "SELECT * EXCLUDE (refreshed_at) FROM canonical_events ORDER BY ALL",
    "event_mentions": "SELECT * FROM event_mentions ORDER BY ALL",
    "ingest_log": "SELECT source, status, reason FROM ingest_log ORDER BY ALL",
}


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every table a user reads, without the columns that differ between runs (times, run ids)."""
    return {name: warehouse.query(path, sql)[1] for name, sql in TABLES.items()}


def news_folder(folder: Path, timeml: int = 4) -> Path:
    """The seed article, the sample feeds and pages, and a few TimeBank documents as dated text files."""
    folder.mkdir()
    shutil.copy(SEEDS / "macron-trump-ukraine.txt", folder)
    shutil.copy(SEEDS / "macron-trump-ukraine.meta.json", folder)
    for sample in ("world-news.rss", "gazette-export.jsonl", "harbour-strike.html"):
        shutil.copy(SAMPLES / sample, folder)
    for i, tml in enumerate(sorted((SHARED / "eval" / "te3" / "TimeBank").glob("*.tml"))[:timeml]):
        raw = tml.read_text(encoding="utf-8")
        dct = re.search(r'<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})[^"]*"[^>]*functionInDocument="CREATION_TIME"', raw)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        assert dct and body
        (folder / f"tb{i:02d}.txt").write_text(html.unescape(re.sub(r"<[^>]+>", "", body.group(1))).strip())
        (folder / f"tb{i:02d}.meta.json").write_text(json.dumps({"published": dct.group(1)}))
    return folder


GOLDEN = Path(__file__).parent / "golden" / "seed_timeline.csv"
GOLDEN_SQL = "SELECT date, granularity, status, event, actors, place, time_text FROM timeline"


def timeline_csv(path: Path) -> str:
    columns, rows = warehouse.query(path, GOLDEN_SQL)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buf.getvalue()


def table_rows(path: Path) -> dict[str, list[tuple]]:
    out = {}
    for table in ("articles", "time_expressions", "events"):
        _, rows = warehouse.query(
            path,
            f"SELECT * EXCLUDE (loaded_at, run_id) FROM {table} ORDER BY ALL"
            if table == "articles"
            else f"SELECT * FROM {table} ORDER BY ALL",
        )
        out[table] = rows
    return out


@pytest.fixture()
def run_flow(prefect_harness, warehouse_path):
    from flows.timeline_flow import run

    def _run(paths):
        return run([str(p) for p in paths], load_settings(warehouse=warehouse_path, workers=2, batch_size=2))

    return _run


def test_seed_timeline_matches_golden_file(run_flow, warehouse_path):
    summary = run_flow([SEEDS])
    assert summary["loaded"] == 1 and summary["rejected"] == 0
    actual = timeline_csv(warehouse_path)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert actual.splitlines() == expected.splitlines()


def test_rerun_leaves_the_same_rows(run_flow, warehouse_path):
    run_flow([SEEDS])
    first = table_rows(warehouse_path)
    run_flow([SEEDS])
    assert table_rows(warehouse_path) == first
    _, runs = warehouse.query(warehouse_path, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL")
    assert runs == [(2,)]


def test_bad_articles_do_not_stop_the_batch(run_flow, warehouse_path, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("The minister resigned on Monday.")
    (folder / "good.meta.json").write_text('{"published": "2025-02-25"}')
    (folder / "nodate.txt").write_text("The minister returned on Monday.")
    (folder / "empty.txt").write_text("")
    (folder / "noise.txt").write_bytes(bytes(range(128, 256)) * 40)
    summary = run_flow([folder])
    assert (summary["loaded"], summary["rejected"]) == (2, 1 + 1)
    _, log = warehouse.query(warehouse_path, "SELECT source, status, reason FROM ingest_log ORDER BY source")
    by_name = {Path(s).name: (status, reason) for s, status, reason in log}
    assert by_name["good.txt"] == ("loaded", None)
    assert by_name["nodate.txt"][0] == "loaded" and "no publication date" in by_name["nodate.txt"][1]
    assert by_name["empty.txt"][0] == "rejected" and "empty" in by_name["empty.txt"][1]
    assert by_name["noise.txt"][0] == "rejected" and "UTF-8" in by_name["noise.txt"][1]
    _, values = warehouse.query(
        warehouse_path, "SELECT a.source, t.value FROM time_expressions t JOIN articles a USING (article_id)"
    )
    assert {(Path(s).name, v) for s, v in values} == {("good.txt", "2025-02-24"), ("nodate.txt", None)}


def test_rerun_skips_unchanged_and_each_run_leaves_an_artifact(run_flow, warehouse_path):
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    first = run_flow([SEEDS])
    second = run_flow([SEEDS])
    assert (first["loaded"], first["unchanged"]) == (1, 0)
    assert (second["loaded"], second["unchanged"], second["events"]) == (0, 1, 0)

    async def artifacts():
        async with get_client() as client:
            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["timeline-run"]))
            )
            return [a.data for a in found]

    tables = [json.loads(d) if isinstance(d, str) else d for d in asyncio.run(artifacts())]
    rows = {row["run_id"]: row for table in tables for row in table}
    assert rows[first["run_id"]]["loaded"] == 1 and rows[second["run_id"]]["unchanged"] == 1
    _, ledger = warehouse.query(warehouse_path, "SELECT status FROM ingest_log WHERE run_id = ?", [second["run_id"]])
    assert ledger == [("unchanged",)]


def test_worker_processes_give_the_warehouse_of_one_process(prefect_harness, tmp_path, monkeypatch):
    """The default run parses on worker processes (one per core); the warehouse is the one a run in a
    single process gives, row for row, merged events included."""
    from flows.timeline_flow import run

    folder = news_folder(tmp_path / "in")
    one = load_settings(warehouse=tmp_path / "one.duckdb", batch_size=3, workers=1)
    alone = runner.run([folder], one)
    handed: list[int] = []
    parse = runner.Workers.parse_group  # a local run's task: a group of batches handed to the workers at once
    monkeypatch.setattr(
        runner.Workers, "parse_group",
        lambda self, job, batches: handed.extend(len(b) for b in batches) or parse(self, job, batches),
    )  # fmt: skip
    pooled = load_settings(warehouse=tmp_path / "pooled.duckdb", batch_size=3, workers=2)
    planned = runner.plan(runner.read_inputs([folder], pooled), pooled)
    summary = run([str(folder)], pooled, planned=planned)  # as timeline run does: the batches parsed ahead
    assert sum(handed) == alone["loaded"] == summary["loaded"] >= 10 and len(handed) > 2
    assert tables(pooled.warehouse) == tables(one.warehouse)
    again = runner.run([folder], replace(pooled, warehouse=tmp_path / "local.duckdb"))  # the pool without Prefect
    assert again["loaded"] == alone["loaded"]
    assert tables(tmp_path / "local.duckdb") == tables(one.warehouse)


KILLED_SCRIPT = """
import sys
from timeline import runner
from timeline.settings import load_settings
settings = load_settings(warehouse=sys.argv[2], batch_size=2, workers=2)
runner.run([sys.argv[1]], settings, progress=lambda done, total: print(done, flush=True))
"""


def test_a_killed_run_leaves_no_worker_process(tmp_path):
    import psutil

    folder = news_folder(tmp_path / "in", timeml=4)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_SCRIPT, str(folder), str(tmp_path / "wh.duckdb")],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "0"  # the workers are up
        workers = [p for p in psutil.Process(proc.pid).children() if "spawn_main" in " ".join(p.cmdline())]
        assert len(workers) == 2
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, [p.pid for p in alive]
    finally:
        proc.kill()
        proc.wait(timeout=30)


STARTUP_SCRIPT = """
import sys
from timeline import cli, runner
from timeline.settings import load_settings

class Started(Exception):
    pass

def started(self, n, model):  # instead of starting the processes: say whether Prefect was imported yet
    print(n, "prefect" in sys.modules, flush=True)
    raise Started

runner.Workers.__init__ = started
settings = load_settings(warehouse=sys.argv[2], batch_size=1, workers=2)
try:
    cli._run([sys.argv[1]], settings, False, False)
except Started:
    print("stopped there")
"""


def test_timeline_run_starts_its_workers_before_prefect_is_imported(tmp_path):
    """The worker processes (and their model loads) start right after the plan, before Prefect's import."""
    folder = news_folder(tmp_path / "in", timeml=2)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_SCRIPT, str(folder), str(tmp_path / "wh.duckdb")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["2 False", "stopped there"]


def test_run_uses_the_configured_prefect_server(tmp_path):
    """With PREFECT_API_URL set, ``timeline run`` records its flow run there and starts no server of its own."""
    import urllib.request

    from flows.server import free_port, local_server

    env = {"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}  # fmt: skip
    with local_server(free_port(), env=env, timeout=120) as api_url:
        run = subprocess.run(
            [str(Path(sys.executable).parent / "timeline"), "run", str(SEEDS), "-q", "-w", str(tmp_path / "wh.duckdb")],
            env={**os.environ, **env, "PREFECT_API_URL": api_url}, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-2000:]
        assert "Starting temporary server" not in run.stderr
        request = urllib.request.Request(
            f"{api_url}/flow_runs/filter", data=b"{}", headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            flow_runs = json.loads(response.read())
    assert [(r["state_type"], r["name"] != "") for r in flow_runs] == [("COMPLETED", True)]
    _, ids = warehouse.query(tmp_path / "wh.duckdb", "SELECT flow_run_id FROM runs")
    assert ids == [(flow_runs[0]["id"],)]


OWN_SERVER_SCRIPT = """
import subprocess, sys
from timeline import lifeline
from timeline.entry import main

started = []
popen = subprocess.Popen.__init__

def spy(self, args, *a, **k):  # the commands the run starts
    started.append(" ".join(map(str, args)) if isinstance(args, (list, tuple)) else str(args))
    popen(self, args, *a, **k)

subprocess.Popen.__init__ = spy
def report():
    servers = [c for c in started if "prefect server start" in c.replace("-m prefect", "prefect")]
    print("SERVERS", servers, "IMPORTED", "prefect.server.api.server" in sys.modules, flush=True)

end = lifeline._end  # the quick end (os._exit) comes before any handler registered here
lifeline._end = lambda: (report(), end())
sys.argv = ["timeline", *sys.argv[1:]]
main()
"""


def test_run_without_an_api_starts_a_prefect_server_of_its_own(tmp_path):
    """Without a configured API, ``timeline run`` starts one ``prefect server start`` on loopback for the run
    (not Prefect's ephemeral mode: its process never imports the server's modules), records the flow run
    and its task runs in ``PREFECT_HOME``'s database, and leaves no server behind."""
    import sqlite3

    home = tmp_path / "prefect"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update({"PREFECT_HOME": str(home), "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])})
    run = subprocess.run(
        [sys.executable, "-c", OWN_SERVER_SCRIPT, "run", str(SEEDS), "-q", "-w", str(tmp_path / "wh.duckdb")],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Starting temporary server" not in run.stderr
    for bad in ("Traceback", "ERROR", "Connection refused"):
        assert bad not in run.stderr, run.stderr[-2000:]
    line = next(x for x in run.stdout.splitlines() if x.startswith("SERVERS"))
    servers = line.split("IMPORTED")[0]
    assert servers.count("server start") == 1 and "127.0.0.1" in servers, line
    assert line.endswith("IMPORTED False"), line
    with sqlite3.connect(home / "prefect.db") as db:
        flow_runs = db.execute("SELECT id, state_type FROM flow_run").fetchall()
        tasks = db.execute("SELECT count(*) FROM task_run WHERE flow_run_id = ?", [flow_runs[0][0]]).fetchone()[0]
    assert [s for _, s in flow_runs] == ["COMPLETED"] and tasks >= 1
    _, ids = warehouse.query(tmp_path / "wh.duckdb", "SELECT flow_run_id FROM runs")
    assert ids == [(flow_runs[0][0],)]
    left = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "server" in " ".join(proc.info["cmdline"] or []) and proc.environ().get("PREFECT_HOME") == str(home):
                left.append(proc.info["cmdline"])
        except psutil.Error:
            pass
    assert not left
