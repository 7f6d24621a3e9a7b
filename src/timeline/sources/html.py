"""Saved HTML pages: the article's text by trafilatura, its publication date by htmldate.

Reads: ``.html`` / ``.htm`` files (with an optional ``<stem>.meta.json`` sidecar, which wins). Writes one
:class:`~timeline.records.Article`: the main text without navigation and boilerplate, the title and
canonical URL from the page's metadata, and the *original* publication date from its markup
and the dates the page offers (:func:`.dates.page_dates`: its metadata elements, the rest of its
markup, its text), which :func:`.dates.settle` weighs with the URL's date and the dateline's. Nothing is
fetched: the page is parsed from the file.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Article
from .common import check_size, clean_text, decode, evidence, meta_pairs, parse_published, read_sidecar
from .dates import page_dates

SUFFIXES = (".html", ".htm")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<charset>[A-Za-z0-9_.:-]+)""", re.IGNORECASE)

for _noisy in ("trafilatura",):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


def read(path: Path, max_bytes: int) -> Iterator[Article]:
    yield read_article(path, max_bytes)


def read_article(path: Path, max_bytes: int = 20 * 2**20) -> Article:
    import trafilatura

    check_size(path.stat().st_size, max_bytes)
    sidecar = read_sidecar(path)
    raw = path.read_bytes()
    charset = _CHARSET.search(raw[:4096])
    declared = sidecar.get("encoding") or (charset.group("charset").decode("ascii") if charset else None)
    page, note = decode(raw, str(declared) if declared else None)
    text = trafilatura.extract(page, include_comments=False, include_tables=False, deduplicate=False)
    if not text or not text.strip():
        raise InputError("no article text: trafilatura found no main text in the page")
    found = page_dates(page)
    meta = trafilatura.extract_metadata(page)
    title = (meta.title if meta else None) or ""
    url = (meta.url if meta else None) or ""
    extra = {}
    if note:
        extra["decoded"] = note
    return Article(
        source=str(path.resolve()),
        text=clean_text(text),
        published=parse_published(sidecar) or next(iter(found.values()), None),
        title=str(sidecar.get("title") or title),
        url=str(sidecar.get("url") or url),
        meta=meta_pairs(sidecar, extra),
        date_evidence=evidence(("user", sidecar)) + tuple((k, v.isoformat()) for k, v in found.items()),
    )
