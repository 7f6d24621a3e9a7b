"""What every input format shares: decoding, text cleaning, sidecars and publication dates.

Reads: raw bytes and metadata dicts. Writes: text and :class:`~datetime.date` values, or raises
:class:`~timeline.errors.InputError` with the reason an input cannot be used.

Order of precedence of the publication date, the same for every format (first one present wins):

1. for a one-article file (``.txt``, ``.md``, ``.html``), the sidecar ``<name>.meta.json`` next to it
   (keys ``published``, ``date``, ``pubdate``, ``publication_date``, in that order): it is what the
   user says, so it corrects whatever the file claims;
2. the metadata inside the file: Markdown front matter, the fields of a JSONL record, an RSS/Atom
   entry's ``published`` then ``updated``, an HTML page's original publication date found by htmldate
   in its markup (``original_date=True``);
3. for a many-article file (``.jsonl``, feeds), the sidecar's date, as a default for entries without one;
4. none: the article is loaded, its relative dates stay unresolved until ``timeline reanchor``.

A date that is present but malformed or impossible (``2025-02-31``, year 0) refuses the input: a wrong
anchor silently shifts every relative date, which is worse than no anchor.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputError
from ..records import Article, Rejection

T = TypeVar("T")

SIDECAR_SUFFIX = ".meta.json"
DATE_KEYS = ("published", "date", "pubdate", "publication_date")
MIN_YEAR, MAX_YEAR = 1800, 2200
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_ISO_DAY = re.compile(r"^(?P<y>\d{1,4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
# Control characters other than tab and line breaks; replaced by a space so that offsets do not move.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates: a JSON "\\ud800" escape or a file name in no UTF-8 (Python keeps its bytes as
# surrogates); no UTF-8 text can hold them, so the warehouse could not store them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_size(size: int, max_bytes: int, what: str = "file") -> None:
    if size > max_bytes:
        raise InputError(
            f"{what} is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:g} MiB limit (setting max_file_mb)"
        )


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Text of ``raw`` and a note when it was not UTF-8; InputError when it is not text at all.

    Tries, in order: a byte-order mark, UTF-8, the declared encoding (sidecar ``encoding``, HTML/XML
    charset), cp1252 when the text reads as Western European (:func:`western_european`), and only then
    the encoding detected by charset-normalizer (flagged as a guess in the note). Refuses binary data and
    bytes that no encoding turns into readable text.
    """
    if not raw.strip():
        raise InputError("empty article: the file has no text")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None if codec == "utf-8-sig" else f"decoded as {codec} (byte-order mark)"
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode as {codec} despite its byte-order mark: {exc.reason}") from exc
    if b"\x00" in raw[:8192]:
        wide = utf16_without_bom(raw)
        if wide is None:
            raise InputError("binary file: it contains NUL bytes, not text")
        try:
            return raw.decode(wide), f"decoded as {wide} (no byte-order mark; its NUL bytes say so)"
        except UnicodeDecodeError as exc:
            raise InputError(f"binary file: it contains NUL bytes, not text ({wide}: {exc.reason})") from exc
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_error = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
    stray = utf8_with_stray_bytes(raw)
    if stray is not None:
        text, bad = stray
        what = "an invalid byte sequence" if bad == 1 else f"{bad} invalid byte sequences"
        return text, f"{first_error}: decoded as UTF-8, {what} replaced by U+FFFD"
    if declared:
        try:
            return raw.decode(declared), f"decoded as declared encoding {declared}"
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"{first_error} and cannot decode as declared encoding {declared!r}: {exc}") from exc
    western = western_european(raw)
    if western is not None:
        return western, f"{first_error}: decoded as cp1252 (Western European letters)"
    detected = _detect(raw, exclude=WESTERN_CODECS)  # not Western European (above): not one of those either
    if detected is None:
        raise InputError(f"{first_error} and no other encoding gives readable text; declare it in the sidecar")
    text, codec = detected
    return text, f"{first_error}: decoded as {codec} (detected, a guess: declare the encoding in the sidecar)"


def utf8_with_stray_bytes(raw: bytes) -> tuple[str, int] | None:
    """``raw`` decoded as UTF-8 with its invalid sequences replaced by U+FFFD, and how many there were, when
    it is UTF-8 text with a few stray bytes (a truncated character, one byte of another encoding pasted in):
    at least as many well-formed multi-byte characters as invalid sequences. ``None`` otherwise: a text of
    no multi-byte character is another encoding's ("caf\\xe9" is cp1252's "café", read below)."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())
    wide = sum(1 for ch in text if ch >= "\x80") - bad - raw.count("\ufffd".encode())
    return (text, bad) if 0 < bad <= wide else None


def utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``raw`` looks like UTF-16 text without a byte-order mark: even in
    length, with a NUL in every other byte (the high byte of Latin letters, digits and punctuation) for
    at least seven characters in ten and almost never in the other half, and printable once decoded."""
    sample = raw[: 2**16]
    if len(raw) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.7 * half and others.count(0) <= 0.01 * half:
            text = sample.decode(codec, errors="replace")
            if sum(1 for c in text if c.isprintable() or c in "\n\r\t") >= 0.95 * len(text):
                return codec
    return None


WESTERN_CODECS = ("cp1252", "latin_1", "iso8859_15", "cp1258", "mac_roman")
# Letters of the Western European languages in cp1252 (French, German, Spanish, Portuguese, Italian,
# Dutch, the Nordic languages), and the marks news text uses; a text of other bytes is not read as cp1252.
_WESTERN_LETTERS = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœ" + "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŒ")
_WESTERN_MARKS = frozenset("\u00a0’‘‚“”„–—…•·«»‹›¡¿°ºª£€¥¢§©®™×÷±½¼¾²³¹µ¶†‡‰´¨¦¬¯¸")
_IN_WORD = frozenset("’'-")  # marks that may sit between two letters of a word ("aujourd’hui")
# Tilde vowels are Portuguese: followed by o, e, s (não, mãe, irmãs, lições) or ending the word (manhã).
_TILDE_NEXT = frozenset("oeOEsS")
_NORDIC = frozenset("øØåÅæÆ")


def western_european(raw: bytes) -> str | None:
    """``raw`` decoded as cp1252 when it reads as a Western European text, else ``None``.

    Charset detection cannot tell cp1252 from cp1250 on the bytes of a French or Portuguese text (both
    decode them; "São Paulo" becomes "Săo Paulo" in the other), so cp1252 is tried first and kept when
    every non-ASCII character is a Western European letter or a usual mark, no mark sits inside a word
    (Polish "³" for "ł", Romanian "º" for "ş" do), a tilde vowel is followed as in Portuguese, and a
    Nordic letter does not share a word with other accents (Czech "pøíští" for "příští"). Central
    European texts fail these tests and go on to detection.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    n = len(text)
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch in _WESTERN_LETTERS:
            if ch in "ãõÃÕ" and after.isalpha() and after not in _TILDE_NEXT:
                return None
            if ch in _NORDIC and _mixed_nordic_word(text, i):
                return None
        elif ch in _WESTERN_MARKS:
            if before.isalpha() and after.isalpha() and ch not in _IN_WORD:
                return None
        else:
            return None
    return text


def _mixed_nordic_word(text: str, i: int) -> bool:
    start, end = i, i + 1
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    accents = {c for c in text[start:end] if c >= "\x80" and c not in _NORDIC and c not in "éÉ"}
    return bool(accents)


def _detect(raw: bytes, exclude: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The first encoding charset-normalizer proposes whose text is readable and has no symbol inside a word."""
    from charset_normalizer import from_bytes

    for match in from_bytes(raw[: 2**20], cp_exclusion=list(exclude) or None):
        if match.chaos > 0.2:
            continue
        try:
            text = raw.decode(match.encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        printable = sum(1 for c in text[:20000] if c.isprintable() or c in "\n\r\t")
        if printable >= 0.95 * min(len(text), 20000) and not _symbol_in_word(text):
            return text, match.encoding
    return None


def _symbol_in_word(text: str) -> bool:
    """Whether a symbol or a superscript digit sits between two letters ("powiedzia³"): a wrong code page."""
    for i in range(1, len(text) - 1):
        ch = text[i]
        if ch >= "\x80" and unicodedata.category(ch) in ("So", "Sc", "Sk", "Sm", "No"):
            if text[i - 1].isalpha() and text[i + 1].isalpha():
                return True
    return False


def clean_text(text: str) -> str:
    """Replace control characters by spaces and lone surrogates by U+FFFD (same length: character offsets
    stay those of the source)."""
    text = scrub(text)
    text = unicodedata.normalize("NFC", text) if not unicodedata.is_normalized("NFC", text) else text
    return _CONTROL.sub(" ", text)


def scrub(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, one character for one."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def scrub_name(name: str) -> str:
    """A source name UTF-8 can store: a file name's undecodable bytes as ``\\xe9``, a lone surrogate as
    ``\\ud800`` (readable, and distinct names stay distinct)."""
    if not _SURROGATE.search(name):
        return name
    errors = "surrogateescape" if _escaped_bytes(name) else "backslashreplace"
    return name.encode("utf-8", errors).decode("utf-8", "backslashreplace")


def _escaped_bytes(name: str) -> bool:
    """Whether every surrogate of ``name`` is one Python made of an undecodable byte (U+DC80-U+DCFF)."""
    return all("\udc80" <= c <= "\udcff" for c in _SURROGATE.findall(name))


_ISO_WEEK = re.compile(r"\d{4}-?W\d\d(?!-?\d)", re.IGNORECASE)  # a week without its day


def read_sidecar(path: Path) -> dict[str, Any]:
    """The ``<stem>.meta.json`` next to ``path`` (``{}`` if there is none)."""
    sidecar = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX) if path.suffix else None
    if sidecar is None or not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read its sidecar {sidecar.name}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"malformed metadata in {sidecar.name}: {exc}") from exc
    if not isinstance(meta, dict):
        raise InputError(f"malformed metadata in {sidecar.name}: expected a JSON object")
    return meta


def parse_published(*layers: dict[str, Any]) -> date | None:
    """The publication date from the first metadata layer that has one (see the module's precedence)."""
    for meta in layers:
        for key in DATE_KEYS:
            raw = meta.get(key)
            if raw in (None, ""):
                continue
            return coerce_date(raw, key)
    return None


def evidence(*layers: tuple[str, dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    """The publication dates of named metadata layers, as (layer, ISO date) pairs, in the order given;
    a malformed date refuses the input as :func:`parse_published` does."""
    found = []
    for name, meta in layers:
        value = parse_published(meta)
        if value is not None:
            found.append((name, value.isoformat()))
    return tuple(found)


def coerce_date(raw: object, key: str = "published") -> date:
    """A calendar date from an ISO date or timestamp, an RFC 2822 date, or a date object."""
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        value = _parse_text_date(str(raw).strip(), key)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InputError(f"implausible publication date {key}={value.isoformat()}: outside {MIN_YEAR}-{MAX_YEAR}")
    return value


def _parse_text_date(text: str, key: str) -> date:
    if _ISO_WEEK.match(text):  # "2025-W09": Python would take its Monday, a day the metadata never gave
        raise InputError(f"malformed publication date {key}={text!r}: a week, not a day; give YYYY-MM-DD")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    iso = _ISO_DAY.match(text)
    if iso:
        y, m, d = (int(iso.group(g)) for g in ("y", "m", "d"))
        try:
            return date(y, m, d)
        except ValueError as exc:
            raise InputError(f"impossible publication date {key}={text!r}: {exc}") from exc
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError) as exc:
        raise InputError(
            f"malformed publication date {key}={text!r}: expected YYYY-MM-DD, an ISO timestamp or an RFC 2822 date"
        ) from exc


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def meta_pairs(
    *layers: dict[str, Any],
    skip: tuple[str, ...] = ("title", "url", "text"),
) -> tuple[tuple[str, str], ...]:
    """Extra metadata as sorted pairs, earlier layers winning."""
    merged: dict[str, Any] = {}
    for layer in reversed(layers):
        merged.update(layer)
    return tuple(sorted((str(k), str(v)) for k, v in merged.items() if k not in skip and v not in (None, "")))


def entries(
    base: str,
    items: Iterable[tuple[int, T]],
    open_item: Callable[[int, T], tuple[str, Any]],
    article: Callable[[Any, str], Article],
    unit: str,
    what: str,
    container: str = "file",
) -> Iterator[Article | Rejection]:
    """The articles of a file of many (JSON lines, a JSON array, a feed). Each numbered item is opened by
    ``open_item`` into (its key, its record) and made an article by ``article(record, source)``, its source
    ``base#key``. An item that fails, or repeats a key, is a :class:`Rejection` with the reason (its source
    ``base#<unit> N`` until its key is known; ``what`` names it in an unexpected error), and the others go
    on."""
    seen: set[str] = set()
    for number, item in items:
        source = f"{base}#{unit} {number}"
        try:
            key, record = open_item(number, item)
            source = f"{base}#{key}"
            if source in seen:
                raise InputError(f"duplicate entry: {key!r} appears twice in the {container}")
            seen.add(source)
            yield article(record, source)
        except InputError as exc:
            yield Rejection(source, str(exc))
        except Exception as exc:  # one odd item never loses the others
            yield Rejection(source, f"unreadable {what}: {type(exc).__name__}: {exc}")
