"""Score time expressions on a JSONL gold file of sentences (the recognizers-text breadth suite format).

Reads: a JSONL file, one record a line: ``{"text", "reference": ISO date or datetime, "expressions":
[{"text", "start", "end" (exclusive), "type", "value", "category", "news_safe"}, ...]}`` (see
``../shared/eval/recognizers-text/README.md``). Writes: :class:`ExpressionReport` — per gold expression
whether an expression of ours overlaps it and whether its value is the gold one, and our expressions that
overlap no gold expression (spurious).

Only the ``news_safe`` gold expressions are scored: their values follow TimeML news conventions (dates,
durations, sets, clock times on a day). The others — ranges, before/after modifiers, times without a date,
weekdays and "March 3" whose direction the utterance does not give — still take part in the overlap
matching, so that an expression of ours over one of them is neither a hit nor spurious. Extents differ
from TimeML's (the suite often puts prepositions inside), hence matching by overlap. Values are compared
after writing both sides one way: a clock time with or without its zero minutes and seconds
(``T08`` = ``T08:00`` = ``T08:00:00``) and a duration by its amount (``P1Q`` = ``P3M``, ``PT1.5H`` =
``PT1H30M``, ``P1W`` = ``P7D``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from ..errors import InputError
from ..temporal import tag


@dataclass(frozen=True)
class GoldExpression:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    category: str
    news_safe: bool


@dataclass(frozen=True)
class GoldRecord:
    line: int
    text: str
    reference: date
    expressions: tuple[GoldExpression, ...]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    rule: str


@dataclass(frozen=True)
class Case:
    """One scored (news-safe) gold expression and what we found over it."""

    record: GoldRecord
    gold: GoldExpression
    found: Found | None

    @property
    def right(self) -> bool:
        return self.found is not None and same_value(self.gold.value, self.found.value)


@dataclass(frozen=True)
class ExpressionReport:
    cases: tuple[Case, ...]
    spurious: tuple[tuple[GoldRecord, Found], ...]
    records: int

    def figures(self, category: str | None = None) -> dict[str, int | float]:
        cases = [c for c in self.cases if category is None or c.gold.category == category]
        found = sum(c.found is not None for c in cases)
        right = sum(c.right for c in cases)
        out: dict[str, int | float] = {"gold": len(cases), "found": found, "value_right": right}
        out["value_right_share"] = round(100 * right / len(cases), 2) if cases else 0.0
        if category is None:
            out["spurious"] = len(self.spurious)
        return out

    def categories(self) -> list[str]:
        return sorted({c.gold.category for c in self.cases})

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {"records": self.records, **self.figures()}
        out["categories"] = {k: self.figures(k) for k in self.categories()}
        return out


# ---- reading -----------------------------------------------------------------------------------------


def read_gold(path: Path) -> list[GoldRecord]:
    """The records of a JSONL gold file, or of every ``*.jsonl`` file of a folder (numbered on from one file to
    the next); a malformed line is an :class:`InputError` naming it."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise InputError(f"{path}: no JSONL gold file in this folder")
        records: list[GoldRecord] = []
        for file in files:
            records += [replace(r, line=r.line + len(records)) for r in _read_file(file)]
        return records
    return _read_file(path)


def _read_file(path: Path) -> list[GoldRecord]:
    if not path.is_file():
        raise InputError(f"{path}: not a JSONL gold file")
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            expressions = tuple(
                GoldExpression(
                    int(e["start"]),
                    int(e["end"]),
                    str(e["text"]),
                    str(e.get("type") or ""),
                    e.get("value"),
                    str(e.get("category") or ""),
                    bool(e.get("news_safe")),
                )
                for e in raw.get("expressions", ())
            )
            reference = date.fromisoformat(str(raw["reference"])[:10])
            records.append(GoldRecord(n, str(raw["text"]), reference, expressions))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not a gold record ({exc})") from exc
    return records


# ---- values --------------------------------------------------------------------------------------------

_CLOCK = re.compile(r"T(?P<h>\d\d)(?::(?P<m>\d\d))?(?::(?P<s>\d\d))?(?P<rest>.*)$")
_DURATION = re.compile(r"P(?P<date>(?:[\d.]+[YQMWD]|WE)*)(?:T(?P<time>(?:[\d.]+[HMS])*))?$")
_DATE_UNITS = {"Y": (12, 0), "Q": (3, 0), "M": (1, 0), "W": (0, 7), "D": (0, 1)}
_TIME_UNITS = {"H": 3600, "M": 60, "S": 1}


def canonical(value: str | None) -> object:
    """One way of writing a value: clock times without zero minutes and seconds, durations as amounts."""
    if value is None:
        return None
    value = value.strip().upper()
    duration = _DURATION.fullmatch(value)
    if duration and (duration["date"] or duration["time"]) and "WE" not in value:
        months = days = seconds = 0.0
        for amount, unit in re.findall(r"([\d.]+)([YQMWD])", duration["date"] or ""):
            m, d = _DATE_UNITS[unit]
            months, days = months + float(amount) * m, days + float(amount) * d
        for amount, unit in re.findall(r"([\d.]+)([HMS])", duration["time"] or ""):
            seconds += float(amount) * _TIME_UNITS[unit]
        return ("duration", round(months, 4), round(days, 4), round(seconds, 4))
    head, sep, clock = value.partition("T")
    match = _CLOCK.fullmatch(sep + clock) if sep else None
    if match and clock[:1].isdigit():
        minutes = match["m"] or "00"
        secs = f":{match['s']}" if match["s"] and match["s"] != "00" else ""
        return f"{head}T{match['h']}:{minutes}{secs}{match['rest']}"
    return value


def same_value(gold: str | None, ours: str | None) -> bool:
    return gold is not None and canonical(gold) == canonical(ours)


# ---- scoring -------------------------------------------------------------------------------------------


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def score_record(record: GoldRecord, found: Sequence[Found]) -> tuple[list[Case], list[Found]]:
    """Match our expressions to the gold ones one to one by overlap (a right value first, then the
    largest overlap); the news-safe gold expressions become cases. Ours that overlap no gold expression at
    all are spurious (a second piece inside one gold extent, "2014" and "2018" in "2014-2018", is not)."""
    unmatched = list(found)
    cases = []
    for g in record.expressions:
        overlapping = [f for f in unmatched if _overlap(g.start, g.end, f.start, f.end) > 0]
        match = max(
            overlapping,
            key=lambda f: (same_value(g.value, f.value), _overlap(g.start, g.end, f.start, f.end)),
            default=None,
        )
        if match is not None:
            unmatched.remove(match)
        if g.news_safe:
            cases.append(Case(record, g, match))
    spurious = [
        f for f in unmatched if not any(_overlap(g.start, g.end, f.start, f.end) > 0 for g in record.expressions)
    ]
    return cases, spurious


def found_in(doc: Doc, reference: date) -> list[Found]:
    """Our time expressions of a parsed text, resolved against ``reference``."""
    return [Found(m.start, m.end, m.text, m.type, m.value, m.rule) for m in tag(doc, "", reference)]


def evaluate(records: Sequence[GoldRecord], parse: Callable[[Iterable[str]], Iterable[Doc]]) -> ExpressionReport:
    """Tag every record's text with ``parse`` (a spaCy ``nlp.pipe``) and score it against its gold."""
    cases: list[Case] = []
    spurious: list[tuple[GoldRecord, Found]] = []
    for record, doc in zip(records, parse(r.text for r in records), strict=True):
        scored, extra = score_record(record, found_in(doc, record.reference))
        cases += scored
        spurious += [(record, f) for f in extra]
    return ExpressionReport(tuple(cases), tuple(spurious), len(records))
