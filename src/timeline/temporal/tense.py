"""Decide whether a time expression points forward or back, from the tense of its own clause.

Reads: a parsed spaCy ``Doc`` and the character span of a time expression. Writes: a
:class:`Direction` (``"future"``, ``"past"`` or ``None`` when the clause says nothing) with the cue
that decided it. Only the clause the expression belongs to counts: in "said Friday that he would
resign", Friday hangs on "said", which is past, so "would" in the other clause does not move it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import cue_words

# Participles used as adjectives in "X set to follow", "the vote, due to take place": not past tense.
PREDICATIVE_PARTICIPLES = {"set", "due", "poised", "slated", "scheduled", "expected", "going"}
PAST_AUX = {"VBD"}


@dataclass(frozen=True)
class Direction:
    direction: str | None
    cue: str | None
    verb: Token | None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` in the parse (the token itself if it is one)."""
    seen = 0
    t = token
    while seen < 30:
        if t.pos_ in ("VERB", "AUX") and t is not token:
            return t
        if t.head is t:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        seen += 1
    return None


def _is_past(verb: Token) -> bool:
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in PAST_AUX for c in verb.children):
        return True
    return verb.tag_ == "VBD" and verb.lower_ not in PREDICATIVE_PARTICIPLES


def _future_cue(verb: Token) -> str | None:
    cues = cue_words("future_cues.tsv")
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_.replace("’", "'") in cues and cues[child.lower_] == "aux":
            return child.text
    controls = {w for w, how in cues.items() if how == "control"}
    # "Starmer is set to follow", "the vote is due to take place", "she plans to visit"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.dep_ in (
        "xcomp",
        "advcl",
        "ccomp",
        "acl",
    ):
        head = verb.head
        if (head.lemma_.lower() in controls or head.lower_ in controls) and not _is_past(head):
            if head.lower_ == "going" or head.lemma_ != "go":
                return f"{head.text} to"
    # "the vote is scheduled for Friday"
    if verb.lower_ in ("scheduled", "set", "slated", "due", "planned") and not _is_past(verb):
        return verb.text
    return None


def _modifier_cue(token: Token) -> Direction | None:
    future = cue_words("future_cues.tsv")
    past = cue_words("past_cues.tsv")
    for child in token.children:
        word = child.lower_
        if future.get(word) == "mod":
            return Direction("future", word, None)
        if past.get(word) == "mod":
            return Direction("past", word, None)
    return None


def direction_of(doc: Doc, start: int, end: int) -> Direction:
    """The direction the clause of the expression at ``doc.text[start:end]`` gives it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Direction(None, None, None)
    root = span.root
    modified = _modifier_cue(root)
    if modified is not None:
        return modified
    verb = governing_verb(root)
    if verb is None:
        return Direction(None, None, None)
    cue = _future_cue(verb)
    if cue is not None:
        return Direction("future", cue, verb)
    if _is_past(verb):
        return Direction("past", verb.text, verb)
    return Direction(None, None, verb)
