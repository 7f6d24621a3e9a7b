"""Prefect flows: thin orchestration over the ``timeline`` library.

Importing this package (before Prefect is imported) sets Prefect up as this project runs it, unless the
environment says otherwise:

- ``PREFECT_HOME`` defaults to ``.prefect/`` in the project (git-ignored), so that runs never share
  ``~/.prefect/prefect.db`` with every other Prefect process of the user (two processes migrating or
  writing one SQLite file is the ``database is locked`` traceback of a first run);
- analytics are off: ``PREFECT_SERVER_ANALYTICS_ENABLED=false`` for the servers this project starts (the
  ephemeral one of ``timeline run``, ``flows.serve --start-server``) and ``DO_NOT_TRACK=1`` for the client,
  so that an offline run logs no telemetry errors;
- the ephemeral server of ``timeline run`` may take 120 s to start (Prefect's default, 20 s, is short for
  a first start on a busy machine, which then fails with a traceback).
"""

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PREFECT_DEFAULTS = {
    "PREFECT_HOME": str(PROJECT / ".prefect"),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # A first start migrates a new database; on a busy machine that takes longer than Prefect's 20 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def prefect_environment() -> None:
    """Set the defaults above for the settings the environment does not set."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


prefect_environment()
