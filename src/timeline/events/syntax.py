"""Dependency-parse helpers shared by the event modules: clause verbs, control chains, phrase tokens.

Reads: spaCy tokens. Writes: nothing; pure functions over the parse.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from .. import resources
from ..grammar import verb_of

if TYPE_CHECKING:  # spaCy is not imported here: merging (events.merge) reads word lists only
    from spacy.tokens import Doc, Span, Token

CLAUSE_DEPS = {"advcl", "ccomp", "relcl", "parataxis", "conj", "cc", "csubj", "acl", "appos"}
DESCRIPTION_DEPS = {
    "nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "dobj", "xcomp", "attr", "acomp", "dative",
    "oprd", "prep", "pobj", "agent", "det", "poss", "case", "compound", "amod", "nummod", "nmod", "pcomp",
    "quantmod", "predet", "advmod",
}  # fmt: skip
SUBJECTS = ("nsubj", "nsubjpass")


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc (spaCy builds the list again on every access)."""
    ents = doc.user_data.get("timeline.ents")
    if ents is None:
        ents = doc.user_data["timeline.ents"] = tuple(doc.ents)
    return ents


def _entity_index(doc: Doc) -> tuple[tuple[Span, ...], list[int], list[int]]:
    """The entities with their start and end tokens, in order (spaCy's entities never overlap)."""
    index = doc.user_data.get("timeline.ent_index")
    if index is None:
        ents = entities(doc)
        index = doc.user_data["timeline.ent_index"] = (ents, [e.start for e in ents], [e.end for e in ents])
    return index


def sentence_entities(sent: Span) -> list[Span]:
    """The entities inside ``sent``, found by bisection (``sent.ents`` scans every entity of the Doc, which
    made a long article cost the square of its length)."""
    ents, starts, ends = _entity_index(sent.doc)
    return list(ents[bisect.bisect_left(starts, sent.start) : bisect.bisect_right(ends, sent.end)])


def entities_overlapping(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """The entities with a token in ``[start, end)``, in document order."""
    ents, starts, ends = _entity_index(doc)
    return ents[bisect.bisect_right(ends, start) : bisect.bisect_left(starts, end)]


def noun_indices(doc: Doc) -> list[int]:
    """The indices of the tokens whose part of speech is NOUN, in order, read from the Doc's token array:
    a loop over the words that only a common noun can pass need not make a Token of every word."""
    from spacy.attrs import POS
    from spacy.symbols import NOUN

    return (doc.to_array(POS) == NOUN).nonzero()[0].tolist()


def words(name: str) -> dict[str, str]:
    """An event word list from ``resources/events``."""
    return resources.table(f"events/{name}")


def is_event_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in words("event_nouns.tsv")


def clause_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token``."""
    return verb_of(token)


def control_chain(trigger: Token) -> list[Token]:
    """From an infinitive up to the verb that controls it: "follow" in "set to follow" → [follow, set]."""
    chain = [trigger]
    top = trigger
    while top.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in top.children):
        if top.head.pos_ not in ("VERB", "AUX", "ADJ"):
            break
        top = top.head
        chain.append(top)
    return chain


def subject_of(trigger: Token) -> Token | None:
    """The grammatical subject of ``trigger``'s clause, through control verbs."""
    for tok in control_chain(trigger):
        for child in tok.children:
            if child.dep_ in SUBJECTS:
                return child
    return None


def time_tokens(span: Span) -> set[int]:
    """The token indices of a time expression and its own preposition ("on Monday")."""
    skip = set(range(span.start, span.end))
    head = span.root.head
    if head.dep_ == "prep" and head.i == span.start - 1:
        skip.add(head.i)
    return skip


def phrase_tokens(root: Token, skip: set[int], through: frozenset[int] = frozenset()) -> list[Token]:
    """The words of ``root``'s phrase without nested clauses; ``through`` names clause heads to keep."""
    keep: list[Token] = []

    def walk(tok: Token, depth: int) -> None:
        if tok.i in skip:
            return
        keep.append(tok)
        for child in tok.children:
            if child.i in through:
                walk(child, depth + 1)
                continue
            if child.tag_ == "HYPH" and child.i not in skip:
                keep.append(child)
                continue
            nominal_list = child.dep_ in ("conj", "cc") and tok.pos_ not in ("VERB", "AUX")
            punct = child.is_punct and child.dep_ not in ("pobj", "dobj", "attr")  # "rose to 3.5%": "%" is the object
            if (child.dep_ in CLAUSE_DEPS and not nominal_list) or punct or child.i in skip:
                continue
            if child.lower_ in ("according", "however"):
                continue
            if child.dep_ == "prep" and any(c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX") for c in child.children):
                if child.i not in through and not any(c.i in through for c in child.children):
                    continue  # an absolute clause ("with Starmer set to follow") is an event of its own
            if child.dep_ not in DESCRIPTION_DEPS and not nominal_list:
                continue
            if child.dep_ == "advmod" and child.lower_ in ("when", "however", "also", "even", "still"):
                continue
            if depth > 6:
                continue
            walk(child, depth + 1)

    walk(root, 0)
    return sorted(keep, key=lambda t: t.i)


def text_of(tokens: list[Token]) -> str:
    """The words of ``tokens`` as written, each with the white space that follows it; where words between
    two of them were left out ("Smith, a Democrat from Ohio, was") a space stands for them."""
    parts = []
    for k, tok in enumerate(tokens):
        parts.append(tok.text_with_ws)
        if k + 1 < len(tokens) and tokens[k + 1].i != tok.i + 1 and not tok.whitespace_:
            parts.append(" ")
    text = "".join(parts).strip().strip(",;:—-").strip()
    return " ".join(text.split())
