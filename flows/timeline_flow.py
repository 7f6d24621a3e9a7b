"""The batch flow: read articles, process them in coarse batches on Prefect tasks, load DuckDB.

The logic lives in ``timeline.*``; this module only adds orchestration: tasks per batch (not per
article or sentence: a task run costs ~4 ms), a bounded thread pool, retries on reading, logging.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.context import get_run_context
from prefect.task_runners import ThreadPoolTaskRunner

from timeline import pipeline, sources, warehouse
from timeline.records import Article, BatchResult, Rejection
from timeline.settings import Settings, load_settings


@task(name="read-articles", retries=1, retry_delay_seconds=1)
def read_inputs(paths: list[str], max_bytes: int) -> list[Article | Rejection]:
    return list(sources.read_articles(paths, max_bytes=max_bytes))


@task(name="process-batch")
def process(batch: list[Article], model: str, nlp_batch_size: int) -> BatchResult:
    return pipeline.process_batch(batch, model=model, nlp_batch_size=nlp_batch_size)


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    except Exception:
        return None


@flow(name="timeline", log_prints=False)
def timeline_flow(paths: list[str], settings: Settings | None = None) -> dict[str, int | str]:
    settings = settings or load_settings()
    logger = get_run_logger()
    inputs = read_inputs(paths, int(settings.max_file_mb * 2**20))
    articles = [a for a in inputs if isinstance(a, Article)]
    refused = tuple(r for r in inputs if isinstance(r, Rejection))
    run_id = warehouse.new_run_id()
    with warehouse.connect(settings.warehouse) as con:
        warehouse.start_run(con, run_id, _flow_run_id())
        warehouse.load_batch(con, BatchResult(rejections=refused), run_id)
        batches = pipeline.batched(articles, settings.batch_size)
        futures = [process.submit(b, settings.model, settings.nlp_batch_size) for b in batches]
        for number, future in enumerate(futures, start=1):
            result = future.result()
            warehouse.load_batch(con, result, run_id)
            logger.info(
                "batch %d/%d: %d articles, %d events", number, len(futures), len(result.articles), len(result.events)
            )
        warehouse.refresh_canonical(con)
        counts = warehouse.finish_run(con, run_id)
    for rejection in refused:
        logger.warning("refused %s: %s", rejection.source, rejection.reason)
    return {"run_id": run_id, **counts}


def run(paths: list[str], settings: Settings) -> dict[str, int | str]:
    """Run the flow with a thread pool bounded by ``settings.workers``."""
    bounded = timeline_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=settings.workers))
    return bounded(paths=[str(Path(p)) for p in paths], settings=settings)
