"""Attach each dated time expression to the event it dates, from the dependency parse.

Reads: a parsed spaCy ``Doc``, its :class:`~timeline.records.TimeMention` records and the article's
publication date. Writes: :class:`~timeline.records.Event` records (trigger, description, actors, place,
status, date and evidence), in two steps: ``read`` reads from the parse what no date can change
(:class:`~timeline.records.EventReading`: the event word found by ``anchor`` and ``scope``, the
clause's modality from ``status``, who and where from ``actors``, the description's parts from
``describe``, the events dated relative to others from ``relative``); ``resolve`` dates the readings by
the resolved time mentions (date, planned or occurred, the verb form, the explanation). A fresh parse
runs both, a re-anchoring only ``resolve`` on the stored readings. ``merge`` groups events of several
articles into canonical events. Word lists live in ``resources/events``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..records import Event, EventReading, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import NameResolver
    from .needs import EntityNeeds
    from .read import read_events
    from .resolve import is_dated, present, resolve_events

# The parts that read the parse bring spaCy with them: they are imported on first use, so that merging
# (``events.merge``, run by the warehouse in a run's own process, which parses nothing) does not load it.
_LAZY = {"EntityNeeds": "needs", "NameResolver": "actors", "read_events": "read", "is_dated": "resolve",
         "present": "resolve", "resolve_events": "resolve"}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "EntityNeeds", "NameResolver", "find_events", "from_the_lead", "is_dated", "needs_parse", "needs_syntax", "present",
    "read_events", "resolve_events",
]  # fmt: skip


def needs_parse(text: str, begin: int, end: int) -> bool:
    """Whether this stage needs the full parse of ``text[begin:end]`` though it has no time expression:
    it may date an event relative to another ("said after his meeting with Trump")."""
    from .relative import may_relate

    return may_relate(text, begin, end)


def needs_syntax(doc: Doc) -> bool:
    """Whether this stage needs the syntax of a part parsed for its entities only: it introduces a person
    with a title, whose role the actors step reads ("French President Emmanuel Macron")."""
    from .actors import introduces_a_titled_person

    return introduces_a_titled_person(doc)


def find_events(doc: Doc, mentions: Iterable[TimeMention], published: date | None) -> list[Event]:
    """The events dated by ``mentions`` in ``doc``: read, then resolved against ``published``."""
    from .read import read_events
    from .resolve import resolve_events

    mentions = list(mentions)
    return resolve_events(read_events(doc, mentions), mentions, published)


def from_the_lead(
    readings: Sequence[EventReading], city: str | None, story_start: int, credited: frozenset[str] = frozenset()
) -> list[EventReading]:
    """What a story's lead says of its events. Who wrote it (``credited``: the agency, the authors, lower
    case) is no party to them ("told Reuters"). The events of the story's first sentence that name no place
    happen in the dateline's city ("KYIV (Reuters) - Ukraine's parliament voted on Tuesday"): by wire
    convention the dateline says where the lede's news was reported from; later sentences may be about
    anywhere."""
    out = []
    for reading in readings:
        if credited and any(a.lower() in credited for a in reading.actors):
            reading = replace(reading, actors=tuple(a for a in reading.actors if a.lower() not in credited))
        lede = reading.sentence_start <= story_start < reading.sentence_end
        lede = lede or story_start <= reading.sentence_start < story_start + 2
        if city is not None and lede and reading.place is None and city not in reading.actors:
            reading = replace(reading, place=city, how=f"{reading.how}; place from the dateline")
        out.append(reading)
    return out
