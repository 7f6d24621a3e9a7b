"""Read articles and their metadata from files, folders and globs, one module per input format.

Reads: ``.txt`` / ``.md`` (:mod:`.text`), ``.jsonl`` exports (:mod:`.jsonl`), saved HTML pages
(:mod:`.html`) and RSS/Atom feeds (:mod:`.feed`), each with an optional ``<stem>.meta.json`` sidecar.
Writes: an :class:`~timeline.records.Article` for every input that can be used and a
:class:`~timeline.records.Rejection` with the reason for every one that cannot; every input (file, or
entry of a many-article file) yields exactly one of the two, nothing is dropped silently and no input
error escapes. The order of precedence of publication dates is in :mod:`.common`.
"""

from __future__ import annotations

import errno
import glob
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..records import Article, Rejection
from . import dates, feed, filetype, html, jsonl, text, wire
from .common import SIDECAR_SUFFIX, clean_text, coerce_date, decode, parse_published, scrub, scrub_name
from .text import read_article, split_front_matter

Reader = Callable[[Path, int], Iterator[Article | Rejection]]
READERS: dict[str, Reader] = {
    **dict.fromkeys(text.SUFFIXES, text.read),
    **dict.fromkeys(jsonl.SUFFIXES, jsonl.read),
    **dict.fromkeys(html.SUFFIXES, html.read),
    **dict.fromkeys(feed.SUFFIXES, feed.read),
}
DEFAULT_MAX_BYTES = 20 * 2**20

__all__ = [
    "READERS", "discover", "read_articles", "read_article", "split_front_matter", "decode", "clean_text",
    "coerce_date", "parse_published",
]  # fmt: skip


def discover(paths: Iterable[Path | str]) -> tuple[list[Path], list[Rejection]]:
    """Expand files, folders and glob patterns into the input files they hold, each once, in a stable order."""
    found: list[Path] = []
    missing: list[Rejection] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in [path, *sorted(path.rglob("*"))]:
                if p != path and _hidden(p.relative_to(path)):
                    continue
                if p.is_dir() and not os.access(p, os.R_OK | os.X_OK):  # what it holds cannot be listed
                    missing.append(Rejection(str(p.absolute()), "cannot read folder: permission denied"))
                elif not is_input(p):
                    continue
                elif p.is_file():
                    found.append(p)
                elif (link := dangling_link(p)) is not None:  # an input's name that leads nowhere: say so
                    missing.append(Rejection(str(p.absolute()), link))
        elif path.is_file():
            found.append(path)
        elif glob.has_magic(str(raw)):
            matches = [Path(p) for p in sorted(glob.glob(str(raw), recursive=True))]
            found.extend(p for p in matches if p.is_file() and is_input(p))
            if not matches:
                missing.append(Rejection(str(path), "no file matches this pattern"))
        else:
            missing.append(Rejection(str(path), dangling_link(path) or "no such file or folder"))
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique, missing


def dangling_link(path: Path) -> str | None:
    """Why a symbolic link leads to no file (a missing target, a loop), or ``None`` if it is none such."""
    if not path.is_symlink() or path.exists():
        return None
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: the link leads back to itself"
    return f"broken symbolic link: its target {os.readlink(path)} does not exist"


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def is_input(path: Path) -> bool:
    """Whether a file found in a folder is an article file (sidecars and READMEs are not)."""
    name = path.name.lower()
    if name.endswith(filetype.UNSUPPORTED_SUFFIXES):  # a PDF, image or office file: read, to be refused by type
        return True
    return name.endswith(tuple(READERS)) and not name.endswith(SIDECAR_SUFFIX) and name != "readme.md"


def read_articles(paths: Iterable[Path | str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Rejection]:
    """Yield one Article or Rejection for every input under ``paths``.

    The same text under two names (a copy, a renamed download) is loaded once: the later one is refused
    as a duplicate of the first.
    """
    files, missing = discover(paths)
    yield from (Rejection(scrub_name(m.source), scrub(m.reason)) for m in missing)
    first_of: dict[str, str] = {}
    for path in files:
        for item in read_file(path, max_bytes):
            if isinstance(item, Article):
                earlier = first_of.setdefault(item.content_hash, item.source)
                if earlier != item.source:
                    yield Rejection(item.source, f"duplicate article: same text as {earlier}")
                    continue
            yield item


def finish(article: Article) -> Article:
    """What every format shares once an article is read: its lead (byline, dateline, credit, sign-offs:
    :mod:`.wire`) and its publication date weighed from all the evidence (:mod:`.dates`)."""
    lead = wire.read_lead(article.text)
    article = replace(
        article,
        source=scrub_name(article.source),  # a file name in no UTF-8, a JSON id with a lone surrogate
        title=scrub(article.title),
        url=scrub(article.url),
        meta=tuple((scrub(k), scrub(v)) for k, v in article.meta),
        masked=lead.masked,
        dateline_city=lead.city,
        agency=lead.agency,
        byline=lead.byline,
        story_start=lead.end,
    )
    return dates.settle(article, lead.date_text)


def reader_for(path: Path) -> Reader:
    """The reader of a file by its extension; a file of another extension (named as an input: folders
    hold only the known ones) by its first characters, so that a page saved as ``.xhtml`` or without an
    extension is read as a page and an export saved as ``.json`` as its records, not their markup or JSON
    syntax as if it were the article's text."""
    reader = READERS.get(path.suffix.lower())
    if reader is not None:
        return reader
    if path.suffix.lower() in (".csv", ".tsv"):
        raise InputError(
            f"a {path.suffix.lower()[1:].upper()} table, not an article: export it as JSON Lines "
            "(one object per line with text, published, title)"
        )
    with path.open("rb") as fh:
        head = fh.read(4096)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start[:1] in (b"{", b"[") and (path.suffix.lower() == ".json" or _parses_as_json(path)):
        return jsonl.read_json  # a text that merely starts with "[" ("[Reuters] ...") stays a text
    if start.startswith(b"<"):
        return feed.read if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")) else html.read
    return text.read


def _parses_as_json(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except (ValueError, OSError):
        return False
    return True


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Rejection]:
    """The articles of one file; a file that cannot be read at all becomes one Rejection."""
    produced = 0
    try:
        refused = filetype.unsupported(path)
        if refused is not None:
            raise InputError(refused)
        reader = reader_for(path)
        for item in reader(path, max_bytes):
            produced += 1
            yield finish(item) if isinstance(item, Article) else Rejection(scrub_name(item.source), scrub(item.reason))
    except InputError as exc:
        yield Rejection(scrub_name(str(path)), scrub(str(exc)))
    except OSError as exc:
        yield Rejection(scrub_name(str(path)), f"cannot read file: {scrub(exc.strerror or str(exc))}")
    except Exception as exc:  # a parser library's surprise must not stop the batch
        why = f"unreadable {path.suffix or 'file'}: {type(exc).__name__}: {exc}"
        yield Rejection(scrub_name(str(path)), scrub(why))
