"""Grammar shared by the stages: the past-tense test and the verb a word hangs on."""

from __future__ import annotations

import pytest

from timeline.grammar import past_tense, tensed_verb, verb_of

# (sentence, verb, past without perfects, past with perfects)
TENSES = [
    ("The minister planned a visit.", "planned", True, True),
    ("The minister has scheduled a news conference.", "scheduled", False, True),
    ("The vote was held on Monday.", "held", True, True),
    ("Starmer is set to follow on Thursday.", "set", False, False),
    ("Products introduced in April sold well.", "introduced", True, True),
    ("The minister will visit Paris.", "visit", False, False),
]


@pytest.mark.parametrize(("text", "word", "simple", "with_perfect"), TENSES)
def test_past_tense(nlp, text, word, simple, with_perfect):
    verb = next(t for t in nlp(text) if t.text == word)
    assert past_tense(verb) is simple
    assert past_tense(verb, perfect=True) is with_perfect


def test_verb_of_finds_the_verb_at_or_above_a_word(nlp):
    doc = nlp("Macron visited the White House on Monday.")
    monday = next(t for t in doc if t.text == "Monday")
    visited = next(t for t in doc if t.text == "visited")
    assert verb_of(monday) == visited
    assert verb_of(visited) == visited
    assert verb_of(visited, above=True) == visited  # the root has nothing above it


@pytest.mark.parametrize(
    ("text", "word", "tensed"),
    [
        ("Israel will begin withdrawing troops on Friday.", "withdrawing", "begin"),
        ("Prices kept rising on Friday.", "rising", "kept"),
        ("The minister will visit Paris.", "visit", "visit"),
        ("Shares rose on Friday.", "rose", "rose"),
    ],
)
def test_tensed_verb_climbs_from_a_gerund_to_the_verb_it_completes(nlp, text, word, tensed):
    verb = next(t for t in nlp(text) if t.text == word)
    assert tensed_verb(verb).text == tensed
