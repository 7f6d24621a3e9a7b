"""Typed records handed from stage to stage.

Every stage reads and writes these frozen dataclasses: ``sources`` yields :class:`Article` or
:class:`Rejection`; ``temporal`` yields :class:`TimeMention`; ``events`` yields :class:`Event`;
``pipeline`` bundles them per batch in :class:`BatchResult` for ``warehouse`` to load.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One article as read from its source, with the metadata that anchors its dates."""

    source: str  # where it came from: a path, or path#entry for multi-article files, or a URL
    text: str
    published: date | None
    title: str = ""
    url: str = ""
    meta: tuple[tuple[str, str], ...] = ()
    # what the story's lead says (sources.wire) and where the publication date came from (sources.dates)
    masked: tuple[tuple[int, int], ...] = ()  # byline, dateline, sign-off: blanked before the parse
    dateline_city: str | None = None
    dateline_date: date | None = None
    agency: str | None = None
    byline: str | None = None
    date_source: str | None = None  # sidecar, front matter, record, feed, markup, url, page, dateline, ...
    date_conflict: str | None = None  # "markup 2020-06-07, dateline 2020-06-08" when the sources disagree
    date_evidence: tuple[tuple[str, str], ...] = ()  # (source, ISO date) as the reader found them
    story_start: int = 0  # where the story's own words begin (after byline and dateline)

    @property
    def parse_text(self) -> str:
        """The text the parser reads: ``text`` with the ``masked`` ranges blanked (same length and offsets).

        A blanked range is spaces ending in a line break, so that the words after it begin a line, as a story
        does (the tagger reads "Tesla" after a run of spaces as the middle of a sentence)."""
        if not self.masked:
            return self.text
        chars = list(self.text)
        for start, end in self.masked:
            end = min(end, len(chars))
            for i in range(start, end):
                if chars[i] not in "\n\r":
                    chars[i] = " "
            if end > start:
                chars[end - 1] = "\n"
        return "".join(chars)

    @property
    def article_id(self) -> str:
        """Stable key of the article: the same source always gets the same id."""
        return hashlib.sha1(self.source.encode("utf-8")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Rejection:
    """An input that could not be loaded, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in an article, with its underspecified and resolved forms.

    ``spec`` is the underspecified form as JSON (e.g. ``{"kind": "weekday", "weekday": 3,
    "direction": "future"}``); ``value`` is its resolution against ``anchor`` (TIMEX3 style:
    ``2025-02-27``, ``2025-W09``, ``2025-02``, ``P3D``, ``PRESENT_REF``), or ``None`` when it could not
    be resolved (no anchor).
    """

    article_id: str
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    spec: str
    value: str | None
    granularity: str | None  # day, week, month, quarter, year, decade, century, time, ref, duration, set
    range_start: date | None
    range_end: date | None
    anchor: date | None
    sentence_index: int
    rule: str
    explanation: str

    @property
    def timex_id(self) -> str:
        return hashlib.sha1(f"{self.article_id}:{self.start}:{self.end}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Event:
    """Something that happened (or is planned, reported, negated) at a date, with its evidence."""

    article_id: str
    timex_id: str
    trigger: str  # lemma of the event word
    trigger_start: int
    trigger_end: int
    description: str
    actors: tuple[str, ...]
    place: str | None
    status: str  # occurred, planned, reported, negated, hypothetical
    value: str
    granularity: str
    date_start: date | None
    date_end: date | None
    time_text: str
    sentence: str
    sentence_start: int
    sentence_end: int
    confidence: float
    explanation: str

    @property
    def event_id(self) -> str:
        key = f"{self.article_id}:{self.timex_id}:{self.trigger_start}"
        return hashlib.sha1(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class BatchResult:
    """What processing one batch of articles produced, ready for the warehouse."""

    articles: tuple[Article, ...] = ()
    mentions: tuple[TimeMention, ...] = ()
    events: tuple[Event, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    notes: tuple[tuple[str, str], ...] = field(default=())  # (source, warning) for loaded articles
