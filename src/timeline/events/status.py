"""Whether an event occurred, is planned, reported, negated or hypothetical, from its own clause.

Two steps, so that a new publication date re-decides only what depends on it. :func:`modality` reads
from the clause what no date can change: a negation, a hypothetical (would, could, if), a claim
(claimed, allegedly), or a plan the clause states itself — ``plan`` ("will", "is to", "are expected",
"is due to", "is set for", "likely to"), ``schedule`` (a present tense: "the tax takes effect on Jan. 1")
or ``reported plan`` (a plan told in the past: "planned to close", "had been scheduled to",
"said she would resign"). :func:`date_status` then decides, from that and the resolved time mention:
negated, hypothetical or reported if the clause says so; *planned* for a reported plan whatever its
date, for a plan whose date is not over at publication (a schedule: from the publication day on), for a
future cue read by the temporal stage into the mention's own direction, or a date after publication;
else *occurred*. Only the event's own clause and the mention's own direction count: a time that takes
its reference from another sentence ("yesterday" after "will vote on Friday") keeps its own tense.
Word lists: ``modal_verbs.tsv`` (would, could, if ...), ``claim_verbs.tsv`` (claim, allegedly ...),
``temporal/future_cues.tsv`` (will, shall).
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Token

from ..grammar import past_tense, tensed_verb
from ..records import TimeMention
from ..temporal import looks_ahead
from ..temporal.lexicon import cue_words
from .syntax import SUBJECTS, clause_verb, control_chain, words

PLANS = ("plan", "schedule", "reported plan")  # modalities that state a plan; the date decides the rest
# "later this month", "later this year", "later today", "later tonight": the part of the current period still
# to come at publication (not "later that day", which is told from another day)
REST_OF_PERIOD = re.compile(r"(?i)later[ \t]+(?:this[ \t]+\w+|today|tonight)\b")

PLAN_WORDS = {"expected", "likely", "due", "set", "scheduled", "slated", "poised", "planned", "unlikely"}
PLAN_VERBS = {"plan", "schedule", "expect", "intend", "set", "slate", "aim", "prepare", "due", "likely", "poise"}
STATIVE = {"be", "have", "say", "tell", "report", "announce", "claim", "add", "note", "know", "seem"}
REPORTING = {
    "say", "tell", "announce", "report", "add", "confirm", "state", "indicate", "signal", "warn", "promise",
    "pledge", "vow", "write", "declare", "predict", "forecast", "expect", "reply", "insist", "explain",
}  # fmt: skip


def _chain(trigger: Token) -> list[Token]:
    top = trigger
    for _ in range(10):  # through infinitives and gerunds: "is set to begin withdrawing" → "set"
        above = control_chain(tensed_verb(top))[-1]
        if above is top:
            break
        top = above
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
        if past_tense(tok, perfect=True) and (tok.lemma_.lower() in PLAN_VERBS or tok.lower_ in PLAN_WORDS):
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
        and past_tense(head, perfect=True)
        and not conditional
    )


def modality(trigger: Token) -> tuple[str, str]:
    """``(negated | hypothetical | reported | plan | schedule | reported plan, why)`` from the clause of
    ``trigger``, or ``("", "")`` when the clause states a fact (see the module docstring)."""
    chain = _chain(trigger)
    modals = words("modal_verbs.tsv")
    for tok in chain:
        if any(c.dep_ == "neg" for c in tok.children):
            return "negated", f"negation in the clause of '{tok.text}'"
    reported_future = None
    for tok in chain:
        for c in tok.children:
            word = c.lower_.replace("’", "'")
            if c.dep_ in ("aux", "mark") and modals.get(word) == "hypothetical":
                if word == "would" and _future_in_the_past(tok):
                    reported_future = c.text
                    continue
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
    if reported_future is not None:
        return "reported plan", f"'{reported_future}' in what was said"
    plan = _plan_cue(chain)
    if plan is not None:
        cue, kind = plan
        return {"future": "plan", "schedule": "schedule", "reported": "reported plan"}[kind], f"'{cue}'"
    return "", ""


def date_status(mood: tuple[str, str], mention: TimeMention, published: date | None) -> tuple[str, str]:
    """The status of an event of modality ``mood`` dated by ``mention``, and the reason for it."""
    kind, cue = mood
    if kind and kind not in PLANS:
        return mood
    if looks_ahead(mention):  # a future cue in the mention's own clause, or "soon"
        return "planned", "future cue in the clause"
    if REST_OF_PERIOD.match(mention.text):  # "later this month": what is left of the current period
        return "planned", f"'{mention.text}': the rest of the current period"
    start = mention.range_start
    if published is not None and start is not None and start > published:
        return "planned", "dated after publication"
    if kind in PLANS and mention.value != "PAST_REF":
        if kind == "reported plan" or published is None or start is None:
            ahead = True
        elif kind == "schedule":  # a schedule told in the present holds from the publication day on
            ahead = start >= published
        else:  # a future tense: also for a period that is not over ("will grow this year")
            ahead = (mention.range_end or start) >= published
        if ahead:
            return "planned", f"a plan in the clause ({cue})"
    return "occurred", "past or present, stated as fact"


def status(trigger: Token, mention: TimeMention, published: date | None) -> tuple[str, str]:
    """The status of the event named by ``trigger`` and the reason for it (both steps at once)."""
    return date_status(modality(trigger), mention, published)
