"""Plain-text and Markdown articles: one article per file.

Reads: ``.txt`` files and ``.md`` / ``.markdown`` files with optional YAML front matter, each with an
optional ``<stem>.meta.json`` sidecar (which wins over the front matter). Writes one
:class:`~timeline.records.Article`. The text is kept exactly as in the file (control characters become
spaces), so character offsets point into the source.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..records import Article
from .common import check_size, clean_text, decode, evidence, first_line, meta_pairs, parse_published, read_sidecar

SUFFIXES = (".txt", ".md", ".markdown")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without its timestamp type: a date stays the text it was written as, so that
    every format's dates go through one parser (:func:`~.common.coerce_date`) and a bad one ("2025-13-01",
    an offset of +25:00) is refused with its reason instead of a ``ValueError`` from YAML's own."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path: Path, max_bytes: int) -> Iterator[Article]:
    yield read_article(path, max_bytes)


def read_article(path: Path, max_bytes: int = 20 * 2**20) -> Article:
    """Read one article file with its metadata; raise InputError with the reason if unusable."""
    check_size(path.stat().st_size, max_bytes)
    sidecar = read_sidecar(path)
    declared = sidecar.get("encoding")
    text, note = decode(path.read_bytes(), str(declared) if declared else None)
    front: dict[str, Any] = {}
    if path.suffix.lower() in (".md", ".markdown"):
        front, text = split_front_matter(text)
    text = clean_text(text)
    if not text.strip():
        raise InputError("empty article: the file has no text")
    published = parse_published(sidecar, front)
    extra = {"decoded": note} if note else {}
    return Article(
        source=str(path.resolve()),
        text=text,
        published=published,
        title=str(sidecar.get("title") or front.get("title") or first_line(text)),
        url=str(sidecar.get("url") or front.get("url") or ""),
        meta=meta_pairs(sidecar, front, extra),
        date_evidence=evidence(("user", sidecar), ("front matter", front)),
    )


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """What YAML found wrong and on which line of the file (the front matter starts on line 2)."""
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if not problem:
        return str(exc).splitlines()[0]
    return f"{problem} (line {mark.line + 2})" if mark is not None else str(problem)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (``---`` fenced) from a Markdown body."""
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                front = yaml.load("".join(lines[1:i]), Loader=_FrontMatterLoader) or {}
            except yaml.YAMLError as exc:
                raise InputError(f"malformed front matter: {_yaml_problem(exc)}") from exc
            if not isinstance(front, dict):
                raise InputError("malformed front matter: expected key: value pairs")
            return front, "".join(lines[i + 1 :])
    raise InputError("malformed front matter: no closing '---'")
