"""Temporal tagging: find time expressions, decide their direction from tense, anchor them.

Reads: a parsed spaCy ``Doc``, the article id and its publication date (the anchor). Writes:
:class:`~timeline.records.TimeMention` records carrying both the underspecified form (``spec``, JSON)
and its resolution, so that a corrected publication date can re-anchor without re-parsing
(:func:`reanchor`).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from ..records import TimeMention
from .extract import Candidate, find
from .periods import RANK
from .resolve import Resolution, resolve
from .tense import direction_of

# Spec kinds whose value depends on the direction of their clause.
DIRECTED_KINDS = {"weekday", "date", "quarter", "holiday", "weekend", "clock", "season"}
# Spec kinds that may be anchored to the period the text last named ("a year earlier", "the quarter").
CONTEXT_KINDS = {"offset", "period"}
REFERENCE_GRANULARITIES = {"day", "time", "week", "month", "quarter", "year"}

__all__ = ["tag", "tag_text", "reanchor", "find", "resolve", "Candidate", "Resolution"]


def tag(doc: Doc, article_id: str, anchor: date | None) -> list[TimeMention]:
    """Every time expression of ``doc`` with its resolution against ``anchor``."""
    sentence_starts = [s.start_char for s in doc.sents]
    mentions = []
    reference: dict | None = None  # type: ignore[type-arg]  # the spec of the period the text last named
    reference_granularity: str | None = None
    # The quarter a report is about: the latest quarter it names that has ended by the anchor. A forecast
    # ("a fourth-quarter charge") or an older quarter named in passing ("after a flat second quarter",
    # "the 1988 period") does not replace it as what "the quarter" or "a year ago" compare with.
    topic: dict | None = None  # type: ignore[type-arg]
    topic_end: date | None = None
    named: list[tuple[dict, str]] = []  # type: ignore[type-arg]  # every period named so far, with its precision
    for cand in find(doc.text):
        if (cand.spec["kind"] == "set" and _attributive(doc, cand)) or _fraction(doc, cand) or _title(doc, cand):
            continue
        if _rate(doc, cand):
            cand = replace(cand, type="SET", spec={"kind": "set", "every": cand.spec["unit"]})
        spec = dict(cand.spec)
        cue = None
        if spec["kind"] in DIRECTED_KINDS:
            d = direction_of(doc, cand.start, cand.end)
            spec["direction"], cue = d.direction, d.cue
        if spec["kind"] in CONTEXT_KINDS and reference is not None:
            spec["reference"] = topic if topic is not None and reference_granularity == "quarter" else reference
            if spec.get("relative_to") == "context" and spec.get("unit") in RANK:
                # "the same day", "later in the day": the last period named at least as precise as the unit
                finer = [r for r, g in named if RANK[g] <= RANK[spec["unit"]]]
                if finer:
                    spec["reference"] = finer[-1]
        if (spec["kind"] == "clock" and not spec.get("day")) or (
            spec["kind"] == "weekday" and spec.get("relative_to") == "context"
        ):
            days = [r for r, g in named if g in ("day", "time")]
            if days:
                spec["reference"] = days[-1]
        res = resolve(spec, anchor)
        if res.granularity in REFERENCE_GRANULARITIES and cand.type in ("DATE", "TIME") and not _comparison(spec):
            reference, reference_granularity = spec, res.granularity
            if res.granularity in RANK:
                named.append((spec, res.granularity))
            ended = anchor is not None and res.end is not None and res.end <= anchor
            if res.granularity == "quarter" and ended and (topic_end is None or res.end >= topic_end):
                topic, topic_end = spec, res.end
        mentions.append(
            _mention(cand, spec, res, article_id, anchor, _sentence_index(sentence_starts, cand.start), cue)
        )
    return mentions


def _attributive(doc: Doc, cand: Candidate) -> bool:
    """A frequency word used as an adjective before a noun ("its quarterly dividend") is no time expression."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].dep_ == "amod" and span[0].head.i > span[0].i


RATE_RE = re.compile(r"(?:an?|one)\s+(?:day|week|month|year|quarter|hour)", re.IGNORECASE)
FRACTION_RE = re.compile(r"\s+of\b", re.IGNORECASE)
FRACTION_WORDS_RE = re.compile(r"-quarters?$|\b(?:an?|one)\s+quarter$", re.IGNORECASE)


def _title(doc: Doc, cand: Candidate) -> bool:
    """A quoted title in capitals is a name, not a time: ABC's "This Week", "Next Year in Jerusalem"."""
    words = cand.text.split()
    quoted = doc.text[max(0, cand.start - 1) : cand.start] in ('"', "“", "'", "‘")
    return quoted and len(words) > 1 and all(w[:1].isupper() for w in words)


def _fraction(doc: Doc, cand: Candidate) -> bool:
    """A fraction is no duration: "three-quarters of its food", "more than a quarter of the market" (but
    "several quarters of losses" is one)."""
    if cand.spec["kind"] != "duration" or cand.spec.get("unit") != "quarter":
        return False
    return bool(FRACTION_RE.match(doc.text, cand.end)) and bool(FRACTION_WORDS_RE.search(cand.text))


def _rate(doc: Doc, cand: Candidate) -> bool:
    """A unit after a quantity is a rate, a SET: "$2 million a year", "hundreds of interviews a day"."""
    if cand.spec["kind"] != "duration" or not RATE_RE.fullmatch(cand.text):
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].pos_ in ("NUM", "NOUN", "PROPN", "SYM")


def _comparison(spec: dict) -> bool:  # type: ignore[type-arg]
    """A period named by comparison ("a year earlier", "the year-ago quarter") does not become the reference."""
    if spec["kind"] == "period":
        return int(spec["n"]) != 0
    if spec["kind"] != "offset" or int(spec["n"]) >= 0:
        return False
    return spec.get("relative_to") == "context" or spec["unit"] in ("year", "quarter")


def tag_text(nlp, text: str, anchor: date | None, article_id: str = "") -> list[TimeMention]:  # type: ignore[no-untyped-def]
    """Convenience for one text: parse it with ``nlp`` and tag it."""
    return tag(nlp(text), article_id, anchor)


def _sentence_index(starts: list[int], offset: int) -> int:
    index = 0
    for i, s in enumerate(starts):
        if s <= offset:
            index = i
        else:
            break
    return index


def _explain(cand_text: str, res: Resolution, anchor: date | None, spec: dict) -> str:  # type: ignore[type-arg]
    if res.value is None:
        return f"{cand_text!r} unresolved: {res.why}"
    parts = [f"{cand_text} → {res.value}"]
    cue, direction = spec.get("cue"), spec.get("direction")
    if cue and direction == "future":
        parts.append(f"future cue '{cue}' in the clause")
    elif cue and direction == "past":
        parts.append(f"past tense '{cue}'")
    if res.why:
        parts.append(res.why)
    if anchor:
        parts.append(f"anchor {anchor.isoformat()}")
    return "; ".join(parts)


def _mention(
    cand: Candidate,
    spec: dict,  # type: ignore[type-arg]
    res: Resolution,
    article_id: str,
    anchor: date | None,
    sentence_index: int,
    cue: str | None,
) -> TimeMention:
    if cue:
        spec["cue"] = cue
    return TimeMention(
        article_id=article_id,
        start=cand.start,
        end=cand.end,
        text=cand.text,
        type=cand.type,
        spec=json.dumps(spec, sort_keys=True),
        value=res.value,
        granularity=res.granularity,
        range_start=res.start,
        range_end=res.end,
        anchor=anchor,
        sentence_index=sentence_index,
        rule=cand.rule,
        explanation=_explain(cand.text, res, anchor, spec),
    )


def reanchor(mention: TimeMention, anchor: date | None) -> TimeMention:
    """The same mention resolved against another publication date, without re-parsing."""
    spec = json.loads(mention.spec)
    res = resolve(spec, anchor)
    return replace(
        mention,
        value=res.value,
        granularity=res.granularity,
        range_start=res.start,
        range_end=res.end,
        anchor=anchor,
        explanation=_explain(mention.text, res, anchor, spec),
    )
