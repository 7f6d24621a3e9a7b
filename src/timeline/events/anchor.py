"""Which word is the event a time expression dates, found from the dependency parse.

Reads: the spaCy span of a time expression. Writes: :class:`Trigger` records (the event word, the event
type, and one line saying how it was found). Word lists: ``light_verbs.tsv`` (verbs that only frame an
event noun), ``succession_verbs.tsv`` (verbs that repeat an earlier event: "Starmer is set to follow").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..grammar import bare_adverbial, free_participle, past_tense, verb_of
from .status import PLAN_VERBS
from .syntax import SUBJECTS, clause_verb, control_chain, is_event_noun, words


@dataclass(frozen=True)
class Trigger:
    """The word that names a dated event; ``antecedent`` is the event it repeats, for "X is set to follow"."""

    token: Token
    how: str
    antecedent: Token | None = None
    frame: Token | None = None  # the word whose clause describes the event, when not the event word itself

    @property
    def clause(self) -> Token:
        return self.frame if self.frame is not None else self.token

    @property
    def lemma(self) -> str:
        word = self.antecedent if self.antecedent is not None else self.token
        return word.lemma_.lower()

    @property
    def direct(self) -> bool:
        return "modifies" in self.how


NOMINAL_MODIFIERS = {"poss", "compound", "amod", "nmod", "nummod"}


def attachment(span: Span) -> Token:
    """The word a time expression modifies: the head of its preposition, or its own head."""
    head = span.root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head


def triggers(span: Span, past: bool = False) -> list[Trigger]:
    """The events dated by ``span``, with how each was found; ``past``: the date is not after publication."""
    found: list[Trigger] = []
    head = attachment(span)
    if head.i in range(span.start, span.end):  # the expression is the root of its sentence
        head = span.root
    head = _reporting_verb_before(span, head)
    amount = _amount_for_period(span, head)
    if amount is not None:
        # "reported net income of $5 million for the third quarter": the period is the income's, the report
        # comes after it
        found.append(Trigger(amount, f"'{span.text}' is the period of '{amount.text}', the object of '{head.text}'"))
    if (
        head.pos_ in ("VERB", "AUX")
        and head.lemma_.lower() in words("light_verbs.tsv")
        and head.lemma_.lower() not in words("aspectual_verbs.tsv")
    ):  # "the proceedings began Tuesday": an aspectual verb is an event of its own (TimeML's ASPECTUAL class);
        # its event-noun subject shares the date (``scope``)
        subjects = [c for c in head.children if c.dep_ in SUBJECTS and is_event_noun(c)]
        if subjects:
            found.append(Trigger(subjects[0], f"event noun '{subjects[0].text}' is the subject of '{head.text}'"))
    if (
        not found
        and head.pos_ in ("NOUN", "PROPN")
        and head.dep_ in SUBJECTS
        and (span.root.dep_ in NOMINAL_MODIFIERS and not is_event_noun(head) or _period_of_amount(span, head))
    ):  # "tomorrow's vote has implications": the vote is what is dated
        # "third-quarter profit grew 19%", "third-quarter sales dropped", "its net loss for the third quarter
        # narrowed": what happened in that period is the predicate of the noun
        verb = head.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() not in words("light_verbs.tsv"):
            found.append(Trigger(verb, f"'{span.text}' dates '{head.text}', the subject of '{verb.text}'"))
    if (
        not found
        and span.root.dep_ == "poss"
        and head.dep_ == "dobj"
        and head.head.lemma_.lower() in words("attendance_verbs.tsv")
    ):  # "did not attend Sunday's opening session": the attending is on the session's day
        found.append(Trigger(head.head, f"'{span.text}' dates '{head.text}', what '{head.head.text}' takes part in"))
    if not found and span.root.dep_ in NOMINAL_MODIFIERS and (medium := _published_in(head)) is not None:
        # "advertised in today's editions of the Journal", "In its Friday issue, the Spectator quoted": the
        # time dates the paper, and what appeared in it
        found.append(Trigger(medium, f"'{span.text}' dates the '{head.text}' that '{medium.text}' appeared in"))
    if not found and span.root.dep_ in NOMINAL_MODIFIERS and head.pos_ in ("NOUN", "PROPN"):
        # "third-quarter earnings", "the Feb. 23 accord", "this year's results": the noun is what is dated
        frame = None if is_event_noun(head) else clause_verb(head)
        found.append(Trigger(head, f"'{span.text}' modifies the noun '{head.text}'", frame=frame))
    if not found and (predicate := _copula_predicate(head)) is not None:
        # "will be payable Jan. 3": the predicate is the event
        found.append(Trigger(predicate, f"'{span.text}' modifies the copula of '{predicate.text}'", frame=head))
    noun = _event_noun_before(span, head) if head.pos_ in ("VERB", "AUX") else None
    if not found and noun is not None and object_before(span, past) is None:
        found.append(Trigger(noun, f"'{span.text}' follows the event noun '{noun.text}' (a phrase of '{head.text}')"))
    if not found and head.pos_ in ("VERB", "AUX"):
        if head.dep_ == "xcomp" and head.head.lemma_.lower() in words("aspectual_verbs.tsv"):
            head = head.head  # "will begin withdrawing on Friday": the beginning is what is dated
        elif _participle_complement(head):
            head = head.head  # "was found clinging to an inner tube Nov. 25": the finding is what is dated
        elif free_participle(head):
            head = head.head  # "would cut prices by 6% starting on Thursday": the cut is what is dated
        elif _role_after_as(head):
            head = head.head  # "will elect Micheál Martin as taoiseach on Wednesday": the election is dated
        elif past and _past_infinitive(head) and object_before(span, past) is None:
            head = head.head  # "voted to support the republic Friday": what happened Friday is the vote
        found.append(_elliptic(head, f"'{span.text}' modifies the verb '{head.text}'"))
    if not found:
        if head.pos_ in ("VERB", "AUX"):
            found.append(_elliptic(head, f"'{span.text}' modifies the verb '{head.text}'"))
        elif is_event_noun(head):
            found.append(Trigger(head, f"'{span.text}' modifies the event noun '{head.text}'"))
        elif head.pos_ == "ADJ" and head.dep_ in ("amod", "acomp", "oprd", "ROOT", "conj"):
            found.append(_adjective(span, head))
        elif (amount := _amount_of_phrase(head)) is not None:
            # "compared with a loss of $9 million a year ago", "versus net income of $5.3 million, or $1.61 a
            # share, a year earlier": the time is the figure's, inside its noun phrase, not the clause verb's
            found.append(Trigger(amount, f"'{span.text}' is in the phrase of the figure '{amount.text}'"))
        else:
            own = clause_verb(head)
            predicate = _copula_predicate(own) if own is not None else None
            if own is not None and predicate is not None:  # "was part of a crew ... in October 1984"
                how = f"'{span.text}' is in the clause of '{own.text}', whose predicate is '{predicate.text}'"
                found.append(Trigger(predicate, how, frame=own))
            elif own is not None and (obj := object_dated_apart(head, own, span)) is not None:
                # "announced on Thursday a holiday for state employees on August 18": the holiday's date
                how = f"'{span.text}' is in the phrase of '{obj.text}', the object of '{own.text}' (dated apart)"
                found.append(Trigger(obj, how))
            elif own is not None:
                found.append(_elliptic(own, f"'{span.text}' is in the clause of '{own.text}'"))
    found.extend(_when_clauses(span))
    return found


PERIOD_WORDS = {"quarter", "year", "half", "period", "month", "week", "season"}


def _amount_for_period(span: Span, verb: Token) -> Token | None:
    """The object of ``verb`` that a "for" + period time measures ("posted a loss for the quarter", "expects to
    report earnings of $200,000 for the third quarter"): an amount accrued over a period
    (``period_nouns.tsv``), not the verb, which states it after the period."""
    prep = span.root.head
    if not (prep.dep_ == "prep" and prep.lower_ == "for" and prep.head.i == verb.i and verb.pos_ in ("VERB", "AUX")):
        return None
    root = span.root
    if not (root.lemma_.lower() in PERIOD_WORDS or root.shape_ == "dddd"):
        return None
    amounts = words("period_nouns.tsv")  # the period follows the amount; "For the quarter, X posted" frames it
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i and c.lemma_.lower() in amounts), None)


def _period_of_amount(span: Span, noun: Token) -> bool:
    """The time is the period of an amount noun (``period_nouns.tsv``: "third-quarter sales", "its net loss for
    the third quarter"): the amount is measured over the period, so what the sentence says of it (its verb)
    is the event the period dates, as for a noun that names no event ("third-quarter profit grew")."""
    if noun.lemma_.lower() not in words("period_nouns.tsv"):
        return False
    if span.root.dep_ in NOMINAL_MODIFIERS:
        return True
    prep = span.root.head
    return prep.dep_ == "prep" and prep.lower_ == "for" and prep.head.i == noun.i


def _published_in(noun: Token) -> Token | None:
    """The verb whose setting is an issue of a paper or broadcast (``publication_nouns.tsv``): "in", "on" or
    "of" phrases up to the verb ("read the editorial on the front of Friday's edition")."""
    if noun.lemma_.lower() not in words("publication_nouns.tsv"):
        return None
    token = noun
    for _ in range(3):
        prep = token.head
        if token.dep_ != "pobj" or prep.lower_ not in ("in", "on", "of"):
            return None
        if prep.head.pos_ == "VERB":
            return prep.head
        token = prep.head
    return None


def _amount_of_phrase(token: Token) -> Token | None:
    """The amount noun (``period_nouns.tsv``) that a comparison introduces ("compared with", "versus") and
    whose noun phrase ``token`` is in, below any verb."""
    amounts = words("period_nouns.tsv")
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return None
        prep = token.head
        if token.pos_ == "NOUN" and token.lemma_.lower() in amounts and token.dep_ == "pobj":
            if prep.lower_ in ("versus", "vs.") or prep.lower_ in ("with", "to") and prep.head.lemma_ == "compare":
                return token
        token = prep
    return None


def _copula_predicate(verb: Token) -> Token | None:
    """The predicate of a copula ("is payable", "were net losers"): TimeML's event word for the clause."""
    if verb.lemma_.lower() != "be":
        return None
    return next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)


def _reporting_verb_before(span: Span, head: Token) -> Token:
    """A time right after a verb whose complement clause follows it ("said on Tuesday they had arrested 14
    men"): the parser may hang the time on the complement, but it dates the verb it follows."""
    first = span.start
    if first > 0 and span.root.head.dep_ == "prep" and span.root.head.i == first - 1:
        first -= 1
    if first == 0 or head.i < span.end or span.root.dep_ in NOMINAL_MODIFIERS:
        return head  # "said third-quarter profit jumped": the time is inside the complement's subject
    verb = span.doc[first - 1]
    if verb.pos_ != "VERB":
        return head
    t = head
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ == "ccomp" and t.head.i == verb.i:
            return verb
        t = t.head
    return head


def _participle_complement(verb: Token) -> bool:
    """A bare -ing complement ("found clinging", "surfaced holding"): the time at its end dates the verb
    it completes. A progressive ("was assembling") has an auxiliary and is a verb of its own."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("xcomp", "oprd", "ccomp")
        and verb.head.pos_ == "VERB"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "mark") for c in verb.children)
    )


def _role_after_as(verb: Token) -> bool:
    """A word after "as" that the parser takes for a base-form verb with nothing of its own ("elect Martin as
    taoiseach"): English puts no bare verb after "as", so it is the role a noun names, no event."""
    return bare_adverbial(verb) and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not any(
        c.dep_ in ("dobj", "attr", "ccomp", "xcomp", "dative") for c in verb.children
    )


def _past_infinitive(verb: Token) -> bool:
    """An infinitive complement of a past-tense verb, dated in the past: the time dates the past verb
    (the infinitive's event may never have happened); a future date stays on the infinitive ("planned
    to ship early next year")."""
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "advcl")  # "voted to support", "extended their offers to acquire the maker"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and (head.tag_ == "VBD" or head.tag_ in ("VBN", "VBG") and past_tense(head) and _passive_or_progressive(head))
    )  # "voted to", "were invited to join", "were trying to cross"


def _passive_or_progressive(verb: Token) -> bool:
    """A past participle or -ing form with a past auxiliary, not a reduced relative ("the operation designed to")
    nor a plan told in the past ("had been scheduled to close on Monday": the closing is the planned event)."""
    return verb.dep_ != "acl" and verb.lemma_.lower() not in PLAN_VERBS


def _adjective(span: Span, adj: Token) -> Trigger:
    """ "payable Jan. 2", "debentures due March 1, 2011", "worth $130 million in October": the predicate
    adjective is the dated state; an adjective on an event noun ("the election due this September") dates
    the noun."""
    if adj.dep_ == "amod" and is_event_noun(adj.head):
        return Trigger(adj.head, f"'{span.text}' modifies '{adj.text}', said of the event noun '{adj.head.text}'")
    frame = adj.head if adj.dep_ == "amod" else None
    return Trigger(adj, f"'{span.text}' modifies the adjective '{adj.text}'", frame=frame)


def _setting_of_object(noun: Token) -> Token:
    """The event an event noun is the setting of, when it sets the verb's event-noun object ("made the
    announcement at his press conference in Wellington on Tuesday": the announcement, at the conference);
    else the noun itself."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ("at", "during", "in"):
        owner = prep.head
        if owner.dep_ == "dobj" and is_event_noun(owner):
            return owner
    return noun


def _event_noun_before(span: Span, verb: Token) -> Token | None:
    """The event noun whose phrase ends right before the time words, inside ``verb``'s clause.

    "condemned Iraq's invasion of Kuwait on Aug. 2", "said in a telephone interview Monday": the parser
    hangs the time on the verb, but the time words follow the event noun's phrase, so they date the noun.
    """
    first = span.start
    if first > 0 and span.root.head.dep_ == "prep" and span.root.head.i == first - 1:
        first -= 1
    if first == 0:
        return None
    t = span.doc[first - 1]
    for _ in range(8):
        if t.i == verb.i or t.pos_ in ("VERB", "AUX") or t.is_punct:
            return None
        if is_event_noun(t) and t.dep_ not in SUBJECTS:
            return _setting_of_object(t)
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def object_before(span: Span, past: bool) -> Token | None:
    """The event-noun object of the verb a time modifies, when the time words follow its phrase ("issued a
    joint statement Friday", "launched the offer on Sept. 26"): the verb is what is dated, the noun too.

    Not when a verb in a past tense has a date after publication ("planned a demonstration on Saturday"):
    the planning is over, the date is the noun's alone."""
    verb = attachment(span)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    noun = _event_noun_before(span, verb)
    if noun is None or noun.dep_ != "dobj" or noun.head.i != verb.i:
        return None
    return noun if past or not past_tense(verb, perfect=True) else None


def own_time(verb: Token, span: Span) -> bool:
    """Whether ``verb`` has a time of its own besides ``span``: a date or time phrase that modifies it ("on
    Thursday announced")."""
    for child in verb.children:
        if child.i in range(span.start, span.end):
            continue
        if child.dep_ == "prep":
            inside = range(span.start, span.end)
            if any(g.ent_type_ in ("DATE", "TIME") and g.dep_ == "pobj" and g.i not in inside for g in child.children):
                return True
        elif child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            return True
    return False


def object_dated_apart(head: Token, verb: Token, span: Span) -> Token | None:
    """The object noun of ``verb`` whose phrase holds the time ``span`` (through ``head``), when ``verb`` is
    dated by a time of its own: the time is the object's ("announced on Thursday a holiday ... on August 18")."""
    if not own_time(verb, span):
        return None
    node = head
    while node.head.i != verb.i and node.head.i != node.i:
        node = node.head
    if node.head.i == verb.i and node.dep_ in ("dobj", "nsubjpass") and node.pos_ in ("NOUN", "PROPN"):
        return node
    return None


def _elliptic(verb: Token, how: str) -> Trigger:
    """A succession verb with no object ("set to follow") repeats the event of the clause it hangs on."""
    if verb.lemma_.lower() not in words("succession_verbs.tsv") or any(c.dep_ == "dobj" for c in verb.children):
        return Trigger(verb, how)
    antecedent = antecedent_event(verb)
    if antecedent is None:
        return Trigger(verb, how)
    return Trigger(verb, f"{how}; '{verb.text}' repeats the event '{antecedent.text}'", antecedent)


def governing_verb(verb: Token) -> Token | None:
    """The verb of the clause that the clause of ``verb`` hangs on ("marked" for "..., with X set to follow")."""
    top = control_chain(verb)[-1]
    return None if top.head.i == top.i else verb_of(top.head)


def antecedent_event(verb: Token) -> Token | None:
    """The event a succession verb repeats: the event-noun subject of the governing clause, or its verb."""
    gov = governing_verb(verb)
    if gov is None:
        return None
    for child in gov.children:
        if child.dep_ in SUBJECTS and is_event_noun(child):
            return child
    if gov.lemma_.lower() in words("light_verbs.tsv"):
        return None
    return gov


def _when_clauses(span: Span) -> list[Trigger]:
    """'on Monday, the anniversary ..., when the US declined': the when-clause happened then too."""
    doc = span.doc
    hosts = {span.root.i}
    # an appositive right after the expression ("Monday—the anniversary of ...")
    j = span.end
    while j < len(doc) and doc[j].is_punct:
        j += 1
    if j < len(doc) and j - span.end <= 2:
        k = j
        while k < len(doc) and doc[k].dep_ in ("det", "amod", "compound", "poss", "case"):
            k += 1
        if k < len(doc) and doc[k].pos_ == "NOUN":
            hosts.add(k)
    found = []
    for host in hosts:
        for child in doc[host].children:
            if child.dep_ in ("relcl", "advcl", "acl") and any(
                c.lower_ == "when" and c.dep_ == "advmod" for c in child.children
            ):
                found.append(Trigger(child, f"'{child.text}' is in a when-clause attached to '{span.text}'"))
    return found
