"""Whether an event occurred, is planned, reported, negated or hypothetical, from its own clause.

Reads: the trigger of an event and its time expression. Writes: a status and one line saying why.
Word lists: ``modal_verbs.tsv`` (would, could, if ...), ``claim_verbs.tsv`` (claim, allegedly ...),
``temporal/future_cues.tsv`` (will, shall: auxiliaries of the future).

Two steps, as for time expressions: :func:`modality` reads from the parse what the clause itself says
(negation, a condition, a claim, a plan: "will", "is to", "expected", "due", "set", "scheduled", "likely",
a present-tense schedule "takes effect on Jan. 1"), independent of the publication date; :func:`resolve`
turns that and the resolved date into a status. Only the event's own clause counts, and only the time
expression's *own* direction: a time that takes its reference from another sentence ("yesterday" after
"will vote on Friday") does not take that sentence's tense.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from ..records import TimeMention
from ..temporal.lexicon import cue_words
from .syntax import SUBJECTS, clause_verb, control_chain, words

PLAN_WORDS = {"expected", "likely", "due", "set", "scheduled", "slated", "poised", "planned", "unlikely"}
PLAN_VERBS = {"plan", "schedule", "expect", "intend", "set", "slate", "aim", "prepare", "due", "likely", "poise"}
STATIVE = {"be", "have", "say", "tell", "report", "announce", "claim", "add", "note", "know", "seem"}
REPORTING = {
    "say", "tell", "announce", "report", "add", "confirm", "state", "indicate", "signal", "warn", "promise",
    "pledge", "vow", "write", "declare", "predict", "forecast", "expect", "reply", "insist", "explain",
}  # fmt: skip


@dataclass(frozen=True)
class Modality:
    """What an event's clause says of it, independent of any date: ``kind`` is negated, hypothetical,
    reported or None (a statement of fact); ``plan`` the clause's own cue of a plan, if any."""

    kind: str | None
    why: str
    plan: str | None = None
    # future: "will", "is expected"; schedule: a present tense ("takes effect"), from publication on;
    # reported: a plan told in the past ("planned to close", "said she would resign"), whatever its date
    plan_kind: str = "future"


def _chain(trigger: Token) -> list[Token]:
    top = control_chain(trigger)[-1]
    chain = [trigger] if top is trigger else [trigger, top]
    if trigger.pos_ in ("NOUN", "PROPN"):
        verb = clause_verb(trigger)
        if verb is not None and trigger.dep_ not in SUBJECTS:
            chain.append(verb)
    return chain


def _plan_cue(chain: list[Token]) -> tuple[str, str] | None:
    """A plan stated by the clause itself: a future auxiliary, "is to", a plan adjective or participle in
    the present ("are expected", "is due to", "is set for"), a present-tense schedule ("takes effect")."""
    future = cue_words("future_cues.tsv")
    for tok in chain:
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(future.get(c.lower_.replace("’", "'")) == "aux" for c in aux):
            return next(c.text for c in aux if future.get(c.lower_.replace("’", "'")) == "aux"), "future"
        present = any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in aux) or tok.tag_ in ("VBZ", "VBP")
        if tok.lower_ in PLAN_WORDS and present:
            return tok.text, "future"  # "more cancellations are expected", "the vote is scheduled for Thursday"
        if tok.lemma_ == "be" and tok.tag_ in ("VBZ", "VBP"):
            to_verb = any(
                c.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                for c in tok.children
            )
            plan_word = any(c.dep_ in ("acomp", "attr") and c.lower_ in PLAN_WORDS for c in tok.children)
            if to_verb or plan_word:
                return (f"{tok.text} to" if to_verb else tok.text), "future"  # "the summit is to take place"
    for tok in chain[1:]:  # "planned to close", "had been scheduled to close", "was expected to arrive"
        past = tok.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in tok.children)
        if past and (tok.lemma_.lower() in PLAN_VERBS or tok.lower_ in PLAN_WORDS):
            return tok.text, "reported"
    head = chain[0]
    if head.tag_ in ("VBZ", "VBP") and head.lemma_.lower() not in STATIVE:
        if not any(c.dep_ in ("aux", "auxpass") for c in head.children):
            return head.text, "schedule"  # "the tax takes effect on Jan. 1": a schedule told in the present
    return None


def _future_in_the_past(verb: Token) -> bool:
    """ "said she would resign on Friday": "would" in what a reporting verb in the past reports, with no
    condition in its clause, is the future seen from then, not a hypothesis."""
    head = verb.head
    conditional = any(c.dep_ in ("mark", "advcl") and c.lower_ in ("if", "unless") for c in verb.subtree)
    return (
        verb.dep_ in ("ccomp", "conj")
        and head.lemma_.lower() in REPORTING
        and head.tag_ in ("VBD", "VBN")
        and not conditional
    )


def modality(trigger: Token) -> Modality:
    """What the clause of ``trigger`` says of its event (see the module docstring)."""
    chain = _chain(trigger)
    modals = words("modal_verbs.tsv")
    for tok in chain:
        if any(c.dep_ == "neg" for c in tok.children):
            return Modality("negated", f"negation in the clause of '{tok.text}'")
    reported_future = None
    for tok in chain:
        for c in tok.children:
            word = c.lower_.replace("’", "'")
            if c.dep_ in ("aux", "mark") and modals.get(word) == "hypothetical":
                if word == "would" and _future_in_the_past(tok):
                    reported_future = c.text
                    continue
                return Modality("hypothetical", f"'{c.text}' in the clause")
    claims = words("claim_verbs.tsv")
    for tok in chain:
        if any(claims.get(c.lower_) == "adverb" for c in tok.children):
            return Modality("reported", "presented as a report")
        anc = tok
        while anc.dep_ in ("ccomp", "xcomp", "conj") and anc.head.i != anc.i:
            anc = anc.head
            if claims.get(anc.lemma_.lower()) == "verb":
                return Modality("reported", f"claimed ('{anc.text}')")
    plan = _plan_cue(chain)
    if reported_future is not None:
        plan = (reported_future, "reported")
    if plan is None:
        return Modality(None, "past or present, stated as fact")
    return Modality(None, "past or present, stated as fact", plan[0], plan[1])


def own_direction(mention: TimeMention) -> str | None:
    """The direction the time expression's own clause gave it (not that of a reference it borrows)."""
    try:
        spec = json.loads(mention.spec)
    except (TypeError, ValueError):
        return None
    return spec.get("direction") if isinstance(spec, dict) else None


def resolve(reading: Modality, mention: TimeMention, published: date | None) -> tuple[str, str]:
    """The status of an event from what its clause says and the date its time expression resolved to."""
    if reading.kind is not None:
        return reading.kind, reading.why
    if own_direction(mention) == "future" or mention.value == "FUTURE_REF":  # "soon"
        return "planned", "future cue in the clause"
    start = mention.range_start
    if published is not None and start is not None and start > published:
        return "planned", "dated after publication"
    if published is None or start is None or reading.plan_kind == "reported":
        ahead = True
    else:  # a schedule in the present from the day of publication on; a future tense for a period around it too
        ahead = start >= published if reading.plan_kind == "schedule" else (mention.range_end or start) >= published
    if reading.plan is not None and ahead and mention.value != "PAST_REF":
        return "planned", f"a plan in the clause ('{reading.plan}')"
    return "occurred", reading.why


def status(trigger: Token, mention: TimeMention, published: date | None) -> tuple[str, str]:
    """The status of the event named by ``trigger`` and the reason for it."""
    return resolve(modality(trigger), mention, published)
