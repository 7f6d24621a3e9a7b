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

from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc

from ..records import Event, TimeMention
from .actors import NameResolver, introduces_a_titled_person
from .read import read_events
from .relative import may_relate
from .resolve import is_dated, present, resolve_events

__all__ = [
    "NameResolver", "find_events", "is_dated", "needs_parse", "needs_syntax", "present", "read_events",
    "resolve_events",
]  # fmt: skip


def needs_parse(text: str, begin: int, end: int) -> bool:
    """Whether this stage needs the full parse of ``text[begin:end]`` though it has no time expression:
    it may date an event relative to another ("said after his meeting with Trump")."""
    return may_relate(text, begin, end)


def needs_syntax(doc: Doc) -> bool:
    """Whether this stage needs the syntax of a part parsed for its entities only: it introduces a person
    with a title, whose role the actors step reads ("French President Emmanuel Macron")."""
    return introduces_a_titled_person(doc)


def find_events(doc: Doc, mentions: Iterable[TimeMention], published: date | None) -> list[Event]:
    """The events dated by ``mentions`` in ``doc``: read, then resolved against ``published``."""
    mentions = list(mentions)
    return resolve_events(read_events(doc, mentions), mentions, published)
