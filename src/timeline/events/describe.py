"""A short readable description of an event: subject, verb, object, without its time words.

Reads: the trigger of an event and its time expression. Writes: :class:`Description` parts, read once
from the parse, which :meth:`Description.render` turns, given the resolved status, into a string such as
"Macron visits the White House" or "Keir Starmer to visit Washington". An event noun with an owner
("Macron's visit to the White House") becomes a clause through ``nominalizations.tsv``; an event that
repeats another ("Starmer is set to follow") takes the repeated event's verb; anything else is the
clause around the trigger, cut to its core arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .actors import NameResolver
from .anchor import Trigger
from .syntax import clause_verb, control_chain, entities, phrase_tokens, subject_of, text_of, time_tokens, words

PLANNED = "planned"


@dataclass(frozen=True)
class Description:
    """``text`` as it stands, or, when ``verb`` (a lemma) is set, a clause "agent verb obj"."""

    text: str = ""
    agent: str = ""
    verb: str = ""
    obj: str = ""

    def render(self, status: str) -> str:
        """The description for an event of ``status``: a planned event's verb is "to visit", else "visits"."""
        return _clause(self.agent, self.verb, self.obj, status) if self.verb else self.text


def _verb_forms(lemma: str) -> tuple[str, str, str]:
    """(third person singular, base form, the preposition the noun's object takes)."""
    row = words("nominalizations.tsv").get(lemma)
    if row:
        third, base, prep = (row.split("\t") + ["", ""])[:3]
        return third, base, prep
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return third, lemma, ""


def _name(token: Token, names: NameResolver) -> str:
    ent = next((e for e in entities(token.doc) if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        return names.canonical(ent) if ent.label_ != "PERSON" else names.clean(ent)
    return text_of(phrase_tokens(token, set()))


def _clause(agent: str, lemma: str, obj: str, status: str) -> str:
    third, base, _ = _verb_forms(lemma)
    verb = f"to {base}" if status == PLANNED else third
    return " ".join(f"{agent} {verb} {obj}".split())


def _object_of_noun(noun: Token, prep_word: str, skip: set[int]) -> str:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == prep_word:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return text_of(phrase_tokens(objs[0], skip))
    return ""


def describe(trigger: Trigger, span: Span, names: NameResolver, place: str | None) -> Description:
    """The description parts of the event named by ``trigger`` and dated by ``span``."""
    skip = time_tokens(span)
    token = trigger.token
    if trigger.antecedent is not None:
        subject = subject_of(token)
        if subject is not None:
            return Description(agent=_name(subject, names), verb=trigger.lemma, obj=place or "")
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if token.pos_ in ("NOUN", "PROPN") and owner is not None and owner.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        _, _, prep_word = _verb_forms(token.lemma_.lower())
        if words("nominalizations.tsv").get(token.lemma_.lower()):
            obj = _object_of_noun(token, prep_word, skip)
            return Description(agent=_name(owner, names), verb=token.lemma_.lower(), obj=obj)
    return Description(text=clause_text(trigger.clause, span))


def clause_text(trigger: Token, span: Span) -> str:
    """The clause around ``trigger`` without its time words and nested clauses."""
    skip = time_tokens(span)
    through: frozenset[int] = frozenset()
    if trigger.pos_ in ("NOUN", "PROPN"):
        has_owner = any(c.dep_ == "poss" for c in trigger.children)
        root = trigger if has_owner or trigger.dep_ in ("nsubj", "nsubjpass") else clause_verb(trigger) or trigger
    else:
        chain = control_chain(trigger)
        root, through = chain[-1], frozenset(t.i for t in chain)
    tokens = phrase_tokens(root, skip, through)
    if len(tokens) > 18:  # keep the words nearest the trigger
        tokens = [t for t in tokens if abs(t.i - trigger.i) <= 9]
    return text_of(tokens)
