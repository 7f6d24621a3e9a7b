"""The ``timeline`` command line: each command parses options, calls one library function, prints.

Library errors (:mod:`timeline.errors`) become a one-line ``error: ...`` message and exit status 1 at one
boundary (:func:`main`); a traceback is never the user interface.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from . import export as export_mod
from . import warehouse
from .cli_eval import eval_app
from .errors import TimelineError
from .settings import load_settings

app = typer.Typer(
    name="timeline",
    help="Turn news articles into a queryable timeline of dated events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")
out = Console()
err = Console(stderr=True, soft_wrap=True)

WarehouseOption = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        "-w",
        envvar="TIMELINE_WAREHOUSE",
        help="DuckDB warehouse file [default: warehouse/timeline.duckdb].",
        show_default=False,
    ),
]


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def print_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str = "table", title: str | None = None) -> None:
    """Print rows as a rich table, CSV or JSON lines array."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([["" if v is None else _jsonable(v) for v in row] for row in rows])
        return
    if fmt == "json":
        data = [{c: _jsonable(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        narrow = c in ("date", "status", "granularity", "published", "time_text")
        table.add_column(c, overflow="fold", no_wrap=narrow, min_width=8 if narrow else None)
    for row in rows:
        table.add_row(*("" if v is None else str(_jsonable(v)) for v in row))
    out.print(table)


@app.command()
def run(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files, folders or glob patterns of articles [default: seeds/].")
    ] = None,
    warehouse_path: WarehouseOption = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per Prefect task.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parallel Prefect task workers.")] = None,
    dask_address: Annotated[
        str | None, typer.Option(help="Parse on this Dask cluster (tcp://host:8786) via prefect-dask.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Parse every article again, changed or not.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the timeline.")] = False,
) -> None:
    """Run the pipeline flow over articles (only new or changed ones are parsed) and print the timeline."""
    settings = load_settings(
        warehouse=warehouse_path, batch_size=batch_size, workers=workers, dask_address=dask_address
    )
    # The flows layer is the only place that knows Prefect; it is imported when a run is asked for.
    from flows.timeline_flow import run as run_flow

    targets = [str(p) for p in (paths or [Path("seeds")])]
    with _progress_bar() as hook:
        summary = run_flow(targets, settings, force=force, progress=hook)
    _, rejected = warehouse.query(
        settings.warehouse,
        "SELECT source, status, reason FROM ingest_log WHERE run_id = ? AND reason IS NOT NULL ORDER BY source",
        [summary["run_id"]],
    )
    for source, status, reason in rejected:
        label = "refused" if status == "rejected" else "note"
        err.print(f"[yellow]{label}[/yellow] {source}: {reason}", highlight=False)
    if not quiet:
        columns, rows = warehouse.query(settings.warehouse, warehouse.TIMELINE_SQL)
        shown = ["date", "status", "event", "actors", "place", "time_text"]
        if len({r[columns.index("article")] for r in rows}) > 1:
            shown.append("article")
        idx = [columns.index(c) for c in shown]
        print_rows(shown, [tuple(r[i] for i in idx) for r in rows], title="Timeline")
    err.print(
        f"run {summary['run_id']}: {summary['loaded']} articles loaded ({summary['reanchored']} re-anchored), "
        f"{summary['unchanged']} unchanged, {summary['rejected']} refused, {summary['events']} events "
        f"in {summary['seconds']:.1f} s → {settings.warehouse}",
        highlight=False,
    )


@contextmanager
def _progress_bar() -> Iterator[Any]:
    """A rich progress bar on a terminal (nothing otherwise), fed by the flow after each loaded batch."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as bar:
        ids: dict[str, Any] = {}

        def hook(stage: str, done: int, total: int) -> None:
            if stage not in ids:
                ids[stage] = bar.add_task(f"parsing {stage}", total=total)
            bar.update(ids[stage], completed=done, total=total)

        yield hook


@app.command()
def status(
    warehouse_path: WarehouseOption = None,
    runs: Annotated[int, typer.Option("--runs", "-n", help="How many recent runs to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Output JSON.")] = False,
) -> None:
    """Show the last runs with their counts, and the inputs refused by the last run with their reasons."""
    settings = load_settings(warehouse=warehouse_path)
    report = warehouse.run_status(settings.warehouse, runs)
    fmt = "json" if as_json else "table"
    print_rows(report.run_columns, report.runs, fmt, title="Runs")
    if report.rejections or as_json:
        print_rows(report.rejection_columns, report.rejections, fmt, title="Refused in the last run")


@app.command()
def reanchor(
    article: Annotated[str, typer.Argument(help="Article id, source path or file name.")],
    published: Annotated[str, typer.Option("--published", help="The publication date, YYYY-MM-DD.")],
    warehouse_path: WarehouseOption = None,
) -> None:
    """Set an article's publication date and re-resolve its dates from the stored forms, without re-parsing."""
    from . import incremental
    from .sources import coerce_date

    settings = load_settings(warehouse=warehouse_path)
    day = coerce_date(published, "--published")
    with warehouse.connect(settings.warehouse, wait_seconds=settings.lock_wait_seconds) as con:
        summary = incremental.reanchor_article(con, article, day, warehouse.new_run_id(), model=settings.model)
    how = "parsed its stored text again (it had no date)" if summary["reparsed"] else "re-anchored without re-parsing"
    err.print(f"{summary['article']}: published {day}; {how}; {summary['events']} events", highlight=False)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    warehouse_path: WarehouseOption = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Output CSV.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Output JSON.")] = False,
) -> None:
    """Run SQL on a read-only connection to the warehouse."""
    settings = load_settings(warehouse=warehouse_path)
    columns, rows = warehouse.query(settings.warehouse, sql)
    print_rows(columns, rows, "csv" if as_csv else "json" if as_json else "table")


@app.command("export")
def export_cmd(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx or parquet.")] = "csv",
    warehouse_path: WarehouseOption = None,
) -> None:
    """Export the timeline, one row per event."""
    settings = load_settings(warehouse=warehouse_path)
    n = export_mod.export(settings.warehouse, fmt.lower(), out_path)
    err.print(f"wrote {n} events to {out_path}", highlight=False)


def main() -> None:
    """Entry point: the one place where library errors become a one-line message."""
    try:
        app(standalone_mode=False)
    except TimelineError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise SystemExit(1) from None
    except typer.Abort:
        raise SystemExit(130) from None
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        raise


if __name__ == "__main__":
    main()
