"""Attach each dated time expression to the event it dates, from the dependency parse.

Reads: a parsed spaCy ``Doc``, its :class:`~timeline.records.TimeMention` records and the article's
publication date. Writes: :class:`~timeline.records.Event` records (trigger, description, actors, place,
status, date and evidence). Word lists (event nouns, light verbs, claim verbs, modals, name aliases) live
in ``resources/events``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import resources
from .records import Event, TimeMention

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "to", "into", "from", "near", "outside", "inside"}
CLAUSE_DEPS = {"advcl", "ccomp", "relcl", "parataxis", "conj", "cc", "csubj", "acl", "appos"}
DESCRIPTION_DEPS = {
    "nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "dobj", "xcomp", "attr", "acomp", "dative",
    "oprd", "prep", "pobj", "agent", "det", "poss", "case", "compound", "amod", "nummod", "nmod", "pcomp",
    "quantmod", "predet", "advmod",
}  # fmt: skip
CALENDAR_TYPES = {"DATE", "TIME"}


def _words(name: str) -> dict[str, str]:
    return resources.table(f"events/{name}")


def is_dated(mention: TimeMention) -> bool:
    """Whether a mention can date an event: a resolved calendar value, not a duration, set or vague ref."""
    return mention.type in CALENDAR_TYPES and bool(mention.value) and mention.value[:1].isdigit()


def find_events(doc: Doc, mentions: Iterable[TimeMention], published: date | None) -> list[Event]:
    """The events dated by ``mentions`` in ``doc``."""
    names = NameResolver(doc)
    events: list[Event] = []
    for mention in mentions:
        if not is_dated(mention):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for trigger, how in _triggers(span):
            events.append(_event(doc, span, mention, trigger, how, published, names))
    return events


# ---- which word is the event ---------------------------------------------------------------------


def _attachment(span: Span) -> Token:
    """The word a time expression modifies: the head of its preposition, or its own head."""
    head = span.root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head


def _event_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in _words("event_nouns.tsv")


def _triggers(span: Span) -> list[tuple[Token, str]]:
    """The words dated by ``span``, with how each was found."""
    found: list[tuple[Token, str]] = []
    head = _attachment(span)
    if head.i in range(span.start, span.end):  # the expression is the root of its sentence
        head = span.root
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _words("light_verbs.tsv"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and _event_noun(c)]
        if subjects:
            found.append((subjects[0], f"event noun '{subjects[0].text}' is the subject of '{head.text}'"))
    if not found:
        if head.pos_ in ("VERB", "AUX"):
            found.append((head, f"'{span.text}' modifies the verb '{head.text}'"))
        elif _event_noun(head):
            found.append((head, f"'{span.text}' modifies the event noun '{head.text}'"))
        else:
            verb = _clause_verb(head)
            if verb is not None:
                found.append((verb, f"'{span.text}' is in the clause of '{verb.text}'"))
    found.extend(_when_clauses(span))
    return found


def _clause_verb(token: Token) -> Token | None:
    t = token
    for _ in range(20):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def _when_clauses(span: Span) -> list[tuple[Token, str]]:
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
                found.append((child, f"'{child.text}' is in a when-clause attached to '{span.text}'"))
    return found


# ---- what the event says -------------------------------------------------------------------------


def _control_chain(trigger: Token) -> list[Token]:
    """From an infinitive up to the verb that controls it: "follow" in "set to follow" → [follow, set]."""
    chain = [trigger]
    top = trigger
    while top.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in top.children):
        if top.head.pos_ not in ("VERB", "AUX", "ADJ"):
            break
        top = top.head
        chain.append(top)
    return chain


def _clause_top(trigger: Token) -> Token:
    return _control_chain(trigger)[-1]


def _phrase_tokens(root: Token, skip: set[int], through: frozenset[int] = frozenset()) -> list[Token]:
    """The words of ``root``'s phrase without nested clauses; ``through`` names clause heads to keep."""
    keep: list[Token] = []

    def walk(tok: Token, depth: int) -> None:
        if tok.i in skip:
            return
        keep.append(tok)
        for child in tok.children:
            if child.i in through:
                walk(child, depth + 1)
                continue
            if child.tag_ == "HYPH" and child.i not in skip:
                keep.append(child)
                continue
            nominal_list = child.dep_ in ("conj", "cc") and tok.pos_ not in ("VERB", "AUX")
            if (child.dep_ in CLAUSE_DEPS and not nominal_list) or child.is_punct or child.i in skip:
                continue
            if child.lower_ in ("according", "however"):
                continue
            if child.dep_ not in DESCRIPTION_DEPS and not nominal_list:
                continue
            if child.dep_ == "advmod" and child.lower_ in ("when", "however", "also", "even", "still"):
                continue
            if depth > 6:
                continue
            walk(child, depth + 1)

    walk(root, 0)
    return sorted(keep, key=lambda t: t.i)


def _time_tokens(span: Span) -> set[int]:
    skip = set(range(span.start, span.end))
    head = span.root.head
    if head.dep_ == "prep" and head.i == span.start - 1:
        skip.add(head.i)
    return skip


def describe(trigger: Token, span: Span) -> str:
    """A short subject-verb-object description of the event, without its time words."""
    skip = _time_tokens(span)
    through: frozenset[int] = frozenset()
    if trigger.pos_ in ("NOUN", "PROPN"):
        has_owner = any(c.dep_ == "poss" for c in trigger.children)
        root = trigger if has_owner or trigger.dep_ in ("nsubj", "nsubjpass") else _clause_verb(trigger) or trigger
    else:
        chain = _control_chain(trigger)
        root, through = chain[-1], frozenset(t.i for t in chain)
    tokens = _phrase_tokens(root, skip, through)
    if len(tokens) > 18:  # keep the words nearest the trigger
        tokens = [t for t in tokens if abs(t.i - trigger.i) <= 9]
    text = "".join(t.text_with_ws for t in tokens).strip().strip(",;:—-").strip()
    return " ".join(text.split())


def _status(trigger: Token, mention: TimeMention, published: date | None) -> tuple[str, str]:
    top = _clause_top(trigger)
    chain = [trigger] if top is trigger else [trigger, top]
    if trigger.pos_ in ("NOUN", "PROPN"):
        verb = _clause_verb(trigger)
        if verb is not None and trigger.dep_ not in ("nsubj", "nsubjpass"):
            chain.append(verb)
    modals = _words("modal_verbs.tsv")
    for tok in chain:
        if any(c.dep_ == "neg" for c in tok.children):
            return "negated", f"negation in the clause of '{tok.text}'"
    for tok in chain:
        for c in tok.children:
            word = c.lower_.replace("’", "'")
            if c.dep_ in ("aux", "mark") and modals.get(word) == "hypothetical":
                return "hypothetical", f"'{c.text}' in the clause"
    claims = _words("claim_verbs.tsv")
    for tok in chain:
        if any(claims.get(c.lower_) == "adverb" for c in tok.children):
            return "reported", "presented as a report"
        anc = tok
        while anc.dep_ in ("ccomp", "xcomp", "conj") and anc.head is not anc:
            anc = anc.head
            if claims.get(anc.lemma_.lower()) == "verb":
                return "reported", f"claimed ('{anc.text}')"
    future = '"direction": "future"' in mention.spec
    if future or (published is not None and mention.range_start is not None and mention.range_start > published):
        return "planned", "future cue in the clause" if future else "dated after publication"
    return "occurred", "past or present, stated as fact"


# ---- who and where -------------------------------------------------------------------------------


class NameResolver:
    """Resolve short names to the full name used elsewhere in the article ("Macron" → "Emmanuel Macron")."""

    def __init__(self, doc: Doc):
        aliases = resources.table("events/aliases.tsv")
        self.aliases = aliases
        self.full: dict[str, str] = {}
        persons = sorted({self.clean(e) for e in doc.ents if e.label_ == "PERSON"}, key=lambda n: -len(n.split()))
        for name in persons:
            parts = name.split()
            if len(parts) >= 2:
                self.full.setdefault(parts[-1].lower(), name)

    @staticmethod
    def clean(ent: Span) -> str:
        tokens = [t for t in ent if t.dep_ != "case" and t.text not in ("’s", "'s")]
        while tokens and tokens[0].lower_ in ("the", "a", "an"):
            tokens = tokens[1:]
        return " ".join(t.text for t in tokens).strip()

    def canonical(self, ent: Span) -> str:
        name = self.clean(ent)
        alias = self.aliases.get(name.lower())
        if alias:
            return alias
        if ent.label_ in ("PERSON", "ORG") and len(name.split()) == 1:
            return self.full.get(name.lower(), name)
        return name


def _participants(trigger: Token, span: Span, names: NameResolver) -> tuple[tuple[str, ...], str | None]:
    doc = trigger.doc
    skip = _time_tokens(span)
    chain = _control_chain(trigger)
    roots = list(chain)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ not in ("nsubj", "nsubjpass"):
        verb = _clause_verb(trigger)
        if verb is not None:  # "the leaders coordinated ... during a phone call": the call's participants
            roots.append(verb)
    # participial adjuncts say more about the same event ("..., siding with Russia's position")
    roots += [c for r in list(roots) for c in r.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    through = frozenset(t.i for t in chain)
    indices: set[int] = set()
    for root in roots:
        indices.update(t.i for t in _phrase_tokens(root, skip, through))
    actors: list[str] = []
    place: str | None = None
    for ent in doc.ents:
        if not any(t.i in indices for t in ent) or ent.label_ not in ACTOR_LABELS | PLACE_LABELS:
            continue
        if ent.label_ in ("DATE", "TIME"):
            continue
        head = ent.root.head
        is_place = (
            ent.label_ in PLACE_LABELS
            and ent.root.dep_ == "pobj"
            and head.lower_ in PLACE_PREPS
            and (ent.label_ != "ORG" or ent.text.lower().startswith(("the white house", "white house")))
        )
        name = names.canonical(ent)
        if not name:
            continue
        if is_place and place is None:
            place = name
        elif ent.label_ in ACTOR_LABELS and ent.label_ != "NORP" and name not in actors and name != place:
            actors.append(name)
    return tuple(actors), place


def _event(
    doc: Doc,
    span: Span,
    mention: TimeMention,
    trigger: Token,
    how: str,
    published: date | None,
    names: NameResolver,
) -> Event:
    sent = span.sent
    status, why_status = _status(trigger, mention, published)
    actors, place = _participants(trigger, span, names)
    direct = "modifies" in how
    return Event(
        article_id=mention.article_id,
        timex_id=mention.timex_id,
        trigger=trigger.lemma_.lower(),
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text),
        description=describe(trigger, span),
        actors=actors,
        place=place,
        status=status,
        value=mention.value or "",
        granularity=mention.granularity or "",
        date_start=mention.range_start,
        date_end=mention.range_end,
        time_text=mention.text,
        sentence=sent.text.strip(),
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        confidence=0.8 if direct else 0.6,
        explanation=f"{mention.explanation}. Event: {how}. Status {status}: {why_status}.",
    )
