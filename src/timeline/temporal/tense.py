"""Decide whether a time expression points forward or back, from the tense of its own clause.

Reads: a parsed spaCy ``Doc`` and the character span of a time expression. Writes: a
:class:`Direction` (``"future"``, ``"past"``, ``"near"`` when either side is possible, or ``None`` when
the clause says nothing) with the cue
that decided it. Only the clause the expression belongs to counts: in "said Friday that he would
resign", Friday hangs on "said", which is past, so "would" in the other clause does not move it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..grammar import doc_text, past_tense, tensed_verb, verb_of
from .lexicon import cue_words

END_WORDS = {"until", "till", "through", "to", "by"}  # words that make a time the end of a period
STATIVE_OR_REPORTING = {"be", "have", "say", "tell", "report", "announce", "claim", "add", "note", "know", "seem"}


@dataclass(frozen=True)
class Direction:
    direction: str | None
    cue: str | None
    verb: Token | None


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
        # "it had been due to expire Friday": the adjective's copula carries the tense
        past = past_tense(head) or (head.dep_ in ("acomp", "attr") and past_tense(head.head))
        if (head.lemma_.lower() in controls or head.lower_ in controls) and not past:
            if head.lower_ == "going" or head.lemma_ != "go":
                return f"{head.text} to"
    # "the vote is scheduled for Friday", "more cancellations are expected on Tuesday" (not the reduced
    # relative "a service planned for Saturday")
    if verb.lower_ in ("scheduled", "set", "slated", "due", "planned", "expected") and not past_tense(verb):
        if verb.dep_ not in ("acl", "amod"):
            return verb.text
    # "the league plans to hold a news conference on Tuesday": a plan stated in the present
    if (verb.lemma_.lower() in controls or verb.lower_ in controls) and verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_.lower() not in ("be", "go"):
            return verb.text
    return None


def _near_cue(verb: Token) -> str | None:
    """A plan reported in the past ("planned to leave", "was expected on") or a modal of the future in the
    past ("would travel"): the day may lie on either side of the publication date, so the nearest one."""
    cues = cue_words("future_cues.tsv")
    for child in verb.children:
        if child.dep_ == "aux" and cues.get(child.lower_) == "near":
            return child.text
    controls = {w for w, how in cues.items() if how == "control"}
    if verb.dep_ in ("acl", "amod") and any(
        c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "during") for c in verb.children
    ):  # a reduced relative with its date, "the record high set on Aug. 6", reports a past event
        return None
    if verb.lower_ in ("scheduled", "set", "slated", "due", "planned") and verb.dep_ in ("acl", "amod"):
        return verb.text  # "a service planned for Saturday"
    for candidate in (verb, verb.head):
        if (candidate.lemma_.lower() in controls or candidate.lower_ in controls) and past_tense(candidate):
            if candidate.lemma_.lower() not in ("be", "go"):
                return candidate.text
    return None


def _deadline_cue(doc: Doc, start: int, verb: Token) -> str | None:
    """A deadline moved or given "until Tuesday" ("postponed until", "gave them until") lies ahead."""
    before = doc_text(doc)[max(0, start - 8) : start].lower().split()
    if (
        before
        and before[-1] in ("until", "till", "to")
        and cue_words("future_cues.tsv").get(verb.lemma_.lower()) == "deadline"
    ):
        return f"{verb.text} {before[-1]}"
    # a state that lasts "until Friday" and is not told in the past ("markets will remain closed until Friday",
    # "has kept them closed until Friday") ends ahead
    if before and before[-1] in ("until", "till") and not past_tense(verb):
        return f"{verb.text} {before[-1]}"
    return None


def _schedule_cue(verb: Token) -> str | None:
    """A scheduled event or limit dated in the simple present lies ahead: "the deadline is midnight Friday",
    "the vote is on Monday", "the summit ends Sunday" (one that has passed is told with "was", "ended")."""
    if verb.tag_ not in ("VBZ", "VBP"):
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):  # "has been", "is held": another reading
        return None
    nouns = cue_words("future_cues.tsv")
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and nouns.get(child.lemma_.lower()) == "subject":
            return f"{child.text} {verb.text}"
    return None


def _headline_cue(verb: Token) -> str | None:
    """A headline's "to" with no finite verb tells what is to come ("Poland's parliament to vote on abortion
    bill on Tuesday", "Ishiba to visit Washington"): a subject, then "to" and the verb, as the sentence's root."""
    if verb.tag_ != "VB":
        return None
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"):
        # the parser may hang the verb on its subject ("Zelenskyy to meet Trump at White House on Friday":
        # "Zelenskyy" the root): a headline still, where the sentence has no finite verb
        if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in verb.sent):
            return None
        subject = verb.head
    elif verb.dep_ != "ROOT":
        return None
    if to is None or subject is None or subject.i > to.i:
        return None
    if any(c.dep_ in ("aux", "auxpass") and c.i != to.i for c in verb.children):
        return None
    return to.text


def _forecast_for(doc: Doc, start: int, verb: Token) -> bool:
    """A forecast or a schedule "for" a day is about that day, whatever the tense of the verb that gives it
    ("has forecast more rain for Thursday", "set the vote for Friday"): the nearest such day."""
    before = doc_text(doc)[max(0, start - 6) : start].lower().split()
    return bool(before) and before[-1] == "for" and cue_words("future_cues.tsv").get(verb.lemma_.lower()) == "for"


def _preceding_cue(doc: Doc, start: int) -> Direction | None:
    """Words just before the expression that point forward: "as early as Tuesday", "effective Feb. 1", or to
    the nearest one: "ahead of Friday's report"."""
    before = doc_text(doc)[max(0, start - 20) : start].lower().split()
    if len(before) >= 3 and before[-3] == "as" and before[-1] == "as" and before[-2] in ("early", "soon"):
        return Direction("future", " ".join(before[-3:]), None)
    if before and cue_words("future_cues.tsv").get(before[-1]) == "before":  # "effective Feb. 1"
        return Direction("future", before[-1], None)
    # "fell ahead of Friday's report", "in the run-up to the holiday": after the event, which news tells
    # near the publication date, so the nearest one whatever the tense of the verb
    lead = before[:-1] if before and before[-1] == "the" else before
    if lead[-2:] in (["ahead", "of"], ["run-up", "to"], ["lead-up", "to"], ["runup", "to"]):
        return Direction("near", " ".join(lead[-2:]), None)
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
    modified = _modifier_cue(root) or _preceding_cue(doc, start)
    if modified is not None:
        return modified
    verb = verb_of(root, above=True)
    if verb is None:
        return Direction(None, None, None)
    verb = tensed_verb(verb)
    cue = _future_cue(verb) or _deadline_cue(doc, start, verb) or _schedule_cue(verb) or _headline_cue(verb)
    if cue is not None:
        return Direction("future", cue, verb)
    if _forecast_for(doc, start, verb):  # "has forecast more rain for Thursday": the day forecast for
        return Direction("near", f"{verb.text} for", verb)
    cue = _near_cue(verb)
    if cue is not None:
        return Direction("near", cue, verb)
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() not in STATIVE_OR_REPORTING:
        # "Arafat meets Albright Monday": the present of an event in the news is about the days around it
        if not any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children):
            return Direction("near", verb.text, verb)
    if past_tense(verb):
        return Direction("past", verb.text, verb)
    perfect = _perfect(verb)
    # the present perfect tells what happened before now ("have been searching since ..."), but not where a
    # period it states ends ("has extended loans through January")
    before = doc_text(doc)[max(0, start - 9) : start].lower().split()
    if perfect is not None and not (before and before[-1] in END_WORDS):
        return Direction("past", f"{perfect.text} {verb.text}", verb)
    return Direction(None, None, verb)


def _perfect(verb: Token) -> Token | None:
    """The auxiliary of a present perfect ("has risen", "have been searching"), if ``verb`` is one."""
    return next((c for c in verb.children if c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")), None)
