"""A Prefect server on loopback (``prefect server start --host 127.0.0.1``) for as long as a block runs.

Two users:

- ``python -m flows.serve --start-server`` (``make serve``): the server of the scheduled deployment, with
  every service (:func:`local_server`);
- ``timeline run`` when no Prefect API is configured (:func:`run_api`): the server of one run, with the
  services that record a run (task runs, events, triggers) and none of those that act on deployments and
  schedules, which a one-run server never has. Prefect's own ephemeral mode would start an equivalent
  server, but it starts it from the run's own process through ``prefect.server.api.server``, whose import
  (the server's models and routes) costs that process about 3 CPU s more than ``import prefect`` while
  the workers parse: a per-run server started here costs the run's process nothing but the wait.

A configured API (``PREFECT_API_URL`` in the environment or the Prefect profile, a running ``prefect server
start`` or Prefect Cloud) is used as it is: no server is started.
"""

from __future__ import annotations

import inspect
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from timeline.lifeline import die_with_parent

# Services a one-run server does without: they act on deployments, schedules, work pools and stuck runs.
RUN_SERVICES_OFF = ("SCHEDULER", "LATE_RUNS", "FOREMAN", "CANCELLATION_CLEANUP", "PAUSE_EXPIRATIONS",
                    "REPOSSESSOR", "CLEANUP_RECONCILER")  # fmt: skip
RUN_SERVER_START_SECONDS = 120.0  # Prefect's ephemeral default, 20 s, is too short with every core parsing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(
    api_url: str, timeout: float = 90.0, proc: subprocess.Popen[bytes] | None = None, every: float = 0.5
) -> None:
    """Wait until the Prefect API answers its health check (asking every ``every`` s), at most ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(every)
    raise TimeoutError(f"the Prefect API at {api_url} did not answer within {timeout:.0f} s")


@contextmanager
def local_server(
    port: int | None = None, env: dict[str, str] | None = None, timeout: float = 90.0, every: float = 0.5
) -> Iterator[str]:
    """A ``prefect server start`` on 127.0.0.1 for the duration of the block; yields its API URL."""
    port = port or free_port()
    env = {**os.environ, **(env or {})}
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS", "5")
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    # Its own session (stopped as a group), and it dies with this process even after a SIGKILL of it.
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        preexec_fn=die_with_parent,
    )  # fmt: skip
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        wait_healthy(api_url, timeout, proc, every)
        yield api_url
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """Stop a process started in its own session, and its children: TERM, then KILL after ``grace`` s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=grace)


@contextmanager
def run_api() -> Iterator[str | None]:
    """The Prefect API of one ``timeline run``: the configured one (yields ``None``), or else a server of the
    run's own on a free loopback port (yields its URL), made the API of this process for the block.

    The server is given ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`` (default 120 s) to answer. When
    ``PREFECT_SERVER_ALLOW_EPHEMERAL_MODE`` is off, none is started (Prefect then refuses the run, as it
    would). At the end of the block, the logs and events still queued in this process are sent before the
    server stops."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_SERVER_ALLOW_EPHEMERAL_MODE,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        temporary_settings,
    )

    if PREFECT_API_URL.value() or not PREFECT_SERVER_ALLOW_EPHEMERAL_MODE.value():
        yield None
        return
    timeout = RUN_SERVER_START_SECONDS
    if os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"):
        timeout = float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
    env = {f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false" for name in RUN_SERVICES_OFF}
    env["PREFECT_SERVER_UI_ENABLED"] = "false"
    with local_server(env=env, timeout=timeout, every=0.1) as api_url:
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            try:
                yield api_url
            finally:
                _drain()


def _drain() -> None:
    """Send the logs and events this process still queues for the API (what Prefect's test harness does
    before it stops its server): a server stopped before them would leave connection errors at exit."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.utilities.asyncutils import run_coro_as_sync

    async def drain() -> None:
        try:
            logs = APILogWorker.instance().drain()
            if inspect.isawaitable(logs):
                await logs
        except RuntimeError:  # never started
            pass
        events = EventsWorker.drain_all()
        if inspect.isawaitable(events):
            await events

    run_coro_as_sync(drain())
