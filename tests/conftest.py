"""Shared fixtures: the spaCy pipeline once per session, a fresh warehouse per test, Prefect on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from timeline import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture()
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "timeline.duckdb"


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test harness (a temporary API) for the whole session: it takes several seconds."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
