"""Select events with filters and write them as CSV, XLSX, Parquet or JSON; render query results as text.

Reads: the warehouse's timeline (its table ``timeline_entries``, with ``timeline_actors`` for the actor
filter) and ``events_by_actor`` (read-only), through parameterised SQL:
user values are always bound as parameters, never pasted into the SQL text. Writes: one file. XLSX is
written with xlsxwriter (DuckDB's excel extension cannot be installed offline): day-precise dates as real
date cells, other precisions as ISO text beside a sortable start date, a second sheet with the sources.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter
import xlsxwriter.exceptions

from . import warehouse
from .errors import ExportError

EXPORT_COLUMNS = [
    "date", "date_start", "date_end", "granularity", "status", "event", "actors", "place", "time_text",
    "sentence", "article", "published", "trigger", "confidence", "explanation", "source", "event_id",
]  # fmt: skip
SOURCE_COLUMNS = ["article", "title", "published", "url", "source", "events"]
FORMATS = ("csv", "xlsx", "parquet", "json")
TEXT_FORMATS = ("csv", "json", "markdown")
STATUSES = ("occurred", "planned", "reported", "negated", "hypothetical")
DATE_COLUMNS = {"date_start", "date_end", "published"}

# ---- selecting events ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which events to keep. Several values of one filter are alternatives (OR); filters combine with AND."""

    date_from: date | None = None  # keep events whose dates reach this day or later
    date_to: date | None = None  # keep events whose dates start on this day or earlier
    actors: tuple[str, ...] = ()  # words of an actor's name, any case and order: "starmer" finds "Keir Starmer"
    statuses: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()  # text in the event, sentence, time, place, actors or article title

    def __post_init__(self) -> None:
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise ExportError(f"--from {self.date_from} is after --to {self.date_to}: no event can match; swap them")

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``timeline_entries t`` (the rows of the ``timeline`` view) and its parameters
        (``TRUE`` when nothing is filtered)."""
        clauses: list[str] = []
        params: list[Any] = []
        dates: list[tuple[str, date]] = []  # the date conditions, also applied to the actor words looked up
        if self.date_from is not None:
            dates.append(("{t}.date_last >= ?", self.date_from))
        if self.date_to is not None:
            dates.append(("{t}.date_start <= ?", self.date_to))
        clauses += [d.format(t="t") for d, _ in dates]
        params += [v for _, v in dates]
        if self.statuses:
            clauses.append("list_contains(?::VARCHAR[], t.status)")
            params.append(list(self.statuses))
        if self.actors:
            # the needle's first word looked up in timeline_actors (a row per word of each actor of each row),
            # then all its words checked on the few actors found: no name of the other rows is split. A needle
            # without a letter or digit has no word and matches nothing.
            within = "".join(f" AND {d.format(t='x')}" for d, _ in dates)
            clauses.append(
                "t.entry IN (SELECT x.entry FROM timeline_actors x, unnest(?::VARCHAR[]) AS q(needle) "
                f"WHERE x.word = {warehouse.words_sql('q.needle')}[1]{within} "
                f"AND list_has_all({warehouse.words_sql('x.actor')}, {warehouse.words_sql('q.needle')}))"
            )
            params += [list(self.actors), *(v for _, v in dates)]
        if self.contains:
            clauses.append(
                "EXISTS (SELECT 1 FROM unnest(?::VARCHAR[]) AS q(needle) WHERE contains(lower(concat_ws(' ', "
                "t.event, t.sentence, t.time_text, t.place, t.actors, t.article)), lower(q.needle)))"
            )
            params.append(list(self.contains))
        return (" AND ".join(clauses) or "TRUE"), params


def parse_bound(text: str, end: bool = False) -> date:
    """A ``--from``/``--to`` value: ``2025-02-24``, ``2025-W09``, ``2025-02`` or ``2025``; its first day, or
    its last day when ``end``."""
    text = text.strip()
    try:
        if m := re.fullmatch(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", text):
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        if m := re.fullmatch(r"(?P<y>\d{4})-W(?P<w>\d{2})", text):
            monday = date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
            return monday + timedelta(days=6) if end else monday
        if m := re.fullmatch(r"(?P<y>\d{4})-(?P<m>\d{2})", text):
            year, month = int(m["y"]), int(m["m"])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        if m := re.fullmatch(r"(?P<y>\d{4})", text):
            return date(int(m["y"]), 12, 31) if end else date(int(m["y"]), 1, 1)
    except ValueError as exc:
        raise ExportError(f"not a date: {text!r} ({exc})") from exc
    raise ExportError(f"not a date: {text!r}; use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY")


def check_statuses(path: Path, statuses: tuple[str, ...]) -> None:
    """Refuse a status that neither the pipeline nor the warehouse knows (a typo would select nothing)."""
    if not statuses:
        return
    _, rows = warehouse.query(path, "SELECT DISTINCT status FROM events")
    known = set(STATUSES) | {r[0] for r in rows}
    unknown = [s for s in statuses if s not in known]
    if unknown:
        raise ExportError(f"unknown status {', '.join(map(repr, unknown))}; choose from {', '.join(sorted(known))}")


def selection_sql(filters: Filters, columns: list[str]) -> tuple[str, list[Any]]:
    """SELECT of ``columns`` of the timeline (its table ``timeline_entries``) for the events ``filters`` keep,
    in timeline order."""
    where, params = filters.where()
    cols = ", ".join(f"t.{c}" for c in columns)
    sql = (
        f"SELECT {cols} FROM timeline_entries t WHERE {where} "
        "ORDER BY t.date_start NULLS LAST, t.date, t.source, t.sentence_start, t.trigger_start, t.event_id"
    )
    return sql, params


def select_events(path: Path, filters: Filters, columns: list[str] | None = None) -> pa.Table:
    """The events ``filters`` keep, one row per event, as an Arrow table."""
    check_statuses(path, filters.statuses)
    sql, params = selection_sql(filters, columns or EXPORT_COLUMNS)
    return warehouse.query_table(path, sql, params)


def select_sources(path: Path, filters: Filters) -> pa.Table:
    """The articles the selected events come from, with how many of those events each has."""
    where, params = filters.where()
    sql = (
        "SELECT a.article_id AS article, a.title, a.published, a.url, a.source, count(*) AS events "
        f"FROM articles a JOIN timeline_entries t ON t.article_id = a.article_id WHERE {where} "
        "GROUP BY ALL ORDER BY a.published NULLS LAST, a.title, a.source"
    )
    return warehouse.query_table(path, sql, params)


# ---- writing files -------------------------------------------------------------------------------


def export(path: Path, fmt: str, out: Path, filters: Filters | None = None) -> int:
    """Write the events ``filters`` keep to ``out`` in ``fmt``; return how many were written."""
    filters = filters or Filters()
    validate_out(out, fmt, path)
    table = select_events(path, filters)
    stream = _stream(out)
    # Written beside the target (a symbolic link's target: the link stays), then renamed over it: a failed
    # export never leaves half a file behind. A stream (standard output as '-', a device, a pipe) cannot be
    # renamed over: the file is written aside first and then copied into it.
    target = out.resolve() if stream is None else out
    scratch = Path(tempfile.mkdtemp(prefix="timeline-export-")) if stream is not None else None
    partial = scratch / f"export.{fmt}" if scratch is not None else target.with_name(f".{target.name}.partial")
    try:
        if scratch is None:
            target.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            pq.write_table(table, partial)
        elif fmt == "csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as fh:  # the BOM tells spreadsheets "UTF-8"
                fh.write(render_rows(table.column_names, _rows(table), "csv", for_spreadsheets=True))
        elif fmt == "json":
            partial.write_text(render_rows(table.column_names, _rows(table), "json"), encoding="utf-8")
        else:
            _write_xlsx(partial, table, select_sources(path, filters))
        if stream is None:
            partial.replace(target)
        else:
            _copy_into(partial, stream)
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {out}: {getattr(exc, 'strerror', None) or exc}") from exc
    except BaseException:  # Ctrl-C (KeyboardInterrupt) or any other stop mid-write: no half-written file left
        partial.unlink(missing_ok=True)
        raise
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return table.num_rows


def _stream(out: Path) -> Path | None:
    """``out`` when it names a stream rather than a file to replace: ``-`` (standard output), a path under
    ``/dev`` or ``/proc`` (``/dev/stdout``), or an existing FIFO, device or socket. Renaming a file over
    those would replace the device's name (``/dev/stdout`` itself) instead of writing to it."""
    if str(out) == "-":
        return out
    if str(out.absolute()).startswith(("/dev/", "/proc/")):
        return out
    try:
        mode = out.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else out


def _copy_into(written: Path, stream: Path) -> None:
    if str(stream) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(written.read_bytes())
        sys.stdout.buffer.flush()
        return
    with written.open("rb") as src, stream.open("wb") as dst:
        shutil.copyfileobj(src, dst)


def validate_out(out: Path, fmt: str, warehouse_path: Path) -> None:
    """Refuse an export target that is not a file of the chosen format, or that is the warehouse itself."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if out.exists() and out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    target, guarded = out.resolve(), Path(warehouse_path).resolve()
    if target == guarded or (target.parent == guarded.parent and target.name.startswith(guarded.name + ".")):
        raise ExportError(f"{out} is the warehouse itself (or its write-ahead log); choose another file")
    if out.suffix and out.suffix.lower().lstrip(".") != fmt:
        raise ExportError(f"{out} does not end in .{fmt}; give a .{fmt} file name or choose --format accordingly")
    if out.exists() and not os.access(out, os.W_OK):
        raise ExportError(f"{out} exists and is not writable")


def _rows(table: pa.Table) -> list[tuple[Any, ...]]:
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return list(zip(*columns, strict=True)) if columns else []


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def as_text(value: Any) -> str:
    """A value as one cell of text: ISO dates, lists joined with "; ", nothing for NULL."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(as_text(v) for v in value)
    return str(_jsonable(value))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell starting so as a formula


def spreadsheet_text(value: Any) -> str:
    """A value as one CSV cell that a spreadsheet shows as the text it is, never runs as a formula.

    As OWASP's CSV injection guidance says: text starting with ``= + - @``, a tab or a carriage return
    gets a leading single quote (``'=1+1``), which spreadsheets read as "this cell is text"; numbers and
    dates are written as they are (``-0.5`` stays a number)."""
    text = as_text(value)
    if isinstance(value, int | float | date) or not text.startswith(FORMULA_STARTS):
        return text
    return "'" + text


def render_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str, for_spreadsheets: bool = False) -> str:
    """Rows as CSV (with header), a JSON array of objects, or a Markdown table; ``for_spreadsheets``:
    CSV cells that could run as a formula are guarded (:func:`spreadsheet_text`) and lines end in CR LF
    (RFC 4180, as spreadsheets write CSV), so that a cell holding a carriage return is quoted too."""
    if fmt == "csv":
        cell = spreadsheet_text if for_spreadsheets else as_text
        buf = io.StringIO()
        end = "\r\n" if for_spreadsheets else "\n"
        writer = csv.writer(buf, lineterminator=end)
        # Python's csv module quotes a cell with a line break only when the break is in its line ending: a
        # lone CR would be written bare under "\n" and split the row for every reader. Such rows are
        # written with every cell quoted.
        quoted = csv.writer(buf, lineterminator=end, quoting=csv.QUOTE_ALL)
        writer.writerow([cell(c) for c in columns])
        for row in rows:
            cells = [cell(v) for v in row]
            (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
        return buf.getvalue()
    if fmt == "json":
        data = [{c: _jsonable(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "markdown":
        lines = ["| " + " | ".join(_md_cell(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    raise ExportError(f"unknown output format {fmt!r}; choose one of table, {', '.join(TEXT_FORMATS)}")


def _md_cell(value: Any) -> str:
    return " ".join(as_text(value).split()).replace("|", "\\|")


def _excel_date(value: date) -> datetime:
    return datetime(value.year, value.month, value.day)


def _width(header: str, values: list[Any]) -> int:
    """Column width in characters: fits the header and nine values in ten, between 8 and 60."""
    lengths = sorted(len(as_text(v)) for v in values[:2000] if v is not None)
    typical = lengths[int(len(lengths) * 0.9)] if lengths else 0
    return max(8, min(60, max(len(header), typical) + 2))


def _write_sheet(book: xlsxwriter.Workbook, name: str, table: pa.Table, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(name)
    columns = table.column_names
    values = {c: table.column(c).to_pylist() for c in columns}
    sheet.write_row(0, 0, columns, formats["header"])
    for c, column in enumerate(columns):
        grains = values.get("granularity") if column == "date" else None
        for r, value in enumerate(values[column], start=1):
            if value is None or value == "":
                sheet.write_blank(r, c, None)
            elif isinstance(value, date):
                sheet.write_datetime(r, c, _excel_date(value), formats["date"])
            elif grains is not None and grains[r - 1] == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                sheet.write_datetime(r, c, _excel_date(date.fromisoformat(value)), formats["date"])
            elif column == "url" and re.match(r"https?://", value) and len(value) < 2000:
                sheet.write_url(r, c, value, string=value)
            elif isinstance(value, float):
                sheet.write_number(r, c, value, formats["number"])
            elif isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
        width = 12 if column in DATE_COLUMNS or column == "date" else _width(column, values[column])
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(table.num_rows, 1), max(len(columns) - 1, 0))


def _write_xlsx(out: Path, events: pa.Table, sources: pa.Table) -> None:
    # No string is ever turned into a formula, a number or a link: article text is data, not a program.
    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(str(out), options)
    try:
        formats = {
            "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
            "number": book.add_format({"num_format": "0.00"}),
        }
        _write_sheet(book, "timeline", events, formats)
        _write_sheet(book, "sources", sources, formats)
    finally:
        book.close()
