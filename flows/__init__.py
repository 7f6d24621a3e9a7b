"""Prefect flows: thin orchestration over the ``timeline`` library.

Importing this package (before Prefect is imported) sets Prefect up as this project runs it, unless the
environment says otherwise:

- ``PREFECT_HOME`` defaults to ``.prefect/`` in the project (git-ignored), so that runs never share
  ``~/.prefect/prefect.db`` with every other Prefect process of the user (two processes migrating or
  writing one SQLite file is the ``database is locked`` traceback of a first run);
- analytics are off: ``PREFECT_SERVER_ANALYTICS_ENABLED=false`` for the servers this project starts (the
  one of each ``timeline run`` without a configured API, ``flows.serve --start-server``: see
  ``flows.server``) and ``DO_NOT_TRACK=1`` for the client, so that an offline run logs no telemetry errors.
"""

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PREFECT_DEFAULTS = {
    "PREFECT_HOME": str(PROJECT / ".prefect"),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


def prefect_environment() -> None:
    """Set the defaults above for the settings the environment does not set."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


prefect_environment()
