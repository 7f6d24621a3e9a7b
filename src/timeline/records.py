"""Typed records handed from stage to stage.

Every stage reads and writes these frozen dataclasses: ``sources`` yields :class:`Article` or
:class:`Rejection`; ``temporal`` yields :class:`TimeMention`; ``events`` yields :class:`Event`;
``events`` first reads :class:`EventReading` records from the parse (no date involved), then resolves
them against the article's resolved time mentions into :class:`Event` records; ``pipeline`` bundles them
per batch in :class:`BatchResult` for ``warehouse`` to load.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property


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
    date_low_confidence: bool | None = None  # True: a date in the page's text alone, or the page's dates disagree
    story_start: int = 0  # where the story's own words begin (after byline and dateline)

    @property
    def date_evidence_json(self) -> str:
        """``date_evidence`` as stored (``articles.date_evidence``): a JSON list of [source, date] pairs."""
        return json.dumps([list(pair) for pair in self.date_evidence])

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
    actor_kinds: tuple[str, ...] = ()  # what each actor is (person, organisation, product, place, index)

    @cached_property  # asked for again and again when events are merged (125,000 times for 6,234 events)
    def event_id(self) -> str:
        key = f"{self.article_id}:{self.timex_id}:{self.trigger_start}"
        return hashlib.sha1(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class EventReading:
    """An event as read from the parse, before any date: everything of it that the publication date cannot
    change. :func:`timeline.events.resolve_events` turns readings and resolved time mentions into events.

    ``date_case`` says under which reading of the date the parse names this event: ``any``, ``past`` (the date
    is not after publication: "voted to support the republic Friday" dates the vote) or ``not_past`` (it
    is: the time dates the infinitive). ``modality`` is what the clause itself says, whatever the date:
    ``negated``, ``hypothetical``, ``reported``, or ``""`` (then the date decides between planned and
    occurred; the clause's future cue is read by the temporal stage into the mention's direction).
    The description is ``text``, or, when ``verb`` is set, "``agent`` ``verb`` ``obj``" with the verb in
    the form of the resolved status ("Macron visits the White House", "Keir Starmer to visit Washington").
    A *relative* reading (``relation`` set: "after", "during") has no time mention of its own: it is dated
    by the article's last event before ``noun_start`` of the class of ``noun`` that shares an actor with
    ``noun_actors``.
    """

    article_id: str
    timex_id: str  # "" for a relative reading
    position: int  # order of reading in the article (the order events are resolved in)
    date_case: str  # any, past, not_past
    trigger: str
    trigger_start: int
    trigger_end: int
    how: str  # how the trigger was found, for the explanation
    direct: bool  # the time modifies the event word itself (higher confidence)
    scoped: bool  # shares the date of another event of the clause (scope rules)
    actors: tuple[str, ...]
    place: str | None
    modality: str  # negated, hypothetical, reported, plan, schedule, reported plan, or "" (the date decides)
    modality_why: str
    text: str
    agent: str = ""
    verb: str = ""
    obj: str = ""
    time_text: str = ""
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    relation: str = ""  # after, during: a relative reading
    noun: str = ""
    noun_start: int = 0
    noun_actors: tuple[str, ...] = ()
    actor_kinds: tuple[str, ...] = ()  # what each of ``actors`` is (person, organisation, product, place, index)


@dataclass(frozen=True)
class BatchResult:
    """What processing one batch of articles produced, ready for the warehouse."""

    articles: tuple[Article, ...] = ()
    mentions: tuple[TimeMention, ...] = ()
    events: tuple[Event, ...] = ()
    readings: tuple[EventReading, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    notes: tuple[tuple[str, str], ...] = field(default=())  # (source, warning) for loaded articles
