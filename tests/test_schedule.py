"""The scheduled deployment on a real Prefect server on loopback: a new article dropped into the served
folder shows up in the warehouse. Bounded waits; the server and the served flow are always stopped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flows.server import free_port, local_server, stop
from timeline import warehouse
from timeline.errors import WarehouseError

from .conftest import ROOT, SEEDS


def _titles(path: Path) -> set[str]:
    try:
        return {t for (t,) in warehouse.query(path, "SELECT title FROM articles")[1]}
    except WarehouseError:  # not created yet, or a scheduled run is writing: look again
        return set()


def _wait_for(predicate, timeout: float, proc: subprocess.Popen) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        assert proc.poll() is None, "the served flow exited"
        time.sleep(1)
    return False


def test_served_flow_picks_up_a_new_article(tmp_path):
    folder, home, db = tmp_path / "inbox", tmp_path / "prefect-home", tmp_path / "wh" / "timeline.duckdb"
    folder.mkdir()
    shutil.copy(SEEDS / "macron-trump-ukraine.txt", folder / "seed.txt")
    shutil.copy(SEEDS / "macron-trump-ukraine.meta.json", folder / "seed.meta.json")
    env = {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "TIMELINE_WAREHOUSE": str(db),
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    with local_server(free_port(), env=env, timeout=90) as api_url:
        served = subprocess.Popen(
            [sys.executable, "-m", "flows.serve", "--interval", "3", str(folder)],
            env={**os.environ, **env, "PREFECT_API_URL": api_url},
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"), start_new_session=True,
        )  # fmt: skip
        try:
            seed_title = json.loads((SEEDS / "macron-trump-ukraine.meta.json").read_text())["title"]
            assert _wait_for(lambda: seed_title in _titles(db), 90, served), (tmp_path / "serve.log").read_text()[
                -3000:
            ]
            (folder / "late.txt").write_text("Dock workers walked out on Monday, the union said.", encoding="utf-8")
            (folder / "late.meta.json").write_text('{"published": "2025-03-05", "title": "Dock strike"}')
            assert _wait_for(lambda: "Dock strike" in _titles(db), 60, served), (tmp_path / "serve.log").read_text()[
                -3000:
            ]
        finally:
            stop(served)
    _, runs = warehouse.query(db, "SELECT count(*) FILTER (WHERE flow_run_id IS NOT NULL) FROM runs")
    assert runs[0][0] >= 2  # scheduled runs, each recorded with its flow run id
    _, log = warehouse.query(db, "SELECT count(*) FROM ingest_log WHERE source LIKE '%late.txt' AND status = 'loaded'")
    assert log == [(1,)]


def _flow_runs(api_url: str, state: str) -> list[dict]:
    """The flow runs in this state, through the server's REST API."""
    body = json.dumps({"flow_runs": {"state": {"type": {"any_": [state]}}}, "limit": 10}).encode()
    request = urllib.request.Request(
        f"{api_url}/flow_runs/filter", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_a_served_flow_over_a_missing_inbox_fails(tmp_path):
    home, db = tmp_path / "prefect-home", tmp_path / "wh" / "timeline.duckdb"
    env = {
        "PREFECT_HOME": str(home), "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2", "PREFECT_LOGGING_LEVEL": "WARNING", "TIMELINE_WAREHOUSE": str(db),
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }  # fmt: skip
    with local_server(free_port(), env=env, timeout=90) as api_url:
        served = subprocess.Popen(
            [sys.executable, "-m", "flows.serve", "--interval", "3", str(tmp_path / "no-such-inbox")],
            env={**os.environ, **env, "PREFECT_API_URL": api_url},
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"), start_new_session=True,
        )  # fmt: skip
        try:

            def failed() -> list[dict]:
                return _flow_runs(api_url, "FAILED")

            assert _wait_for(failed, 120, served), (tmp_path / "serve.log").read_text()[-3000:]
            message = failed()[0]["state"]["message"]
            assert "no such file, folder or match" in message and "no-such-inbox" in message, message
        finally:
            stop(served)
    _, runs = warehouse.query(db, "SELECT articles_rejected, finished_at IS NOT NULL FROM runs LIMIT 1")
    assert runs == [(1, True)]  # the run itself is recorded, with the missing path as its refused input
