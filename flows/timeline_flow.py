"""The batch flow: read articles, skip what is already loaded, parse the rest in coarse tasks, load DuckDB.

The logic lives in ``timeline.*``; this module only adds orchestration: one task per batch of articles
(not per article or sentence: a task run costs ~4 ms), a bounded thread pool or a Dask cluster
(``dask_address``), retries on reading, a log line per batch and a table artifact per run. Loading stays
in the flow, on the one DuckDB connection of the run, one transaction per batch.
"""

# No ``from __future__ import annotations`` here: Prefect validates flow parameters against the real types
# when a deployment loads this file by path.
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.context import get_run_context
from prefect.task_runners import ThreadPoolTaskRunner

from timeline import incremental, pipeline, sources, warehouse
from timeline.records import Article, BatchResult, Rejection
from timeline.settings import Settings, load_settings

ProgressHook = Callable[[str, int, int], None]  # (stage, done, total)
_progress: ProgressHook | None = None


@task(name="read-articles", retries=1, retry_delay_seconds=1)
def read_inputs(paths: list[str], max_bytes: int) -> list[Article | Rejection]:
    return list(sources.read_articles(paths, max_bytes=max_bytes))


@task(name="process-batch", retries=1, retry_delay_seconds=2)  # a lost Dask worker, say
def process(batch: list[Article], model: str, nlp_batch_size: int, notes: list[tuple[str, str]]) -> BatchResult:
    return pipeline.process_batch(batch, model=model, nlp_batch_size=nlp_batch_size, notes=notes)


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    except Exception:
        return None


def _tick(done: int, total: int) -> None:
    if _progress is not None:
        _progress("articles", done, total)


@flow(name="timeline", log_prints=False)
def timeline_flow(paths: list[str], settings: Settings | None = None, force: bool = False) -> dict[str, Any]:
    settings = settings or load_settings()
    logger = get_run_logger()
    inputs = read_inputs(paths, int(settings.max_file_mb * 2**20))
    run_id = warehouse.new_run_id()
    with warehouse.connect(settings.warehouse, wait_seconds=settings.lock_wait_seconds) as con:
        work = incremental.begin_run(con, inputs, run_id, _flow_run_id(), force=force)
        batches = pipeline.batched(work.parse, settings.batch_size)
        futures = [process.submit(b, settings.model, settings.nlp_batch_size, list(work.notes)) for b in batches]
        done = 0
        _tick(done, len(work.parse))
        for number, (batch, future) in enumerate(zip(batches, futures, strict=True), start=1):
            result = future.result()
            warehouse.load_batch(con, result, run_id)
            done += len(batch)
            _tick(done, len(work.parse))
            logger.info(
                "batch %d/%d: %d articles, %d events", number, len(futures), len(result.articles), len(result.events)
            )
        warehouse.refresh_canonical(con, warehouse.run_articles(con, run_id))
        counts = warehouse.finish_run(con, run_id)
    for rejection in [i for i in inputs if isinstance(i, Rejection)] + list(work.rejected):
        logger.warning("refused %s: %s", rejection.source, rejection.reason)
    create_table_artifact(
        key="timeline-run",
        table=[{"run_id": run_id, "inputs": len(inputs), **counts}],
        description=f"timeline run {run_id} over {', '.join(paths)}",
    )
    return {"run_id": run_id, **counts}


def task_runner(settings: Settings) -> Any:
    """A thread pool bounded by ``settings.workers``, or the Dask cluster at ``settings.dask_address``."""
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    return ThreadPoolTaskRunner(max_workers=settings.workers)


def run(
    paths: list[str], settings: Settings, force: bool = False, progress: ProgressHook | None = None
) -> dict[str, Any]:
    """Run the flow with the task runner the settings ask for; ``progress`` is told of each loaded batch."""
    global _progress
    _progress = progress
    try:
        bounded = timeline_flow.with_options(task_runner=task_runner(settings))
        return bounded(paths=[str(Path(p)) for p in paths], settings=settings, force=force)
    finally:
        _progress = None
