"""Prefect as this project runs it: its home under the project unless PREFECT_HOME says otherwise,
analytics off, and a first run over the seeds without a traceback or a telemetry error."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT, SEEDS

ENV = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "DO_NOT_TRACK"}
ENV["PYTHONPATH"] = f"{ROOT / 'src'}{os.pathsep}{ROOT}"
SHOW = "import flows, json, os; print(json.dumps({k: os.environ.get(k) for k in flows.PREFECT_DEFAULTS}))"


def _settings(env: dict[str, str]) -> dict[str, str]:
    proc = subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, timeout=60)
    return json.loads(proc.stdout)


def test_prefect_home_under_the_project_and_analytics_off():
    assert _settings(ENV) == {
        "PREFECT_HOME": str(ROOT / ".prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
    }  # fmt: skip
    assert ".prefect/" in (ROOT / ".gitignore").read_text()


def test_the_environment_wins(tmp_path):
    chosen = _settings({**ENV, "PREFECT_HOME": str(tmp_path), "DO_NOT_TRACK": "0"})
    assert chosen["PREFECT_HOME"] == str(tmp_path) and chosen["DO_NOT_TRACK"] == "0"


def test_a_first_run_prints_no_traceback_and_no_telemetry_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "timeline.cli", "run", str(SEEDS), "-w", str(tmp_path / "wh.duckdb"), "-q"],
        env={**ENV, "PREFECT_HOME": str(tmp_path / "fresh-home")}, cwd=tmp_path,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    for bad in ("Traceback", "telemetry", "database is locked", "ERROR"):
        assert bad not in proc.stderr, proc.stderr[-3000:]
    assert "1 articles loaded" in proc.stderr
