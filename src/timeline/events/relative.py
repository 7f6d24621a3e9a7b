"""Events a sentence dates relative to another dated event: "Macron said after his meeting with Trump".

Reads: the parse. Writes: relative :class:`~timeline.records.EventReading` records, which the resolve
step dates from the article's dated events (:mod:`timeline.events.resolve`). A verb with an
``after``/``following``/``during`` phrase whose object is an event noun is dated from the article's
dated event that the noun refers back to: the same event class (``event_nouns.tsv``) and at least one
shared actor. "after" gives the anchor's date as the earliest date (the event is on or after it);
"during" gives the anchor's date.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function spaCy's stubs leave out
from spacy.tokens import Doc, Token

from ..records import EventReading
from .actors import NameResolver, participants
from .status import modality
from .syntax import is_event_noun, phrase_tokens, subject_of, text_of

RELATIONS = {"after": "after", "following": "after", "during": "during", "amid": "during"}
_CUE_TEXT = re.compile(r"\b(?:" + "|".join(RELATIONS) + r")\b", re.IGNORECASE)
_CUE_KEYS = numpy.array([hash_string(word) for word in RELATIONS], dtype="uint64")  # as spaCy hashes strings


def may_relate(text: str, begin: int = 0, end: int | None = None) -> bool:
    """Whether ``text[begin:end]`` has a relation word ("after", "during"): a sentence that may date an
    event relative to another ("said after his meeting with Trump") needs its syntax, time words or not."""
    return _CUE_TEXT.search(text, begin, len(text) if end is None else end) is not None


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


def relative_readings(doc: Doc, names: NameResolver, article_id: str, position: int) -> list[EventReading]:
    """The readings of events that may be dated by reference to another (see the module docstring); which
    event they refer to, and so their date, is decided when they are resolved
    (:func:`timeline.events.resolve.resolve_events`)."""
    found: list[EventReading] = []
    for prep in _cues(doc):
        relation = RELATIONS.get(prep.lower_)
        verb = prep.head
        if relation is None or prep.dep_ != "prep" or verb.pos_ != "VERB":
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj" and is_event_noun(c)), None)
        if noun is None:
            continue
        actors = _noun_actors(noun, verb, names)
        phrase = text_of(phrase_tokens(prep, set()))
        clause = {t.i for t in phrase_tokens(verb, set())}
        verb_actors, place, _ = participants(clause, doc, names)
        for a in _noun_actors(noun, verb, names):
            if a not in verb_actors:
                verb_actors.append(a)
        sent = verb.sent
        mood, why = modality(verb)
        found.append(
            EventReading(
                article_id=article_id,
                timex_id="",
                position=position + len(found),
                date_case="any",
                trigger=verb.lemma_.lower(),
                trigger_start=verb.idx,
                trigger_end=verb.idx + len(verb.text),
                how=f"'{phrase}' refers to an earlier event",
                direct=False,
                scoped=False,
                actors=tuple(verb_actors),
                place=place,
                modality=mood,
                modality_why=why,
                text=text_of(phrase_tokens(verb, set())),
                time_text=phrase,
                sentence=sent.text.strip(),
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                relation=relation,
                noun=noun.lemma_.lower(),
                noun_start=noun.idx,
                noun_actors=tuple(actors),
            )
        )
    return found
