"""Scale-out: the flow with its parsing tasks on a Dask cluster gives the same warehouse as a local run.

The cluster is real: a ``dask scheduler`` and ``dask worker`` processes of their own on loopback (free
ports, no dashboard), as on a cluster of machines, not a cluster inside the test's process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from timeline import runner
from timeline.settings import load_settings

from .conftest import ROOT
from .test_flow import news_folder, tables

DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two single-threaded worker processes, each started as its own process group."""
    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    common = {"env": env, "cwd": tmp_path, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL,
              "start_new_session": True}  # fmt: skip
    scheduler = subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
        **common,
    )
    workers = subprocess.Popen(
        [str(DASK), "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
         "--local-directory", str(tmp_path / "dask-worker")],
        **common,
    )  # fmt: skip
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        stop(workers)
        stop(scheduler)


def task_prefixes(address: str) -> set[str]:
    from distributed import Client

    with Client(address, timeout=60) as client:
        return set(client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes)))


def test_dask_run_equals_local_run(prefect_harness, cluster, tmp_path):
    from flows.timeline_flow import run

    folder = news_folder(tmp_path / "in", timeml=3)
    local = load_settings(warehouse=tmp_path / "local.duckdb", batch_size=2, workers=1)
    on_dask = replace(local, warehouse=tmp_path / "dask.duckdb", dask_address=cluster)
    summary = run([str(folder)], on_dask)
    runner.run([folder], local)
    assert summary["loaded"] >= 8 and summary["events"] > 0
    assert tables(on_dask.warehouse) == tables(local.warehouse)
    assert "process" in task_prefixes(cluster)  # the parsing tasks ran on the cluster's workers


def test_batches_in_flight_on_dask_are_bounded(prefect_harness, cluster):
    from prefect import flow
    from prefect_dask import DaskTaskRunner

    from flows.timeline_flow import cluster_window

    @flow(task_runner=DaskTaskRunner(address=cluster))
    def window() -> int:
        return cluster_window()

    assert window() == 4  # two batches per worker thread (two workers of one thread), not every batch at once


def test_dask_workers_are_processes_of_their_own(cluster):
    from distributed import Client

    with Client(cluster, timeout=60) as client:
        pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids



@pytest.mark.parametrize("address", ["nonsense", "tcp://host", "http://127.0.0.1:8786", "tcp://a b:1"])
def test_a_malformed_dask_address_is_a_setting_error(address):
    from timeline.errors import ConfigError
    from timeline.settings import load_settings

    with pytest.raises(ConfigError, match="dask_address must be a scheduler address"):
        load_settings(dask_address=address)
    assert load_settings(dask_address="tcp://[::1]:8786").dask_address == "tcp://[::1]:8786"


def test_an_unreachable_scheduler_is_one_line_before_the_flow_starts():
    import socket

    from flows.timeline_flow import check_scheduler
    from timeline.errors import ConfigError

    with socket.socket() as s:  # a port nothing listens on once it is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConfigError, match=rf"no Dask scheduler answers at tcp://127.0.0.1:{port}"):
        check_scheduler(f"tcp://127.0.0.1:{port}", timeout=2)
