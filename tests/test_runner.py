"""What a long run keeps in memory: each batch's result is let go once loaded, the worker processes end
before the merge of events, and a worker's model forgets the strings of the batches it parsed."""

from __future__ import annotations

import gc
import multiprocessing
import weakref
from datetime import date
from pathlib import Path

from timeline import nlp, pipeline, runner, warehouse
from timeline.records import Article, BatchResult
from timeline.settings import load_settings


def articles(words: list[str]) -> list[Article]:
    """One short article per made-up name, each dated, with a time expression and an event."""
    return [
        Article(f"made-up/{word}.txt", f"{word} Industries said on Monday that {word} would open a plant in Ohio "
                f"next March.\nThe company employs 300 people.\n", date(2024, 5, 6))
        for word in words
    ]  # fmt: skip


def test_a_parse_job_forgets_the_strings_of_its_batch():
    """The model's vocabulary does not grow with the words of the batches a worker parses; the result is the
    one parsing without the memory zone gives, and holds the new words as plain strings."""
    settings = load_settings()
    job = runner.ParseJob(settings.model, settings.nlp_batch_size)
    strings = nlp.load(settings.model).vocab.strings
    job(articles(["Quorvexa"]))  # whatever a first parse adds for good (labels, say)
    before = len(strings)
    batch = articles(["Zelphiron", "Brattlemoor"])
    result = job(batch)
    assert "Zelphiron" not in strings and "Brattlemoor" not in strings
    assert len(strings) == before
    assert any("Zelphiron" in e.sentence for e in result.events)
    again = job(articles(["Vintravel", "Ossmeridan", "Tchalkbury"]))
    assert len(strings) == before and again.events
    plain = pipeline.process_batch(batch, model=settings.model, nlp_batch_size=settings.nlp_batch_size)
    assert result == plain


class _FakeWorkers:
    """Stands in for :class:`runner.Workers` in the flow: each batch gives a new result of its own."""

    n = 2
    window = 4

    def __init__(self) -> None:
        self.closed = False
        self.results: list[weakref.ref[BatchResult]] = []

    def parse(self, job: runner.ParseJob, batch: list[Article]) -> BatchResult:
        result = BatchResult(articles=tuple(batch))  # loaded with no time expression
        self.results.append(weakref.ref(result))
        return result

    def parse_group(self, job: runner.ParseJob, batches: list[list[Article]]) -> BatchResult:
        return runner.joined([self.parse(job, batch) for batch in batches])

    def close(self) -> None:
        self.closed = True


def test_the_flow_lets_go_of_each_batch_result_once_loaded(prefect_harness, tmp_path, monkeypatch):
    """Neither Prefect (task futures, states, the flow run's result links) nor the run keeps a batch's
    result once it is loaded: at each load (a group of batches, :func:`runner.load_groups`) the results
    loaded before are gone; the workers are closed before the events are merged."""
    from flows import timeline_flow

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i:02d}.txt").write_text(f"The council met on Monday, meeting {i}.\n", encoding="utf-8")
    settings = load_settings(warehouse=tmp_path / "w.duckdb", batch_size=1, workers=2)
    results: list[weakref.ref[BatchResult]] = []
    alive_at_load: list[int] = []
    load = warehouse.load_batch

    def recording_load(con, result, run_id, **kwargs):
        load(con, result, run_id, **kwargs)
        if result.articles:  # a parsed batch (the run's start loads the refused and unchanged ones)
            results.append(weakref.ref(result))
            gc.collect()
            alive_at_load.append(sum(r() is not None for r in results))

    workers = _FakeWorkers()
    closed_at_refresh: list[bool] = []
    refresh = warehouse.refresh_canonical
    monkeypatch.setattr(warehouse, "load_batch", recording_load)
    monkeypatch.setattr(
        warehouse, "refresh_canonical", lambda *a, **k: closed_at_refresh.append(workers.closed) or refresh(*a, **k)
    )
    flow = timeline_flow.build(workers).with_options(task_runner=timeline_flow.task_runner(settings, 2))
    monkeypatch.setattr(runner, "LOAD_ARTICLES", 3)
    summary = flow(paths=[str(folder)], settings=settings, return_state=True).result()
    assert summary["loaded"] == 12
    assert alive_at_load == [1] * 4  # four tasks and loads of three batches each; only the one being loaded
    gc.collect()
    assert all(r() is None for r in results + workers.results)  # the loaded groups and each batch's own result
    assert len(workers.results) == 12
    assert closed_at_refresh == [True]


def test_worker_processes_end_before_the_events_are_merged(tmp_path: Path, monkeypatch):
    """Once the last batch is loaded, the worker processes (a model each) are gone: the merge of the run's
    events, which grows with the run, has the memory to itself."""
    folder = tmp_path / "in"
    folder.mkdir()
    for article in articles(["Harnwick", "Solvaine", "Pemberlow", "Drussel"]):
        (folder / Path(article.source).name).write_text(article.text, encoding="utf-8")
    settings = load_settings(warehouse=tmp_path / "w.duckdb", batch_size=1, workers=2)
    children_at_refresh: list[int] = []
    refresh = warehouse.refresh_canonical

    def recording_refresh(*args, **kwargs):
        children_at_refresh.append(len(multiprocessing.active_children()))
        return refresh(*args, **kwargs)

    monkeypatch.setattr(warehouse, "refresh_canonical", recording_refresh)
    handed: list[int] = []
    mapped = runner.Workers.map
    monkeypatch.setattr(runner.Workers, "map", lambda self, job, b: handed.append(self.n) or mapped(self, job, b))
    summary = runner.run([folder], settings)
    assert summary["loaded"] == 4 and handed == [2]  # parsed on two worker processes
    assert children_at_refresh == [0]


def test_the_last_batch_of_each_worker_is_halved():
    """The workers end about together: each of the last ``workers`` batches is cut in two, in order."""
    batches = runner.batched(range(23), 5)  # 5 5 5 5 3
    assert [len(b) for b in runner.tapered(batches, 2)] == [5, 5, 5, 3, 2, 2, 1]
    assert [a for b in runner.tapered(batches, 2) for a in b] == list(range(23))
    assert runner.tapered(batches, 1) == batches  # one worker: nothing to balance
    assert runner.tapered(runner.batched(range(6), 5), 2) == [[0, 1, 2, 3, 4], [5]]  # no more batches than workers
    assert runner.tapered([[1]] * 3, 2) == [[1]] * 3  # a batch of one stays whole


def _inbox(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(f"The council met on Monday, meeting {i}.\n", encoding="utf-8")
    return folder


def _loaded(path: Path) -> int:
    with warehouse.connect(path, read_only=True) as con:  # fails while a writer holds the file
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_finished_batches_are_loaded_in_fewer_opens_and_readable_between_them(tmp_path: Path, monkeypatch):
    """Six batches of one article load in three opens of the warehouse (groups of two), one transaction
    each; between the loads no write connection is held, and a reader sees each group once loaded."""
    settings = load_settings(warehouse=tmp_path / "w.duckdb", batch_size=1, workers=1)
    monkeypatch.setattr(runner, "LOAD_ARTICLES", 2)
    seen_by_reader: list[int] = []

    def parse(job: runner.ParseJob, batches):
        for batch in batches:
            seen_by_reader.append(_loaded(settings.warehouse))  # a read-only open while the run goes on
            yield BatchResult(articles=tuple(batch))

    opens: list[int] = []
    connect = warehouse.connect
    monkeypatch.setattr(warehouse, "connect", lambda *a, **k: opens.append(len(a)) or connect(*a, **k))
    summary = runner.run([_inbox(tmp_path, 6)], settings, map_batches=parse)
    assert summary["loaded"] == 6
    assert seen_by_reader == [0, 0, 2, 2, 4, 4]  # before each batch is parsed: the groups loaded so far
    # the plan, the run's start, three loads (not six), the refresh and the run's record: the reader's opens aside
    assert len(opens) - len(seen_by_reader) == 1 + 1 + 3 + 1
    assert _loaded(settings.warehouse) == 6


def test_a_run_killed_after_a_load_keeps_what_it_loaded_and_the_next_run_does_the_rest(tmp_path: Path, monkeypatch):
    """The groups loaded before a crash stay; the batches held for the next group are lost with those in
    flight, and the next run parses exactly those, without duplicating anything."""
    settings = load_settings(warehouse=tmp_path / "w.duckdb", batch_size=1, workers=1)
    monkeypatch.setattr(runner, "LOAD_ARTICLES", 2)
    folder = _inbox(tmp_path, 6)

    def dying(job: runner.ParseJob, batches):
        for number, batch in enumerate(batches, start=1):
            if number == 6:
                raise RuntimeError("killed")
            yield BatchResult(articles=tuple(batch))

    try:
        runner.run([folder], settings, map_batches=dying)
    except RuntimeError:
        pass
    assert _loaded(settings.warehouse) == 4  # two groups of two; the fifth batch waited for the sixth
    parsed: list[int] = []

    def counting(job: runner.ParseJob, batches):
        parsed.append(sum(len(b) for b in batches))
        for batch in batches:
            yield BatchResult(articles=tuple(batch))

    summary = runner.run([folder], settings, map_batches=counting)
    assert parsed == [2] and summary["loaded"] == 2 and summary["unchanged"] == 4
    with warehouse.connect(settings.warehouse, read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT source) FROM articles").fetchone() == (6, 6)
