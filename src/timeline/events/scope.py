"""The other events a dated clause scopes over, found from the dependency parse.

Reads: a :class:`~timeline.events.anchor.Trigger` dated by a time expression, and the token indices of
every time expression of the sentence. Writes: more :class:`Trigger` records, each saying why it shares
the date. A when-clause of the dated verb happens at the same time ("an off-duty policeman is killed last
month when a bomb explodes", "could have used protection in 1979 when the Soviet Union invaded"),
unless it has a time expression of its own; an aspectual verb's complement and event-noun subject
share its date ("began delving Thursday", "the proceedings began Tuesday"); a dated event noun's relative
clause says what the event did ("the January 1998 bombing that killed an officer"), and the verb whose
setting it is happened then ("Clark said in a telephone interview Monday"); the event-noun object of a
dated verb, when the time words follow its phrase, is dated too ("had condemned Iraq's invasion of Kuwait
on Aug. 2").

Wider scopes were measured on TempEval-3 TimeBank / AQUAINT and left out because the gold rarely links
them (share of the added anchorings that gold confirms): coordinated verbs 9/64, participial adjuncts
3/44, the verb of a control chain 20/85, event nouns that are arguments of the dated verb 17/100, and
narrative continuation (the main verb of a following sentence with no time of its own and the same
tense) 35/268 on AQUAINT, 19/380 on TimeBank, the predicate of a dated event-noun subject ("the Aug. 7
bombings killed 200 people") 2/10; the rules kept scored 9/15 (when), 10/17 (aspectual), 4/6 (relative),
12/19 (setting). Also left out: the complement clause of a dated reporting verb (8/96), the main clause
of a dated when-clause (2/11), as- and while-clauses read as when-clauses (2/16).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .anchor import Trigger, object_before
from .syntax import SUBJECTS, is_event_noun, words

VERBS = ("VERB", "AUX")
SETTING = {"in", "at", "during", "amid", "over"}  # prepositions that put an event inside another


def _has_own_time(token: Token, times: set[int]) -> bool:
    """Whether a time expression hangs directly on ``token`` (through at most a preposition)."""
    for child in token.children:
        if child.i in times:
            return True
        if child.dep_ == "prep" and any(c.i in times for c in child.children):
            return True
    return False


def scoped(trigger: Trigger, span: Span, times: set[int], past: bool) -> list[Trigger]:
    """The events that share ``trigger``'s date by ``span`` (see the module docstring)."""
    token = trigger.clause
    if is_event_noun(trigger.token):
        return _event_noun_scope(trigger.token, times)
    if token.pos_ not in VERBS:
        return []
    found = [
        Trigger(child, f"the when-clause '{child.text}' of '{token.text}' happens then")
        for child in token.children
        if child.dep_ == "advcl"
        and any(c.lower_ == "when" and c.dep_ == "advmod" for c in child.children)
        and not _has_own_time(child, times)
    ]
    found += _fronted_coordination(token, span, times)
    noun = object_before(span, past)
    if noun is not None and noun.head.i == token.i:
        found.append(Trigger(noun, f"the time words follow '{noun.text}', the object of the dated '{token.text}'"))
    if token.lemma_.lower() in words("aspectual_verbs.tsv"):  # "began delving Thursday", "proceedings began"
        for child in token.children:
            if child.dep_ == "xcomp" and child.pos_ in VERBS or child.dep_ in SUBJECTS and is_event_noun(child):
                found.append(Trigger(child, f"'{token.text}' marks a phase of '{child.text}'"))
    return found


def _fronted_coordination(verb: Token, span: Span, times: set[int]) -> list[Trigger]:
    """A time put before the subject frames the whole clause, every predicate the subject is given ("Last week,
    Hezbollah fighters killed three soldiers and wounded six others"; "During the quarter, Delta issued 2.5
    million shares and repurchased 1.1 million"); a time after the first predicate is that predicate's alone
    ("told customers Monday and stopped shipping"). Only verbs with no subject and no time of their own."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None or span.end > subject.left_edge.i or span.root.head.i not in (verb.i, *_preps(verb)):
        return []
    found = []
    conjuncts = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    while conjuncts:
        conj = conjuncts.pop(0)
        if any(c.dep_ in SUBJECTS for c in conj.children) or _has_own_time(conj, times):
            continue
        found.append(Trigger(conj, f"the time before the subject of '{verb.text}' frames '{conj.text}' too"))
        conjuncts += [c for c in conj.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return found


def _preps(verb: Token) -> list[int]:
    return [c.i for c in verb.children if c.dep_ == "prep"]


def _event_noun_scope(noun: Token, times: set[int]) -> list[Trigger]:
    """A dated event noun's relative clause says what the event did ("the January 1998 bombing that killed
    an officer"); a verb it is the setting of happened then ("said in a telephone interview Monday")."""
    found = []
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in SETTING and prep.head.pos_ == "VERB" and prep.head.tag_ != "VBG":
        verb = prep.head  # "said in a telephone interview Monday": the saying happened at the interview
        if not _has_own_time(verb, times):
            found.append(Trigger(verb, f"'{verb.text}' happened {prep.lower_} the dated '{noun.text}'"))
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.pos_ in VERBS and not _has_own_time(child, times):
            found.append(Trigger(child, f"'{child.text}' describes the dated event '{noun.text}'"))
    return found
