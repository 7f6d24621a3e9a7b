"""Which sentences parsed for nothing else this stage reads the named entities of.

Reads: the pieces of one article that were parsed in full (those with a time expression or a relation
word: where events are read), as ``(piece index, Doc)``, and the others, tokenised only. Writes: for each
other piece, whether the entity recogniser must run on it (:meth:`EntityNeeds.wants`) and whether it may
introduce a titled person whose syntax the cast needs (:meth:`EntityNeeds.may_introduce_a_title`).

Events are read from the parsed pieces only; an entity elsewhere changes them only through the
article-wide facts of :class:`~timeline.events.actors.NameResolver`, so a piece needs its entities when it
may hold one of these (each test is on its words, and errs towards running the recogniser):

- a **full name** for a short name or an acronym used in a parsed piece ("Macron" → "Emmanuel Macron",
  "IMF" → "International Monetary Fund"): a piece with the short name after a word that may be part of
  a name (capitalised, a hyphen, a lower-case word that is no stop word: "Osama bin Laden"), or whose
  capitalised words' initials hold the acronym;
- an **earlier mention** of a name used in a parsed piece (a name's kind comes from its first mention):
  a piece before that mention with the name's last word, its acronym or one of its aliases; for a
  capital that stands for its country ("Moscow denied" → Russia), a piece naming the country before a
  parsed piece does, or anywhere when none does;
- the **organisations and products named before a definite description** ("the company", read from the
  only one named so far): every piece before the last parsed one with such a description;
- a **titled person** ("French President Emmanuel Macron"), read only when a parsed piece asks who holds
  a role ("the French leader", a meeting at the White House), and the piece just before a parsed piece
  with "the company" (its subject may be what that refers to): candidates for the full parse, kept when
  their entities show the title (:func:`timeline.events.actors.introduces_a_titled_person`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import resources
from .actors import GENERAL_DESCRIPTIONS, description_countries, role_words
from .entities import KINDS, acronym
from .syntax import noun_indices, words


@cache
def _aliases_of() -> dict[str, frozenset[str]]:
    """Canonical name → the last words (lower case) of its aliases ("United States" → us, u.s., america...)."""
    out: dict[str, set[str]] = {}
    for key, value in resources.table("events/aliases.tsv").items():
        out.setdefault(value, set()).add(key.split()[-1])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _country_words() -> frozenset[str]:
    """What a title's word may name a country by (``actors._country``): demonyms, codes, aliases, names."""
    demonyms = words("demonyms.tsv")
    found = set(demonyms) | set(resources.table("events/aliases.tsv")) | {c.lower() for c in demonyms.values()}
    return frozenset(found)


@cache
def _references() -> frozenset[str]:
    return frozenset(k for k, v in words("entity_descriptions.tsv").items() if v in ("organisation", "product"))


def _name(ent: Span) -> list[str]:
    """The words of a name as ``NameResolver.clean`` reads them (no possessive, no leading article)."""
    name = [t.text for t in ent if t.text not in ("’s", "'s")]
    while name and name[0].lower() in ("the", "a", "an"):
        name = name[1:]
    return name


def _plain(word: str) -> str:
    return word.lower().replace("’s", "").replace("'s", "")


class EntityNeeds:
    """What the parsed pieces of one article need from the entities of the others (module docstring)."""

    def __init__(self, parsed: Iterable[tuple[int, Doc]]):
        self.short: set[str] = set()  # single-word person or organisation names (lower case)
        self.acronyms: set[str] = set()  # the same, upper case, as acronyms of a longer name
        self.first: dict[str, int] = {}  # a name's key word (lower case) → the first parsed piece naming it
        self.countries: set[str] = set()  # key words of the countries that capitals stand for ("Moscow": Russia)
        self.described_until = -1  # the last parsed piece with a definite description ("the company")
        self.subject_before: set[int] = set()  # pieces whose subject "the company" in the next may refer to
        self.cast = False  # whether a parsed piece asks who holds a role
        for index, doc in parsed:
            self.add(index, doc)

    def add(self, index: int, doc: Doc, dated: bool = True) -> None:
        """Read a parsed piece (``dated``: one where events are read, not one parsed for its title)."""
        capitals = words("capitals.tsv")
        seats = words("seats.tsv")
        aliases = resources.table("events/aliases.tsv")
        for ent in doc.ents:
            if ent.label_ not in KINDS:
                continue
            name = _name(ent)
            if not name:
                continue
            text = " ".join(name)
            keys = {name[-1].lower()} | _aliases_of().get(text, frozenset())
            if short := acronym(text):
                keys.add(short.lower())
            if (alias := aliases.get(text.lower())) is not None:
                keys |= {alias.split()[-1].lower()} | _aliases_of().get(alias, frozenset())
            for key in keys:
                self.first.setdefault(key, index)
            self._short(ent, name)
            country = capitals.get((alias or text).lower())
            if country is not None:
                self.countries |= {country.split()[-1].lower()} | _aliases_of().get(country, frozenset())
            if dated and (text.lower() in seats or (alias or "").lower() in seats):
                self.cast = True
        if not dated:
            return
        for tok in (doc[i] for i in noun_indices(doc)):  # both tests below read common nouns only
            lemma = tok.lemma_.lower()
            if lemma in _references() and tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.i > 0:
                if doc[tok.i - 1].lower_ == "the":
                    self.described_until = index
                    if lemma in GENERAL_DESCRIPTIONS:
                        self.subject_before.add(index - 1)
            if not self.cast and description_countries(tok):
                self.cast = True

    def recognised(self, index: int, doc: Doc) -> None:
        """A piece whose entities were recognised: a definite description may refer to the names in it when
        it comes before one, and those names' full names may be anywhere."""
        if index >= self.described_until:
            return
        for ent in doc.ents:
            self._short(ent, _name(ent))

    def _short(self, ent: Span, name: list[str]) -> None:
        """A one-word person or organisation: its full name or the name it abbreviates may be anywhere."""
        if len(name) == 1 and ent.label_ in ("PERSON", "ORG"):
            self.short.add(name[0].lower())
            if len(name[0]) >= 3:
                self.acronyms.add(name[0].upper())

    def may_introduce_a_title(self, index: int, doc: Doc) -> bool:
        """Whether a piece (tokenised only) may name a person with a title that a parsed piece needs."""
        if index not in self.subject_before:
            if not self.cast:
                return False
            roles, countries = role_words(), _country_words()
            if not any(_plain(t.text) in countries or t.lower_.removesuffix("s") in roles for t in doc):
                return False
        return any(t.is_alpha and t.text[:1].isupper() for t in doc[1:-1])

    def wants(self, index: int, doc: Doc) -> bool:
        """Whether the entities of a piece (tokenised only) may change what is read from the parsed ones."""
        if index < self.described_until:
            return True
        initials = "".join(t.text[0] for t in doc if t.text[:1].isupper())
        if any(a in initials for a in self.acronyms):
            return True
        for t in doc:
            key = t.lower_
            if key in self.short and t.i > 0 and _in_a_name(doc[t.i - 1]):
                return True
            if self.first.get(key, -1) > index or key in self.countries and key not in self.first:
                return True
        return False


def _in_a_name(before: Token) -> bool:
    """Whether a word may come before the last word of a person's name: a capitalised word, a hyphen, or a
    lower-case word other than a stop word ("Osama bin Laden", "Daniel arap Moi"; not "said Schumer")."""
    return before.text[:1].isupper() or before.text == "-" or before.is_alpha and before.is_lower and not before.is_stop
