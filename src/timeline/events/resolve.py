"""Resolving event readings against the publication date: the one place an event gets its date.

Reads: :class:`~timeline.records.EventReading` records (from :mod:`timeline.events.read`, fresh or
stored), the article's resolved :class:`~timeline.records.TimeMention` records and its publication date.
Writes: :class:`~timeline.records.Event` records: the date and its range, planned or occurred, the
description's verb form and the explanation. A fresh parse and a re-anchoring both call
:func:`resolve_events`, so a re-anchored article is what a fresh run with the new date gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import cache

from .. import resources
from ..records import Event, EventReading, TimeMention
from .describe import Description
from .merge import same_actor, similar_trigger
from .status import date_status

CALENDAR_TYPES = {"DATE", "TIME"}
PRESENT = "PRESENT_REF"
VAGUE = {"PAST_REF", "FUTURE_REF"}  # "recently", "in the past"; "soon", "in the future"


def is_dated(mention: TimeMention) -> bool:
    """Whether a mention can date an event: a calendar value, "now", or a vague past or future ("recently",
    "soon": before or after publication, with no date); not a duration or a set."""
    value = mention.value or ""
    calendar = value[:1].isdigit() or value == PRESENT and mention.range_start is not None or value in VAGUE
    return mention.type in CALENDAR_TYPES and calendar


def present(mention: TimeMention, published: date) -> TimeMention:
    """ "now", "currently": the time of writing, i.e. the publication day (the value stays ``PRESENT_REF``)."""
    return replace(
        mention,
        range_start=published,
        range_end=published,
        granularity="day",
        explanation=f"{mention.explanation}; the present is the publication day {published.isoformat()}",
    )


def resolve_events(
    readings: Iterable[EventReading], mentions: Sequence[TimeMention], published: date | None
) -> list[Event]:
    """The events of an article: its readings dated by its resolved ``mentions`` (see the module docstring)."""
    by_id = {m.timex_id: m for m in mentions}
    ordered = sorted(readings, key=lambda r: r.position)
    by_timex: dict[str, list[EventReading]] = {}
    for r in ordered:
        if not r.relation:
            by_timex.setdefault(r.timex_id, []).append(r)
    ends = _range_ends(mentions, by_timex)
    for last in ends.values():  # "will meet Sept. 16-17": one event over both days, not one on each
        by_timex.pop(last.timex_id, None)
    events: list[Event] = []
    for timex_id, group in by_timex.items():  # in reading order, which is the mentions' order
        mention = by_id.get(timex_id)
        if mention is None:
            continue
        if mention in ends:
            mention = _through(mention, ends[mention])
        if mention.value == PRESENT and published is not None:
            mention = present(mention, published)
        if not is_dated(mention):
            continue
        past = published is not None and mention.range_end is not None and mention.range_end <= published
        past = past or mention.value == "PAST_REF"
        chosen = [r for r in group if r.date_case in ("any", "past" if past else "not_past")]
        vague = mention.value in VAGUE  # a real event, but no date to put it at: below the 0.5 line
        if vague and published is not None:
            side = "before" if mention.value == "PAST_REF" else "after"
            mention = replace(mention, explanation=f"{mention.explanation}; {side} {published.isoformat()}, no day")
        own = [_event(r, mention, published, secondary=vague) for r in chosen if not r.scoped]
        events += own
        said = {e.description for e in own}
        for r in chosen:
            if r.scoped:
                event = _event(r, mention, published, secondary=True)
                if event.description not in said:  # the same clause read from another word is not news
                    said.add(event.description)
                    events.append(event)
    events = _finest(events)
    return events + _relative([r for r in ordered if r.relation], events, by_id, published)


def _finest(events: list[Event]) -> list[Event]:
    """One event word dated twice in one phrase, by a day and, right beside it, by a period that holds it
    ("will be held from Nov. 5 to 10 next year", "raised its forecast for the second time this year on
    Thursday"): the period only places the day, so the event is the day's, not a second one in the wider
    period. A period apart from the day ("met Blair 10 days ago and Clinton last week") or one the day ends
    ("has fallen 2.08% this year through Oct. 19") is a time of its own."""
    by_word: dict[int, list[Event]] = {}
    for e in events:
        by_word.setdefault(e.trigger_start, []).append(e)

    def wider(e: Event, f: Event) -> bool:
        if e.date_start is None or f.date_start is None or e.timex_id == f.timex_id:
            return False
        e_end, f_end = e.date_end or e.date_start, f.date_end or f.date_start
        inside = e.date_start <= f.date_start and f_end <= e_end and (e_end - e.date_start) > (f_end - f.date_start)
        return inside and _beside(e.sentence, e.time_text, f.time_text)

    return [e for e in events if not any(wider(e, f) for f in by_word[e.trigger_start])]


RANGE_TAIL = re.compile(r"\s*(?:-|–|to|through|until)\s*\d{1,2}\b")  # "Nov. 5[ to 10] next year"


def _beside(sentence: str, period: str, day: str) -> bool:
    """Whether ``period`` stands right beside ``day`` in ``sentence``: before it with at most a preposition
    between ("this year on Thursday"), or after it and the end of its range ("Nov. 5 to 10 next year")."""
    p, d = sentence.find(period), sentence.find(day)
    if p < 0 or d < 0:
        return False
    if p < d:
        return sentence[p + len(period) : d].strip().lower() in ("", ",", "on", "in", "at")
    rest = sentence[d + len(day) : p]
    tail = RANGE_TAIL.match(rest)
    return (rest[tail.end() :] if tail else rest).strip() in ("", ",")


RANGE_WORDS = {"-", "–", "—", "to", "through", "thru", "until", "till"}  # "Sept. 16-17", "from Jan. 20 to 24"
LONGEST_RANGE = 31  # days: a range of days written as two dates is a meeting, a trip, a festival


def range_pairs(
    mentions: Iterable[TimeMention], between: Callable[[TimeMention, TimeMention], str | None]
) -> dict[TimeMention, TimeMention]:
    """Two days written as one range ("Sept. 16-17", "Jan. 20 to 24", "from Nov. 22 through Nov. 24"): the
    first mention → the last. Only two days in a row, the second after the first and at most a month on,
    joined by nothing but a dash or "to", "through", "until" (``between``: the text between them, or None
    where it is not known), the first written as a date or a weekday; the last day of a range dates no event
    of its own."""
    ordered = sorted((m for m in mentions if m.type == "DATE" and m.granularity == "day"), key=lambda m: m.start)
    found: dict[TimeMention, TimeMention] = {}
    for first, last in zip(ordered, ordered[1:], strict=False):
        if first.range_start is None or last.range_start is None or first in found.values():
            continue
        if not _written_day(first.text):
            continue  # "from today through Nov. 17": a window up to a deadline, whose end is the news
        text = between(first, last)
        days = (last.range_start - first.range_start).days
        if text is not None and text.strip().lower() in RANGE_WORDS and 0 < days <= LONGEST_RANGE:
            found[first] = last
    return found


def _written_day(text: str) -> bool:
    """A day written as a date or a weekday ("Sept. 16", "Monday"), not told from today ("today", "tomorrow")."""
    return any(c.isdigit() for c in text) or any(w.lower().strip(".,") in _weekdays() for w in text.split())


@cache
def _weekdays() -> frozenset[str]:
    return frozenset(resources.table("temporal/weekdays.tsv"))


def _range_ends(
    mentions: Sequence[TimeMention], by_timex: dict[str, list[EventReading]]
) -> dict[TimeMention, TimeMention]:
    """:func:`range_pairs` of the mentions, read from the sentence of the first one's readings."""

    def between(first: TimeMention, last: TimeMention) -> str | None:
        readings = by_timex.get(first.timex_id)
        gap = last.start - first.end
        if not readings or not 0 < gap <= 12:
            return None
        # the stored sentence is stripped: find the two times in it, as far apart as in the text
        sentence = readings[0].sentence
        at = sentence.find(first.text)
        while at >= 0:
            end = at + len(first.text)
            if sentence.startswith(last.text, end + gap):
                return sentence[end : end + gap]
            at = sentence.find(first.text, at + 1)
        return None

    return range_pairs(mentions, between)


def _through(first: TimeMention, last: TimeMention) -> TimeMention:
    """The first day of a range, ending on the last."""
    return replace(
        first,
        range_end=last.range_end,
        explanation=f"{first.explanation}; through {last.text} → {last.value}",
    )


def _event(reading: EventReading, mention: TimeMention, published: date | None, secondary: bool) -> Event:
    state, why = date_status((reading.modality, reading.modality_why), mention, published)
    description = Description(reading.text, reading.agent, reading.verb, reading.obj).render(state)
    return Event(
        article_id=reading.article_id,
        timex_id=reading.timex_id,
        trigger=reading.trigger,
        trigger_start=reading.trigger_start,
        trigger_end=reading.trigger_end,
        description=description,
        actors=reading.actors,
        actor_kinds=reading.actor_kinds,
        place=reading.place,
        status=state,
        value=mention.value or "",
        granularity=mention.granularity or "",
        date_start=mention.range_start,
        date_end=mention.range_end,
        time_text=reading.time_text,
        sentence=reading.sentence,
        sentence_start=reading.sentence_start,
        sentence_end=reading.sentence_end,
        confidence=0.4 if secondary else 0.8 if reading.direct else 0.6,
        explanation=f"{mention.explanation}. Event: {reading.how}. Status {state}: {why}.",
    )


def _relative(
    readings: Sequence[EventReading], events: list[Event], mentions: dict[str, TimeMention], published: date | None
) -> list[Event]:
    """Relative readings dated by the article's last matching event before them ("after his meeting")."""
    dated_triggers = {e.trigger_start for e in events}
    found: list[Event] = []
    for r in readings:
        if r.trigger_start in dated_triggers:
            continue
        anchors = [
            e
            for e in events
            if similar_trigger(e.trigger, r.noun)
            and e.trigger_start < r.noun_start
            and any(same_actor(a, b) for a in r.noun_actors for b in e.actors)
        ]
        if not anchors or anchors[-1].timex_id not in mentions:
            continue
        anchor = anchors[-1]  # the most recent mention before the reference
        state, why = date_status((r.modality, r.modality_why), mentions[anchor.timex_id], published)
        found.append(
            replace(
                anchor,
                trigger=r.trigger,
                trigger_start=r.trigger_start,
                trigger_end=r.trigger_end,
                description=r.text,
                actors=r.actors,
                actor_kinds=r.actor_kinds,
                place=r.place,
                date_end=anchor.date_end if r.relation == "during" else None,
                time_text=r.time_text,
                sentence=r.sentence,
                sentence_start=r.sentence_start,
                sentence_end=r.sentence_end,
                status=state,
                confidence=0.5,
                explanation=(
                    f"'{r.time_text}' refers to the {anchor.trigger} of {anchor.value} "
                    f"('{anchor.time_text}'): {'on or after' if r.relation == 'after' else 'during'} that date. "
                    f"Status {state}: {why}."
                ),
            )
        )
    return found
