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
from .actors import NameResolver
from .read import read_events
from .resolve import is_dated, present, resolve_events

__all__ = ["NameResolver", "find_events", "is_dated", "present", "read_events", "resolve_events"]


def find_events(doc: Doc, mentions: Iterable[TimeMention], published: date | None) -> list[Event]:
    """The events dated by ``mentions`` in ``doc``: read, then resolved against ``published``."""
    mentions = list(mentions)
    return resolve_events(read_events(doc, mentions), mentions, published)
