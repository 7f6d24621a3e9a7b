"""Matches that the parse shows are no time expression, or a different kind of one.

Reads: a parsed spaCy ``Doc`` and a :class:`~timeline.temporal.extract.Candidate`. Writes: booleans
(:func:`not_a_time`) or a re-typed candidate (:func:`as_rate`): a frequency adjective before a noun ("its
quarterly dividend"), a fraction ("three-quarters of its food"), a quoted title (ABC's "This Week", "60 Minutes") are
dropped, and so are a period of a game ("scored in the second half") and a count that looks like a year
("some 1500 people"); a unit after a quantity ("$2 million a
year") is a rate, a SET.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ..grammar import doc_text
from .extract import Candidate
from .forms import DateForm, DurationForm, HalfForm, HolidayForm, NthForm, QuarterForm, SetForm, YearForm
from .lexicon import table

RATE_RE = re.compile(r"(?:an?|one)\s+(?:day|week|month|year|quarter|hour)", re.IGNORECASE)
FRACTION_RE = re.compile(r"\s+of\b", re.IGNORECASE)
FRACTION_WORDS_RE = re.compile(r"-quarters?$|\b(?:an?|one)\s+quarter$", re.IGNORECASE)


def not_a_time(doc: Doc, cand: Candidate) -> bool:
    return (
        (isinstance(cand.spec, SetForm) and _attributive(doc, cand))
        or _fraction(doc, cand)
        or _title(doc, cand)
        or _game_period(doc, cand)
        or _count(doc, cand)
        or _identifier(doc, cand)
        or _work_title(doc, cand)
    )


def _word_before(doc: Doc, cand: Candidate) -> str:
    """The word right before the candidate, lower-cased ("" at the start of the text)."""
    before = doc_text(doc)[max(0, cand.start - 20) : cand.start]
    words = before.split()
    return words[-1].lower() if words and before[-1:].isspace() else ""


def _identifier(doc: Doc, cand: Candidate) -> bool:
    """A four-digit number right after a word of ``identifier_nouns.tsv`` is no year: "Flight 1549", "Room
    1904", "Route 2020" (but "the class of 2020", "since 2019")."""
    if not isinstance(cand.spec, YearForm) or not cand.text.isdigit():
        return False
    return _word_before(doc, cand) in table("identifier_nouns.tsv")


def _work_title(doc: Doc, cand: Candidate) -> bool:
    """A holiday's name or a year right after a word of ``title_nouns.tsv`` is a title: "the film Independence
    Day", "the album 1989" (a weekday stays a day: "the show Tuesday drew crowds")."""
    titled = isinstance(cand.spec, HolidayForm) or (isinstance(cand.spec, YearForm) and cand.text.isdigit())
    named = cand.text[:1].isupper() or cand.text[:1].isdigit()
    return titled and named and _word_before(doc, cand) in table("title_nouns.tsv")


def _count(doc: Doc, cand: Candidate) -> bool:
    """A four-digit number after a word of ``count_words.tsv`` and before the plural noun it counts is no year:
    "some 1500 people", "nearly 2000 homes" (but "the 2016 elections", "2015 sales", "in 2015 points ..."); nor
    is one after a verb and before a noun of ``counted_nouns.tsv`` ("cut 2000 jobs", "scored 2015 points")."""
    if not isinstance(cand.spec, YearForm) or not cand.text.isdigit():
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) != 1 or span.start == 0 or span.end >= len(doc):
        return False
    number, noun, before = span[0], doc[span.end], doc[span.start - 1]
    counted = number.dep_ == "nummod" and number.head.i == noun.i and noun.tag_ in ("NNS", "NNPS")
    if not counted:
        return False
    # after a word of approximation ("some 1500 people"), or after a verb before a noun that counts ("employs
    # 1900 workers", "scored 2015 points"; "beat 2019 levels" stays a year)
    return before.lower_ in table("count_words.tsv") or (
        before.tag_.startswith("VB") and noun.lower_ in table("counted_nouns.tsv")
    )


def _game_period(doc: Doc, cand: Candidate) -> bool:
    """ "The second half", "the third quarter", "week 10" without a year, "on the 15th" are periods of a game
    or a season (or a hole) in a sentence about one ("scored in the second half"): a word of
    ``game_words.tsv`` in the sentence."""
    spec = cand.spec
    bare = (
        (isinstance(spec, (HalfForm, QuarterForm)) and spec.year is None and spec.year_shift is None)
        or (isinstance(spec, NthForm) and spec.base is None)
        or (isinstance(spec, DateForm) and spec.month is None and spec.weekday is None)  # "on the 15th": a hole
    )
    if not bare:
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    words = table("game_words.tsv")
    return any(t.lower_ in words for t in span.sent)


def as_rate(doc: Doc, cand: Candidate) -> Candidate:
    """A unit after a quantity is a rate, a SET: "$2 million a year", "hundreds of interviews a day"."""
    if not isinstance(cand.spec, DurationForm) or not RATE_RE.fullmatch(cand.text):
        return cand
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or span.start == 0 or doc[span.start - 1].pos_ not in ("NUM", "NOUN", "PROPN", "SYM"):
        return cand
    return replace(cand, type="SET", spec=SetForm(every=cand.spec.unit))


def _attributive(doc: Doc, cand: Candidate) -> bool:
    """A frequency word used as an adjective before a noun ("its quarterly dividend") is no time expression."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].dep_ == "amod" and span[0].head.i > span[0].i


def _title(doc: Doc, cand: Candidate) -> bool:
    """A quoted title in capitals is a name, not a time: ABC's "This Week", "Next Year in Jerusalem"."""
    words = cand.text.split()
    quoted = doc_text(doc)[max(0, cand.start - 1) : cand.start] in ('"', "“", "'", "‘")
    # a number may open the title (CBS's "60 Minutes"), but a name needs one capitalised word
    capitalised = all(w[:1].isupper() or w[:1].isdigit() for w in words) and any(w[:1].isupper() for w in words)
    return quoted and len(words) > 1 and capitalised


def _fraction(doc: Doc, cand: Candidate) -> bool:
    """A fraction is no duration: "three-quarters of its food", "more than a quarter of the market" (but
    "several quarters of losses" is one)."""
    if not isinstance(cand.spec, DurationForm) or cand.spec.unit != "quarter":
        return False
    return bool(FRACTION_RE.match(doc_text(doc), cand.end)) and bool(FRACTION_WORDS_RE.search(cand.text))
