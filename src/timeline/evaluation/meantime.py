"""Read MEANTIME (NewsReader, NAF/CAT XML) documents as TimeML gold, so the same scorer checks another corpus.

Reads: a folder (searched recursively) of MEANTIME ``.xml`` files: tokens with sentence numbers, and
TIMEX3 markables anchored to tokens (the creation time has ``functionInDocument="CREATION_TIME"``).
Writes: :class:`~timeline.evaluation.timeml.TimeMLDoc` records. The corpus gives tokens, not text, so the
text is rebuilt: tokens joined by spaces (none before closing punctuation and clitics, none after opening
brackets and currency signs), one sentence a line; the dateline sentence that holds the creation time is
left out, as a TimeML ``DCT`` lies outside ``TEXT``. MEANTIME annotates only the first sentences of each
article (the title, the dateline and about four more), so the text ends with the last sentence that holds
any annotation. TIMEX3 without tokens (empty markables that only anchor a value) are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from .timeml import TimeMLDoc, Timex

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "£", "€", "``"}


@dataclass(frozen=True)
class Layout:
    """A MEANTIME file's XML root, its rebuilt text and where each token (``t_id``) lies in it."""

    root: ET.Element
    text: str
    offsets: dict[str, tuple[int, int]]
    sentence_of: dict[str, int]
    dct: date | None
    dct_sentences: set[int]


def read_layout(path: Path) -> Layout:
    """The text rebuilt from the tokens (see the module docstring), with each token's character offsets."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed MEANTIME XML ({exc})") from exc
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    timexes = [t for t in root.iter("TIMEX3") if t.find("token_anchor") is not None]
    dct, dct_sentences = None, set()
    by_id = {tid: sentence for tid, sentence, _ in tokens}
    created = [t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"]
    # a few files leave the dateline (the sentence after the title) unmarked as the creation time; it is one
    dateline = [t for t in timexes if _sentences(t, by_id) == {1} and _date(t.get("value", "")) is not None]
    for t in created or dateline[:1]:
        dct, dct_sentences = _date(t.get("value", "")), _sentences(t, by_id) or {1}  # the dateline
    annotated = {by_id[a.get("t_id", "")] for m in root.iter() for a in m.findall("token_anchor")}
    last = max(annotated, default=-1)
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    at, previous_sentence, previous_word = 0, None, ""
    for tid, sentence, word in tokens:
        if sentence in dct_sentences or sentence > last:
            continue
        sep = ""
        if previous_sentence is not None and sentence != previous_sentence:
            sep = "\n"
        elif previous_sentence is not None and word not in NO_SPACE_BEFORE and previous_word not in NO_SPACE_AFTER:
            sep = " "
        parts.append(sep + word)
        at += len(sep)
        offsets[tid] = (at, at + len(word))
        at += len(word)
        previous_sentence, previous_word = sentence, word
    return Layout(root, "".join(parts), offsets, by_id, dct, dct_sentences)


def read_meantime(path: Path) -> TimeMLDoc:
    """One MEANTIME document: its rebuilt text, its TIMEX3 mentions with character offsets, and its DCT."""
    layout = read_layout(path)
    root, text, offsets, dct_sentences = layout.root, layout.text, layout.offsets, layout.dct_sentences
    timexes = [t for t in root.iter("TIMEX3") if t.find("token_anchor") is not None]
    by_id = layout.sentence_of
    dct = layout.dct
    mentions = []
    for t in timexes:
        spans = [offsets[a.get("t_id", "")] for a in t.iter("token_anchor") if a.get("t_id", "") in offsets]
        if not spans or _sentences(t, by_id) <= dct_sentences:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        mentions.append(Timex(start, end, text[start:end], t.get("type", ""), t.get("value", "")))
    mentions.sort(key=lambda m: m.start)
    return TimeMLDoc(root.get("doc_name") or path.stem, dct, text, tuple(mentions), "")


def _sentences(timex: ET.Element, by_id: dict[str, int]) -> set[int]:
    return {by_id[a.get("t_id", "")] for a in timex.iter("token_anchor")}


def _date(value: str) -> date | None:
    """An ISO date, or the day-first ``03-02-2009`` a few files use."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    parts = value[:10].split("-")
    if len(parts) == 3 and len(parts[2]) == 4 and all(p.isdigit() for p in parts):
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            return None
    return None


def read_corpus(folder: Path) -> list[TimeMLDoc]:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of MEANTIME files")
    files = sorted(folder.rglob("*.xml"))
    if not files:
        raise InputError(f"{folder}: no .xml files")
    return [read_meantime(f) for f in files]
