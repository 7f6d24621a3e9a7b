"""JSON Lines exports: one article per line.

Reads: ``.jsonl`` / ``.ndjson`` files whose lines are objects with ``text`` (or ``content`` / ``body``)
and optional ``title``, ``published`` (or ``date`` ...), ``url``, ``id``. A record's own date wins; a
sidecar's date, if any, is the default for records without one. Writes one :class:`~timeline.records.Article` or
:class:`~timeline.records.Rejection` per non-blank line; the size limit applies per line, so a large
export is fine. Each article's source is ``path#<id>`` (its ``id``, else its ``url``, else
``line N``), so re-ordering the export does not change which rows an article owns.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Rejection
from .common import (
    check_size,
    clean_text,
    decode,
    entries,
    evidence,
    first_line,
    meta_pairs,
    parse_published,
    read_sidecar,
    utf16_without_bom,
)

SUFFIXES = (".jsonl", ".ndjson")
TEXT_KEYS = ("text", "content", "body")


def read(path: Path, max_bytes: int) -> Iterator[Article | Rejection]:
    sidecar = read_sidecar(path)
    lines = 0

    def numbered() -> Iterator[tuple[int, bytes]]:
        nonlocal lines
        for number, raw in enumerate(_lines(path, max_bytes), start=1):
            if raw.strip():
                lines += 1
                yield number, raw

    def open_line(number: int, raw: bytes) -> tuple[str, dict[str, Any]]:
        check_size(len(raw), max_bytes, what=f"line {number}")
        record = _record(raw, sidecar)
        return _key(record, number), record

    yield from entries(str(path.resolve()), numbered(), open_line, partial(_article, sidecar=sidecar), "line", "line")
    if lines == 0:
        raise InputError("empty article: the file has no JSON lines")


def _lines(path: Path, max_bytes: int) -> Iterator[bytes]:
    """The file's lines as bytes, read one at a time; a UTF-16 file (a byte-order mark, or NUL bytes as
    UTF-16 has them) is decoded whole first, since its line breaks are two bytes, and its lines handed on in
    UTF-8."""
    with path.open("rb") as fh:
        head = fh.read(2**16)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in head and utf16_without_bom(head)):
            check_size(path.stat().st_size, max_bytes * 2, what="UTF-16 file")
            text, _ = decode(head + fh.read())
            for line in text.split("\n"):  # not splitlines(): a JSON string may hold U+2028
                yield line.encode("utf-8")
            return
        fh.seek(0)
        yield from fh


def _record(raw: bytes, sidecar: dict[str, Any]) -> dict[str, Any]:
    declared = sidecar.get("encoding")
    line, _ = decode(raw, str(declared) if declared else None)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON line: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise InputError("malformed JSON line: expected an object with a 'text' field")
    return record


def _key(record: dict[str, Any], number: int, unit: str = "line") -> str:
    for key in ("id", "url"):
        if record.get(key) not in (None, ""):
            return str(record[key])
    return f"{unit} {number}"


def read_json(path: Path, max_bytes: int) -> Iterator[Article | Rejection]:
    """A JSON file named as an input: an array of article objects (an export saved as ``.json`` rather than
    one object per line) or one object, each read as a JSON line is. Its entries are ``path#<id>``, else
    ``path#item N``."""
    check_size(path.stat().st_size, max_bytes)
    sidecar = read_sidecar(path)
    declared = sidecar.get("encoding")
    text, _ = decode(path.read_bytes(), str(declared) if declared else None)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    records = data if isinstance(data, list) else [data]
    if not records:
        raise InputError("empty article: the JSON array holds no records")
    def open_record(number: int, record: object) -> tuple[str, dict[str, Any]]:
        if not isinstance(record, dict):
            raise InputError("malformed JSON record: expected an object with a 'text' field")
        return _key(record, number, "item"), record

    yield from entries(
        str(path.resolve()), enumerate(records, start=1), open_record, partial(_article, sidecar=sidecar), "item",
        "record",
    )

def _article(record: dict[str, Any], source: str, sidecar: dict[str, Any]) -> Article:
    body = next((record[k] for k in TEXT_KEYS if isinstance(record.get(k), str)), None)
    if body is None:
        raise InputError(f"no text: the record has none of the fields {', '.join(TEXT_KEYS)}")
    text = clean_text(body)
    if not text.strip():
        raise InputError("empty article: the record's text is blank")
    return Article(
        source=source,
        text=text,
        published=parse_published(record, sidecar),
        title=str(record.get("title") or sidecar.get("title") or first_line(text)),
        url=str(record.get("url") or ""),
        meta=meta_pairs(sidecar, record, skip=("title", "url", "encoding", *TEXT_KEYS)),
        date_evidence=evidence(("record", record), ("sidecar default", sidecar)),
    )
