"""The ``timeline`` command line: each command parses options, calls one library function, prints.

Library errors (:mod:`timeline.errors`) become a one-line ``error: ...`` message and exit status 1 at one
boundary (:func:`main`); a traceback is never the user interface.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import entry, lifeline, outcome, warehouse
from . import export as export_mod
from . import plot as plot_mod
from .cli_eval import eval_app
from .errors import ExportError, QueryError, TimelineError
from .settings import load_settings

app = typer.Typer(
    name="timeline",
    help="Turn news articles into a queryable timeline of dated events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")
# Never markup or emoji codes: what is printed holds the user's data (an event "[/b] ...", a source
# "feed.atom#urn:a:b" would be a markup error, or an emoji); the labels are styled with Text.
out = Console(markup=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, markup=False, emoji=False)


def _labelled(label: str, style: str, message: str) -> Text:
    return Text.assemble((label, style), " ", message)

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


OutputOption = Annotated[
    str,
    typer.Option("--format", help="Output: table, csv, json or markdown.", show_default=True),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="DATE", help="Keep events dated on or after this (YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)."
    ),
]
ToOption = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Keep events dated on or before this (same forms as --from).")
]
ActorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actor", metavar="NAME", help="Keep events with this actor (whole words, any case: 'starmer'). Repeatable."
    ),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status", metavar="STATUS", help="Keep events with this status (occurred, planned, ...). Repeatable."
    ),
]
ContainsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--contains",
        metavar="TEXT",
        help="Keep events whose text, sentence, place, actors or article has this. Repeatable.",
    ),
]


def _filters(
    date_from: str | None, date_to: str | None, actor: list[str] | None, status: list[str] | None,
    contains: list[str] | None,
) -> export_mod.Filters:  # fmt: skip
    """The one place where the filter options become a :class:`~timeline.export.Filters`."""
    return export_mod.Filters(
        date_from=export_mod.parse_bound(date_from) if date_from else None,
        date_to=export_mod.parse_bound(date_to, end=True) if date_to else None,
        actors=tuple(actor or ()),
        statuses=tuple(s.strip().lower() for s in status or ()),
        contains=tuple(contains or ()),
    )


def print_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str = "table", title: str | None = None) -> None:
    """Print rows as a rich table, or as CSV, JSON or Markdown text."""
    if fmt != "table":
        sys.stdout.write(export_mod.render_rows(columns, rows, fmt))
        return
    cells = [[export_mod.as_text(v) for v in row] for row in rows]
    narrow = [
        c in ("date", "status", "granularity", "run_id")
        or all(isinstance(row[i], date | int | float) for row in rows if row[i] is not None)
        for i, c in enumerate(columns)
    ]  # fmt: skip
    # Boxed when it fits the terminal; else without borders (2 characters between columns, not 3).
    widths = fit_widths(columns, cells, narrow, out.width - (3 * len(columns) + 1))
    style: dict[str, Any] = {}
    if widths is None:
        style = {"box": box.SIMPLE_HEAD, "show_edge": False, "pad_edge": False, "padding": (0, 1, 0, 0)}
        widths = fit_widths(columns, cells, narrow, out.width - 2 * (len(columns) - 1))
    if widths is None:  # too many columns to fit without cutting words: one block per row (psql's expanded display)
        _print_records(columns, cells, title)
        return
    table = Table(title=title, show_lines=False, header_style="bold", **style)
    for i, c in enumerate(columns):
        table.add_column(c, overflow="fold", no_wrap=narrow[i], width=widths[i] if widths else None)
    for row_cells in cells:
        table.add_row(*row_cells)
    out.print(table)


def _print_records(columns: list[str], cells: list[list[str]], title: str | None) -> None:
    """Rows as blocks of 'column  value' lines, values wrapped at spaces: for results too wide for a table."""
    if title:
        out.print(title, style="bold", highlight=False)
    label = max(len(c) for c in columns)
    for n, row_cells in enumerate(cells, start=1):
        out.rule(f"row {n}", align="left", characters="─")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, min_width=label, style="bold")
        grid.add_column(overflow="fold")
        for c, v in zip(columns, row_cells, strict=True):
            grid.add_row(c, v)
        out.print(grid, highlight=False)
    if not cells:
        out.print("(no rows)", highlight=False)


def fit_widths(columns: list[str], cells: list[list[str]], narrow: list[bool], room: int) -> list[int] | None:
    """Column widths that fit ``room`` characters, wrapping text at spaces and never inside a word.

    A narrow column (dates, numbers, ids) keeps its whole width; the text columns start at their longest
    word; then, narrowest first, a column that needs less than an equal share of the room left is made
    whole; the rest of the room goes to the columns by how much of their text is left to show. ``None``
    when even the longest words do not fit side by side.
    """
    from rich.cells import cell_len

    def lines(i: int) -> list[str]:
        return [columns[i], *(line for row in cells for line in row[i].splitlines() or [""])]

    natural = [max(cell_len(line) for line in lines(i)) for i in range(len(columns))]
    if sum(natural) <= room:
        return natural
    widths = [
        natural[i] if narrow[i] else max(cell_len(w) for line in lines(i) for w in line.split() or [""])
        for i in range(len(columns))
    ]  # fmt: skip
    spare = room - sum(widths)
    if spare < 0:
        return None
    wanting = sorted((i for i in range(len(columns)) if widths[i] < natural[i]), key=lambda i: natural[i])
    for i in list(wanting):  # narrow columns first: made whole when they need less than an equal share
        if natural[i] - widths[i] <= spare / len(wanting):
            spare -= natural[i] - widths[i]
            widths[i] = natural[i]
            wanting.remove(i)
    while spare > 0 and wanting:  # the rest by how much text each column has left to show
        chosen = max(wanting, key=lambda i: (natural[i] - widths[i]) / natural[i])
        widths[chosen] += 1
        spare -= 1
        if widths[chosen] == natural[chosen]:
            wanting.remove(chosen)
    return widths


@app.command()
def run(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files, folders or glob patterns of articles [default: seeds/].")
    ] = None,
    warehouse_path: WarehouseOption = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per Prefect task.")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes that parse [default: one per core].")] = None,
    dask_address: Annotated[
        str | None, typer.Option(help="Parse on this Dask cluster (tcp://host:8786) via prefect-dask.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Parse every article again, changed or not.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the timeline.")] = False,
    allow_empty: Annotated[
        bool, typer.Option("--allow-empty", help="A missing path or a glob matching nothing is not a failure.")
    ] = False,
) -> None:
    """Run the pipeline flow over articles (only new or changed ones are parsed) and print the timeline.

    Exit status: 0 done (refused inputs are a warning), 3 a path missing or a glob matching nothing, 4 every
    input refused, 130/143 interrupted by SIGINT/SIGTERM (see the README for the whole table)."""
    settings = load_settings(
        warehouse=warehouse_path, batch_size=batch_size, workers=workers, dask_address=dask_address
    )
    targets = [str(p) for p in (paths or [Path("seeds")])]
    lifeline.watch_descendants()  # no server or worker of this run outlives it, even after SIGKILL
    try:
        with lifeline.interruptible():
            summary = _run(targets, settings, force, allow_empty)
    except lifeline.Interrupted as stop:
        marked = warehouse.mark_interrupted(settings.warehouse, os.getpid(), stop.name, settings.lock_wait_seconds)
        err.print(
            f"interrupted by {stop.name}: the batch being loaded was rolled back; "
            f"{marked} run{'' if marked == 1 else 's'} recorded as interrupted",
            highlight=False,
        )
        raise typer.Exit(stop.exit_code) from None
    _report_run(summary, settings, quiet)
    result = outcome.judge(targets, summary, allow_empty)
    if result.failed:
        err.print(_labelled("error:", "red", f"run {summary['run_id']} {result.message}"), highlight=False)
        raise typer.Exit(result.exit_code)


def _run(targets: list[str], settings: Any, force: bool, allow_empty: bool) -> dict[str, Any]:
    from . import runner

    # Decided from content hashes first: a run with nothing to parse or re-anchor never starts Prefect.
    planned = runner.plan(runner.read_inputs(targets, settings), settings, force=force)
    if planned.idle:
        summary = runner.execute(planned, settings)
    else:
        # The workers start (and parse the first batches) before Prefect is imported: their model loads
        # overlap Prefect's import and its server's start. The flows layer is the only place that knows
        # Prefect; it is imported when there is work to do.
        with runner.started_workers(planned, settings) as workers:
            from flows.timeline_flow import run as run_flow

            with _progress_bar() as hook:
                summary = run_flow(
                    targets, settings, force=force, progress=hook, planned=planned, allow_empty=allow_empty,
                    workers=workers,
                )  # fmt: skip
    return summary


def _report_run(summary: dict[str, Any], settings: Any, quiet: bool) -> None:
    _, rejected = warehouse.query(
        settings.warehouse,
        "SELECT source, status, reason FROM ingest_log WHERE run_id = ? AND reason IS NOT NULL ORDER BY source",
        [summary["run_id"]],
    )
    for source, status, reason in rejected:
        label = "refused" if status == "rejected" else "note"
        err.print(_labelled(label, "yellow", f"{source}: {reason}"), highlight=False)
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
        ids: list[Any] = []

        def hook(done: int, total: int) -> None:
            if not ids:
                ids.append(bar.add_task("parsing articles", total=total))
            bar.update(ids[0], completed=done, total=total)

        yield hook


@app.command()
def status(
    warehouse_path: WarehouseOption = None,
    runs: Annotated[int, typer.Option("--runs", "-n", min=0, help="How many recent runs to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Output JSON.")] = False,
) -> None:
    """Show the last runs with their counts, and the inputs refused by the last run with their reasons."""
    settings = load_settings(warehouse=warehouse_path)
    report = warehouse.run_status(settings.warehouse, runs, wait_seconds=settings.lock_wait_seconds)
    fmt = "json" if as_json else "table"
    if as_json:
        print_rows(report.run_columns, report.runs, fmt, title="Runs")
    else:  # the counts as one line of words, so that the table fits 80 columns
        print_rows(*_runs_for_reading(report.run_columns, report.runs), title="Runs")
    if report.rejections or as_json:
        print_rows(report.rejection_columns, report.rejections, fmt, title="Refused in the last run")


COUNT_WORDS = (
    ("inputs", "input", "inputs"), ("loaded", "loaded", "loaded"), ("reanchored", "re-anchored", "re-anchored"),
    ("unchanged", "unchanged", "unchanged"), ("rejected", "refused", "refused"),
    ("forgotten", "forgotten", "forgotten"), ("events", "event", "events"),
)  # fmt: skip


def _runs_for_reading(columns: list[str], runs: list[tuple[Any, ...]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The runs table with its counts in one column of words: '3 inputs: 2 loaded, 1 refused; 7 events'."""
    counted = [name for name, _, _ in COUNT_WORDS]
    kept = [c for c in columns if c not in counted]
    rows = []
    for run in runs:
        values = dict(zip(columns, run, strict=True))
        words = {
            name: f"{values[name]} {one if values[name] == 1 else many}"
            for name, one, many in COUNT_WORDS
            if values.get(name) is not None
        }  # fmt: skip
        middle = [
            words[n] for n in ("loaded", "reanchored", "unchanged", "rejected", "forgotten") if n in words and values[n]
        ]
        text = f"{words.get('inputs', '? inputs')}: {', '.join(middle) or 'none loaded'}; {words.get('events', '')}"
        rows.append((*(values[c] for c in kept), text.rstrip("; ")))
    return [*kept, "counts"], rows


@app.command()
def reanchor(
    article: Annotated[str, typer.Argument(help="Article id, source path or file name.")],
    published: Annotated[str, typer.Option("--published", help="The publication date, YYYY-MM-DD.")],
    warehouse_path: WarehouseOption = None,
) -> None:
    """Set an article's publication date and re-resolve its dates from the stored forms, without re-parsing."""
    from . import runner
    from .sources import coerce_date

    settings = load_settings(warehouse=warehouse_path)
    day = coerce_date(published, "--published")
    summary = runner.reanchor(settings, article, day)
    how = "parsed its stored text again (it had no date)" if summary["reparsed"] else "re-anchored without re-parsing"
    err.print(f"{summary['article']}: published {day}; {how}; {summary['events']} events", highlight=False)


@app.command()
def forget(
    articles: Annotated[
        list[str], typer.Argument(help="Article ids, source paths or file names.", metavar="ARTICLE...")
    ],
    warehouse_path: WarehouseOption = None,
) -> None:
    """Remove articles and everything derived from them (events, merged events, time expressions, dates set by
    hand); logged as a run."""
    from .forget import forget as forget_articles

    settings = load_settings(warehouse=warehouse_path)
    summary = forget_articles(settings, articles)
    n = len(summary["articles"])
    err.print(
        f"run {summary['run_id']}: forgot {n} article{'' if n == 1 else 's'} ({', '.join(summary['articles'])}) "
        f"and {summary['events']} events, {summary['rows']} rows in all",
        highlight=False,
    )


@app.command()
def optimize(warehouse_path: WarehouseOption = None) -> None:
    """Rewrite the timeline tables in date order on disk, so that queries by date range skip the other dates.

    Runs do it by themselves when enough rows were written out of date order; this does it now."""
    settings = load_settings(warehouse=warehouse_path)
    before, after, seconds = warehouse.optimize(settings.warehouse, wait_seconds=settings.lock_wait_seconds)
    err.print(
        f"{settings.warehouse}: {after.rows:,} timeline rows rewritten in date order in {seconds:.1f} s "
        f"({before.rows_unsorted:,} had been written out of order since the last rewrite)",
        highlight=False,
    )


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(help="SQL to run (read-only); or give --file.")] = None,
    sql_file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the SQL from this file ('-' for standard input).")
    ] = None,
    warehouse_path: WarehouseOption = None,
    fmt: OutputOption = "table",
    as_csv: Annotated[bool, typer.Option("--csv", help="Same as --format csv.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    as_markdown: Annotated[bool, typer.Option("--markdown", "--md", help="Same as --format markdown.")] = False,
) -> None:
    """Run SQL on a read-only connection to the warehouse and print the result."""
    if (sql is None) == (sql_file is None):
        raise typer.BadParameter("give the SQL either as an argument or with --file, not both or neither")
    if sql_file is not None:
        try:
            sql = sys.stdin.read() if str(sql_file) == "-" else sql_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read SQL from {sql_file}: {getattr(exc, 'strerror', None) or exc}") from exc
    chosen = [f for f, on in (("csv", as_csv), ("json", as_json), ("markdown", as_markdown)) if on]
    fmt = chosen[0] if len(chosen) == 1 else fmt.lower()
    if len(chosen) > 1 or fmt not in ("table", *export_mod.TEXT_FORMATS):
        raise typer.BadParameter("choose one output format: table, csv, json or markdown")
    settings = load_settings(warehouse=warehouse_path)
    columns, rows = warehouse.query(settings.warehouse, sql or "", wait_seconds=settings.lock_wait_seconds)
    print_rows(columns, rows, fmt)


def _out_file(raw: str) -> Path:
    """The ``--out`` file; a name ending in a slash names a folder (``Path`` would drop the slash and write a
    file of that name)."""
    if raw.endswith(("/", os.sep)):
        raise ExportError(f"{raw} ends in '{raw[-1]}': that names a folder; give a file name")
    return Path(raw)


@app.command("export")
def export_cmd(
    out_path: Annotated[
        str, typer.Option("--out", "-o", help="File to write (its extension gives the format); '-': standard output.")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, xlsx, parquet or json [default: from the --out extension].")
    ] = None,
    warehouse_path: WarehouseOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    actor: ActorOption = None,
    status: StatusOption = None,
    contains: ContainsOption = None,
) -> None:
    """Export the timeline, one row per event, optionally filtered."""
    settings = load_settings(warehouse=warehouse_path)
    filters = _filters(date_from, date_to, actor, status, contains)
    out_file = _out_file(out_path)
    chosen = (fmt or out_file.suffix.lstrip(".") or "csv").lower()
    n = export_mod.export(settings.warehouse, chosen, out_file, filters)
    err.print(f"wrote {n} event{'' if n == 1 else 's'} to {out_path}", highlight=False)


@app.command()
def plot(
    out_path: Annotated[str, typer.Option("--out", "-o", help="Picture to write: FILE.html, FILE.png or FILE.svg.")],
    warehouse_path: WarehouseOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    actor: ActorOption = None,
    status: StatusOption = None,
    contains: ContainsOption = None,
    max_actors: Annotated[int, typer.Option(help="Lanes for the actors with most events; the rest share one.")] = 20,
) -> None:
    """Draw the timeline: events on a date axis, one lane per actor, status by colour and outline."""
    settings = load_settings(warehouse=warehouse_path)
    filters = _filters(date_from, date_to, actor, status, contains)
    n = plot_mod.plot(settings.warehouse, _out_file(out_path), filters, max_lanes=max(1, max_actors))
    err.print(f"drew {n} event{'' if n == 1 else 's'} to {out_path}", highlight=False)


EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = outcome.EXIT_OK, outcome.EXIT_ERROR, outcome.EXIT_USAGE, 130


def usage_message(exc: typer.TyperException) -> str:
    """One line for a usage error of the pinned typer (its own click): what is wrong, and a hint."""
    option, possibilities = getattr(exc, "option_name", None), getattr(exc, "possibilities", None)
    if option is not None and type(exc).__name__ == "NoSuchOption":
        message = f"no such option {option}"
        if possibilities:
            message += f" (did you mean {' or '.join(sorted(possibilities))}?)"
    else:
        message = " ".join(exc.format_message().split())
        message = re.sub(r"\. Did you mean (.+)\?$", r" (did you mean \1?)", message).rstrip(".")
        message = (message[:1].lower() + message[1:]).removeprefix("invalid value: ")
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "timeline"
    return f"{message}; see '{command} --help'"


INTERRUPTED = entry.INTERRUPTED


def main() -> None:
    """Entry point: the one place where library and usage errors become a one-line message.

    Exit status: see :data:`timeline.outcome.EXIT_CODES` (0 done, 1 an error, 2 a usage error, 3 and 4 a
    failed run, 130 and 143 interrupted).
    """
    lifeline.end_quickly()  # the program only: not when tests call the app in their own process
    try:
        _main()
    except SystemExit as stop:  # the status a quick end (lifeline.end_quickly) ends with
        lifeline.exit_status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
        raise


def _main() -> None:
    seen: list[int] = []

    def on_sigint(signum: int, frame: Any) -> None:  # Python's own handler, noting that it ran
        seen.append(signum)
        signal.default_int_handler(signum, frame)

    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.default_int_handler and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_sigint)
    try:
        code = app(standalone_mode=False, prog_name="timeline")
    except TimelineError as exc:
        err.print(_labelled("error:", "red", str(exc)), highlight=False)
        raise SystemExit(EXIT_ERROR) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except (typer.Abort, KeyboardInterrupt):
        err.print(INTERRUPTED, highlight=False)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except RuntimeError as exc:  # DuckDB stops a statement on SIGINT with "Query interrupted"
        if "interrupted" not in str(exc).lower():
            raise
        err.print(INTERRUPTED, highlight=False)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except typer.TyperException as exc:  # typer's click exceptions: usage errors, and the help of no_args_is_help
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]
            raise SystemExit(EXIT_USAGE) from None
        err.print(_labelled("error:", "red", usage_message(exc)), highlight=False)
        raise SystemExit(getattr(exc, "exit_code", EXIT_USAGE)) from None
    finally:
        if signal.getsignal(signal.SIGINT) is on_sigint:
            signal.signal(signal.SIGINT, previous)
    if code == EXIT_INTERRUPTED and seen:  # typer turns Ctrl-C in a command into exit status 130, silently
        err.print(INTERRUPTED, highlight=False)
    if isinstance(code, int) and code:
        raise SystemExit(code)


if __name__ == "__main__":
    main()
