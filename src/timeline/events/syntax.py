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
    """``doc.ents``, built once per Doc (spaCy builds the list again on every access), with the names the
    recogniser cuts joined again (:func:`_joined_names`)."""
    ents = doc.user_data.get("timeline.ents")
    if ents is None:
        ents = doc.user_data["timeline.ents"] = _joined_names(doc, tuple(doc.ents))
    return ents


def _joined_names(doc: Doc, ents: tuple[Span, ...]) -> tuple[Span, ...]:
    """The entities, with three ways the small model cuts a name mended: a person's name cut at a lower-case
    particle ("Ursula von" + "Leyen": ``name_particles.tsv``, then a capitalised surname), a person's given
    names left out in front of a name in close apposition to a common noun ("Chad's military leader Mahamat
    Idriss [Deby Itno]": capitalised proper nouns compounding the name between the noun and it, in no other
    entity and no title word; "Chair Jerome Powell", "Gov. JB Pritzker" have no such noun), and "Group of" + a
    number, the name of a forum of countries ("the Group of 20", "the Group of Seven"), read as a number."""
    from spacy.tokens import Span

    if not ents:
        return ents
    particles = words("name_particles.tsv")
    titles = {w for role in words("roles.tsv") for w in role.split()} | set(words("honorifics.tsv"))
    covered = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        k += 1
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        start, end = ent.start, ent.end
        apposed = ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN" and ent.root.head.i < start
        while apposed and start - 1 > ent.root.head.i and start - 1 not in covered:
            tok = doc[start - 1]
            if tok.pos_ != "PROPN" or not tok.is_title or tok.dep_ != "compound" or not start <= tok.head.i < end:
                break
            if tok.lower_.rstrip(".") in titles:
                break
            start -= 1
        after = end
        while after < len(doc) and doc[after].lower_ in particles and doc[after].text.islower():
            after += 1
        cut = doc[end - 1].lower_ in particles and doc[end - 1].text.islower() and end - 1 > start
        if (after > end or cut) and after < len(doc) and doc[after].is_title and doc[after].pos_ == "PROPN":
            end = after + 1
            while k < len(ents) and ents[k].start < end:  # the surname's own entity ("Leyen", a place)
                end = max(end, ents[k].end)
                k += 1
        out.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label="PERSON"))
    for number in [e for e in out if e.label_ == "CARDINAL" and e.start >= 2]:  # "the Group of 20"
        i = number.start - 2
        if doc[i].text == "Group" and doc[i + 1].lower_ == "of" and i not in covered and i + 1 not in covered:
            out = [e for e in out if e is not number]
            out.append(Span(doc, i, number.end, label="ORG"))
            out.sort(key=lambda e: e.start)
    return tuple(out)


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
                return misread_speaker(tok, child) or child
    return None


def misread_speaker(verb: Token, subject: Token) -> Token | None:
    """Who speaks where the parser took the report's last noun for the subject: in "... talks with his
    counterpart Sergey Lavrov, diplomatic sources said", "Lavrov" is parsed as the subject of "said" and
    "sources" as its appositive. News puts the speaker between the report's last comma and the verb ("<the
    report>, <speaker> said"), so when the verb's clausal complement comes before it and the subject's
    appositive after a comma ends right before the verb, the appositive is the speaker."""
    if subject.i > verb.i or not any(c.dep_ == "ccomp" and c.i < subject.i for c in verb.children):
        return None
    for child in subject.children:
        if child.dep_ != "appos" or child.i < subject.i or child.right_edge.i != verb.i - 1:
            continue
        if any(t.text == "," for t in verb.doc[subject.i + 1 : child.left_edge.i]):
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
            if child.dep_ in SUBJECTS and (speaker := misread_speaker(tok, child)) is not None:
                walk(speaker, depth + 1)  # "..., diplomatic sources said": the speaker, not the report's noun
                continue
            if child.i in through:
                walk(child, depth + 1)
                continue
            if child.tag_ == "HYPH" and child.i not in skip:
                keep.append(child)
                continue
            if child.dep_ == "appos" and child.i > tok.i and child.left_edge.i == tok.i + 1:
                walk(child, depth + 1)  # a close apposition, no comma: "military leader Mahamat Idriss Deby Itno"
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
