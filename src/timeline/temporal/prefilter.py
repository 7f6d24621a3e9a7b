"""Run a rule only near the words it cannot match without: the same matches as a full scan, found sooner.

Reads: a rule's compiled pattern and a text. Writes: the rule's matches in the text, exactly those of
``rule.regex.finditer(text)``. Scanning the whole text once per rule (46 of them) was a tenth of the
pipeline's time, while most rules match in few paragraphs.

From the pattern's syntax tree, :func:`trigger` works out a :class:`Trigger`: a set of words (literal
strings) one of which every match holds or reads in a look-around, how far before (``before``) or after
(``after``) such a word the match can start, and how far (``reach``) an attempt to match at one position
can read ahead. A rule then needs trying only at the positions within those bounds of an occurrence of
one of its words, and each such stretch is searched with the text cut ``reach`` characters after it, so
every attempt there reads what it would read in the whole text. Why that is exact:

- every match starts in one of the stretches, so no match is skipped; an attempt inside a stretch sees
  the same characters as in the whole text, so it succeeds or fails alike; search order and the end of
  the last match carry over as in ``finditer``; look-behinds see the text before the stretch;
- the bounds hold only if each unbounded repeat (``\\s+``, ``\\d+``, ``[-\\s]+``) matches at most
  :data:`RUN` characters, so a text with a longer run of spaces, digits or hyphens is scanned in full;
- the words are matched in the lower-cased text. That finds every case-insensitive occurrence of an
  ASCII word unless the text holds a non-ASCII letter that matches an ASCII one when case is ignored
  (``İ ſ K``, and ``ı`` to be safe): such a text is scanned in full too.

A rule whose pattern gives no such bound (no required word, or an unbounded repeat of anything else)
is always scanned in full.
"""

from __future__ import annotations

import re._parser as sre_parse  # the standard library's regex parser: the syntax tree of a pattern
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]  # typeshed does not describe re._constants
from typing import Any

import regex

MAX_WORDS = 16  # the most words a run of characters and classes may stand for
_COMMONEST = frozenset(["the", "of", "and", "to", "in", "a"])  # words to trigger on only if nothing else will do
RUN = 16  # the longest run of spaces, digits or hyphens for which the bounds are computed
_LONG_RUN = regex.compile(rf"[\s\d-]{{{RUN + 1}}}")
_CASE_TWINS = regex.compile("[\u0130\u0131\u017f\u212a]")  # non-ASCII letters that match ASCII ones, case ignored
_RUN_CLASSES = {sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT}
_ONE_CHAR = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_HYPHEN = ord("-")


@dataclass(frozen=True)
class Trigger:
    """Every match starts between ``before`` characters before and ``after`` characters after an
    occurrence of one of ``words`` (lower-case ASCII); an attempt at a position reads at most ``reach``
    characters from there."""

    words: tuple[str, ...]
    before: int
    after: int
    reach: int


def trigger(pattern: str) -> Trigger | None:
    """The trigger of a rule pattern, or ``None`` when the rule must be scanned in full."""
    if "[:" in pattern:  # a POSIX class of the regex module reads as plain characters to the standard parser
        return None
    try:
        tree = sre_parse.parse(pattern, sre.SRE_FLAG_IGNORECASE)
    except Exception:  # syntax of the regex module the standard parser lacks (\p{L}, \m): scan in full
        return None
    found, reach = _required(tree), _width(tree, ahead=True)
    if found is None or reach is None:
        return None
    words, before, after = found
    return Trigger(tuple(sorted(words)), before, after, reach + 2)  # +2: a word boundary reads one more character


def _run_class(item: sre_parse.SubPattern) -> bool:
    """A one-character class of spaces, digits and hyphens: the only thing a bound may repeat freely."""
    if len(item) != 1 or item[0][0] is not sre.IN:
        return False
    return all(
        op is sre.CATEGORY and av in _RUN_CLASSES or op is sre.LITERAL and av == _HYPHEN for op, av in item[0][1]
    )


def _width(tree: sre_parse.SubPattern, ahead: bool = False) -> int | None:
    """The most characters ``tree`` consumes (``ahead``: or reads, look-aheads and boundaries included);
    ``None`` if unbounded."""
    total = 0
    for op, av in tree:
        width: int | None
        if op in _ONE_CHAR:
            width = 1
        elif op is sre.SUBPATTERN:
            width = _width(av[3], ahead)
        elif op is sre.BRANCH:
            widths = [_width(alt, ahead) for alt in av[1]]
            width = None if None in widths else max(w for w in widths if w is not None)
        elif op in _REPEATS:
            if av[1] == sre.MAXREPEAT:
                width = RUN if _run_class(av[2]) else None
            else:
                item = _width(av[2], ahead)
                width = None if item is None else av[1] * item
        elif op in (sre.ASSERT, sre.ASSERT_NOT):  # a look-ahead reads forward; a look-behind only back
            width = _width(av[1], ahead) if ahead and av[0] == 1 else 0
        elif op is sre.AT:
            width = 1 if ahead else 0
        else:
            width = None
        if width is None:
            return None
        total += width
    return total


def _required(tree: sre_parse.SubPattern) -> tuple[frozenset[str], int, int] | None:
    """(words, before, after): every match of ``tree`` holds one of ``words`` (or a look-around of it
    reads one) starting at ``o``, and the match starts between ``o - before`` and ``o + after``; ``None``
    if no such set is known."""
    best: tuple[frozenset[str], int, int] | None = None
    offset: int | None = 0  # the most characters consumed before the current item
    items = list(tree)
    i = 0
    while i < len(items):
        op, av = items[i]
        found: tuple[frozenset[str], int, int] | None = None
        step = 1
        if _chars(items[i]) is not None:  # a run of characters and small classes: words ("1[89]" is 18, 19)
            words = frozenset([""])
            while i + step <= len(items) and (chars := _chars(items[i + step - 1])) is not None:
                longer = frozenset(w + c for w in words for c in chars)
                if len(longer) > MAX_WORDS and step > 1:
                    break
                words, step = longer, step + 1
            step -= 1
            found = words, 0, 0
        elif op is sre.SUBPATTERN:
            found = _required(av[3])
        elif op is sre.BRANCH:
            alternatives = [_required(alt) for alt in av[1]]
            if all(a is not None for a in alternatives):
                found = (
                    frozenset().union(*(a[0] for a in alternatives if a)),
                    max(a[1] for a in alternatives if a),
                    max(a[2] for a in alternatives if a),
                )
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2])
        elif op is sre.ASSERT and av[0] == 1:  # a look-ahead reads its words from here on
            found = _required(av[1])
        elif op is sre.ASSERT:  # a look-behind reads them in the ``width`` characters before here
            inner, width = _required(av[1]), _width(av[1])
            found = None if inner is None or width is None else (inner[0], 0, width)
        if found is not None and offset is not None and all(w.isascii() and w for w in found[0]):
            candidate = found[0], offset + found[1], found[2]
            if best is None or _rank(candidate) > _rank(best):
                best = candidate
        width = _width(sre_parse.SubPattern(tree.state, items[i : i + step]))
        offset = None if offset is None or width is None else offset + width
        i += step
    return best


def _chars(item: tuple[Any, Any]) -> frozenset[str] | None:
    """The lower-cased characters one item matches if it is a character or a small class of them."""
    op, av = item
    if op is sre.LITERAL:
        return frozenset(chr(av).lower())
    if op is not sre.IN:
        return None
    out: set[str] = set()
    for member, value in av:
        if member is sre.LITERAL:
            out.add(chr(value).lower())
        elif member is sre.RANGE and value[1] - value[0] < MAX_WORDS:
            out.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(out)


def _rank(found: tuple[frozenset[str], int, int]) -> tuple[bool, int, int, int]:
    """Not one of the commonest words; longer words (they occur less often); fewer; a shorter stretch."""
    words, before, after = found
    return words.isdisjoint(_COMMONEST), min(map(len, words)), -len(words), -before - after


class Scan:
    """One text, scanned rule by rule: the occurrences of trigger words are found once per word."""

    def __init__(self, text: str):
        self.text = text
        lower = text.lower()
        safe = len(lower) == len(text) and not _CASE_TWINS.search(text) and not _LONG_RUN.search(text)
        self.lower = lower if safe else None
        self.found: dict[str, list[int]] = {}
        self.starts: dict[tuple[str, ...], list[int]] = {}

    def finditer(self, pattern: regex.Pattern, trig: Trigger | None) -> Iterator[regex.Match]:
        """The matches of ``pattern`` in the text, as ``pattern.finditer(text)`` gives them."""
        if trig is None or self.lower is None:
            yield from pattern.finditer(self.text)
            return
        at = 0  # where the next match may start: the end of the last one
        for start, last in self._stretches(trig):
            pos = max(start, at)
            while pos <= last:
                match = pattern.search(self.text, pos, last + trig.reach)
                if match is None or match.start() > last:
                    break
                yield match
                at = pos = match.end()

    def _stretches(self, trig: Trigger) -> list[tuple[int, int]]:
        """The ranges of start positions where a match may begin, merged when they are within reach."""
        out: list[list[int]] = []
        for at in self._starts(trig.words):
            first = max(at - trig.before, 0)
            if out and first <= out[-1][1] + trig.reach:
                out[-1][1] = at + trig.after
            else:
                out.append([first, at + trig.after])
        return [(a, b) for a, b in out]

    def _starts(self, words: tuple[str, ...]) -> list[int]:
        """Where the words occur, in order (rules that share a word list share the answer)."""
        found = self.starts.get(words)
        if found is None:
            found = self.starts[words] = sorted(at for word in words for at in self._occurrences(word))
        return found

    def _occurrences(self, word: str) -> list[int]:
        found = self.found.get(word)
        if found is None:
            assert self.lower is not None
            found, at = [], self.lower.find(word)
            while at >= 0:
                found.append(at)
                at = self.lower.find(word, at + 1)
            self.found[word] = found
        return found
