"""The rule prefilter: a rule tried only near its trigger words finds exactly what a full scan finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.temporal import prefilter as tp
from timeline.temporal.lexicon import rules
from timeline.temporal.prefilter import RUN, Scan, parse, trigger

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = " ".join(ex.sentence for rule in rules() for ex in rule.examples)
SEED = (ROOT / "seeds" / "macron-trump-ukraine.txt").read_text(encoding="utf-8")
SAMPLES = "\n\n".join(
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "samples").iterdir()) if p.is_file()
)

TEXTS = {
    "examples": EXAMPLES,
    "examples upper-cased": EXAMPLES.upper(),
    "examples one per line": EXAMPLES.replace(". ", ".\n"),
    "examples, spaces doubled": EXAMPLES.replace(" ", "  "),
    "examples, words on lines": EXAMPLES.replace(" ", "\n"),
    "seed article": SEED,
    "sample feeds and pages": SAMPLES,
    "dates cut across": "It ended March\n\n24, 2022 and began Feb.   3 1999; 10 -  12 March; 4\tp.m.  Friday.",
    "a long run of spaces": "Talks resumed on Feb." + " " * (RUN + 5) + "20, 2024, three" + " " * 40 + "years ago.",
    "a case twin": "The ſummit opened on \u212aing Day, Friday, \u0130n Sept. 3.",
    "runs of each length": " ".join(
        f"On March{' ' * n}3,{' ' * n}2024 at {'1' * n}:30 p.m., {n}{' -' * n} 12 days{' ' * n}ago."
        for n in range(1, 19)
    ),
}


def full_scan(text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in rule.regex.finditer(text)] for rule in rules()]


def prefiltered(text: str) -> list[list[tuple[int, int]]]:
    scan = Scan(text)
    return [[m.span() for m in scan.finditer(rule.regex, rule.trigger)] for rule in rules()]


@pytest.mark.parametrize("name", list(TEXTS))
def test_same_matches_as_a_full_scan(name):
    text = TEXTS[name]
    expected = full_scan(text)
    assert any(expected), "the text should hold time expressions"
    assert prefiltered(text) == expected


def eval_sample() -> list[str]:
    """Every 25th text of the evaluation corpora (``bench/finder.py --check`` compares them all with a dump
    made before a change)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from finder import texts

    return [text for _, text in texts()[::25]]


def test_same_matches_as_a_full_scan_on_evaluation_texts():
    sample = eval_sample()
    assert len(sample) > 50
    for text in sample:
        assert prefiltered(text) == full_scan(text), text[:200]


SPACES = next(r.trigger for r in rules() if r.trigger and len(r.trigger.classes) == 1 and r.trigger.before > RUN)


def test_bounds_follow_the_longest_runs_of_the_text():
    (members,) = SPACES.classes
    short, long_ = Scan("a b  c"), Scan("a" + " " * (RUN + 1) + "b")
    narrowed = short.bounded(SPACES)
    assert narrowed is not None and narrowed.before < SPACES.before and narrowed.reach < SPACES.reach
    assert short.runs[members] in (1, 2)  # rounded up: shared between texts
    assert Scan("x  y z").bounded(SPACES) is narrowed
    assert long_.bounded(SPACES) is None  # a longer run than RUN: scanned in full


def test_unsafe_texts_are_scanned_in_full():
    assert Scan(TEXTS["a long run of spaces"]).bounded(SPACES) is None
    assert Scan(TEXTS["a case twin"]).lower is None
    assert Scan(TEXTS["examples"]).lower is not None


def test_every_rule_has_a_trigger():
    assert [r.name for r in rules() if r.trigger is None] == []


@pytest.mark.parametrize(
    ("pattern", "words", "before", "after"),
    [
        (r"(?:a|an)\s+(?P<unit>week|year)", ("week", "year"), 2 + RUN, 0),
        (r"(?:last|next)\s+(?P<unit>week|year)", ("last", "next"), 0, 0),  # as long: the nearer words
        (r"(?<=\bin\s)(?P<num>\d+)\s+days", ("days",), 2 * RUN, 0),  # \d+ and \s+: RUN each
        (r"(?<=(?:march|may)\s+)(?P<day>\d\d)", ("march", "may"), 0, 5 + RUN),  # read on through the alternation
        (r"(?P<y>\d{1,4})\s*(?-i:B\.C\.|BC)", ("b.c.", "bc"), 4 + RUN, 0),  # not every "b"
        (r"(?P<h>\d{1,2})\s*a\.?m\.?", ("a.m", "a.m.", "am", "am."), 2 + RUN, 0),  # optional characters: both ways
        (r"(?P<day>\d\d)(?=\s+march)", ("march",), 2 + RUN, 0),
        (r"(?P<year>(?:1[89]|20)\d\d)", ("18", "19", "20"), 0, 0),  # characters and small classes: words
        (r"(?<=\bon\s)the\s+day", ("day",), 3 + RUN, 0),  # "the" only if nothing else will do
    ],
)
def test_trigger_bounds(pattern, words, before, after):
    found = trigger(pattern)
    assert found is not None
    assert (found.words, found.before, found.after) == (words, before, after)


@pytest.mark.parametrize(
    "pattern", [r"\d+\s+\w+", r"(?:ago)?\s*\w+", r"(?P<x>.+)\s+years", r"[[:alpha:]]day", r"\p{Lu}day"]
)
def test_no_trigger_without_a_bound(pattern):
    assert trigger(pattern) is None


def test_no_private_standard_library_module_is_used():
    source = (ROOT / "src" / "timeline" / "temporal" / "prefilter.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(?:import|from)\s+(?:re\._|re\s+import\s+_|sre_)", source, re.MULTILINE)


def lit(text: str) -> list[tuple[str, int]]:
    return [(tp.LITERAL, ord(c)) for c in text]


DIGITS = [(tp.IN, [(tp.CATEGORY, "digit")])]


@pytest.mark.parametrize(
    ("pattern", "tree"),
    [
        ("ab", lit("ab")),
        ("(?:x|y|[ab])z", [(tp.IN, lit("xyab")), *lit("z")]),  # one character each: a class
        ("(?:xa)z", lit("xaz")),  # a plain group is its items
        ("ma(?:rch|y)", [*lit("ma"), (tp.BRANCH, (None, [lit("rch"), lit("y")]))]),
        ("(?:march|may)", [*lit("ma"), (tp.BRANCH, (None, [lit("rch"), lit("y")]))]),  # the common prefix moves out
        (r"[^x]\d{2,}?", [(tp.NOT_LITERAL, 120), (tp.MIN_REPEAT, (2, tp.MAXREPEAT, DIGITS))]),
        (r"(?<!\w)\b", [(tp.ASSERT_NOT, (-1, [(tp.IN, [(tp.CATEGORY, "word")])])), (tp.AT, "boundary")]),
        ("[a-c-]", [(tp.IN, [(tp.RANGE, (97, 99)), (tp.LITERAL, 45)])]),
    ],
)
def test_the_syntax_tree(pattern, tree):
    assert parse(pattern) == tree


@pytest.mark.parametrize("pattern", [r"(?P<a>x)(?P=a)", r"(x)\1", r"\p{L}", r"(?>x)", r"x++", "(x", "x)", "[ab"])
def test_syntax_it_does_not_read_is_refused(pattern):
    with pytest.raises(ValueError):
        parse(pattern)
    assert trigger(pattern + "day") is None


def test_remembered_bounds_are_those_worked_out_afresh():
    """The widths and words of subtrees are remembered by subtree and the runs of its own classes: the
    bounds of each combination of runs are the same whichever combinations were worked out before."""
    import itertools

    for rule in rules():
        trig = rule.trigger
        assert trig is not None
        combos = list(itertools.product(tp._BUCKETS, repeat=len(trig.classes)))[:6]
        remembered = [tp._bounds(tp._tree(trig.pattern), dict(zip(trig.classes, c, strict=True))) for c in combos]
        for combo, found in zip(reversed(combos), reversed(remembered), strict=True):
            tp._WIDTHS.clear()
            tp._REQUIRED.clear()
            assert tp._bounds(parse(trig.pattern), dict(zip(trig.classes, combo, strict=True))) == found, rule.name
