"""Export the timeline (one row per event) to CSV, XLSX or Parquet.

Reads: the warehouse's ``timeline`` view (read-only). Writes: one file. XLSX is written with xlsxwriter
(DuckDB's excel extension cannot be installed offline): day-precise dates as real date cells.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from .errors import ExportError
from .warehouse import connect

EXPORT_COLUMNS = [
    "date", "granularity", "status", "event", "actors", "place", "time_text", "sentence", "article",
    "published", "date_start", "date_end", "trigger", "confidence", "explanation", "source", "event_id",
]  # fmt: skip
FORMATS = ("csv", "xlsx", "parquet")


def fetch_rows(warehouse: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    with connect(warehouse, read_only=True) as con:
        cur = con.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM timeline")
        return EXPORT_COLUMNS, cur.fetchall()


def export(warehouse: Path, fmt: str, out: Path) -> int:
    """Write the timeline to ``out`` in ``fmt``; return the number of events written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if out.exists() and out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        with connect(warehouse, read_only=True) as con:
            cols = ", ".join(EXPORT_COLUMNS)
            con.execute(f"COPY (SELECT {cols} FROM timeline) TO '{_sql_path(out)}' (FORMAT parquet)")
            row = con.execute("SELECT count(*) FROM timeline").fetchone()
            return int(row[0]) if row else 0
    columns, rows = fetch_rows(warehouse)
    try:
        if fmt == "csv":
            _write_csv(out, columns, rows)
        else:
            _write_xlsx(out, columns, rows)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return len(rows)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _write_csv(out: Path, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    # UTF-8 with a BOM so that spreadsheet programs detect the encoding
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def _write_xlsx(out: Path, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    book = xlsxwriter.Workbook(str(out))
    try:
        sheet = book.add_worksheet("timeline")
        header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        wrap = book.add_format({"text_wrap": False})
        sheet.write_row(0, 0, columns, header)
        gran = columns.index("granularity")
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                name = columns[c]
                if name == "date" and row[gran] == "day" and value:
                    sheet.write_datetime(r, c, _as_datetime(date.fromisoformat(value)), date_fmt)
                elif isinstance(value, date):
                    sheet.write_datetime(r, c, _as_datetime(value), date_fmt)
                elif value is None:
                    sheet.write_blank(r, c, None)
                else:
                    sheet.write(r, c, value, wrap)
        widths = {"date": 12, "granularity": 11, "status": 11, "event": 50, "actors": 30, "place": 18,
                  "time_text": 14, "sentence": 60, "article": 40, "published": 12, "date_start": 12,
                  "date_end": 12, "explanation": 60, "source": 40}  # fmt: skip
        for c, name in enumerate(columns):
            sheet.set_column(c, c, widths.get(name, 14))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    finally:
        book.close()


def _as_datetime(d: date):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(d.year, d.month, d.day)
