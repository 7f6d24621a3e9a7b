"""Incremental runs: decide per article whether to parse, re-anchor, skip or refuse, and re-anchor.

Reads: the articles of a run and what the warehouse holds of them
(:class:`~timeline.warehouse.StoredArticle`, keyed by article id = hash of the source). Writes: a
:class:`Plan`, and for re-anchored articles a :class:`~timeline.records.BatchResult` built from the stored
underspecified forms (``time_expressions.spec``) without parsing the text again.

An article is *unchanged* when its text (SHA-256) and its metadata (publication date, title, URL) are
those stored: it is skipped. A changed text is parsed again and replaces its old rows. A changed
publication date with the same text re-anchors: each stored expression is resolved against the new date
and the events keep their words, actors and place and take the new dates (their status is re-derived
only where it depends on the date: *planned* when dated after publication). An article that had no date
at all had no events for its relative dates, so getting a date parses its stored text once more.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import duckdb

from . import warehouse
from .events import is_dated
from .records import Article, BatchResult, Event, Rejection, TimeMention
from .temporal import reanchor as reanchor_mention
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


def reanchor_stored(con: duckdb.DuckDBPyConnection, work: Sequence[tuple[Article, StoredArticle]]) -> BatchResult:
    """Re-anchor the stored expressions and events of articles whose metadata changed."""
    articles, mentions, events, notes = [], [], [], []
    for article, old in work:
        stored_mentions, stored_events = warehouse.stored_results(con, article.article_id)
        new_mentions, new_events = reanchor_results(stored_mentions, stored_events, article.published)
        articles.append(article)
        mentions.extend(new_mentions)
        events.extend(new_events)
        what = (
            f"published {old.published or 'unknown'} → {article.published or 'unknown'}"
            if old.published != article.published
            else "title or URL changed"
        )
        notes.append((article.source, f"re-anchored without re-parsing: {what}"))
    return BatchResult(tuple(articles), tuple(mentions), tuple(events), notes=tuple(notes))


def reanchor_results(
    mentions: Sequence[TimeMention], events: Sequence[Event], published: date | None
) -> tuple[list[TimeMention], list[Event]]:
    """Resolve stored expressions against ``published`` and carry their events over."""
    new = [reanchor_mention(m, published) for m in mentions]
    by_id = {m.timex_id: m for m in new}
    carried = []
    for event in events:
        mention = by_id.get(event.timex_id)
        if mention is not None and is_dated(mention):
            carried.append(_reanchor_event(event, mention, published))
    return new, carried


def _reanchor_event(event: Event, mention: TimeMention, published: date | None) -> Event:
    status = event.status
    how, _, old_status = event.explanation.partition(". Event: ")[2].partition(". Status ")
    status_line = f"Status {old_status}"
    if status in ("occurred", "planned"):  # only these depend on the date: see events' status rules
        future = json.loads(mention.spec).get("direction") == "future" or mention.value == "FUTURE_REF"
        later = published is not None and mention.range_start is not None and mention.range_start > published
        status = "planned" if future or later else "occurred"
        why = "future cue in the clause" if future else "dated after publication" if later else "stated as fact"
        status_line = f"Status {status}: {why}."
    explanation = f"{mention.explanation}. Event: {how}. {status_line}" if how else event.explanation
    return replace(
        event,
        status=status,
        value=mention.value or "",
        granularity=mention.granularity or "",
        date_start=mention.range_start,
        date_end=mention.range_end,
        explanation=explanation,
    )
