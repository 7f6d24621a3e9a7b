"""Temporal tagging: find time expressions, decide their direction from tense, anchor them.

Reads: a parsed spaCy ``Doc``, the article id and its publication date (the anchor). Writes:
:class:`~timeline.records.TimeMention` records carrying both the underspecified form (``spec``: a
:class:`~timeline.temporal.forms.Form` stored as tagged JSON) and its resolution, so that a corrected
publication date can re-anchor without re-parsing (:func:`reanchor`). Other stages read a mention's form
through :func:`form_of`, :func:`direction` and :func:`looks_ahead`, never by searching its JSON.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..records import TimeMention
from .discourse import Discourse
from .extract import Candidate, find
from .filters import as_rate, not_a_time
from .forms import Form, from_json
from .resolve import Resolution, resolve
from .tense import direction_of

__all__ = [
    "tag",
    "tag_text",
    "reanchor",
    "find",
    "resolve",
    "Candidate",
    "Resolution",
    "Form",
    "form_of",
    "direction",
    "looks_ahead",
]


def form_of(mention: TimeMention) -> Form:
    """The underspecified form of a stored mention, as its typed record."""
    return from_json(mention.spec)


def direction(mention: TimeMention) -> str | None:
    """The direction its clause gave the mention: "past", "future", "near", or None (no cue, or a kind that
    takes none)."""
    return form_of(mention).direction


def looks_ahead(mention: TimeMention) -> bool:
    """Whether the text presents the mention as still to come: a future cue in its clause, or "soon"."""
    return direction(mention) == "future" or mention.value == "FUTURE_REF"


def tag(
    doc: Doc,
    article_id: str,
    anchor: date | None,
    candidates: Sequence[Candidate] | None = None,
    date_order: str = "month-first",
) -> list[TimeMention]:
    """Every time expression of ``doc`` with its resolution against ``anchor``.

    ``candidates`` are ``find(doc.text, date_order)`` when the caller has them already (the rules then run
    once); ``date_order`` reads numeric dates whose parts could both be the month (see :func:`find`)."""
    sentence_starts = [s.start_char for s in doc.sents]
    mentions = []
    discourse = Discourse(anchor)
    for found in find(doc.text, date_order) if candidates is None else candidates:
        if not_a_time(doc, found):
            continue
        cand = as_rate(doc, found)
        spec = cand.spec
        if spec.directed:
            d = direction_of(doc, cand.start, cand.end)
            spec = replace(spec, direction=d.direction, cue=d.cue)
        reference = discourse.reference_for(spec)
        if reference is not None:
            spec = replace(spec, reference=reference)
        res = resolve(spec, anchor)
        discourse.note(spec, res, cand.type)
        mentions.append(_mention(cand, spec, res, article_id, anchor, _sentence_index(sentence_starts, cand.start)))
    return mentions


def tag_text(nlp: Language, text: str, anchor: date | None, article_id: str = "") -> list[TimeMention]:
    """Convenience for one text: parse it with ``nlp`` and tag it."""
    return tag(nlp(text), article_id, anchor)


def _sentence_index(starts: list[int], offset: int) -> int:
    """The index of the sentence that holds ``offset`` (by bisection: a scan made long articles quadratic)."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _explain(cand_text: str, res: Resolution, anchor: date | None, spec: Form) -> str:
    if res.value is None:
        return f"{cand_text!r} unresolved: {res.why}"
    parts = [f"{cand_text} → {res.value}"]
    cue, way = spec.cue, spec.direction
    if cue and way == "future":
        parts.append(f"future cue '{cue}' in the clause")
    elif cue and way == "past":
        parts.append(f"past tense '{cue}'")
    if res.why:
        parts.append(res.why)
    if anchor:
        parts.append(f"anchor {anchor.isoformat()}")
    return "; ".join(parts)


def _mention(
    cand: Candidate,
    spec: Form,
    res: Resolution,
    article_id: str,
    anchor: date | None,
    sentence_index: int,
) -> TimeMention:
    return TimeMention(
        article_id=article_id,
        start=cand.start,
        end=cand.end,
        text=cand.text,
        type=cand.type,
        spec=spec.dumps(),
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
    spec = form_of(mention)
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
