"""Score the temporal tagger on TimeML corpora the way the TempEval-3 scorer scores TIMEX3.

Reads: a folder of TimeML ``.tml`` files (TIMEX3 inline in ``TEXT``, the creation time in ``DCT``).
Writes: :class:`TimeMLReport` — strict and relaxed span precision / recall / F1, and value and type F1
over relaxed matches (attribute F1 = correct attributes over system and over gold counts, as in
TempEval-3), plus the weekday report: how many gold weekday mentions get the gold value. Optionally our
own output as TimeML files with the same names (:func:`write_timeml`), for any TimeML scorer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from spacy.tokens import Doc

from ..errors import InputError
from ..temporal import tag
from ..temporal.lexicon import word_table
from . import timeml_reader


@dataclass(frozen=True)
class Timex:
    """One TIMEX3 over ``text[start:end]`` of a document's ``TEXT``."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    dct: date | None
    text: str
    timexes: tuple[Timex, ...]
    source: str  # the file's content, for writing our own version beside it


@dataclass(frozen=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        return (self.gold, self.system, self.strict, self.relaxed, self.value, self.type)

    def f1(self, correct: int) -> float:
        """F1 in percent of ``correct`` items over the system and gold counts."""
        p = correct / self.system if self.system else 0.0
        r = correct / self.gold if self.gold else 0.0
        return 100 * 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class WeekdayCase:
    doc: str
    text: str
    gold: str
    system: str | None

    @property
    def right(self) -> bool:
        return self.system == self.gold

    @property
    def same_day(self) -> bool:
        """Resolved to the gold day: the value, or the value with a part of day the gold span leaves out
        ("Friday night" → ``1998-10-23TNI`` where the gold tags "Friday" ``1998-10-23``)."""
        return self.right or (_DAY.fullmatch(self.gold) is not None and (self.system or "").startswith(self.gold + "T"))

    @property
    def gold_on_weekday(self) -> bool | None:
        """Whether the gold day falls on the weekday the words name (``None`` when the gold is not a day)."""
        if _DAY.fullmatch(self.gold) is None:
            return None
        named = word_table("WEEKDAY").get(self.text.lower().split()[-1])
        return named is None or date.fromisoformat(self.gold).isoweekday() == int(named)


@dataclass(frozen=True)
class DocResult:
    name: str
    counts: Counts
    system: tuple[Timex, ...]
    misses: tuple[tuple[Timex | None, Timex | None], ...]  # (gold, system) pairs that disagree
    weekdays: tuple[WeekdayCase, ...]


@dataclass(frozen=True)
class TimeMLReport:
    docs: tuple[DocResult, ...] = field(default=())

    @property
    def counts(self) -> Counts:
        return sum((d.counts for d in self.docs), Counts())

    @property
    def weekdays(self) -> tuple[WeekdayCase, ...]:
        return tuple(w for d in self.docs for w in d.weekdays)

    def weekday_accuracy(self, same_day: bool = False) -> float:
        """Percent of gold weekday mentions resolved to the gold value (``same_day``: to the gold day)."""
        cases = self.weekdays
        right = sum(w.same_day if same_day else w.right for w in cases)
        return 100 * right / len(cases) if cases else 0.0

    def summary(self) -> dict[str, float | int]:
        c = self.counts
        p = c.relaxed / c.system if c.system else 0.0
        r = c.relaxed / c.gold if c.gold else 0.0
        return {
            "docs": len(self.docs),
            "gold": c.gold,
            "system": c.system,
            "strict_f1": round(c.f1(c.strict), 2),
            "relaxed_f1": round(c.f1(c.relaxed), 2),
            "value_f1": round(c.f1(c.value), 2),
            "type_f1": round(c.f1(c.type), 2),
            "relaxed_precision": round(100 * p, 2),
            "relaxed_recall": round(100 * r, 2),
            "weekdays": len(self.weekdays),
            "weekday_accuracy": round(self.weekday_accuracy(), 2),
            "weekday_day_accuracy": round(self.weekday_accuracy(same_day=True), 2),
        }


# ---- reading ---------------------------------------------------------------------------------------


def read_timeml(path: Path) -> TimeMLDoc:
    """One TimeML file: its ``TEXT`` as plain text, the TIMEX3 inside it with offsets, and the DCT
    (read by :func:`timeline.evaluation.timeml_reader.read`, the one TimeML parser of the project)."""
    gold = timeml_reader.read(path)
    timexes = tuple(Timex(t.start, t.end, t.text, t.type, t.value) for t in gold.timexes if t.start >= 0)
    return TimeMLDoc(path.stem, gold.dct, gold.text, timexes, path.read_text(encoding="utf-8"))


def read_corpus(folder: Path) -> list[TimeMLDoc]:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of TimeML files")
    files = sorted(folder.glob("*.tml"))
    if not files:
        raise InputError(f"{folder}: no .tml files")
    return [read_timeml(f) for f in files]


# ---- tagging and scoring ---------------------------------------------------------------------------


def system_timexes(doc: Doc, dct: date | None) -> tuple[Timex, ...]:
    """Our time expressions of a parsed document, as TIMEX3 (those without a value are left out)."""
    return tuple(Timex(m.start, m.end, m.text, m.type, m.value) for m in tag(doc, "", dct) if m.value is not None)


def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WEEKDAY_MODIFIERS = {"last", "next", "this", "coming", "past", "previous", "early", "late", "earlier", "later"}


def is_weekday_mention(text: str) -> bool:
    """A weekday name alone, or with one modifier ("Friday", "last Monday"): what the weekday report counts."""
    words = text.lower().split()
    return bool(words) and words[-1] in word_table("WEEKDAY") and all(w in WEEKDAY_MODIFIERS for w in words[:-1])


def score_doc(gold: TimeMLDoc, system: Sequence[Timex]) -> DocResult:
    """Match system to gold one to one by overlap (exact spans first) and count the agreements."""
    unmatched = list(system)
    pairs: list[tuple[Timex, Timex | None]] = []
    for g in gold.timexes:
        exact = [s for s in unmatched if (s.start, s.end) == (g.start, g.end)]
        overlapping = exact or [s for s in unmatched if _overlaps(g, s)]
        match = max(overlapping, key=lambda s: min(s.end, g.end) - max(s.start, g.start), default=None)
        if match is not None:
            unmatched.remove(match)
        pairs.append((g, match))
    matched = [(g, s) for g, s in pairs if s is not None]
    counts = Counts(
        gold=len(gold.timexes),
        system=len(system),
        strict=sum((g.start, g.end) == (s.start, s.end) for g, s in matched),
        relaxed=len(matched),
        value=sum(g.value == s.value for g, s in matched),
        type=sum(g.type == s.type for g, s in matched),
    )
    misses: list[tuple[Timex | None, Timex | None]] = [
        (g, s) for g, s in pairs if s is None or (g.value, g.start, g.end) != (s.value, s.start, s.end)
    ]
    misses += [(None, s) for s in unmatched]
    weekdays = tuple(
        WeekdayCase(gold.name, g.text, g.value, s.value if s else None) for g, s in pairs if is_weekday_mention(g.text)
    )
    return DocResult(gold.name, counts, tuple(system), tuple(misses), weekdays)


def evaluate(
    docs: Sequence[TimeMLDoc], parse: Callable[[Iterable[str]], Iterable[Doc]], out: Path | None = None
) -> TimeMLReport:
    """Tag every document's text with ``parse`` (a spaCy ``nlp.pipe``), score it, optionally write it."""
    results = []
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for gold, parsed in zip(docs, parse(d.text for d in docs), strict=True):
        system = system_timexes(parsed, gold.dct)
        results.append(score_doc(gold, system))
        if out is not None:
            (out / f"{gold.name}.tml").write_text(write_timeml(gold, system), encoding="utf-8")
    return TimeMLReport(tuple(results))


# ---- writing ---------------------------------------------------------------------------------------

_TEXT_RE = re.compile(r"<TEXT>.*?</TEXT>", re.DOTALL)
_ANNOTATION_RE = re.compile(r"^\s*<(?:MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^>]*/>\s*$\n?", re.MULTILINE)


def write_timeml(gold: TimeMLDoc, system: Sequence[Timex]) -> str:
    """The gold file with its ``TEXT`` replaced by our TIMEX3 tags inline; DCT kept, gold links dropped."""
    source = gold.source or _skeleton(gold)
    pieces, at = [], 0
    outside = _TEXT_RE.sub("", source)  # tids already taken by the DCT (or a title) stay unique
    first = 1 + max((int(n) for n in re.findall(r'tid="t(\d+)"', outside)), default=0)
    for i, t in enumerate(sorted(system, key=lambda t: t.start), start=first):
        pieces.append(escape(gold.text[at : t.start]))
        attrs = f"tid={quoteattr(f't{i}')} type={quoteattr(t.type)} value={quoteattr(t.value)}"
        pieces.append(f"<TIMEX3 {attrs}>{escape(gold.text[t.start : t.end])}</TIMEX3>")
        at = t.end
    pieces.append(escape(gold.text[at:]))
    body = "<TEXT>" + "".join(pieces) + "</TEXT>"
    return _ANNOTATION_RE.sub("", _TEXT_RE.sub(lambda _: body, source, count=1))


def _skeleton(gold: TimeMLDoc) -> str:
    """A TimeML file for a document read from another format (MEANTIME): its name, its DCT, an empty TEXT."""
    dct = gold.dct.isoformat() if gold.dct else ""
    timex = f'<TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">{dct}</TIMEX3>'
    return (
        f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{escape(gold.name)}</DOCID>\n<DCT>{timex}</DCT>\n'
        "<TEXT></TEXT>\n</TimeML>\n"
    )
