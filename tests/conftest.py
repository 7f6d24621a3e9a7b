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


def assert_timeline_current(con) -> None:
    """The timeline tables hold what their definition gives from the other tables: ``timeline_entries`` the
    rows :data:`timeline.warehouse.TIMELINE_ROWS` computes, ``timeline_actors`` the words of their actors."""
    from timeline import warehouse

    cols = ", ".join(warehouse.TIMELINE_COLUMNS)
    stored = sorted(con.execute(f"SELECT {cols} FROM timeline_entries").fetchall(), key=repr)
    computed = f"SELECT {cols} FROM ({warehouse.TIMELINE_ROWS.format(**warehouse.TABLES)})"
    assert stored == sorted(con.execute(computed).fetchall(), key=repr)
    words = warehouse.ACTOR_WORDS.replace("INSERT INTO timeline_actors", "").replace("{rows}", "timeline_entries")
    actors = sorted(con.execute("SELECT * FROM timeline_actors").fetchall(), key=repr)
    assert actors == sorted(con.execute(words).fetchall(), key=repr)
