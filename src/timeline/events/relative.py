"""Events a sentence dates relative to another dated event: "Macron said after his meeting with Trump".

Reads: the parse, the events already dated in the article, their time mentions. Writes: new
:class:`~timeline.records.Event` records. A verb with an ``after``/``following``/``during`` phrase
whose object is an event noun is dated from the article's dated event that the noun refers back to:
the same event class (``event_nouns.tsv``) and at least one shared actor. "after" gives the anchor's
date as the earliest date (the event is on or after it); "during" gives the anchor's date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..records import Event, TimeMention
from .actors import NameResolver, participants
from .merge import same_actor, similar_trigger
from .status import status
from .syntax import is_event_noun, phrase_tokens, subject_of, text_of

RELATIONS = {"after": "after", "following": "after", "during": "during", "amid": "during"}
_CUE_KEYS = numpy.array([hash_string(word) for word in RELATIONS], dtype="uint64")  # as spaCy hashes strings


def _noun_actors(noun: Token, verb: Token, names: NameResolver) -> list[str]:
    doc = noun.doc
    actors, _, _ = participants({t.i for t in phrase_tokens(noun, set())}, doc, names)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    subject = subject_of(verb)
    if owner is not None and owner.pos_ == "PRON" and subject is not None:  # "his meeting": the subject's
        subject_actors, _, _ = participants({t.i for t in subject.subtree}, doc, names)
        actors += [a for a in subject_actors if a not in actors]
    return actors


def _cues(doc: Doc) -> list[Token]:
    """The tokens that are one of the RELATIONS words, in order: read from one array, not token by token."""
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), _CUE_KEYS))]


def relative_events(
    doc: Doc, events: list[Event], mentions: dict[str, TimeMention], names: NameResolver, published: date | None
) -> list[Event]:
    """Events dated by reference to one of ``events`` (see the module docstring)."""
    dated_triggers = {e.trigger_start for e in events}
    found: list[Event] = []
    for prep in _cues(doc):
        relation = RELATIONS.get(prep.lower_)
        verb = prep.head
        if relation is None or prep.dep_ != "prep" or verb.pos_ != "VERB" or verb.idx in dated_triggers:
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj" and is_event_noun(c)), None)
        if noun is None:
            continue
        actors = _noun_actors(noun, verb, names)
        anchors = [
            e
            for e in events
            if similar_trigger(e.trigger, noun.lemma_.lower())
            and e.trigger_start < noun.idx
            and any(same_actor(a, b) for a in actors for b in e.actors)
        ]
        if not anchors:
            continue
        anchor = anchors[-1]  # the most recent mention before the reference
        if anchor.timex_id not in mentions:
            continue
        phrase = text_of(phrase_tokens(prep, set()))
        clause = {t.i for t in phrase_tokens(verb, set())}
        verb_actors, place, _ = participants(clause, doc, names)
        for a in _noun_actors(noun, verb, names):
            if a not in verb_actors:
                verb_actors.append(a)
        sent = verb.sent
        state, why = status(verb, mentions[anchor.timex_id], published)
        found.append(
            replace(
                anchor,
                trigger=verb.lemma_.lower(),
                trigger_start=verb.idx,
                trigger_end=verb.idx + len(verb.text),
                description=text_of(phrase_tokens(verb, set())),
                actors=tuple(verb_actors),
                place=place,
                date_end=anchor.date_end if relation == "during" else None,
                time_text=phrase,
                sentence=sent.text.strip(),
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                status=state,
                confidence=0.5,
                explanation=(
                    f"'{phrase}' refers to the {anchor.trigger} of {anchor.value} "
                    f"('{anchor.time_text}'): {'on or after' if relation == 'after' else 'during'} that date. "
                    f"Status {state}: {why}."
                ),
            )
        )
    return found
