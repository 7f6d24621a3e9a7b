"""RSS and Atom feeds saved as files: one article per entry, by feedparser.

Reads: ``.rss`` / ``.atom`` / ``.xml`` files (an ``.xml`` file that is not a feed is refused with that
reason). Writes one :class:`~timeline.records.Article` or :class:`~timeline.records.Rejection` per entry:
the text of its ``content`` (else its ``summary``) with the markup removed, its title and link, and its
date: the entry's ``published``, else its ``updated``, else the sidecar's. The source of an entry is
``path#<id or link or entry N>``. The bytes are handed to feedparser, which therefore never fetches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Rejection
from .common import (
    check_size,
    clean_text,
    coerce_date,
    entries,
    evidence,
    meta_pairs,
    parse_published,
    read_sidecar,
)  # fmt: skip

SUFFIXES = (".rss", ".atom", ".xml")
_BLOCK = re.compile(r"(?i)</(p|div|li|h[1-6]|blockquote)\s*>|<br\s*/?>")


def read(path: Path, max_bytes: int) -> Iterator[Article | Rejection]:
    import feedparser

    check_size(path.stat().st_size, max_bytes)
    sidecar = read_sidecar(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError("empty article: the file has no text")
    parsed = feedparser.parse(raw)
    if not parsed.entries and parsed.get("version"):  # a feed, well formed, that holds nothing yet
        raise InputError(f"a feed without entries ({parsed.version}): nothing to read")
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        why = f": {' '.join(str(problem).split())}" if parsed.get("bozo") and problem else ""
        raise InputError(f"not an RSS/Atom feed or a feed without entries{why}")
    def open_entry(number: int, entry: Any) -> tuple[str, Any]:
        return str(entry.get("id") or entry.get("link") or f"entry {number}"), entry

    yield from entries(
        str(path.resolve()), enumerate(parsed.entries, start=1), open_entry, partial(_article, sidecar=sidecar),
        "entry", "entry", container="feed",
    )

def _article(entry: Any, source: str, sidecar: dict[str, Any]) -> Article:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    text = clean_text(html_to_text(body or ""))
    if not text.strip():
        raise InputError("empty article: the entry has no content or summary")
    own = {"published": _entry_date(entry)}
    return Article(
        source=source,
        text=text,
        published=parse_published(own, sidecar),
        date_evidence=evidence(("feed", own), ("sidecar default", sidecar)),
        title=str(entry.get("title") or ""),
        url=str(entry.get("link") or ""),
        meta=meta_pairs(sidecar, {"author": entry.get("author")}),
    )


def _entry_date(entry: Any) -> date | None:
    """The entry's ``published``, else its ``updated``: the day as written (a timestamp's local day, as every
    format reads it), by :func:`~.common.coerce_date`. feedparser's own reading (``published_parsed``) is
    taken only for a form that function does not know, and only when it names the day and year written:
    feedparser turns a timestamp into UTC (``23:30 -05:00`` on the 25th becomes the 26th) and rolls an
    impossible day over (the 30th of February becomes the 2nd of March), and either is a wrong date."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return coerce_date(raw, key)
        except InputError:
            parsed = entry.get(f"{key}_parsed")
            if parsed is None or _ISO_START.match(raw) or not {parsed.tm_mday, parsed.tm_year} <= _numbers(raw):
                raise
            return coerce_date(date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), key)
    return None


_ISO_START = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}")  # read by coerce_date alone: its refusal stands
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?|[+-]\d{2}:?\d{2}\b")


def _numbers(raw: str) -> set[int]:
    """The numbers a written date holds, its clock time and UTC offset left out."""
    return {int(n) for n in re.findall(r"\d+", _CLOCK.sub(" ", raw))}


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        import html

        return html.unescape(fragment).strip()
    import lxml.html

    marked = _BLOCK.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except Exception as exc:  # lxml raises several unrelated types on broken markup
        raise InputError(f"unreadable entry markup: {exc}") from exc
    lines = [" ".join(line.split()) for line in root.text_content().split("\n\n")]
    return "\n\n".join(line for line in lines if line)
