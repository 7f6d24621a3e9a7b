"""Read articles and their metadata from files and folders.

Reads: ``.txt`` files with an optional ``<stem>.meta.json`` sidecar, ``.md`` files with YAML front matter
(and optional sidecar). Writes: :class:`~timeline.records.Article` for every input that can be used and
:class:`~timeline.records.Rejection` (with the reason) for every one that cannot; nothing is dropped
silently.

The publication date comes from, in order: the sidecar's ``published``, the front matter's
``published`` / ``date``. An article with no date at all is still loaded; its relative time expressions
stay unresolved until it is re-anchored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import yaml

from .errors import InputError
from .records import Article, Rejection

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
SIDECAR_SUFFIX = ".meta.json"
DATE_KEYS = ("published", "date", "pubdate", "publication_date")


def discover(paths: Iterable[Path | str]) -> tuple[list[Path], list[Rejection]]:
    """Expand files and folders into the article files they hold, in a stable order."""
    found: list[Path] = []
    missing: list[Rejection] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and _is_article_file(p) and not _hidden(p.relative_to(path))
            )
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Rejection(str(path), "no such file or folder"))
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique, missing


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) and not name.endswith(SIDECAR_SUFFIX) and name != "readme.md"


def read_articles(paths: Iterable[Path | str], max_bytes: int = 20 * 2**20) -> Iterator[Article | Rejection]:
    """Yield an Article or a Rejection for every input file under ``paths``."""
    files, missing = discover(paths)
    yield from missing
    for path in files:
        try:
            yield read_article(path, max_bytes=max_bytes)
        except InputError as exc:
            yield Rejection(str(path), str(exc))
        except OSError as exc:
            yield Rejection(str(path), f"cannot read file: {exc.strerror or exc}")


def read_article(path: Path, max_bytes: int = 20 * 2**20) -> Article:
    """Read one article file with its metadata; raise InputError with the reason if unusable."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit")
    meta = _read_sidecar(path)
    raw = path.read_bytes()
    text = decode(raw, meta.get("encoding"))
    if path.suffix.lower() in (".md", ".markdown"):
        front, text = split_front_matter(text)
        meta = {**front, **meta}
    if not text.strip():
        raise InputError("empty article: the file has no text")
    published = parse_published(meta)
    return Article(
        source=str(path.resolve()),
        text=text,
        published=published,
        title=str(meta.get("title") or _first_line(text)),
        url=str(meta.get("url") or ""),
        meta=tuple(sorted((str(k), str(v)) for k, v in meta.items() if k not in ("title", "url"))),
    )


def decode(raw: bytes, declared: str | None = None) -> str:
    """Decode bytes as UTF-8 (BOM allowed), or as the declared encoding; refuse otherwise."""
    if not raw.strip():
        raise InputError("empty article: the file has no text")
    if b"\x00" in raw[:8192]:
        raise InputError("binary file: it contains NUL bytes, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if declared:
            try:
                return raw.decode(declared)
            except (LookupError, UnicodeDecodeError) as exc2:
                raise InputError(f"cannot decode as declared encoding {declared!r}: {exc2}") from exc2
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it or declare its encoding in the .meta.json sidecar"
        ) from exc


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """Split YAML front matter (``---`` fenced) from a Markdown body."""
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                front = yaml.safe_load("".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise InputError(f"malformed front matter: {str(exc).splitlines()[0]}") from exc
            if not isinstance(front, dict):
                raise InputError("malformed front matter: expected key: value pairs")
            return front, "".join(lines[i + 1 :])
    raise InputError("malformed front matter: no closing '---'")


def _read_sidecar(path: Path) -> dict[str, object]:
    sidecar = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"malformed metadata in {sidecar.name}: {exc}") from exc
    if not isinstance(meta, dict):
        raise InputError(f"malformed metadata in {sidecar.name}: expected a JSON object")
    return meta


def parse_published(meta: dict[str, object]) -> date | None:
    """The publication date from metadata, or None if there is none; InputError if it is malformed."""
    for key in DATE_KEYS:
        raw = meta.get(key)
        if raw in (None, ""):
            continue
        return coerce_date(raw, key)
    return None


def coerce_date(raw: object, key: str = "published") -> date:
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = str(raw).strip()
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                value = date.fromisoformat(text[:10])
            except ValueError as exc:
                raise InputError(f"malformed publication date {key}={text!r}: expected YYYY-MM-DD") from exc
    if not 1800 <= value.year <= 2200:
        raise InputError(f"implausible publication date {key}={value.isoformat()}")
    return value


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
