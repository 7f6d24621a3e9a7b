"""Who takes part in an event and where it happens, from NER and the parse, resolved within the article.

Reads: a parsed ``Doc``. Writes: actor names and a place for an event's phrase. Rules, each general:

- a short name is the full name used elsewhere in the article ("Macron" → "Emmanuel Macron");
- the article's *cast*: each named person's title and country, from the words before the name
  ("UK Prime Minister Sir Keir Starmer" → United Kingdom, prime minister); those title words are not
  actors of their own;
- a role description ("the French and British leaders", "the US president") is the person of that
  country holding that role in the article; if nobody holds it yet, the most recent untitled person
  named earlier in the same sentence ("... influence Donald Trump ... from the US president");
- a title may hold "of" phrases ("U.S. Secretary of State Marco Rubio", "Speaker of the House Mike
  Johnson", "White House Chief of Staff Susie Wiles"): their words are title words too; a title in
  apposition names its person ("the Secretary of Defense, Pete Hegseth, visited": Pete Hegseth);
- time words NER takes for names (time zones "UTC", "ET"; days, months, units: ``not_actors.tsv`` and
  the temporal word lists) and news agencies (``sources/agencies.tsv``: "told Reuters") are no parties;
- a capital city acting as a party stands for its country ("label Moscow as the aggressor" → Russia);
- a visit or meeting at the seat of an office (``seats.tsv``: "White House") involves the holder of
  that office in the article.
"""

from __future__ import annotations

import bisect
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import resources
from .entities import KINDS, acronym
from .syntax import entities, entities_overlapping, is_event_noun, noun_indices, sentence_entities, words

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "PRODUCT"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "to", "into", "from", "near", "outside", "inside"}
GENERAL_DESCRIPTIONS = {"company", "firm", "corporation", "group"}
TITLE_DEPS = {"compound", "amod", "poss", "case", "nmod", "punct"}
TITLE_LINKS = TITLE_DEPS | {"prep", "pobj", "det"}  # "Secretary of State", "Speaker of the House"
TITLE_PREPS = {"of", "for"}
PRONOUNS = {"he": frozenset({"PERSON"}), "she": frozenset({"PERSON"}), "it": frozenset({"ORG", "GPE"})}
REPORTING_VERBS = {"say", "tell", "announce", "add", "state", "confirm", "report", "write", "declare", "insist"}
TIME_LISTS = ("temporal/weekdays.tsv", "temporal/months.tsv", "temporal/month_abbreviations.tsv", "temporal/units.tsv")


@cache
def _not_actor_words() -> frozenset[str]:
    """Words that never name a party: time zones and units of measure, days, months, time units."""
    found = set(resources.table("events/not_actors.tsv"))
    for name in TIME_LISTS:
        found.update(resources.table(name))
    return frozenset(w.rstrip(".") for w in found)


def is_time_or_unit(ent: Span) -> bool:
    """Whether a name is only time words, units and numbers ("UTC", "0800 GMT", "ET", "mph")."""
    known = _not_actor_words()
    tokens = [t for t in ent if not t.is_punct]
    return bool(tokens) and all(t.like_num or t.lower_.rstrip(".") in known for t in tokens)


def is_agency(name: str) -> bool:
    """A news agency or wire service under any of its names: it reports the news ("told Reuters")."""
    return name.lower() in resources.table("sources/agencies.tsv")


def _title_word(token: Token, low: int, name: range) -> bool:
    """Whether ``token``, before the name, may be a word of the name's title: its heads lead to the name
    through title links only, none before ``low`` ("State" → "of" → "Secretary" → "Rubio")."""
    at = token
    for _ in range(name.stop - low + 1):
        if at.i in name:
            return True
        if at.dep_ not in TITLE_LINKS or not low <= at.head.i < name.stop or at.head.i == at.i:
            return False
        if at.dep_ == "prep" and at.lower_ not in TITLE_PREPS:
            return False
        at = at.head
    return False


def title_before(ent: Span, start: int) -> list[Token]:
    """The title words right before a name, from ``start`` on: the longest run of words whose heads lead
    to the name within the run ("U.S. Secretary of State" before "Marco Rubio")."""
    doc, name = ent.doc, range(ent.start, ent.end)
    low = ent.start
    while low > start and _title_word(doc[low - 1], start, name):
        low -= 1
    while bad := [i for i in range(low, ent.start) if not _title_word(doc[i], low, name)]:
        low = max(bad) + 1  # a word whose heads leave the run is no title word, nor is anything before it
    return list(doc[low : ent.start])


def _country(token_text: str) -> str | None:
    key = token_text.lower().replace("’s", "").replace("'s", "").strip()
    aliases = resources.table("events/aliases.tsv")
    demonyms = words("demonyms.tsv")
    if key in demonyms:
        return demonyms[key]
    if key in aliases:
        return aliases[key]
    countries = set(demonyms.values())
    name = token_text.replace("’s", "").replace("'s", "").strip()
    return name if name in countries else None


def _role(tokens: list[Token]) -> str | None:
    roles = words("roles.tsv")
    lemmas = [t.lemma_.lower() for t in tokens]
    for i in range(len(lemmas)):
        pair = " ".join(lemmas[i : i + 2])
        if pair in roles:
            return pair
    for lemma in lemmas:
        if lemma in roles:
            return lemma
    return None


@cache
def role_words() -> frozenset[str]:
    """The words of the titles in ``roles.tsv`` that :func:`_role` can read (one or two words: "prime
    minister" gives prime, minister)."""
    return frozenset(w for role in words("roles.tsv") if len(role.split()) <= 2 for w in role.split())


def description_countries(tok: Token) -> list[str]:
    """The countries of a role description ("the French and British leaders": France, United Kingdom);
    empty when ``tok`` is no role noun with a country."""
    if tok.pos_ != "NOUN" or _role([tok]) is None or any(c.dep_ == "poss" for c in tok.children):
        return []
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    mods += [cc for m in mods for cc in m.children if cc.dep_ == "conj"]
    return [c for m in mods if (c := _country(m.text)) is not None]


def _is_head(role: str | None) -> bool:
    return role is not None and words("roles.tsv").get(role) == "head"


class NameResolver:
    """Resolve names within one article: short names, role descriptions, capitals, seats of office."""

    def __init__(self, doc: Doc):
        self.aliases = resources.table("events/aliases.tsv")
        self.full: dict[str, str] = {}
        # the longest full name wins; of two as long, the first mentioned ("Charles Schumer", then "Chuck Schumer")
        persons = sorted(dict.fromkeys(self.clean(e) for e in entities(doc) if e.label_ == "PERSON"),
                         key=lambda n: -len(n.split()))  # fmt: skip
        for name in persons:
            parts = name.split()
            if len(parts) >= 2:
                self.full.setdefault(parts[-1].lower(), name)
        orgs = sorted(dict.fromkeys(self.clean(e) for e in entities(doc) if e.label_ == "ORG"),
                      key=lambda n: -len(n.split()))  # fmt: skip
        for name in orgs:  # "the IMF" after "the International Monetary Fund"
            if (short := acronym(name)) and short not in self.full:
                self.full[short.lower()] = name
        self.cast: dict[str, tuple[str | None, str | None]] = {}  # full name → (country, role)
        self.title_tokens: set[int] = set()
        self.described: dict[int, list[str]] = {}  # role-noun token index → the people it names
        sents = list(doc.sents)
        nouns = noun_indices(doc)  # only a common noun can be a role description or a definite description
        for sent in sents:
            self._read_titles(sent)
        for sent in sents:
            self._read_descriptions(sent, nouns)
        self.kinds: dict[str, str] = {}
        for ent in entities(doc):
            if ent.label_ in KINDS:
                self.kinds.setdefault(self.canonical(ent), KINDS[ent.label_])
        self.referred = self._read_references(doc, nouns)  # "the company" token index → the name it refers back to

    def _read_references(self, doc: Doc, nouns: list[int] | None = None) -> dict[int, str]:
        """A definite description ("the company", "the carrier", "the plane": ``entity_descriptions.tsv``)
        refers back to an organisation or product named before it, of the description's kind: the last one
        the text introduced with that noun ("the French carrier Air France"); else, for a general noun
        ("the company", "the firm"), the subject of the sentence before when it is such a name, or the only
        such name so far. Otherwise it names nobody: a wrong actor is worse than none."""
        kinds = words("entity_descriptions.tsv")
        named = [e for e in entities(doc) if e.label_ in ("ORG", "PRODUCT")]
        out: dict[int, str] = {}
        for t in doc if nouns is None else (doc[i] for i in nouns):  # ``nouns``: the NOUN tokens (the only ones read)
            kind = kinds.get(t.lemma_.lower())
            if kind not in ("organisation", "product") or t.pos_ != "NOUN" or t.tag_ != "NN" or t.i == 0:
                continue
            det = doc[t.i - 1]
            if det.lower_ != "the" or det.head.i != t.i:
                continue
            before = [e for e in named if e.end <= t.i - 1 and KINDS[e.label_] == kind and self.canonical(e)]
            lemma = t.lemma_.lower()
            typed = [e for e in before if any(x.lemma_.lower() == lemma for x in doc[max(e.start - 3, 0) : e.end + 3])]
            names = list(dict.fromkeys(self.canonical(e) for e in before))
            previous = t.sent.start - 1
            subject = [e for e in before if previous >= 0 and e.root.sent.start == doc[previous].sent.start
                       and e.root.dep_ in ("nsubj", "nsubjpass")]  # fmt: skip
            if typed:
                out[t.i] = self.canonical(typed[-1])
            elif lemma in GENERAL_DESCRIPTIONS and subject:
                out[t.i] = self.canonical(subject[-1])
            elif len(names) == 1:
                out[t.i] = names[0]
        return out

    def referent(self, tok: Token, depth: int = 0) -> str | None:
        """Who a subject pronoun stands for, where news writing leaves no doubt; else None (a wrong actor is
        worse than none). "Petrobras said it would cut", "Ruto said he would name": the subject of what a
        reporting verb reports is the reporter, when a name of the pronoun's kind ("he", "she": a person;
        "it": an organisation or a country). "Ruto fired his minister on Monday. He said ...": "he" or "she"
        with no person named before it in its sentence is the person the sentence before is about (its
        subject)."""
        labels = PRONOUNS.get(tok.lower_)
        if labels is None or tok.dep_ not in ("nsubj", "nsubjpass") or depth > 3:
            return None
        clause = tok.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_VERBS:
            speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
            return self._named(speaker, labels, depth) if speaker is not None else None
        if clause.lemma_.lower() in REPORTING_VERBS:  # "Chalmers will hand down the budget, he announced"
            told = [c for c in clause.children if c.dep_ == "ccomp" and c.i < tok.i]
            speaker = next((c for t in told for c in t.children if c.dep_ == "nsubj"), None)
            if speaker is not None and speaker.lower_ not in PRONOUNS:
                return self._named(speaker, labels, depth)
        sent = tok.sent
        if "PERSON" not in labels or sent.start == 0:
            return None
        if any(e.label_ == "PERSON" and e.start < tok.i for e in sentence_entities(sent)):
            return None
        before = tok.doc[sent.start - 1].sent
        subject = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return self._named(subject, labels, depth) if subject is not None else None

    def _named(self, tok: Token, labels: frozenset[str], depth: int) -> str | None:
        if tok.lower_ in PRONOUNS:
            return self.referent(tok, depth + 1) if PRONOUNS[tok.lower_] == labels else None
        ent = next((e for e in entities_overlapping(tok.doc, tok.i, tok.i + 1) if e.start <= tok.i < e.end), None)
        if ent is None or ent.label_ not in labels or ent.root.i != tok.i:
            return None
        return self.canonical(ent)

    def kind(self, name: str) -> str:
        """What ``name`` is: a stock index (``indices.tsv``), else what NER calls it in the article (a
        person, organisation, place or product); a role holder found through a description is a person."""
        if name.lower() in words("indices.tsv") or name.split()[-1].lower() in ("index", "average"):
            return "index"
        if name in self.kinds:
            return self.kinds[name]
        return "person" if name in self.cast or name in self.full.values() else ""

    @staticmethod
    def clean(ent: Span) -> str:
        tokens = [t for t in ent if t.dep_ != "case" and t.text not in ("’s", "'s")]
        while tokens and tokens[0].lower_ in ("the", "a", "an"):
            tokens = tokens[1:]
        if ent.label_ == "PERSON":  # "Treasurer Jim Chalmers" read as one name: the title is no word of it
            honours = words("honorifics.tsv")  # "Sir Keir Starmer", "Datuk Seri Anwar Ibrahim"
            while len(tokens) > 2 and tokens[0].is_title and (
                tokens[0].lower_.rstrip(".") in role_words() or tokens[0].lower_ in honours
            ):
                tokens = tokens[1:]
        # the words as written ("Lee Jae-myung", not "Lee Jae - myung"), each space one space
        kept = {t.i for t in tokens}
        text = "".join(t.text_with_ws if t.i + 1 in kept else t.text + " " for t in tokens)
        return " ".join(text.split())

    def canonical(self, ent: Span) -> str:
        name = self.clean(ent)
        alias = self.aliases.get(name.lower())
        if alias:
            return alias
        if ent.label_ in ("PERSON", "ORG") and len(name.split()) == 1:
            return self.full.get(name.lower(), name)
        return name

    # ---- the cast ----------------------------------------------------------------------------

    def _read_titles(self, sent: Span) -> None:
        for ent in sentence_entities(sent):
            if ent.label_ != "PERSON":
                continue
            title = title_before(ent, sent.start)
            name = self.canonical(ent)
            title += self._apposed_title(ent, name)
            country = next((c for t in title if (c := _country(t.text)) is not None), None)
            role = _role(title)
            old = self.cast.get(name, (None, None))
            self.cast[name] = (old[0] or country, old[1] or role)
            self.title_tokens.update(t.i for t in title)

    def _apposed_title(self, ent: Span, name: str) -> list[Token]:
        """A title in apposition: "the Secretary of Defense, Pete Hegseth" (the title's noun then names
        the person, as a role description does) or "Pete Hegseth, the Secretary of Defense"."""
        root = ent.root
        titles = [c for c in root.children if c.dep_ == "appos" and _role([c]) is not None]
        if root.dep_ == "appos" and root.head.i < ent.start and _role([root.head]) is not None:
            titles.append(root.head)
            self.described.setdefault(root.head.i, []).append(name)
        out: list[Token] = []
        for noun in titles:  # before the name, its words up to the name; after it, the whole phrase
            out += [t for t in noun.subtree if t.i < ent.start or noun is not root.head]
        return out

    def _read_descriptions(self, sent: Span, nouns: list[int] | None = None) -> None:
        """'the French and British leaders', 'the US president': who the article means. ``nouns``: the
        Doc's NOUN tokens (:func:`noun_indices`), the only ones :func:`description_countries` reads."""
        doc = sent.doc
        if nouns is not None:
            nouns = nouns[bisect.bisect_left(nouns, sent.start) : bisect.bisect_left(nouns, sent.end)]
        for tok in sent if nouns is None else (doc[i] for i in nouns):
            countries = description_countries(tok)
            if not countries:
                continue
            role = _role([tok])
            people = []
            for country in countries:
                holder = self.holder(country, role)
                if holder is None:
                    holder = self._untitled_before(sent, tok)
                    if holder is not None:
                        self.cast[holder] = (country, role)
                if holder is not None and holder not in people:
                    people.append(holder)
            if people:
                self.described[tok.i] = people

    def _untitled_before(self, sent: Span, tok: Token) -> str | None:
        for ent in reversed([e for e in sentence_entities(sent) if e.label_ == "PERSON" and e.end <= tok.i]):
            name = self.canonical(ent)
            if self.cast.get(name, (None, None)) == (None, None):
                return name
        return None

    def holder(self, country: str, role: str | None) -> str | None:
        """The one person of the article from ``country`` holding ``role`` (any head role for 'leader')."""
        found = [
            name
            for name, (c, r) in self.cast.items()
            if c == country and r is not None and (r == role or (role == "leader" and _is_head(r)))
        ]
        return found[0] if len(found) == 1 else None

    def seat_holder(self, place: str) -> str | None:
        seat = words("seats.tsv").get(place.lower())
        if not seat:
            return None
        country, _, role = seat.partition("\t")
        return self.holder(country, role.strip())

    def country_of_capital(self, name: str) -> str | None:
        return words("capitals.tsv").get(name.lower())


def _is_place(ent: Span) -> bool:
    """A location introduced by a locative preposition ("in Kyiv", "to the White House"), or the object of a
    verb of visiting or travel ("visited Paris")."""
    head, dep = ent.root.head, ent.root.dep_
    if ent.label_ not in PLACE_LABELS:
        return False
    named = [t for t in ent if t.lower_ != "the"]
    # "the Sistine Chapel", "Lancaster House" read as an organisation: a name, then what the building is
    building = len(named) >= 2 and ent[-1].lower_ in words("facility_nouns.tsv")
    if ent.label_ == "ORG" and _coordinated_with_a_place(ent):
        return True  # "officials in Glendale and Burbank": what is joined to a place by "and" is a place
    if ent.label_ == "ORG" and ent.text.lower().removeprefix("the ") not in words("seats.tsv") and not building:
        return False
    return (dep == "pobj" and head.lower_ in PLACE_PREPS) or (
        dep == "dobj" and head.lemma_.lower() in words("place_verbs.tsv")
    )


def _coordinated_with_a_place(ent: Span) -> bool:
    """Whether a one-word organisation is joined by "and"/"or" to a town or country after a locative
    preposition ("officials in Glendale and Burbank"): coordination joins like with like ("fined Apple and
    Ireland" stays a party)."""
    root = ent.root
    if len(ent) != 1:
        return False
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return any(t.ent_type_ in ("GPE", "LOC") and t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS for t in linked)


def _place_of_a_thing(ent: Span) -> bool:
    """A place name modifying a noun of a thing that is no subject ("close its Glendale studio", "citing
    uncertainty over U.S. tariffs", "the terminal of the Navi Mumbai airport"): it tells which thing; the
    place takes no part in the event. A subject ("the U.S. military struck") and an event noun ("U.S.-China
    talks", "the EU summit") keep their places as parties."""
    root = ent.root
    head = root.head
    return (
        root.dep_ in ("compound", "nmod")
        and head.pos_ == "NOUN"
        and head.dep_ not in ("nsubj", "nsubjpass")
        and not is_event_noun(head)
    )


def participants(
    indices: set[int], doc: Doc, names: NameResolver, prefer_wide_place: bool = False
) -> tuple[list[str], str | None, list[str]]:
    """Actors and place named in the tokens ``indices``; also every place seen (widest first if asked)."""
    actors: list[str] = []
    places: list[tuple[str, str]] = []
    near = entities_overlapping(doc, min(indices), max(indices) + 1) if indices else ()
    for ent in near:
        if ent.label_ not in ACTOR_LABELS | PLACE_LABELS or indices.isdisjoint(range(ent.start, ent.end)):
            continue
        if all(t.i in names.title_tokens for t in ent):
            continue  # "UK" in "UK Prime Minister Sir Keir Starmer" is a title, not a party
        if is_time_or_unit(ent):
            continue  # "UTC", "0800 GMT": NER's names that are times or units
        name = names.canonical(ent)
        if not name or (ent.label_ != "GPE" and is_agency(name)):
            continue  # "told Reuters": who reports the news is no party to it ("PA" may be Pennsylvania)
        if _is_place(ent):
            places.append((name, ent.label_))
            continue
        if ent.label_ == "GPE" and _place_of_a_thing(ent):
            continue  # "its Glendale studio", "U.S. tariffs": a place that says which thing, not a party
        if ent.label_ == "GPE" and (country := names.country_of_capital(name)) is not None:
            name = country
        if ent.label_ in ACTOR_LABELS and ent.label_ != "NORP" and name not in actors:
            actors.append(name)
    for i in sorted(indices):
        for person in names.described.get(i, []):
            if person not in actors:
                actors.append(person)
        referred = names.referred.get(i)
        if referred is not None and referred not in actors:
            actors.append(referred)
    places += _unrecognised_capitals(indices, doc, near, {p for p, _ in places})
    if prefer_wide_place:
        places.sort(key=lambda p: p[1] not in ("GPE", "LOC"))
    place = places[0][0] if places else None
    actors = [a for a in actors if a != place]
    return actors, place, [p for p, _ in places]


def _unrecognised_capitals(
    indices: set[int], doc: Doc, near: tuple[Span, ...], seen: set[str]
) -> list[tuple[str, str]]:
    """Capitals (``capitals.tsv``) the entity recogniser missed, after a locative preposition ("will travel
    to Kyiv" with "Kyiv" tagged as no entity): the place, as a recognised one would be."""
    inside = {i for ent in near for i in range(ent.start, ent.end)}
    found: list[tuple[str, str]] = []
    for i in sorted(indices):
        tok = doc[i]
        if i in inside or tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS:
            continue
        if tok.lower_ in words("capitals.tsv") and tok.text not in seen:
            found.append((tok.text, "GPE"))
    return found


def hosts(trigger: Token, place: str | None, names: NameResolver) -> list[str]:
    """A visit or meeting at the seat of an office involves that office's holder."""
    if place is None or words("event_nouns.tsv").get(trigger.lemma_.lower()) != "meeting":
        return []
    holder = names.seat_holder(place)
    return [holder] if holder else []


def introduces_a_titled_person(doc: Doc) -> bool:
    """Whether a part names a person with a title before the name ("French President Emmanuel Macron").

    Such a part needs its syntax even without a time expression: this stage reads from it who holds which
    role, to resolve "the French leader" or "the president" where the events are.
    """
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start > 0:
            before = doc[ent.start - 1]
            if before.is_alpha and before.text[:1].isupper() and not before.is_sent_start:
                return True
    return False
