"""A short readable description of an event: subject, verb, object, without its time words.

Reads: the trigger of an event and its time expression. Writes: :class:`Description` parts, read once
from the parse, which :meth:`Description.render` turns, given the resolved status, into a string such as
"Macron visits the White House" or "Keir Starmer to visit Washington". An event noun with an owner
("Macron's visit to the White House") becomes a clause through ``nominalizations.tsv``; an event that
repeats another ("Starmer is set to follow") takes the repeated event's verb; anything else is the
clause around the trigger, cut to its core arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .actors import NameResolver
from .anchor import Trigger, object_dated_apart
from .syntax import clause_verb, control_chain, entities, phrase_tokens, subject_of, text_of, time_tokens, words

PLANNED = "planned"


@dataclass(frozen=True)
class Description:
    """``text`` as it stands, or, when ``verb`` (a lemma) is set, a clause "agent verb obj"."""

    text: str = ""
    agent: str = ""
    verb: str = ""
    obj: str = ""

    def render(self, status: str) -> str:
        """The description for an event of ``status``: a planned event's verb is "to visit", else "visits"."""
        return _clause(self.agent, self.verb, self.obj, status) if self.verb else self.text


def _verb_forms(lemma: str) -> tuple[str, str, str]:
    """(third person singular, base form, the preposition the noun's object takes)."""
    row = words("nominalizations.tsv").get(lemma)
    if row:
        third, base, prep = (row.split("\t") + ["", ""])[:3]
        return third, base, prep
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return third, lemma, ""


def _name(token: Token, names: NameResolver) -> str:
    ent = next((e for e in entities(token.doc) if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        return names.canonical(ent) if ent.label_ != "PERSON" else names.clean(ent)
    return text_of(phrase_tokens(token, set()))


def _clause(agent: str, lemma: str, obj: str, status: str) -> str:
    third, base, _ = _verb_forms(lemma)
    verb = f"to {base}" if status == PLANNED else third
    return " ".join(f"{agent} {verb} {obj}".split())


def _object_of_noun(noun: Token, prep_word: str, skip: set[int]) -> str:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == prep_word:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return text_of(phrase_tokens(objs[0], skip))
    return ""


def describe(trigger: Trigger, span: Span, names: NameResolver, place: str | None) -> Description:
    """The description parts of the event named by ``trigger`` and dated by ``span``."""
    skip = time_tokens(span)
    token = trigger.token
    if trigger.antecedent is not None:
        subject = subject_of(token)
        if subject is not None:
            return Description(agent=_name(subject, names), verb=trigger.lemma, obj=place or "")
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if token.pos_ in ("NOUN", "PROPN") and owner is not None and owner.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        _, _, prep_word = _verb_forms(token.lemma_.lower())
        if words("nominalizations.tsv").get(token.lemma_.lower()):
            obj = _object_of_noun(token, prep_word, skip)
            return Description(agent=_name(owner, names), verb=token.lemma_.lower(), obj=obj)
    return Description(text=clause_text(trigger.clause, span))


def clause_text(trigger: Token, span: Span) -> str:
    """The clause around ``trigger`` without its time words and nested clauses."""
    skip = time_tokens(span)
    through: frozenset[int] = frozenset()
    if trigger.pos_ in ("NOUN", "PROPN"):
        has_owner = any(c.dep_ == "poss" for c in trigger.children)
        root = trigger if has_owner or trigger.dep_ in ("nsubj", "nsubjpass") else clause_verb(trigger) or trigger
        if root is not trigger and object_dated_apart(trigger, root, span) is trigger:
            root = trigger  # "a holiday for state employees" on August 18, announced on Thursday
    else:
        chain = control_chain(trigger)
        root, through = chain[-1], frozenset(t.i for t in chain)
        if root.pos_ == "ADJ" and root.dep_ in ("acomp", "attr") and root.head.lemma_ == "be":
            root, through = root.head, through | {root.head.i}  # "talks are likely to resume": with its subject
    tokens = phrase_tokens(root, skip, through)
    tokens = _antecedent(root, skip) + [t for t in tokens if not _relative_subject(t, root)]
    tokens = _whole_words(_without_set_off(_without_other_times(tokens), root, trigger, through))
    if len(tokens) > 18:  # keep the words nearest the trigger
        tokens = [t for t in tokens if abs(t.i - trigger.i) <= 9]
    return text_of(tidy(tokens))


def _without_other_times(tokens: list[Token]) -> list[Token]:
    """``tokens`` without the phrases of other dates ("announced a holiday on August 18" for the
    announcement of Thursday): a row's text names no date but its own, which it leaves out."""
    drop: set[int] = set()
    for tok in tokens:
        if tok.dep_ == "prep" and tok.lower_ in ("on", "in", "at", "during", "since") and (
            (objects := [c for c in tok.children if c.dep_ == "pobj"])
            and all(t.ent_type_ in ("DATE", "TIME") for o in objects for t in o.subtree)
        ):
            drop |= {t.i for t in tok.subtree}
    return [t for t in tokens if t.i not in drop]


SET_OFF = {",", ";", "—", "–", "--"}
KEEP_SET_OFF = {"nsubj", "nsubjpass", "aux", "auxpass", "neg"}


def _without_set_off(tokens: list[Token], root: Token, trigger: Token, through: frozenset[int]) -> list[Token]:
    """``tokens`` without the dependents of ``root`` that a comma or a dash of its own sets off from it: an
    appositive after the object ("bought a rival for $1.2 billion, its largest deal"), an absolute phrase
    ("opened on Tuesday, with more than 3,400 exhibitors"), an adjunct before the subject of a reporting
    verb ("..., in a ballot marked by a low turnout, the institute said"). The subject stays, and so does
    the dependent that holds the trigger."""
    marks = [c.i for c in root.children if c.dep_ == "punct" and c.text in SET_OFF]
    if not marks:
        return tokens
    drop: set[int] = set()
    for child in root.children:
        if child.dep_ in KEEP_SET_OFF or child.dep_ == "punct" or child.i in through:
            continue
        low, high = sorted((child.i, root.i))
        if any(low < m < high for m in marks):
            subtree = {t.i for t in child.subtree}
            if trigger.i not in subtree:
                drop |= subtree
    return [t for t in tokens if t.i not in drop]


def _relative_subject(token: Token, root: Token) -> bool:
    """"that" in "the strike that began": the relative pronoun subject of a relative clause."""
    return root.dep_ == "relcl" and token.head.i == root.i and token.dep_ in ("nsubj", "nsubjpass") and (
        token.tag_ in ("WDT", "WP")
    )


def _antecedent(root: Token, skip: set[int]) -> list[Token]:
    """The noun a relative clause's pronoun stands for ("The strike" for "that began in March"), which the
    description names instead of the pronoun, or the noun a participle qualifies ("a decision expected"), or
    whose verb the parser took for one."""
    subject = next((c for c in root.children if _relative_subject(c, root)), None)
    # a past tense the parser hangs on the noun before it is that noun's predicate ("..., the Federal
    # Authority for Government Human Resources announced on Monday")
    participle = root.dep_ == "acl" and root.tag_ in ("VBN", "VBG", "VBD") and root.head.pos_ in ("NOUN", "PROPN")
    if participle and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return [t for t in phrase_tokens(root.head, skip) if t.i < root.i]  # "a decision expected by summer"
    if subject is None:
        return []
    return [t for t in phrase_tokens(root.head, skip) if t.i < root.i]


def _whole_words(tokens: list[Token]) -> list[Token]:
    """``tokens`` with the hyphenated words they cut whole again ("California-based company", not "based
    company")."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    kept = {t.i for t in tokens}
    for tok in list(tokens):
        i = tok.i
        while i >= 2 and doc[i - 1].text in ("-", "–") and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
            kept |= {i - 1, i - 2}
            i -= 2
    return sorted((doc[i] for i in kept), key=lambda t: t.i)


DANGLING_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PART"}
DANGLING_DEPS = {"poss", "det", "cc", "case", "aux", "auxpass", "prep", "mark", "predet"}


def tidy(tokens: list[Token]) -> list[Token]:
    """The words of a description without what lost its partner: a preposition whose object was cut (a
    time, a clause: "rose to in April"), and function words left at either end ("... rose to", "and ...")."""
    kept = {t.i for t in tokens}
    while tokens and tokens[0].pos_ == "ADP" and any(c.ent_type_ in ("DATE", "TIME") for c in tokens[0].children):
        phrase = {t.i for t in tokens[0].subtree}  # "on Monday she would resign": another clause's time
        tokens = [t for t in tokens if t.i not in phrase]
        kept -= phrase
    out = [
        t
        for t in tokens
        if not (t.pos_ == "ADP" and t.dep_ in ("prep", "agent", "dative") and not any(c.i in kept for c in t.children))
    ]
    # a verb's particle is no function word ("talks broke down", "he stepped down"): it stays
    while out and out[-1].dep_ != "prt" and (
        out[-1].pos_ in DANGLING_POS or out[-1].dep_ in DANGLING_DEPS or out[-1].dep_ == "punct"
    ):
        out.pop()
    while out and (out[0].pos_ in ("CCONJ", "SCONJ") or out[0].dep_ in ("cc", "mark", "punct")):
        out.pop(0)
    return out or tokens
