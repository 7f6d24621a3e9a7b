"""Whether an event occurred, is planned, reported, negated or hypothetical.

Two steps, so that a new publication date re-decides only what depends on it. :func:`modality` reads
from the clause what no date can change: a negation, a hypothetical (would, could, if) or a claim
(claimed, allegedly). :func:`date_status` then decides, from that and the resolved time mention:
the modality if there is one, else *planned* (a future cue in the clause, read by the temporal stage into
the mention's direction, or a date after publication), else *occurred*.
Word lists: ``modal_verbs.tsv`` (would, could, if ...), ``claim_verbs.tsv`` (claim, allegedly ...).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from ..records import TimeMention
from ..temporal import looks_ahead
from .syntax import SUBJECTS, clause_verb, control_chain, words


def modality(trigger: Token) -> tuple[str, str]:
    """``(negated | hypothetical | reported, why)`` from the clause of ``trigger``, or ``("", "")``."""
    top = control_chain(trigger)[-1]
    chain = [trigger] if top is trigger else [trigger, top]
    if trigger.pos_ in ("NOUN", "PROPN"):
        verb = clause_verb(trigger)
        if verb is not None and trigger.dep_ not in SUBJECTS:
            chain.append(verb)
    modals = words("modal_verbs.tsv")
    for tok in chain:
        if any(c.dep_ == "neg" for c in tok.children):
            return "negated", f"negation in the clause of '{tok.text}'"
    for tok in chain:
        for c in tok.children:
            word = c.lower_.replace("’", "'")
            if c.dep_ in ("aux", "mark") and modals.get(word) == "hypothetical":
                return "hypothetical", f"'{c.text}' in the clause"
    claims = words("claim_verbs.tsv")
    for tok in chain:
        if any(claims.get(c.lower_) == "adverb" for c in tok.children):
            return "reported", "presented as a report"
        anc = tok
        while anc.dep_ in ("ccomp", "xcomp", "conj") and anc.head.i != anc.i:
            anc = anc.head
            if claims.get(anc.lemma_.lower()) == "verb":
                return "reported", f"claimed ('{anc.text}')"
    return "", ""


def date_status(mood: tuple[str, str], mention: TimeMention, published: date | None) -> tuple[str, str]:
    """The status of an event of modality ``mood`` dated by ``mention``, and the reason for it."""
    if mood[0]:
        return mood
    future = looks_ahead(mention)  # a future cue in the clause, or "soon"
    if future or (published is not None and mention.range_start is not None and mention.range_start > published):
        return "planned", "future cue in the clause" if future else "dated after publication"
    return "occurred", "past or present, stated as fact"


def status(trigger: Token, mention: TimeMention, published: date | None) -> tuple[str, str]:
    """The status of the event named by ``trigger`` and the reason for it (both steps at once)."""
    return date_status(modality(trigger), mention, published)
