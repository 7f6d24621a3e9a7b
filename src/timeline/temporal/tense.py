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

from .lexicon import cue_words

# Participles used as adjectives in "X set to follow", "the vote, due to take place": not past tense.
PREDICATIVE_PARTICIPLES = {"set", "due", "poised", "slated", "scheduled", "expected", "going"}
PAST_AUX = {"VBD"}
END_WORDS = {"until", "till", "through", "to", "by"}  # words that make a time the end of a period
STATIVE_OR_REPORTING = {"be", "have", "say", "tell", "report", "announce", "claim", "add", "note", "know", "seem"}


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
    if verb.lower_ in PREDICATIVE_PARTICIPLES and any(
        c.dep_ in ("xcomp", "aux", "auxpass")
        or (c.dep_ == "prep" and c.lower_ in ("for", "to", "until"))
        or (c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
        for c in verb.children
    ):  # "set to follow", "is set for Friday"; but "set Friday as the deadline", "a high set on Aug. 6" are past
        return False
    # "products introduced in April", "the year ended March 31": a reduced relative reports a past event
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ == "acl")


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
        past = _is_past(head) or (head.dep_ in ("acomp", "attr") and _is_past(head.head))
        if (head.lemma_.lower() in controls or head.lower_ in controls) and not past:
            if head.lower_ == "going" or head.lemma_ != "go":
                return f"{head.text} to"
    # "the vote is scheduled for Friday", "more cancellations are expected on Tuesday" (not the reduced
    # relative "a service planned for Saturday")
    if verb.lower_ in ("scheduled", "set", "slated", "due", "planned", "expected") and not _is_past(verb):
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
        if (candidate.lemma_.lower() in controls or candidate.lower_ in controls) and _is_past(candidate):
            if candidate.lemma_.lower() not in ("be", "go"):
                return candidate.text
    return None


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token again on each access)."""
    text = doc.user_data.get("timeline.text")
    if text is None:
        text = doc.user_data["timeline.text"] = doc.text
    return text


def _deadline_cue(doc: Doc, start: int, verb: Token) -> str | None:
    """A deadline moved or given "until Tuesday" ("postponed until", "gave them until") lies ahead."""
    before = text_of(doc)[max(0, start - 8) : start].lower().split()
    if (
        before
        and before[-1] in ("until", "till", "to")
        and cue_words("future_cues.tsv").get(verb.lemma_.lower()) == "deadline"
    ):
        return f"{verb.text} {before[-1]}"
    # a state that lasts "until Friday" and is not told in the past ("markets will remain closed until Friday",
    # "has kept them closed until Friday") ends ahead
    if before and before[-1] in ("until", "till") and not _is_past(verb):
        return f"{verb.text} {before[-1]}"
    return None


def _preceding_cue(doc: Doc, start: int) -> Direction | None:
    """Words just before the expression that point forward: "as early as Tuesday", "effective Feb. 1"."""
    before = text_of(doc)[max(0, start - 20) : start].lower().split()
    if len(before) >= 3 and before[-3] == "as" and before[-1] == "as" and before[-2] in ("early", "soon"):
        return Direction("future", " ".join(before[-3:]), None)
    if before and cue_words("future_cues.tsv").get(before[-1]) == "before":  # "effective Feb. 1"
        return Direction("future", before[-1], None)
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
    verb = governing_verb(root)
    if verb is None:
        return Direction(None, None, None)
    cue = _future_cue(verb) or _deadline_cue(doc, start, verb)
    if cue is not None:
        return Direction("future", cue, verb)
    cue = _near_cue(verb)
    if cue is not None:
        return Direction("near", cue, verb)
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() not in STATIVE_OR_REPORTING:
        # "Arafat meets Albright Monday": the present of an event in the news is about the days around it
        if not any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children):
            return Direction("near", verb.text, verb)
    if _is_past(verb):
        return Direction("past", verb.text, verb)
    perfect = _perfect(verb)
    # the present perfect tells what happened before now ("have been searching since ..."), but not where a
    # period it states ends ("has extended loans through January")
    before = text_of(doc)[max(0, start - 9) : start].lower().split()
    if perfect is not None and not (before and before[-1] in END_WORDS):
        return Direction("past", f"{perfect.text} {verb.text}", verb)
    return Direction(None, None, verb)


def _perfect(verb: Token) -> Token | None:
    """The auxiliary of a present perfect ("has risen", "have been searching"), if ``verb`` is one."""
    return next((c for c in verb.children if c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")), None)
