"""Cross-article merging: the mentions of one real-world event, reported by several articles, become one.

Reads: :class:`~timeline.records.Event` records (from any number of articles). Writes:
:class:`CanonicalEvent` records, each with the ids of its mentions and the number of distinct sources.

The API, used both for a merge of everything and for the warehouse's incremental refresh:

- :func:`same_event` — a pure predicate on two mentions: the same event when

  - **the same kind of event**: the same lemma, or two lemmas of one narrow class of
    ``event_classes.tsv`` (synonyms, nominalisations, light-verb constructions: "resign" / "step down",
    "sign" / "signing", "agree" / "reach a deal", "unveil" / "present"; "rise" and "fall" are two
    classes), and not negated on one side only;
  - **compatible dates at the finer granularity**: the ranges overlap, and when one is coarser than the
    other (a year and a day, a month and a day; a part of day counts as its day) that alone proves
    nothing: the two must then also share a specific actor;
  - **compatible, specific actors**: a shared actor that is not a country ("United States" alone is
    not enough; names match as full name, surname or last word, acronym: "IMF" / "International
    Monetary Fund"); when both sides name actors, one shared specific actor is needed, or else the same
    countries and nothing else on both sides at the same date. A mention with no actors merges with one
    that has actors only at the same date at day level, with the same lemma (not a reporting or
    general verb) and no conflicting place; two mentions without actors need the same place and lemma.

- :func:`blocking_key` — the *trigger class* half of the blocking key: two mentions can only be the same
  event when their keys are equal (:func:`class_keys` lists the lemmas that have a class, for the
  warehouse to probe stored events by key and date window in SQL).
- :class:`CandidateIndex` — mentions by blocking key, :func:`facets` (an actor's last word, or the place)
  and date window, so that grouping compares a mention only with the mentions it could merge with, never
  with everything.
- :func:`group_events` — the grouping. Mentions are taken in *merge order* (most precise date first,
  then date, then id), and each joins, of the groups **every member of which** it is the same event as
  (complete link), the one whose first member comes first, or opens a group of its own. So nothing
  chains: if A and B merge and B and C merge, C joins A's group only if A and C merge too; otherwise C
  starts (or joins) another group. Existing groups can be passed in: the warehouse's incremental refresh
  (:func:`timeline.warehouse.refresh_canonical`) places the mentions of the articles a run touched into
  the groups they can join, found through the index, and leaves every other group as it is.

A canonical event's id is a hash of its first member in merge order, so it stays when a mention later in
that order joins or leaves. It takes the most precise date, the most common status, the description of
its most confident mention and the union of actors, most mentioned first.
"""

from __future__ import annotations

import bisect
import hashlib
import string
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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
def _lexicon() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """``event_classes.tsv`` as (lemma → class, lemma → words its description must hold: "reach" → deal)."""
    classes: dict[str, str] = {}
    needs: dict[str, list[str]] = {}
    for name, row in words("event_classes.tsv").items():
        for item in row.split():
            lemma, _, word = item.partition("+")
            classes.setdefault(lemma, name)
            if word:
                needs.setdefault(lemma, []).append(word)
            elif lemma in needs:
                needs.pop(lemma)  # the lemma alone names the event too
    return classes, {k: tuple(v) for k, v in needs.items()}


GENERAL_VERBS = {"say", "tell", "be", "have", "do", "make", "take", "get", "go", "come", "give", "see", "report"}


@cache
def _aspectual() -> frozenset[str]:
    return frozenset(words("aspectual_verbs.tsv"))


def _event_class(event: Event) -> str | None:
    """The class of ``event``'s trigger, if its description has the word a construction needs."""
    classes, needs = _lexicon()
    name = classes.get(event.trigger)
    if name is None:
        return None
    wanted = needs.get(event.trigger)
    if wanted and not set(event.description.lower().replace("-", " ").split()) & set(wanted):
        return None
    return name


@cache
def _noun_classes() -> dict[str, str]:
    classes = dict(words("event_nouns.tsv"))
    for noun, row in words("nominalizations.tsv").items():
        base = row.split("\t")[1].split()[0] if "\t" in row else ""
        if base and noun in classes:
            classes.setdefault(base, classes[noun])
    return classes


def similar_trigger(a: str, b: str) -> bool:
    """Two lemmas of one broad topic of ``event_nouns.tsv`` ("visit", "meeting", "meet"): what a noun
    may refer back to within one article ("after his meeting" → the visit), never enough to merge."""
    if a == b:
        return True
    ca, cb = _noun_classes().get(a), _noun_classes().get(b)
    return ca is not None and ca == cb and ca != "other"


def same_kind(a: Event, b: Event) -> bool:
    """The same lemma, or two lemmas of one class of ``event_classes.tsv``."""
    if a.trigger == b.trigger:
        return True
    ca = _event_class(a)
    return ca is not None and ca == _event_class(b)


def blocking_key(trigger: str) -> str:
    """The event class of a lemma (``resignation``), or the lemma itself (``=say``) when it has none."""
    found = _lexicon()[0].get(trigger)
    return found if found is not None else f"={trigger}"


def class_keys() -> dict[str, str]:
    """The blocking key of every lemma that has an event class (any other lemma's key is ``=lemma``)."""
    return {lemma: key for lemma in _lexicon()[0] if not (key := blocking_key(lemma)).startswith("=")}


def acronym(name: str) -> str:
    """The initials of a name's capitalised words, three or more ("International Monetary Fund" → "IMF")."""
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return initials if len(initials) >= 3 else ""


def same_actor(a: str, b: str) -> bool:
    """Equal names, a one-word name that is the last word of the other ("Macron", "Emmanuel Macron"), or
    an acronym of the other ("IMF", "International Monetary Fund")."""
    if a == b:
        return True
    short, full = sorted((a, b), key=lambda n: len(n.split()))
    if len(short.split()) == 1 and len(full.split()) > 1:
        return full.split()[-1] == short or acronym(full) == short.replace(".", "")
    return False


@cache
def _countries() -> frozenset[str]:
    return frozenset(words("demonyms.tsv").values()) | frozenset(words("aliases.tsv").values())


def is_generic(actor: str) -> bool:
    """A country names too many events to identify one ("United States")."""
    return actor in _countries()


def merge_order(event: Event) -> tuple[int, date, str]:
    """The order :func:`group_events` takes mentions in: most precise date first, then date, then id."""
    return (_precision(event), event.date_start or date.max, event.event_id)


def same_window(a: Event, b: Event) -> bool:
    if a.date_start is None or b.date_start is None:
        return a.value == b.value and bool(a.value)
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    return a.date_start <= b_end and b.date_start <= a_end


YEAR = PRECISION.index("year")
DAY_LEVEL = {"time": "day"}  # "Tuesday morning" is Tuesday


COPIED_WORDS = 10  # a sentence this long, word for word in two articles, is one piece of copy


def _level(event: Event) -> str:
    return DAY_LEVEL.get(event.granularity, event.granularity)


def _places_agree(a: Event, b: Event) -> bool:
    return a.place is None or b.place is None or a.place == b.place


def same_event(a: Event, b: Event) -> bool:
    """Whether two mentions report the same event (see the module docstring)."""
    if not same_window(a, b) or not same_kind(a, b):
        return False
    if (a.status == "negated") != (b.status == "negated"):
        return False
    same_level = _level(a) == _level(b) or a.date_start is None
    specific = [(x, y) for x in a.actors for y in b.actors if not (is_generic(x) or is_generic(y))]
    shared = any(same_actor(x, y) for x, y in specific)
    coarse = _precision(a) >= YEAR or _precision(b) >= YEAR
    if coarse and not same_level:  # a year overlaps every day in it: it cannot tell one event from another
        return False
    if coarse:  # two mentions in one year: the same word, a shared actor, and a word that names one event
        return shared and a.trigger == b.trigger and a.trigger not in GENERAL_VERBS | _aspectual()
    if not same_level:  # a week or a month and a day in it: only a shared actor tells
        return shared
    if a.actors and b.actors:
        if shared:
            return True
        only_generic = all(is_generic(x) for x in a.actors + b.actors)
        return only_generic and set(a.actors) == set(b.actors) and a.trigger == b.trigger
    if a.actors or b.actors:  # one side names nobody: the same word, the same day, no other place
        return day_word(a) and day_word(b) and a.trigger == b.trigger and _places_agree(a, b)
    if a.trigger != b.trigger:
        return False
    # two mentions without actors: the same place, or the same sentence word for word (wire copy that two
    # articles carry: a long sentence is not repeated by chance)
    return a.place is not None and a.place == b.place or _copied(a, b)


def _copied(a: Event, b: Event) -> bool:
    """Whether two mentions come from one sentence of copy that two articles carry, word for word (its
    punctuation aside: "The Dow Jones, was down" is the same copy as "The Dow Jones was down")."""
    words = _words(a.sentence)
    return a.article_id != b.article_id and len(words) >= COPIED_WORDS and words == _words(b.sentence)


def _words(sentence: str) -> list[str]:
    return [w for w in (t.strip(string.punctuation + "“”‘’—–") for t in sentence.split()) if w]


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
    first = min(group, key=merge_order)
    return CanonicalEvent(
        canonical_id=hashlib.sha1(f"canonical:{first.event_id}".encode()).hexdigest()[:16],
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


def facets(event: Event) -> set[str]:
    """What a mention can share with another it is the same event as: the last word of each actor's name
    and its acronym (``same_actor`` matches "Macron" and "Emmanuel Macron" on the one, "IMF" and
    "International Monetary Fund" on the other), its place (two mentions without actors merge on it), and
    its lemma for a day-level mention of a word that names one event (a mention without actors merges
    with one that has some on the same day and word)."""
    out = {f"a:{surname(a)}" for a in event.actors} | {f"a:{acronym(a)}" for a in event.actors if acronym(a)}
    if event.place is not None:
        out.add(f"p:{event.place}")
    if day_word(event):
        out.add(f"t:{event.trigger}")
    return out


def day_word(event: Event) -> bool:
    """A day-level mention whose lemma is not a reporting or general verb."""
    return event.date_start is not None and _level(event) == "day" and event.trigger not in GENERAL_VERBS


def surname(name: str) -> str:
    """The last word of a name: two names ``same_actor`` matches always share it."""
    words = name.split()
    return words[-1] if words else name


class CandidateIndex:
    """Mentions by blocking key and facet (an actor's last word, or the place), then by the length of
    their date range, sorted by first day.

    :meth:`candidates` yields (without repeats) the mentions that share ``event``'s blocking key and one of
    its :func:`facets`, and whose date window can overlap its own (or that have no date and the same
    value): a superset of those :func:`same_event` accepts, and usually a small one.
    """

    def __init__(self, events: Iterable[Event] = ()) -> None:
        # (key, facet) -> span bucket (days, a power of two) -> sorted (first day ordinal, event id)
        self._dated: dict[tuple[str, str], dict[int, list[tuple[int, str]]]] = {}
        self._undated: dict[tuple[str, str, str], list[Event]] = {}
        self._by_value: dict[tuple[str, str, str], list[Event]] = {}
        self._by_id: dict[str, Event] = {}
        for event in events:
            self.add(event)

    def add(self, event: Event) -> None:
        key = blocking_key(event.trigger)
        self._by_id[event.event_id] = event
        span = 0 if event.date_start is None else ((event.date_end or event.date_start) - event.date_start).days
        bucket = 1 << max(span, 0).bit_length()
        for facet in facets(event):
            self._by_value.setdefault((key, facet, event.value), []).append(event)
            if event.date_start is None:
                self._undated.setdefault((key, facet, event.value), []).append(event)
                continue
            starts = self._dated.setdefault((key, facet), {}).setdefault(bucket, [])
            bisect.insort(starts, (event.date_start.toordinal(), event.event_id))

    def candidates(self, event: Event) -> Iterator[Event]:
        seen: set[str] = set()
        for other in self._candidates(event):
            if other.event_id not in seen:
                seen.add(other.event_id)
                yield other

    def _candidates(self, event: Event) -> Iterator[Event]:
        key = blocking_key(event.trigger)
        for facet in facets(event):
            if event.date_start is None:  # an undated mention matches only on the same value
                if event.value:
                    yield from self._by_value.get((key, facet, event.value), ())
                continue
            if event.value:
                yield from self._undated.get((key, facet, event.value), ())
            lo = event.date_start.toordinal()
            hi = (event.date_end or event.date_start).toordinal()
            for bucket, starts in self._dated.get((key, facet), {}).items():
                first = bisect.bisect_left(starts, (lo - bucket, ""))
                last = bisect.bisect_right(starts, (hi, "\uffff"))
                for _, event_id in starts[first:last]:
                    other = self._by_id[event_id]
                    if other.date_start is not None and (other.date_end or other.date_start).toordinal() >= lo:
                        yield other


def group_events(events: Sequence[Event], existing: Sequence[Sequence[Event]] = ()) -> list[list[Event]]:
    """Complete-link groups of ``events`` (see the module docstring), each in merge order.

    ``existing`` groups (the warehouse's, for an incremental refresh) are kept: ``events`` join them or
    each other. A mention joins, among the groups all of whose members it is the same event as, the one
    whose first member comes first in merge order."""
    index = CandidateIndex()
    group_of: dict[str, int] = {}
    groups: list[list[Event]] = []
    for group in existing:
        for member in group:
            group_of[member.event_id] = len(groups)
            index.add(member)
        groups.append(sorted(group, key=merge_order))
    first = [merge_order(g[0]) for g in groups]
    for event in sorted(events, key=merge_order):
        order = merge_order(event)
        seen = {group_of[c.event_id] for c in index.candidates(event) if same_event(event, c)}
        for number in sorted(seen, key=lambda n: first[n]):
            if all(same_event(event, member) for member in groups[number]):
                groups[number].append(event)
                group_of[event.event_id] = number
                first[number] = min(first[number], order)
                break
        else:
            group_of[event.event_id] = len(groups)
            groups.append([event])
            first.append(order)
        index.add(event)
    return [sorted(g, key=merge_order) for g in groups]


def merge_events(events: Sequence[Event], existing: Sequence[Sequence[Event]] = ()) -> list[CanonicalEvent]:
    """Group ``events`` (with ``existing`` groups, see :func:`group_events`) into canonical events, in date
    order."""
    merged = [_canonical(g) for g in group_events(events, existing)]
    return sorted(merged, key=lambda c: (c.date_start or date.max, c.canonical_id))
