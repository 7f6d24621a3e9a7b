"""Reading events from the parse: everything about an event that the publication date cannot change.

Reads: a parsed spaCy ``Doc`` and its :class:`~timeline.records.TimeMention` records (only their spans,
types and ids). Writes: :class:`~timeline.records.EventReading` records, stored beside the events so that
a new publication date re-resolves them (:mod:`timeline.events.resolve`) without parsing again.

Which word a time dates can depend on whether that time is after publication ("voted to support the
republic Friday" dates the vote when Friday is past, "planned to ship a computer next year" the
shipping): the parse is read both ways, and when the two readings differ, both are kept (``date_case``
``past`` and ``not_past``) for the resolve step to choose from.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..grammar import doc_text
from ..records import EventReading, TimeMention
from .actors import NameResolver, hosts, participants
from .anchor import Trigger, governing_verb, triggers
from .describe import describe
from .relative import relative_readings
from .resolve import range_pairs
from .scope import scoped
from .status import modality
from .syntax import clause_verb, control_chain, phrase_tokens, subject_of, time_tokens

CALENDAR_TYPES = {"DATE", "TIME"}


def discourse_now(span: Span) -> bool:
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


def _plan(span: Span, times: set[int], past: bool) -> list[tuple[Trigger, bool]]:
    """The triggers ``span`` dates, then those its clause scopes over (``True``), read with ``past``."""
    found = triggers(span, past)
    plan = [(t, False) for t in found]
    dated = {t.token.i for t in found}
    for trigger in found:
        for extra in scoped(trigger, span, times - set(range(span.start, span.end)), past):
            if extra.token.i not in dated:
                dated.add(extra.token.i)
                plan.append((extra, True))
    return plan


def _key(plan: list[tuple[Trigger, bool]]) -> list[tuple[object, ...]]:
    return [
        (t.token.i, t.how, t.antecedent.i if t.antecedent is not None else None, t.clause.i, extra) for t, extra in plan
    ]


def read_events(doc: Doc, mentions: Iterable[TimeMention]) -> list[EventReading]:
    """The event readings of ``doc``: those dated by each calendar mention, then the relative ones."""
    names = NameResolver(doc)
    mentions = list(mentions)
    spans: dict[str, Span] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            spans[mention.timex_id] = span
    times = {i for span in spans.values() for i in range(span.start, span.end)}
    # "will meet Sept. 16-17": the range's last day dates nothing of its own, and no description holds it
    text = doc_text(doc)  # built once: spaCy joins every token again on each access of doc.text
    ranges = range_pairs(mentions, lambda first, last: text[first.end : last.start])
    ends = {last.timex_id for last in ranges.values()}
    out: list[EventReading] = []
    for mention in mentions:
        span = spans.get(mention.timex_id)
        if span is None or mention.type not in CALENDAR_TYPES or discourse_now(span) or mention.timex_id in ends:
            continue
        last = ranges.get(mention)
        whole = span if last is None or last.timex_id not in spans else doc[span.start : spans[last.timex_id].end]
        past, not_past = _plan(span, times, True), _plan(span, times, False)
        variants = [("any", past)] if _key(past) == _key(not_past) else [("past", past), ("not_past", not_past)]
        for when, plan in variants:
            for trigger, extra in plan:
                out.append(_read(span, mention, trigger, names, extra, when, len(out), whole))
    if mentions:
        out += relative_readings(doc, names, mentions[0].article_id, len(out))
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


def _read(
    span: Span,
    mention: TimeMention,
    trigger: Trigger,
    names: NameResolver,
    extra: bool,
    when: str,
    position: int,
    whole: Span | None = None,
) -> EventReading:
    """One reading of the event ``trigger`` dated by ``span``; ``whole``: the words of the time to leave out of
    the description and of who and where (a range: "Sept. 16-17"), ``span`` itself by default."""
    doc = span.doc
    span = whole if whole is not None else span
    token: Token = trigger.token
    sent = token.sent
    mood, why = modality(trigger.clause)
    actors, place, _ = participants(_phrase_indices(trigger, span), doc, names)
    subject = subject_of(trigger.clause)
    if subject is not None and (who := names.referent(subject)) is not None and who not in actors:
        actors.insert(0, who)  # "He said on Tuesday", "Petrobras said it would cut": who the pronoun is
    # its own phrases, not the clauses inside them ("vote on a resolution demanding a cease-fire in Sudan")
    own = {t.i for prep in token.children if prep.dep_ == "prep" for t in phrase_tokens(prep, set())}
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
    parts = describe(trigger, span, names, place)
    return EventReading(
        article_id=mention.article_id,
        timex_id=mention.timex_id,
        position=position,
        date_case=when,
        trigger=trigger.lemma,
        trigger_start=token.idx,
        trigger_end=token.idx + len(token.text),
        how=trigger.how,
        direct=trigger.direct,
        scoped=extra,
        actors=tuple(actors),
        actor_kinds=tuple(names.kind(a) for a in actors),
        place=place,
        modality=mood,
        modality_why=why,
        text=parts.text,
        agent=parts.agent,
        verb=parts.verb,
        obj=parts.obj,
        time_text=mention.text,
        sentence=sent.text.strip(),
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
    )
