"""Re-anchoring is a fresh run: moving real TimeML documents to another publication date by re-anchoring
gives exactly the warehouse a fresh run with that date gives — every table a user reads and the export.

Reads documents from ``../shared/eval/te3`` (the TempEval-3 corpora beside the project, never copied
into it); skipped when they are not there.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from timeline import export, runner, warehouse
from timeline.evaluation.timeml_reader import read
from timeline.settings import load_settings

from .conftest import SHARED

TE3 = SHARED / "eval" / "te3"
# A handful of documents of both corpora, with relative dates, weekdays, "now" and plans among them.
DOCS = ("TimeBank/APW19980219.0476.tml", "TimeBank/wsj_0124.tml", "TimeBank/NYT19980206.0460.tml",
        "AQUAINT/APW19990206.0090.tml", "AQUAINT/NYT19990419.0515.tml")  # fmt: skip
OFFSETS = (-9, 1, 30)

# What a user reads, without what differs by run (run ids, load and refresh times).
TABLES = {
    "articles": "SELECT * EXCLUDE (run_id, loaded_at) FROM articles",
    "time_expressions": "SELECT * FROM time_expressions",
    "events": "SELECT * FROM events",
    "event_readings": "SELECT * FROM event_readings",
    "canonical_events": "SELECT * EXCLUDE (refreshed_at) FROM canonical_events",
    "event_mentions": "SELECT * FROM event_mentions",
    "timeline": "SELECT * FROM timeline",
    "timeline_entries": "SELECT * FROM timeline_entries",
    "timeline_actors": "SELECT * FROM timeline_actors",
    "event_facets": "SELECT * FROM event_facets",
    "events_by_actor": "SELECT * FROM events_by_actor",
}


def _documents():
    paths = [TE3 / d for d in DOCS]
    if not all(p.exists() for p in paths):
        pytest.skip(f"TimeML documents not found under {TE3}")
    return [read(p) for p in paths]


def _write(folder: Path, docs, shift: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
        meta = {"published": (doc.dct + timedelta(days=shift)).isoformat(), "title": doc.doc_id}
        (folder / f"{doc.doc_id}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _snapshot(path: Path, tmp: Path) -> dict[str, list]:
    out = {name: sorted(warehouse.query(path, sql)[1], key=repr) for name, sql in TABLES.items()}
    csv = tmp / f"{path.stem}.csv"
    export.export(path, "csv", csv)
    out["csv"] = csv.read_text(encoding="utf-8-sig").splitlines()
    return out


def _assert_same(moved: dict[str, list], fresh: dict[str, list], how: str) -> None:
    for name in fresh:
        assert moved[name] == fresh[name], f"{how}: table {name} differs from a fresh run"


@pytest.fixture(scope="module")
def documents():
    return _documents()


def test_reanchoring_by_hand_equals_a_fresh_run(nlp, tmp_path, documents):
    """``timeline reanchor`` to several dates in turn, each compared with a fresh run with that date."""
    base = tmp_path / "base"
    _write(base, documents, 0)
    moved = load_settings(warehouse=tmp_path / "moved.duckdb")
    runner.run([base], moved)
    assert warehouse.query(moved.warehouse, "SELECT count(*) FROM events")[1][0][0] > 20
    for shift in OFFSETS:
        for doc in documents:
            runner.reanchor(moved, f"{doc.doc_id}.txt", doc.dct + timedelta(days=shift))
        _write(base, documents, shift)  # the same files (same sources, same ids), dated anew
        fresh = load_settings(warehouse=tmp_path / f"fresh{shift}.duckdb")
        runner.run([base], fresh)
        _assert_same(_snapshot(moved.warehouse, tmp_path), _snapshot(fresh.warehouse, tmp_path), f"{shift:+d} days")


def test_a_run_with_new_dates_equals_a_fresh_run(nlp, tmp_path, documents):
    """A run over the same files whose sidecars give another date re-anchors them (no parse)."""
    folder = tmp_path / "in"
    _write(folder, documents, 0)
    moved = load_settings(warehouse=tmp_path / "moved.duckdb")
    runner.run([folder], moved)
    shift = OFFSETS[0]
    _write(folder, documents, shift)
    summary = runner.run([folder], moved)
    assert summary["reanchored"] == len(documents)
    fresh = load_settings(warehouse=tmp_path / "fresh.duckdb")
    runner.run([folder], fresh)
    _assert_same(_snapshot(moved.warehouse, tmp_path), _snapshot(fresh.warehouse, tmp_path), f"{shift:+d} days")
