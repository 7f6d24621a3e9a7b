"""Attach each dated time expression to the event it dates, from the dependency parse.

Reads: a parsed spaCy ``Doc``, its :class:`~timeline.records.TimeMention` records and the article's
publication date. Writes: :class:`~timeline.records.Event` records (trigger, description, actors, place,
status, date and evidence). The stages: ``anchor`` finds the event word, ``status`` its modality,
``actors`` who and where, ``describe`` the readable line; ``merge`` groups events of several articles
into canonical events. Word lists live in ``resources/events``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from ..records import Event, TimeMention
from .actors import NameResolver, hosts, participants
from .anchor import Trigger, governing_verb, triggers
from .describe import describe
from .relative import relative_events
from .scope import scoped
from .status import status as event_status
from .syntax import clause_verb, control_chain, phrase_tokens, time_tokens

CALENDAR_TYPES = {"DATE", "TIME"}
PRESENT = "PRESENT_REF"
VAGUE = {"PAST_REF", "FUTURE_REF"}  # "recently", "in the past"; "soon", "in the future"

__all__ = ["NameResolver", "find_events", "is_dated"]


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


def _discourse_now(span: Span) -> bool:
    """A sentence-initial "Now" is a discourse marker ("Now there's a clear message"), not a time, unless
    its verb is in a progressive or a perfect, which state the present ("Now officials are investigating",
    "Now the court has ruled")."""
    first = next((t for t in span.sent if not t.is_punct and not t.is_space), None)
    if not (len(span) == 1 and span[0].lower_ == "now" and first is not None and first.i == span.start):
        return False
    verb = span.root.head
    aux = {c.lemma_ for c in verb.children if c.dep_ == "aux"}
    aspect = verb.tag_ == "VBG" and "be" in aux or verb.tag_ == "VBN" and "have" in aux
    return not aspect


def find_events(
    doc: Doc, mentions: Iterable[TimeMention], published: date | None, dateline: tuple[str, int] | None = None
) -> list[Event]:
    """The events dated by ``mentions`` in ``doc``; ``dateline`` (city, offset where the story begins) gives
    the place of the lede's events that name none."""
    names = NameResolver(doc)
    events: list[Event] = []
    mentions = list(mentions)
    spans = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            spans[mention.timex_id] = span
    times = {i for span in spans.values() for i in range(span.start, span.end)}
    for mention in mentions:
        if mention.timex_id not in spans:
            continue
        span = spans[mention.timex_id]
        if mention.value == PRESENT and published is not None and not _discourse_now(span):
            mention = present(mention, published)
        if not is_dated(mention):
            continue
        past = published is not None and mention.range_end is not None and mention.range_end <= published
        past = past or mention.value == "PAST_REF"
        found = triggers(span, past)
        dated = {t.token.i for t in found}
        vague = mention.value in VAGUE  # a real event, but no date to put it at: below the 0.5 line
        if vague and published is not None:
            side = "before" if mention.value == "PAST_REF" else "after"
            mention = replace(mention, explanation=f"{mention.explanation}; {side} {published.isoformat()}, no day")
        own = [_event(span, mention, trigger, published, names, secondary=vague) for trigger in found]
        events += own
        said = {e.description for e in own}
        for trigger in found:
            for extra in scoped(trigger, span, times - set(range(span.start, span.end)), past):
                if extra.token.i in dated:
                    continue
                dated.add(extra.token.i)
                event = _event(span, mention, extra, published, names, secondary=True)
                if event.description not in said:  # the same clause read from another word is not news
                    said.add(event.description)
                    events.append(event)
    found = events + relative_events(doc, events, {m.timex_id: m for m in mentions}, names, published)
    return _dateline_place(found, dateline) if dateline is not None else found


def _dateline_place(events: list[Event], dateline: tuple[str, int]) -> list[Event]:
    """The events of the story's first sentence with no place of their own happen in the dateline's city
    ("KYIV (Reuters) - Ukraine's parliament voted on Tuesday"): by wire convention the dateline is where
    the lede's news was reported from. Later sentences may be about anywhere."""
    city, start = dateline
    out = []
    for event in events:
        lede = event.sentence_start <= start < event.sentence_end or start <= event.sentence_start < start + 2
        if lede and event.place is None and city not in event.actors:
            event = replace(event, place=city, explanation=f"{event.explanation} Place from the dateline.")
        out.append(event)
    return out


def _phrase_indices(trigger: Trigger, span: Span) -> set[int]:
    """The tokens that say who and where: the trigger's clause, with its control verbs and adjuncts."""
    token = trigger.clause
    skip = time_tokens(span)
    chain = control_chain(token)
    roots = list(chain)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("nsubj", "nsubjpass"):
        verb = clause_verb(token)
        if verb is not None:  # "the leaders coordinated ... during a phone call": the call's participants
            roots.append(verb)
    # participial adjuncts say more about the same event ("..., siding with Russia's position")
    roots += [c for r in list(roots) for c in r.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    through = frozenset(t.i for t in chain)
    indices: set[int] = set()
    for root in roots:
        indices.update(t.i for t in phrase_tokens(root, skip, through))
    return indices


def _event(
    span: Span,
    mention: TimeMention,
    trigger: Trigger,
    published: date | None,
    names: NameResolver,
    secondary: bool = False,
) -> Event:
    doc = span.doc
    token = trigger.token
    sent = token.sent
    state, why_status = event_status(trigger.clause, mention, published)
    actors, place, _ = participants(_phrase_indices(trigger, span), doc, names)
    own = {t.i for prep in token.children if prep.dep_ == "prep" for t in prep.subtree}
    _, own_place, _ = participants(own, doc, names)
    place = own_place or place  # "efforts in Washington": the place of the event word itself comes first
    if trigger.antecedent is not None:  # the follower repeats the event in the same city, not the same room
        gov = governing_verb(trigger.clause)
        if gov is not None:
            clause = {t.i for t in phrase_tokens(gov, time_tokens(span))}
            _, wide, _ = participants(clause, doc, names, prefer_wide_place=True)
            place = place or wide
    for host in hosts(doc[token.i] if trigger.antecedent is None else trigger.antecedent, place, names):
        if host not in actors:
            actors.append(host)
    return Event(
        article_id=mention.article_id,
        timex_id=mention.timex_id,
        trigger=trigger.lemma,
        trigger_start=token.idx,
        trigger_end=token.idx + len(token.text),
        description=describe(trigger, span, state, names, place),
        actors=tuple(actors),
        place=place,
        status=state,
        value=mention.value or "",
        granularity=mention.granularity or "",
        date_start=mention.range_start,
        date_end=mention.range_end,
        time_text=mention.text,
        sentence=sent.text.strip(),
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        confidence=0.4 if secondary else 0.8 if trigger.direct else 0.6,
        explanation=f"{mention.explanation}. Event: {trigger.how}. Status {state}: {why_status}.",
    )
