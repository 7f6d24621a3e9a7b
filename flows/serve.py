"""Serve the timeline flow on a schedule: a deployment with a cron (or interval) schedule over folders.

    python -m flows.serve [--cron "0 * * * *" | --interval SECONDS] [--start-server] PATHS...

``flow.serve`` registers the deployment ``timeline/scheduled`` with the Prefect API (``PREFECT_API_URL``)
and runs its scheduled runs in this process until stopped; at most one run at a time (a run still going
when the next is due makes the next wait). ``--start-server`` first starts a local Prefect server on
loopback (``prefect server start --host 127.0.0.1``) and stops it on exit: what ``make serve`` does. The
warehouse and other settings come from ``timeline.toml`` / ``TIMELINE_*`` in the environment of this
process, as for ``timeline run``.

A scheduled run over a path that does not exist (or a glob that matches nothing), or whose inputs were
all refused, ends Failed in Prefect (see :mod:`timeline.outcome`); refused inputs otherwise leave it
Completed, with their count in its message and in its ``timeline-run`` artifact.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from flows.server import local_server

DEFAULT_CRON = "0 * * * *"  # hourly


def serve(paths: list[str], cron: str | None = DEFAULT_CRON, interval: float | None = None) -> None:
    """Register the scheduled deployment and run its flow runs here until interrupted."""
    from flows.timeline_flow import timeline_flow

    timeline_flow.serve(
        name="scheduled",
        cron=None if interval else cron,
        interval=interval,
        parameters={"paths": [str(Path(p).resolve()) for p in paths]},
        description="The timeline flow over folders of articles, on a schedule; unchanged articles are skipped.",
        global_limit=1,
        limit=1,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["seeds"], help="files, folders or globs [default: seeds]")
    parser.add_argument("--cron", default=DEFAULT_CRON, help=f"cron schedule [default: {DEFAULT_CRON!r}]")
    parser.add_argument("--interval", type=float, help="run every SECONDS instead of the cron schedule")
    parser.add_argument("--start-server", action="store_true", help="start a local Prefect server on loopback")
    parser.add_argument("--port", type=int, default=4200, help="port of the local server [default: 4200]")
    args = parser.parse_args(argv)
    if not args.start_server:
        serve(args.paths, args.cron, args.interval)
        return
    with local_server(args.port) as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        print(f"Prefect server on {api_url.removesuffix('/api')} (UI); serving the flow, Ctrl-C to stop", flush=True)
        serve(args.paths, args.cron, args.interval)


if __name__ == "__main__":
    main()
