"""The batch flow: the library's one run (:mod:`timeline.runner`) with its batches as Prefect tasks.

The logic lives in ``timeline.*``; this module only adds orchestration: one task per group of batches
that the run loads together (~200 articles, not per article or sentence: each task run costs the run's
process and its Prefect server state changes, events and logs) on a thread pool whose tasks hand their
batches to the worker processes (:class:`timeline.runner.Workers`, one per core by default), or one task
per batch on a Dask cluster (``dask_address``); the configured Prefect API, or a Prefect server of the
run's own (``flows.server``); retries on reading and parsing, a log line per task and a table artifact
per run. Loading stays in the flow's process, one transaction per group (:func:`timeline.runner.execute`).
"""

# No ``from __future__ import annotations`` here: Prefect validates flow parameters against the real types
# when a deployment loads this file by path.
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path
from typing import Any, cast

from prefect import Flow, flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.server import run_api
from timeline import outcome, runner
from timeline.errors import ConfigError
from timeline.records import Article, BatchResult, Rejection
from timeline.settings import Settings, load_settings


@task(name="read-articles", retries=1, retry_delay_seconds=1, cache_policy=NO_CACHE)
def read_inputs(paths: list[str], settings: Settings) -> list[Article | Rejection]:
    return runner.read_inputs(paths, settings)


@task(name="process-batch", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)  # a lost Dask worker, say
def process(parse: Callable[[Any], BatchResult], batch: Any) -> BatchResult:
    return parse(batch)


def on_tasks(workers: runner.Workers | None) -> runner.MapBatches:
    """Batches as Prefect tasks on the flow's task runner. With local ``workers`` (a thread pool's tasks),
    one task per group of batches that the run loads together (:func:`timeline.runner.grouped`, ~200
    articles): the task hands its batches to every worker process at once and returns their results
    joined, so that a run of 1,000 articles makes 5 task runs rather than 22 (each a few state changes,
    events and log lines for the run's process and its Prefect server). On Dask, one task per batch,
    parsed in the task's own process: the cluster balances its workers by tasks."""

    def map_batches(job: runner.ParseJob, batches: Sequence[Sequence[Article]]) -> Iterator[BatchResult]:
        logger = get_run_logger()
        if workers is not None:
            size = runner.load_size(max((len(b) for b in batches), default=1))
            units: Sequence[Any] = runner.grouped(batches, size)
            parse: Callable[[Any], BatchResult] = partial(workers.parse_group, job)
            window = 2  # a group parsing on every worker, the next one queued behind it
        else:
            units, parse, window = batches, job, cluster_window()

        # quoted (local threads), Prefect does not walk the articles of a batch looking for futures (it would
        # copy each one); to Dask the batch goes as it is (Dask reads a tuple in a task's arguments as a task)
        def submit(unit: Any) -> Any:  # Prefect unwraps the quote before the task runs
            return process.submit(parse, quote(unit) if workers is not None else list(unit))

        results = runner.in_order(submit, units, window)
        for number, result in enumerate(results, start=1):  # each result is let go once loaded
            logger.info("%s %d/%d: %d articles, %d events", "group" if workers is not None else "batch", number,
                        len(units), len(result.articles), len(result.events))  # fmt: skip
            yield result
        if workers is not None:  # every batch is loaded: their memory is free before the merge of events
            workers.close()

    return map_batches


def cluster_window() -> int:
    """Batches in flight on the flow's Dask cluster: two per worker thread it has when the flow starts (one
    being parsed, one queued), as for local workers, so that results do not pile up in the flow's process
    when loading falls behind; at least two."""
    runner_ = get_run_context().task_runner  # type: ignore[union-attr]
    threads = sum(runner_.client.nthreads().values()) if hasattr(runner_, "client") else 0
    return max(2, 2 * threads)


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    except Exception:
        return None


def build(
    workers: runner.Workers | None = None, progress: runner.Progress | None = None,
    planned: runner.RunPlan | None = None,
) -> Flow[..., Any]:  # fmt: skip
    """The flow, parsing on ``workers`` (started by the caller, e.g. before Prefect starts) and telling
    ``progress`` of each loaded batch; without ``workers`` the flow starts its own (local runs). Given the
    plan its caller made of the same paths (``timeline run``: made before Prefect was imported), the flow
    carries it out instead of reading and planning every input again."""

    @flow(name="timeline", log_prints=False)
    def timeline_flow(
        paths: list[str], settings: Settings | None = None, force: bool = False, allow_empty: bool = False
    ) -> State[dict[str, Any]]:
        settings = settings or load_settings()
        run = planned or runner.plan(read_inputs(paths, settings), settings, force=force)
        own = nullcontext(workers) if workers or settings.dask_address else runner.worker_pool(
            settings, len(run.work.parse)
        )  # fmt: skip
        with own as pool:
            summary = runner.execute(run, settings, on_tasks(pool), progress, _flow_run_id())
        result = outcome.judge(paths, summary, allow_empty)
        report(paths, run, summary, result)
        # The flow run's state says how it went: Failed for a missing inbox or all inputs refused.
        state = Failed if result.failed else Completed
        return state(message=f"timeline run {summary['run_id']} {result.message}", data=summary)

    return timeline_flow


def report(paths: list[str], planned: runner.RunPlan, summary: dict[str, Any], result: outcome.Outcome) -> None:
    """A warning per refused input, the outcome, and the run's table artifact (with the refused count)."""
    logger = get_run_logger()
    for rejection in planned.refused + tuple(planned.work.rejected):
        logger.warning("refused %s: %s", rejection.source, rejection.reason)
    (logger.error if result.failed else logger.warning if result.refused else logger.info)("%s", result.message)
    create_table_artifact(
        key="timeline-run",
        table=[
            {
                "run_id": summary["run_id"],
                "inputs": planned.inputs,
                **summary,
                "refused": result.refused,
                "outcome": result.message,
            }
        ],  # fmt: skip
        description=f"timeline run {summary['run_id']} over {', '.join(paths)}: {result.message}",
    )


timeline_flow = build()  # what deployments serve (flows/serve.py)


def task_runner(settings: Settings, workers: int | None = None) -> Any:
    """Threads handing batches to ``workers`` processes, or the Dask cluster at ``settings.dask_address``."""
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    return ThreadPoolTaskRunner(max_workers=workers or settings.workers)


def check_scheduler(address: str, timeout: float = 10.0) -> None:
    """Refuse, in one line, a Dask scheduler that does not answer at ``address``: Prefect's Dask runner would
    try for 30 s and end the run with a traceback from inside the flow."""
    import socket

    host, _, port = address.split("://")[-1].rstrip("/").rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConfigError(
            f"no Dask scheduler answers at {address} ({exc.strerror or exc}): start one (dask scheduler) "
            "or fix --dask-address"
        ) from exc


def run(
    paths: list[str], settings: Settings, force: bool = False, progress: runner.Progress | None = None,
    planned: runner.RunPlan | None = None, allow_empty: bool = False, workers: runner.Workers | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Run the flow with the task runner the settings ask for; ``progress`` is told of each loaded batch.

    Given the run's plan (made before Prefect was imported: see ``timeline run``), the worker processes
    start and begin parsing its batches before the flow starts, so that Prefect's start-up overlaps the
    model loading and the parsing; the flow carries out that plan (it does not read the inputs again).
    ``workers`` already started on that plan (:func:`timeline.runner.started_workers`, as ``timeline
    run`` does before importing this module) are used as they are."""
    local = not settings.dask_address
    if not local:
        check_scheduler(settings.dask_address)
    own: AbstractContextManager[runner.Workers | None] = nullcontext(workers)
    if workers is None and local and planned is not None:
        own = runner.started_workers(planned, settings)
    with own as workers:
        bounded = build(workers, progress, planned).with_options(
            task_runner=task_runner(settings, workers.n if workers else None)
        )
        with run_api():
            state = cast(
                State[dict[str, Any]],
                bounded(
                    paths=[str(Path(p)) for p in paths], settings=settings, force=force, allow_empty=allow_empty,
                    return_state=True,
                ),
            )  # fmt: skip
        summary = state.result(raise_on_failure=False)
        if isinstance(summary, BaseException):  # the flow crashed: the error, not a failed run
            raise summary
        return summary
