"""Cross-article merging: the mentions of one real-world event, reported by several articles, become one.

Reads: :class:`~timeline.records.Event` records (from any number of articles). Writes:
:class:`CanonicalEvent` records, each with the ids of its mentions and the number of distinct sources.

Two mentions are the same event when all three hold:

- **same date window**: their date ranges overlap (a day inside a week or a month counts);
- **similar trigger**: the same lemma, or two words of the same event class (``event_nouns.tsv``:
  "visit", "trip" and "talks" are all *meeting*); a verb counts as its noun ("meet" → "meeting",
  through ``nominalizations.tsv``);
- **overlapping actors**: at least one actor in common (a one-word name matches a full name ending
  with it: "Macron", "Emmanuel Macron"); when either side names no actor, the same place and the
  same lemma instead.

Mentions are grouped transitively (single link). The canonical event takes the most precise date, the
most common status, the description of its most confident mention and the union of actors, most
mentioned first.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..records import Event
from .syntax import words

PRECISION = ["time", "day", "week", "month", "quarter", "season", "half", "year", "decade", "century"]


@dataclass(frozen=True)
class CanonicalEvent:
    """One real-world event and the mentions that report it."""

    canonical_id: str
    trigger: str
    description: str
    actors: tuple[str, ...]
    place: str | None
    status: str
    value: str
    granularity: str
    date_start: date | None
    date_end: date | None
    confidence: float
    representative_event_id: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]

    @property
    def sources(self) -> int:
        return len(self.article_ids)


@cache
def _classes() -> dict[str, str]:
    classes = dict(words("event_nouns.tsv"))
    for noun, row in words("nominalizations.tsv").items():
        base = row.split("\t")[1].split()[0] if "\t" in row else ""
        if base and noun in classes:
            classes.setdefault(base, classes[noun])
    return classes


def similar_trigger(a: str, b: str) -> bool:
    if a == b:
        return True
    ca, cb = _classes().get(a), _classes().get(b)
    return ca is not None and ca == cb and ca != "other"


def same_actor(a: str, b: str) -> bool:
    """Equal names, or a one-word name that is the last word of the other ("Macron", "Emmanuel Macron")."""
    if a == b:
        return True
    short, full = sorted((a, b), key=lambda n: len(n.split()))
    return len(short.split()) == 1 and len(full.split()) > 1 and full.split()[-1] == short


def same_window(a: Event, b: Event) -> bool:
    if a.date_start is None or b.date_start is None:
        return a.value == b.value and bool(a.value)
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    return a.date_start <= b_end and b.date_start <= a_end


def same_event(a: Event, b: Event) -> bool:
    """Whether two mentions report the same event (see the module docstring)."""
    if not same_window(a, b) or not similar_trigger(a.trigger, b.trigger):
        return False
    if a.actors and b.actors:
        return any(same_actor(x, y) for x in a.actors for y in b.actors)
    return a.place is not None and a.place == b.place and a.trigger == b.trigger


def _precision(event: Event) -> int:
    return PRECISION.index(event.granularity) if event.granularity in PRECISION else len(PRECISION)


def _longest(name: str, group: list[Event]) -> str:
    """The fullest form of ``name`` among the group's actors."""
    return max((a for e in group for a in e.actors if same_actor(a, name)), key=len, default=name)


def _canonical(group: list[Event]) -> CanonicalEvent:
    best = max(group, key=lambda e: (e.confidence, -_precision(e), len(e.actors), e.place is not None))
    dated = min(group, key=lambda e: (_precision(e), e.date_start or date.max))
    counts = Counter(_longest(a, group) for e in group for a in e.actors)
    first_seen = {a: i for i, a in reversed(list(enumerate(_longest(a, group) for e in group for a in e.actors)))}
    actors = tuple(sorted(counts, key=lambda a: (-counts[a], first_seen[a])))
    places = Counter(e.place for e in group if e.place)
    statuses = Counter(e.status for e in group)
    status = max(statuses, key=lambda s: (statuses[s], s == "occurred"))
    ids = tuple(sorted(e.event_id for e in group))
    return CanonicalEvent(
        canonical_id=hashlib.sha1(":".join(ids).encode()).hexdigest()[:16],
        trigger=best.trigger,
        description=best.description,
        actors=actors,
        place=places.most_common(1)[0][0] if places else None,
        status=status,
        value=dated.value,
        granularity=dated.granularity,
        date_start=dated.date_start,
        date_end=dated.date_end,
        confidence=max(e.confidence for e in group),
        representative_event_id=best.event_id,
        event_ids=ids,
        article_ids=tuple(sorted({e.article_id for e in group})),
    )


def merge_events(events: Sequence[Event]) -> list[CanonicalEvent]:
    """Group ``events`` into canonical events, in date order."""
    ordered = sorted(events, key=lambda e: (e.date_start or date.max, e.event_id))
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(ordered):
        a_end = a.date_end or a.date_start
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if a_end is not None and b.date_start is not None and b.date_start > a_end:
                break  # sorted by start: nothing later can overlap a
            if same_event(a, b):
                parent[find(j)] = find(i)
    groups: dict[int, list[Event]] = {}
    for i, event in enumerate(ordered):
        groups.setdefault(find(i), []).append(event)
    return [_canonical(g) for g in groups.values()]
