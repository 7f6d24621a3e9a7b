"""Mentions of a named entity within one article: the forms news uses to name a person, organisation or product.

Reads: a parsed ``Doc`` and an entity's name. Writes: :class:`EntityMention` records (token runs and how
each names the entity). The rules, each about how names are written, not about one corpus:

- the **full name**, in any case, in the plural or possessive ("iPods", "Apple Corps'"), or with a common
  noun after it ("iPod players", "the iPhone device": the noun phrase is the mention); a proper noun or a
  number right after it, or a word the NER name goes on with, makes another name ("iPod Nano", "iPod
  nano", "iPhone 3GS" are not "iPod", "iPhone 3G");
- the same words in another order ("3G iPhone" for "iPhone 3G");
- the name with more words inside it ("iTunes Music Store" for "iTunes Store"), never at its end;
- a **short name**: the end of the name, at least two words ("Apple Corps" for "Beatles Apple Corps"),
  or a person's surname alone (capitalised);
- an **acronym**: the initials of the name's capitalised words, three letters or more ("IMF" for
  "International Monetary Fund"), and the reverse; for an organisation, two capitals written as one word
  ("GM" for "General Motors", "BA" for "British Airways");
- the name with its **legal form** or trade after it ("General Motors Corp." for "General Motors", "Ford
  Motor Co." for "Ford"), or without its legal form ("Airbus" for "Airbus SAS": ``corporate_suffixes.tsv``);
- a product's **model** alone, when it is a designation of three characters or more with a digit ("A380"
  for "Airbus A380", "787" for "Boeing 787"; not "4" for "iPhone 4"): news names the maker once;
- an index's **short name**, the words before a number or a word saying what the index is ("Dow Jones",
  "Dow" for "Dow Jones Industrial Average", "Nikkei" for "Nikkei 225": ``index_words.tsv``);
- a **definite description** that refers back ("the company", "the plane", "the store"): ``the`` + a
  noun of the entity's kind (``entity_descriptions.tsv``) or the name's own last noun ("store" for
  "iTunes Store"), after a mention of the entity and with no other name of that kind in between.

The kind of an entity (person, organisation, product, place, index) comes from NER over its mentions
(:func:`entity_kind`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from .syntax import is_event_noun, words

KINDS = {"PERSON": "person", "ORG": "organisation", "PRODUCT": "product", "WORK_OF_ART": "product",
         "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "place"}  # fmt: skip
NAME_POS = {"PROPN", "NUM"}
INDEX_ENDS = ("index", "average")
DEVERBAL = ("tion", "sion", "ment", "ance", "ence", "sal", "val", "ing")


@dataclass(frozen=True)
class EntityMention:
    start: int  # token indices of the noun phrase that names the entity
    end: int
    how: str  # full name, reordered, longer name, short name, surname, acronym, description


def _plain(text: str) -> str:
    text = text.lower()
    for suffix in ("’s", "'s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


def _same_word(text: str, word: str, last: bool) -> bool:
    text = _plain(text)
    return text == word or last and word.isalpha() and text in (word + "s", word + "es")  # "iPods", not "3GS"


@dataclass(frozen=True)
class _Unit:
    """A written word: tokens with no space between them ("3G", which the tokenizer splits into 3 + G)."""

    start: int
    end: int
    text: str
    pos: str  # of its last token


def _units(doc: Doc) -> list[_Unit]:
    units: list[_Unit] = []
    for t in doc:
        before = doc[t.i - 1] if t.i else None
        glued = before is not None and units and not before.whitespace_ and (
            t.text[:1].isalnum() and before.text[-1:].isalnum()
            or t.text == "-" and t.i + 1 < len(doc) and not t.whitespace_ and doc[t.i + 1].text[:1].isupper()
            or before.text == "-" and len(units[-1].text) > 1  # "Rolls-Royce", "Mercedes-Benz": one name
        )
        if glued:
            u = units[-1]
            units[-1] = _Unit(u.start, t.i + 1, u.text + t.text, t.pos_ if t.pos_ != "NOUN" else u.pos)
        else:
            units.append(_Unit(t.i, t.i + 1, t.text, t.pos_))
    return units


def _names(units: list[_Unit], ws: list[str]) -> bool:
    if len(units) != len(ws):
        return False
    return all(_same_word(u.text, w, k == len(ws) - 1) for k, (u, w) in enumerate(zip(units, ws, strict=True)))


def acronym(name: str) -> str:
    """The initials of the capitalised words ("International Monetary Fund" → "IMF"); "" when too short."""
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return initials.upper() if len(initials) >= 3 else ""


@cache
def _descriptions() -> dict[str, str]:
    return words("entity_descriptions.tsv")


@cache
def _suffixes() -> dict[str, str]:
    return words("corporate_suffixes.tsv")


def _short_forms(ws: list[str], kind: str) -> list[tuple[list[str], str]]:
    """The shorter forms news names an entity by, as lower-cased words: the name without its legal form, a
    product's model, an index's leading words (see the module docstring)."""
    forms: list[tuple[list[str], str]] = []
    core = list(ws)
    while len(core) > 1 and _suffixes().get(core[-1], "").startswith("legal"):
        core.pop()
    if len(core) < len(ws):
        forms.append((core, "without legal form"))
    if kind == "product" and len(core) > 1:
        if _model(core[-1]):
            forms.append(([core[-1]], "model"))
    if kind == "index":
        generic = words("index_words.tsv")
        cut = next((k for k, w in enumerate(core) if k and (w in generic or w.isdigit())), len(core))
        lead = core[:cut]
        if 0 < len(lead) < len(core):
            forms.append((lead, "short name"))
        if len(lead) > 1:
            forms.append((lead[:1], "short name"))
    return forms


def entity_kind(docs: Iterable[Doc], name: str) -> str:
    """What the entity is: a stock index by name (``indices.tsv``, or a name ending in Index / Average); else the
    NER label most often on its full-name mentions, as a kind, else an organisation; a maker and a model
    ("Airbus A380") that NER calls an organisation is a product."""
    target = name.lower()
    indices = words("indices.tsv")
    if target in indices or target in {v.lower() for v in indices.values()} or target.split()[-1] in INDEX_ENDS:
        return "index"
    labels: Counter[str] = Counter()
    for doc in docs:
        for ent in doc.ents:
            if _plain(ent.text) == target or ent.text.lower().endswith(" " + target):
                labels[KINDS.get(ent.label_, "")] += 1
    labels.pop("", None)
    kind = labels.most_common(1)[0][0] if labels else "organisation"
    parts = name.split()
    if kind == "organisation" and len(parts) > 1 and parts[0][:1].isupper() and _model(parts[-1]):
        return "product"  # "Airbus A380", "Boeing 787": a maker and a model, which NER often calls the maker
    return kind


def _model(word: str) -> bool:
    """A model designation: three characters or more, with a digit ("A380", "787", "A320neo")."""
    return len(word) >= 3 and any(c.isdigit() for c in word)


def _noun_phrase_end(doc: Doc, end: int) -> int:
    """Extend a name over the common nouns it modifies ("iPod players", "iPhone device")."""
    while end < len(doc) and doc[end].pos_ == "NOUN" and doc[end - 1].dep_ == "compound":
        end += 1
    return end


def _name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of proper nouns and numbers (with possessive markers inside), and NER spans."""
    runs = [(e.start, e.end) for e in doc.ents]
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN":
            j = i
            while j < len(doc) and doc[j].pos_ in NAME_POS:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


class EntityFinder:
    """The mentions of one entity, ``name`` of ``kind``, in documents."""

    def __init__(self, name: str, kind: str):
        self.name, self.kind = name, kind
        self.words = [w.lower() for w in name.split()]
        self.acronym = acronym(name)
        if not self.acronym and kind == "organisation":  # "GM", "BA": two capitals, only for a company
            initials = "".join(w[0] for w in name.split() if w[:1].isupper())
            self.acronym = initials if len(initials) == 2 and len(name.split()) == 2 else ""
        self.forms = _short_forms(self.words, kind)
        core = [w for w in name.split() if not _suffixes().get(w.lower(), "").startswith("legal")]
        self.core_acronym = acronym(" ".join(core)) if len(core) < len(name.split()) else ""
        last = self.words[-1]
        own_noun = last if name.split()[-1].islower() or last in _descriptions() else None
        self.nouns = {n for n, k in _descriptions().items() if k == kind} | ({own_noun} if own_noun else set())

    def _match_at(self, units: list[_Unit], i: int) -> tuple[int, str] | None:
        n, ws = len(self.words), self.words
        window = units[i : i + n]
        if _names(window, ws):
            return i + n, "full name"
        reordered = sorted(_plain(u.text) for u in window) == sorted(ws)
        if n > 1 and len(window) == n and reordered and _plain(window[0].text) != ws[0]:
            return i + n, "reordered"
        if n > 1 and _same_word(units[i].text, ws[0], False):  # "iTunes Music Store": words inside, not after
            k, j = 1, i + 1
            while j < len(units) and j <= i + n + 2 and k < n:
                if _same_word(units[j].text, ws[k], k == n - 1):
                    k += 1
                elif not (units[j].text[:1].isupper() and units[j].pos in NAME_POS):
                    break
                j += 1
            if k == n and j - i > n:
                return j, "longer name"
        for m in range(n - 1, 1, -1) if n > 2 else ():  # "Apple Corps" for "Beatles Apple Corps"
            if _names(units[i : i + m], ws[n - m :]):
                before = units[i - 1] if i else None
                if before is None or _plain(before.text) != ws[n - m - 1] and before.pos != "PROPN":
                    return i + m, "short name"
        if self.acronym and _plain(units[i].text).upper() == self.acronym and units[i].text[:1].isupper():
            if len(self.acronym) > 2 or _plain(units[i].text) == self.acronym.lower() and units[i].text[:2].isupper():
                return i + 1, "acronym"
        if self.core_acronym and units[i].text == self.core_acronym:  # "EADS" for "... and Space Company"
            return i + 1, "acronym"
        for form, how in self.forms:
            if _names(units[i : i + len(form)], form):
                return i + len(form), how
        return None

    def mentions(self, doc: Doc) -> list[EntityMention]:
        found: list[EntityMention] = []
        units = _units(doc)
        i = 0
        while i < len(units):
            match = self._match_at(units, i)
            if match is None:
                i += 1
                continue
            end_unit, how = match
            while end_unit < len(units) and _plain(units[end_unit].text) in _suffixes():
                end_unit += 1  # "General Motors Corp.", "Ford Motor Co.": the legal form and trade are the name's
            end = units[end_unit - 1].end
            nxt = units[end_unit] if end_unit < len(units) else None
            ent = next((e for e in doc.ents if e.start <= end - 1 < e.end), None)
            inside = ent is not None and ent.end > end
            capital = nxt is not None and nxt.text[:1].isupper()  # "iPod Mini", however the tagger reads it
            model = nxt is not None and self._model_word(doc, end)  # "iPod nano", not "iPod players"
            other_name = nxt is not None and (nxt.pos in NAME_POS or inside or capital or model)
            if other_name and nxt is not None and not doc[nxt.start].is_sent_start:
                i = end_unit  # "iPod Nano", "iPhone 3GS": another name
                continue
            found.append(EntityMention(units[i].start, _noun_phrase_end(doc, end), how))
            i = end_unit
        if self.kind == "person":
            surname = self.name.split()[-1]
            covered = {i for m in found for i in range(m.start, m.end)}
            if len(self.words) > 1:
                found += [EntityMention(t.i, t.i + 1, "surname") for t in doc if t.text == surname and t.i not in covered]  # noqa: E501
        found += self._descriptions(doc, found)
        return sorted(found, key=lambda m: m.start)

    @staticmethod
    def _model_word(doc: Doc, at: int) -> bool:
        """A common noun right after a name, singular, that the name modifies and that is neither a class
        of things (``entity_descriptions.tsv``: "iPod players") nor an event ("iPod use", "iPhone launch"):
        a model name written in lower case ("iPod nano", "iPod touch")."""
        noun = doc[at]
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or doc[at - 1].dep_ != "compound":
            return False
        lemma = noun.lemma_.lower()
        return lemma not in _descriptions() and not is_event_noun(noun) and not lemma.endswith(DEVERBAL)

    def _descriptions(self, doc: Doc, named: list[EntityMention]) -> list[EntityMention]:
        """"the company" after a mention of the entity, with no other name of the entity's kind between."""
        if not named or self.kind == "person":
            return []
        ours = {i for m in named for i in range(m.start, m.end)}
        others = sorted(
            s for s, e in _name_runs(doc)
            if not ours & set(range(s, e)) and _run_kind(doc, s, e, self.kind) == self.kind
        )  # fmt: skip
        out = []
        first = min(m.start for m in named)
        for t in doc:
            if t.i <= first or t.i in ours or t.lemma_.lower() not in self.nouns or t.pos_ != "NOUN":
                continue
            det = _determiner(doc, t, self.words[0] if self.kind == "product" and len(self.words) > 1 else "")
            if det is None:
                continue
            last_ours = max((m.start for m in named if m.start < t.i), default=-1)
            if any(last_ours < s < t.i for s in others):
                continue
            out.append(EntityMention(det.i, t.i + 1, "description"))
        return out


CONTRAST = {"other", "another", "rival", "competing", "new", "former", "parent", "joint", "sister", "second"}
MODIFIERS = {"amod", "compound", "nmod", "punct", "advmod", "npadvmod", "hmod", "nummod"}


def _owner(doc: Doc, owner: Token, maker: str) -> Token | None:
    """The first word of a possessive that can stand for "the": a place ("London's", "Britain's") or the
    product's maker ("Boeing's" for "Boeing 787")."""
    ent = next((e for e in doc.ents if e.start <= owner.i < e.end), None)
    place = ent is not None and ent.label_ in ("GPE", "LOC", "NORP")
    if place or maker and owner.lower_ == maker:
        return doc[ent.start] if ent is not None and place else owner
    return None


def _determiner(doc: Doc, noun: Token, maker: str = "") -> Token | None:
    """The "the" of a definite description, right before the noun or before up to five modifiers of it ("the
    carrier", "the French carrier", "the No. 3 U.S. automaker"), or a possessive place or maker in its stead
    (``_owner``); none when a name follows the noun, which then introduces that name ("the French carrier Air
    France")."""
    if noun.i + 1 < len(doc) and doc[noun.i + 1].pos_ == "PROPN":
        return None
    contrast = CONTRAST - {"new"} if maker else CONTRAST  # "the new jet" is the product just named
    if any(c.lower_ in contrast for c in noun.children):  # "the rival carrier", "the parent company"
        return None
    for k in range(noun.i - 1, max(noun.i - 7, -1), -1):
        t = doc[k]
        if t.lower_ == "the":
            return t if t.head.i == noun.i else None
        if t.lower_ in ("'s", "’s") and t.head.head.i == noun.i and (owner := _owner(doc, t.head, maker)):
            return owner  # "London's benchmark index", "Britain's biggest airline", "Boeing's new jet"
        if t.dep_ not in MODIFIERS or not (t.head.i == noun.i or noun.i in {a.i for a in t.ancestors}):
            return None
    return None


def _run_kind(doc: Doc, start: int, end: int, default: str) -> str | None:
    """The kind of a name in the text: a maker and a model ("Airbus A380") is a product, else by its NER label."""
    if end - start > 1 and doc[start].text[:1].isupper() and _model(doc[end - 1].text):
        return "product"
    if end < len(doc) and doc[start].text[:1].isupper() and _model(doc[end].text):
        return "product"  # "Airbus" of "Airbus A380", which NER splits into a maker and a product
    return _kind_of(_label(doc, start, end), default)


def _kind_of(label: str, default: str) -> str | None:
    """A name's kind from its NER label; an unlabelled proper noun may be anything; a date or number is no name."""
    return default if not label else KINDS.get(label)


def _label(doc: Doc, start: int, end: int) -> str:
    for ent in doc.ents:
        if ent.start <= start < ent.end:
            return ent.label_
    return ""
