"""The ``timeline`` command line: each command parses options, calls one library function, prints.

Library errors (:mod:`timeline.errors`) become a one-line ``error: ...`` message and exit status 1 at one
boundary (:func:`main`); a traceback is never the user interface.
"""

from __future__ import annotations

import csv
import json
import sys
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
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders of articles [default: seeds/].")] = None,
    warehouse_path: WarehouseOption = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per Prefect task.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parallel Prefect task workers.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the timeline.")] = False,
) -> None:
    """Run the pipeline flow over articles and print the timeline."""
    settings = load_settings(warehouse=warehouse_path, batch_size=batch_size, workers=workers)
    # The flows layer is the only place that knows Prefect; it is imported when a run is asked for.
    from flows.timeline_flow import run as run_flow

    targets = [str(p) for p in (paths or [Path("seeds")])]
    summary = run_flow(targets, settings)
    _, rejected = warehouse.query(
        settings.warehouse,
        "SELECT source, status, reason FROM ingest_log WHERE run_id = ? AND reason IS NOT NULL ORDER BY source",
        [summary["run_id"]],
    )
    for source, status, reason in rejected:
        label = "refused" if status == "rejected" else "warning"
        err.print(f"[yellow]{label}[/yellow] {source}: {reason}", highlight=False)
    if not quiet:
        columns, rows = warehouse.query(settings.warehouse, warehouse.TIMELINE_SQL)
        shown = ["date", "status", "event", "actors", "place", "time_text"]
        if len({r[columns.index("article")] for r in rows}) > 1:
            shown.append("article")
        idx = [columns.index(c) for c in shown]
        print_rows(shown, [tuple(r[i] for i in idx) for r in rows], title="Timeline")
    err.print(
        f"run {summary['run_id']}: {summary['loaded']} articles loaded, {summary['rejected']} refused, "
        f"{summary['events']} events → {settings.warehouse}",
        highlight=False,
    )


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
