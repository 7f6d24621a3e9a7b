"""Scale-out: the flow with its parsing tasks on a Dask cluster gives the same warehouse as a local run."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from timeline import warehouse
from timeline.settings import load_settings

from .conftest import SEEDS

SAMPLES = Path(__file__).parent / "samples"
TABLES = {
    "articles": "SELECT * EXCLUDE (loaded_at, run_id) FROM articles ORDER BY ALL",
    "time_expressions": "SELECT * FROM time_expressions ORDER BY ALL",
    "events": "SELECT * FROM events ORDER BY ALL",
    "ingest_log": "SELECT source, status, reason FROM ingest_log ORDER BY ALL",
}


def tables(path):
    return {name: warehouse.query(path, sql)[1] for name, sql in TABLES.items()}


@pytest.fixture()
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


def test_dask_run_equals_local_run(prefect_harness, cluster, tmp_path):
    from flows.timeline_flow import run

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "macron-trump-ukraine.txt", folder)
    shutil.copy(SEEDS / "macron-trump-ukraine.meta.json", folder)
    for sample in ("world-news.rss", "gazette-export.jsonl", "harbour-strike.html"):
        shutil.copy(SAMPLES / sample, folder)
    local = load_settings(warehouse=tmp_path / "local.duckdb", batch_size=2, workers=2)
    on_dask = replace(local, warehouse=tmp_path / "dask.duckdb", dask_address=cluster.scheduler_address)
    summary = run([str(folder)], on_dask)
    run([str(folder)], local)
    assert summary["loaded"] == 6 and summary["events"] > 0
    assert tables(on_dask.warehouse) == tables(local.warehouse)
    ran = cluster.scheduler.task_prefixes
    assert "process" in ran, sorted(ran)  # the parsing task ran on the cluster
