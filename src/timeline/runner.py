"""The one run: plan → read → resolve → load → refresh merged events → finish the run record.

Every way of running the pipeline goes through :func:`execute`: ``timeline run`` (with or without the
Prefect flow around it), the flow itself (``flows/timeline_flow.py``), ``timeline reanchor`` (a plan of
one article; the resolve step only, unless it had no date) and the benchmarks. Only the way batches are
mapped onto workers differs, and the caller passes it (:data:`MapBatches`): in this process
(:func:`in_process`), on worker processes (:class:`Workers`), or as Prefect tasks on a thread pool or a
Dask cluster (the flow).

Reads: :class:`~timeline.records.Article` / :class:`~timeline.records.Rejection` inputs (or paths to read
them from) and what the warehouse holds of them. Writes: the warehouse, one transaction per group of
batches (:func:`load_groups`), and a summary of the run (``run_id``, counts, seconds).

The write connection is held only while something is written (the start of the run, each group's load,
the refresh of merged events and the run record): parsing runs without it, so that readers
(``timeline query``, exports, the duckdb CLI) get in between loads. See *Readers during runs* in the
README.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Protocol, TypeVar

from . import incremental, warehouse
from .incremental import Plan
from .records import Article, BatchResult, Rejection
from .settings import Settings
from .sources.dates import redate

T = TypeVar("T")

Progress = Callable[[int, int], None]  # (articles parsed and loaded so far, articles to parse)


@dataclass(frozen=True)
class ParseJob:
    """Turn one batch of articles into a :class:`BatchResult` (parse, tag, read events): what a worker runs.

    Picklable (plain fields), so it travels to worker processes and Dask workers; the model is loaded
    once per process (:func:`timeline.nlp.load`)."""

    model: str
    nlp_batch_size: int
    notes: tuple[tuple[str, str], ...] = ()
    date_order: str = "month-first"  # Settings.date_order

    def __call__(self, batch: Sequence[Article]) -> BatchResult:
        from . import nlp  # spaCy is imported only where a text is parsed
        from .pipeline import process_batch

        # What the batch adds to the model's vocabulary is forgotten once its result (plain records) is
        # made: a worker parses thousands of articles, each with words, numbers and names of its own.
        with nlp.memory_zone(self.model):
            return process_batch(
                batch, model=self.model, nlp_batch_size=self.nlp_batch_size, notes=self.notes,
                date_order=self.date_order,
            )  # fmt: skip


# How the batches of a run are parsed: given the job and the batches, yield one result per batch, in order.
MapBatches = Callable[[ParseJob, Sequence[Sequence[Article]]], Iterable[BatchResult]]


def in_process(job: ParseJob, batches: Sequence[Sequence[Article]]) -> Iterator[BatchResult]:
    """Parse the batches one after another in this process."""
    for batch in batches:
        yield job(batch)


class _Pending(Protocol):
    def result(self) -> BatchResult: ...


def in_order(
    submit: Callable[[Sequence[Article]], _Pending], batches: Sequence[Sequence[Article]], window: int
) -> Iterator[BatchResult]:
    """Submit the batches, at most ``window`` of them not yet taken, and yield their results in order: the
    next batch is submitted once the caller has taken (loaded) a result."""
    it = iter(batches)
    pending = deque(submit(b) for b in islice(it, max(1, window)))
    while pending:
        result = pending.popleft().result()
        yield result
        for batch in islice(it, 1):
            pending.append(submit(batch))


@dataclass(frozen=True)
class RunPlan:
    """What a run will do, decided from content hashes and the warehouse before anything heavy is loaded."""

    run_id: str
    inputs: int  # files and entries given, refused ones included
    refused: tuple[Rejection, ...]  # refused while reading
    work: Plan  # parse / re-anchor / unchanged / rejected, with notes
    anchors: tuple[tuple[str, date], ...] = ()  # publication dates set by hand, recorded with the run

    @property
    def idle(self) -> bool:
        """Nothing to parse or re-anchor: the run only records what it skipped and refused."""
        return not self.work.parse and not self.work.reanchor

    def job(self, settings: Settings) -> ParseJob:
        """What each worker runs on this plan's batches."""
        return ParseJob(settings.model, settings.nlp_batch_size, tuple(self.work.notes), settings.date_order)

    def batches(self, settings: Settings) -> list[list[Article]]:
        """The articles to parse, in batches of ``settings.batch_size``; with several workers, the last
        batch of each is halved (:func:`tapered`), so that the workers end about together."""
        return tapered(batched(self.work.parse, settings.batch_size), settings.workers)


def tapered(batches: list[list[T]], workers: int) -> list[list[T]]:
    """``batches`` with each of the last ``workers`` cut in two halves (when there are more batches than
    workers and more than one worker). The workers take batches as they come free, so the last ones end
    apart by up to one batch: over 1,000 articles in batches of 50, one of two workers sat idle for
    1.7 s while the other parsed its last batch. Halves halve that wait; the articles keep their order."""
    if workers < 2 or len(batches) <= workers:
        return batches
    halves = []
    for batch in batches[-workers:]:
        middle = (len(batch) + 1) // 2
        halves += [half for half in (batch[:middle], batch[middle:]) if half]
    return batches[:-workers] + halves


def batched(items: Iterable[T], size: int) -> list[list[T]]:
    it = iter(items)
    out = []
    while chunk := list(islice(it, size)):
        out.append(chunk)
    return out


def read_inputs(paths: Sequence[str | Path], settings: Settings) -> list[Article | Rejection]:
    from .sources import read_articles

    return list(read_articles(paths, max_bytes=int(settings.max_file_mb * 2**20)))


def plan(inputs: Sequence[Article | Rejection], settings: Settings, force: bool = False) -> RunPlan:
    """Plan a run over ``inputs`` on a short connection: what to parse, re-anchor, skip, refuse."""
    articles = [a for a in inputs if isinstance(a, Article)]
    refused = tuple(r for r in inputs if isinstance(r, Rejection))
    with warehouse.connect(settings.warehouse, wait_seconds=settings.lock_wait_seconds) as con:
        work = incremental.plan_run(con, articles, force=force)
    return RunPlan(warehouse.new_run_id(), len(inputs), refused, work)


def execute(
    run: RunPlan,
    settings: Settings,
    map_batches: MapBatches = in_process,
    progress: Progress | None = None,
    flow_run_id: str | None = None,
) -> dict[str, Any]:
    """Carry out a planned run; return ``{"run_id", "loaded", "unchanged", "rejected", "reanchored",
    "events", "seconds"}``.

    1. start: record the run, the dates set by hand, the refused and unchanged inputs (one transaction);
    2. resolve: re-anchor the articles whose publication date changed, from their stored forms (loaded);
    3. read: parse the rest in batches of ``settings.batch_size`` through ``map_batches``, loading the
       finished batches by groups of about :data:`LOAD_ARTICLES` articles (:func:`load_groups`; one open
       of the warehouse and one transaction each, on one DuckDB thread; the connection is closed between
       groups);
    4. refresh the merged (canonical) events (on every core: the workers are done) and finish the run
       record.
    """
    work = run.work

    def write(checkpoint: bool = False, threads: int | None = None) -> Any:  # see warehouse.connect
        return warehouse.connect(
            settings.warehouse, wait_seconds=settings.lock_wait_seconds, checkpoint=checkpoint, threads=threads
        )  # fmt: skip

    with write() as con:
        warehouse.start_run(con, run.run_id, flow_run_id, inputs=run.inputs)
        for article_id, published in run.anchors:
            warehouse.set_anchor_override(con, article_id, published)
        refused = BatchResult(rejections=run.refused + work.rejected)
        warehouse.load_batch(con, refused, run.run_id, unchanged=work.unchanged)
        if work.reanchor:
            warehouse.load_batch(con, incremental.reanchor_stored(con, work.reanchor, settings.model), run.run_id)
    total, done = len(work.parse), 0
    if progress is not None:
        progress(done, total)
    for group in load_groups(map_batches(run.job(settings), run.batches(settings)), load_size(settings.batch_size)):
        with write(threads=1) as con:  # the workers parse on every core meanwhile
            warehouse.load_batch(con, group, run.run_id)
        done += len(group.articles) + len(group.rejections)
        del group  # let go of the results before the next ones come
        if progress is not None:
            progress(done, total)
    with write(checkpoint=True) as con:
        # the articles this run loaded, and those of runs interrupted before their refresh
        touched = [a for r in (run.run_id, *warehouse.unfinished_runs(con, run.run_id)) for a in
                   warehouse.run_articles(con, r)]  # fmt: skip
        if touched:
            warehouse.refresh_canonical(con, touched)
        counts = warehouse.finish_run(con, run.run_id)
    return {"run_id": run.run_id, **counts}


# Parsed articles loaded together: one open of the warehouse and one transaction for every ~200 of them.
# Each open of a warehouse replays its write-ahead log, which grows through a run (0.03 s at the first
# open, 0.28 s at the twentieth, over 1,000 articles), and each transaction deletes, inserts and lays out
# the timeline rows table by table: over 1,000 articles in 20 batches, loading them by groups of four took
# 2.0-2.2 CPU s of the run's process instead of 6.1 (bench/throughput.py's loads, README *Benchmarks*).
LOAD_ARTICLES = 200
LOAD_BATCHES = 4  # and at most four batches: a run of small batches still loads (and can be stopped) mid-way


def load_size(batch_size: int) -> int:
    """Articles per load: :data:`LOAD_ARTICLES`, at most :data:`LOAD_BATCHES` batches of ``batch_size``."""
    return max(1, min(LOAD_ARTICLES, LOAD_BATCHES * batch_size))


def _runs(items: Iterable[T], size: Callable[[T], int], articles: int) -> Iterator[list[T]]:
    """Consecutive ``items`` in runs of at least ``articles`` (counted by ``size``; the last run: what is
    left), in order."""
    run: list[T] = []
    held = 0
    for item in items:
        run.append(item)
        held += size(item)
        if held >= articles:
            yield run
            run, held = [], 0
    if run:
        yield run


def load_groups(results: Iterable[BatchResult], articles: int = LOAD_ARTICLES) -> Iterator[BatchResult]:
    """The ``results`` of consecutive batches joined into one result per ~``articles`` inputs (a group is
    yielded once it holds at least that many, and the rest at the end), in order. The batches of a group
    wait in memory until it is loaded: a run killed meanwhile loses them with those in flight, and the
    next run parses them again (nothing loaded is lost; nothing is loaded twice)."""
    for group in _runs(results, lambda r: len(r.articles) + len(r.rejections), articles):
        yield joined(group)


def grouped(batches: Sequence[Sequence[T]], articles: int = LOAD_ARTICLES) -> list[list[Sequence[T]]]:
    """Consecutive ``batches`` in groups of at least ``articles`` items each (the last one: what is left),
    in order: the groups :func:`load_groups` would load, made before parsing (one Prefect task each)."""
    return list(_runs(batches, len, articles))


def joined(results: Sequence[BatchResult]) -> BatchResult:
    """One result holding those of several batches, in order (a single result is returned as it is)."""
    if len(results) == 1:
        return results[0]
    return BatchResult(**{f.name: tuple(x for r in results for x in getattr(r, f.name)) for f in fields(BatchResult)})


def run(
    paths: Sequence[str | Path],
    settings: Settings,
    force: bool = False,
    map_batches: MapBatches | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Read, plan and execute a run over ``paths`` without Prefect; batches go to worker processes when
    there are several batches and ``settings.workers`` > 1 (see :func:`local_workers`)."""
    planned = plan(read_inputs(paths, settings), settings, force=force)
    if map_batches is not None:
        return execute(planned, settings, map_batches, progress)
    with local_workers(settings, len(planned.work.parse)) as mapping:
        return execute(planned, settings, mapping, progress)


def reanchor(settings: Settings, key: str, published: date) -> dict[str, Any]:
    """Set an article's publication date by hand and re-anchor its dates: a run with a plan of one article.

    ``key`` is the article id, its source or its file name. The date sticks: later runs use it. An article
    that had no date is parsed again from its stored text (its relative dates had no events)."""
    with warehouse.connect(settings.warehouse, wait_seconds=settings.lock_wait_seconds) as con:
        article = warehouse.stored_article(con, key)
        stored = warehouse.stored_articles(con, [article.article_id])
    work = incremental.plan([redate(article, published)], stored)
    planned = RunPlan(warehouse.new_run_id(), 1, (), work, anchors=((article.article_id, published),))
    summary = execute(planned, settings)
    return {"article": article.source, "reparsed": bool(work.parse), **summary}


# ---- worker processes ----------------------------------------------------------------------------


def _warm(model: str, parent: int) -> None:
    """A worker's start: watch the parent, end quickly when let go (:func:`_end_quickly`), load the model,
    then move everything loaded so far (the model's tables, spaCy, thinc: some 93,000 objects that live as
    long as the process) out of the garbage collector's reach (``gc.freeze``): its full collections no
    longer walk them again and again while batches are parsed (reference counting still frees them; only
    a cycle among them would be kept). See *Worker CPU on the spaCy side* in the README."""
    threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="parent-watch").start()
    atexit.register(_end_quickly)
    from . import nlp

    nlp.load(model)
    gc.collect()
    gc.freeze()


def _end_quickly() -> None:
    """A worker's end once the pool lets it go (its results are all sent: the pool's result queue writes
    as it is put): exit without tearing spaCy, thinc and numpy down object by object, which took 0.6 s
    of a run's end, where the run waits for its workers to be gone before it merges its events."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


def _exit_with(parent: int) -> None:
    """End this worker when the process that started it is gone (even by SIGKILL): no orphan keeps parsing."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _ready() -> int:
    return os.getpid()


class Workers:
    """A pool of ``n`` parsing processes, each loading the model once when it starts.

    The processes are started by ``spawn`` (never forked from a process that runs threads, as Prefect's
    does) as soon as the pool is made, so their model loading overlaps whatever the caller does next;
    :meth:`prefetch` starts parsing known batches before they are asked for (while Prefect starts up, say).
    Batches go to whichever process is free; results come back in batch order. Loading into DuckDB stays
    with the caller: one writer."""

    def __init__(self, n: int, model: str) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.n = n
        self._pool = ProcessPoolExecutor(
            max_workers=n,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(model, os.getpid()),
        )
        for _ in range(n):  # start every process now (the pool otherwise starts them one submit at a time)
            self._pool.submit(_ready)
        self._ahead: dict[tuple[ParseJob, tuple[Article, ...]], Future[BatchResult]] = {}

    def _submit(self, job: ParseJob, batch: Sequence[Article]) -> Future[BatchResult]:
        ahead = self._ahead.pop((job, tuple(batch)), None)  # the same job on the same articles (text included)
        return ahead if ahead is not None else self._pool.submit(job, list(batch))

    @property
    def window(self) -> int:
        """Batches parsed ahead of the one being loaded, at most: two per worker (memory stays bounded
        when loading falls behind, on a busy machine, say)."""
        return 2 * self.n

    @property
    def ahead(self) -> int:
        """Batches :meth:`prefetch` starts: four per worker. The run's process takes the first result only
        once Prefect is imported and its API answers, 5 to 15 s with every core parsing, and a worker parses
        a batch of 50 articles in 2 to 4 s: with :attr:`window` (two per worker) the workers sat idle at
        the end of that wait."""
        return 4 * self.n

    def prefetch(self, job: ParseJob, batches: Sequence[Sequence[Article]]) -> None:
        """Start parsing the first :attr:`ahead` of these batches now; :meth:`parse` and :meth:`map` of
        the same batches take the results."""
        for batch in batches[: self.ahead]:
            self._ahead[(job, tuple(batch))] = self._pool.submit(job, list(batch))

    def parse(self, job: ParseJob, batch: Sequence[Article]) -> BatchResult:
        """Parse one batch in a worker process and wait for its result (for callers with their own threads)."""
        return self._submit(job, batch).result()

    def parse_group(self, job: ParseJob, batches: Sequence[Sequence[Article]]) -> BatchResult:
        """Parse a group of batches (:func:`grouped`) on every worker at once and wait for them all: their
        results joined (:func:`joined`), in order. What one Prefect task of a local run does."""
        futures = [self._submit(job, batch) for batch in batches]
        return joined([future.result() for future in futures])

    def map(self, job: ParseJob, batches: Sequence[Sequence[Article]]) -> Iterator[BatchResult]:
        """A :data:`MapBatches`: results in order, at most :attr:`window` batches ahead; once the last one
        has been taken, the processes end (see :meth:`close`)."""
        yield from in_order(partial(self._submit, job), batches, self.window)
        self.close()

    def close(self) -> None:
        """End the processes, each with its model, and wait for them: when a run's last batch has been
        taken (:meth:`map`, and the flow's tasks), before the run merges its events in this process, and
        at the end of :func:`worker_pool`. Calling it again does nothing."""
        self._ahead.clear()  # batches prefetched and never asked for (the plan changed meanwhile)
        self._pool.shutdown(wait=True, cancel_futures=True)


def worker_count(settings: Settings, articles: int) -> int:
    """Worker processes worth starting: ``settings.workers``, at most one per batch."""
    batches = -(-articles // settings.batch_size)
    return max(1, min(settings.workers, batches))


@contextmanager
def worker_pool(settings: Settings, articles: int) -> Iterator[Workers | None]:
    """Worker processes for a run over ``articles`` to parse, when more than one is worth starting
    (:func:`worker_count`); ``None`` when the batches are better parsed in this process."""
    n = worker_count(settings, articles)
    if n <= 1:
        yield None
        return
    workers = Workers(n, settings.model)
    try:
        yield workers
    finally:
        workers.close()


@contextmanager
def started_workers(run: RunPlan, settings: Settings) -> Iterator[Workers | None]:
    """The :func:`worker_pool` of a planned run, already parsing its first batches (:meth:`Workers.prefetch`);
    ``None`` when the run parses on a Dask cluster or in this process. ``timeline run`` enters it right
    after the plan, before Prefect is imported, so that the model loads and the first batches overlap
    Prefect's import and the start of its API server."""
    if settings.dask_address:
        yield None
        return
    with worker_pool(settings, len(run.work.parse)) as workers:
        if workers is not None:
            workers.prefetch(run.job(settings), run.batches(settings))
        yield workers


@contextmanager
def local_workers(settings: Settings, articles: int) -> Iterator[MapBatches]:
    """The :data:`MapBatches` of a local run: :class:`Workers` or :func:`in_process` (see :func:`worker_pool`)."""
    with worker_pool(settings, articles) as workers:
        yield in_process if workers is None else workers.map
