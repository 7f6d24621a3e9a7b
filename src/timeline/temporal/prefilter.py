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
  so many characters: a text's bounds count, for each such class, the longest run of its characters in
  that text (rounded up to 1, 2, 4, 8 or :data:`RUN`), and a rule whose class runs longer than
  :data:`RUN` characters in a text is scanned in full there (a news text rarely has more than two spaces
  or four digits in a row, so its stretches are a half to a third as wide as with :data:`RUN` each);
- the words are matched in the lower-cased text. That finds every case-insensitive occurrence of an
  ASCII word unless the text holds a non-ASCII letter that matches an ASCII one when case is ignored
  (``İ ſ K``, and ``ı`` to be safe): such a text is scanned in full too.

A rule whose pattern gives no such bound (no required word, or an unbounded repeat of anything else)
is always scanned in full.

The syntax tree comes from :func:`parse`, a reader of the regular-expression syntax the rules use
(groups, look-arounds, classes, repeats, ``\\b \\d \\s \\w`` and their negations, scoped flags), written
here rather than taken from the standard library's private parser. It shapes the tree as that parser
does where the bounds depend on it: a common first item of all the alternatives moves out of the
alternation ("march|may" needs "ma"), alternatives of one character each become a class, a
non-capturing group is its items. Any other syntax (``\\p{L}``, POSIX classes, back references)
gives no tree, and the rule is scanned in full.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

MAX_WORDS = 16  # the most words a run of characters and classes may stand for
_COMMONEST = frozenset(["the", "of", "and", "to", "in", "a"])  # words to trigger on only if nothing else will do
RUN = 16  # the longest run of spaces, digits or hyphens for which the bounds are computed
_BUCKETS = (1, 2, 4, 8, RUN)  # a text's longest run of a class, rounded up to one of these (bounds are shared)
_CASE_TWINS = regex.compile("[\u0130\u0131\u017f\u212a]")  # non-ASCII letters that match ASCII ones, case ignored
_HYPHEN = ord("-")


# ---- the syntax tree of a pattern ----------------------------------------------------------------
# A tree is a list of (op, argument) items: LITERAL code point; NOT_LITERAL code point; IN [(LITERAL,
# code) | (RANGE, (low, high)) | (CATEGORY, name) | (NEGATE, None)]; ANY None; AT name (\b, ^, $ ...);
# SUBPATTERN (group, flags on, flags off, tree); BRANCH (None, [tree, ...]); MAX_REPEAT / MIN_REPEAT
# (min, max, tree), max MAXREPEAT when unbounded; ASSERT / ASSERT_NOT (1 ahead or -1 behind, tree).

LITERAL, NOT_LITERAL, IN, ANY, AT = "literal", "not_literal", "in", "any", "at"
SUBPATTERN, BRANCH, MAX_REPEAT, MIN_REPEAT = "subpattern", "branch", "max_repeat", "min_repeat"
ASSERT, ASSERT_NOT, RANGE, CATEGORY, NEGATE = "assert", "assert_not", "range", "category", "negate"
MAXREPEAT = -1  # the max of an unbounded repeat
SPACE, DIGIT = "space", "digit"
_RUN_CLASSES = {SPACE, DIGIT}
_ONE_CHAR = (LITERAL, NOT_LITERAL, IN, ANY)
_REPEATS = (MAX_REPEAT, MIN_REPEAT)
_CLASS_ESCAPES = {"d": DIGIT, "D": "not_digit", "s": SPACE, "S": "not_space", "w": "word", "W": "not_word"}
_AT_ESCAPES = {"b": "boundary", "B": "non_boundary", "A": "beginning_string", "Z": "end_string"}
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_FLAGS = frozenset("aiLmsux")


class Tree(list[Any]):
    """A sequence of items; two trees are equal only if they are the same one (as the parser compares
    alternatives' first items: a group never counts as a common prefix)."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__  # type: ignore[assignment]  # list sets it to None


class _Unsupported(ValueError):
    """Syntax this reader does not know: the rule is scanned in full."""


def parse(pattern: str) -> Tree:
    """The syntax tree of ``pattern``; :class:`ValueError` for syntax it does not read."""
    reader = _Reader(pattern)
    tree = reader.alternation()
    if reader.at < len(pattern):
        raise _Unsupported(f"unbalanced parenthesis at {reader.at}")
    return tree


class _Reader:
    def __init__(self, pattern: str):
        self.text, self.at = pattern, 0

    def peek(self, n: int = 1) -> str:
        return self.text[self.at : self.at + n]

    def take(self, n: int = 1) -> str:
        out = self.text[self.at : self.at + n]
        if len(out) < n:
            raise _Unsupported("pattern ends too soon")
        self.at += n
        return out

    def alternation(self) -> Tree:
        alternatives = [self.sequence()]
        while self.peek() == "|":
            self.take()
            alternatives.append(self.sequence())
        if len(alternatives) == 1:
            return alternatives[0]
        out = Tree()
        while all(alternatives) and all(a[0] == alternatives[0][0] for a in alternatives[1:]):
            out.append(alternatives[0][0])  # a first item common to every alternative moves out
            for a in alternatives:
                del a[0]
        members: list[tuple[str, Any]] = []
        for a in alternatives:
            if len(a) != 1 or not (a[0][0] == LITERAL or a[0][0] == IN and a[0][1][:1] != [(NEGATE, None)]):
                out.append((BRANCH, (None, alternatives)))
                return out
            members.extend([a[0]] if a[0][0] == LITERAL else a[0][1])
        out.append((IN, list(dict.fromkeys(members))))  # one character each: a class
        return out

    def sequence(self) -> Tree:
        out = Tree()
        while self.peek() and self.peek() not in "|)":
            char = self.take()
            if char in "*+?{":
                if char == "{" and not regex.match(r"\d*(?:,\d*)?\}", self.text[self.at :]):
                    out.append((LITERAL, ord(char)))  # "{" not opening a count is a literal
                    continue
                self.repeat(out, char)
            elif char == "(":
                out.append(self.group())
            elif char == "[":
                out.append(self.char_class())
            elif char == ".":
                out.append((ANY, None))
            elif char in "^$":
                out.append((AT, char))
            elif char == "\\":
                out.append(self.escape())
            else:
                out.append((LITERAL, ord(char)))
        for i in reversed(range(len(out))):  # a non-capturing group without flags is its items
            op, av = out[i]
            if op == SUBPATTERN and av[0] is None and not av[1] and not av[2]:
                out[i : i + 1] = av[3]
        return out

    def repeat(self, out: Tree, char: str) -> None:
        if not out or out[-1][0] in (AT, *_REPEATS):
            raise _Unsupported("nothing to repeat")
        if char == "{":
            counts = self.text[self.at : self.text.index("}", self.at)]
            self.at += len(counts) + 1
            low, _, high = counts.partition(",")
            least = int(low or 0)
            most = least if "," not in counts else int(high) if high else MAXREPEAT
        else:
            least, most = {"*": (0, MAXREPEAT), "+": (1, MAXREPEAT), "?": (0, 1)}[char]
        kind = MAX_REPEAT
        if self.peek() == "?":
            self.take()
            kind = MIN_REPEAT
        elif self.peek() == "+":
            raise _Unsupported("possessive repeat")
        op, av = out[-1]
        item = av[3] if op == SUBPATTERN and av[0] is None and not av[1] and not av[2] else Tree([out[-1]])
        out[-1] = (kind, (least, most, item))

    def group(self) -> tuple[str, Any]:
        name: str | None = None
        on = off = ""
        if self.peek() == "?":
            self.take()
            head = self.peek(2)
            if head[:1] == ":":
                self.take()
            elif head[:1] in "=!" or head in ("<=", "<!"):
                behind = head[:1] == "<"
                kind = ASSERT if self.take(2 if behind else 1)[-1] == "=" else ASSERT_NOT
                tree = self.close()
                return kind, (-1 if behind else 1, tree)
            elif head in ("P<",) or head[:1] == "<":
                self.take(2 if head == "P<" else 1)
                end = self.text.find(">", self.at)
                if end < 0:
                    raise _Unsupported("unterminated group name")
                name, self.at = self.text[self.at : end], end + 1
            else:
                flags = regex.match(r"(?P<on>[aiLmsux]*)(?:-(?P<off>[imsx]+))?:", self.text[self.at :])
                if flags is None or not (flags["on"] or flags["off"]):
                    raise _Unsupported(f"group syntax at {self.at}")
                on, off = flags["on"], flags["off"] or ""
                self.at += flags.end()
        return SUBPATTERN, (name, on, off, self.close())

    def close(self) -> Tree:
        tree = self.alternation()
        if self.take() != ")":
            raise _Unsupported("missing )")
        return tree

    def escape(self, in_class: bool = False) -> tuple[str, Any]:
        char = self.take()
        if char in _CLASS_ESCAPES:
            item = (CATEGORY, _CLASS_ESCAPES[char])
            return item if in_class else (IN, [item])
        if char == "b" and in_class:
            return LITERAL, 8
        if char in _AT_ESCAPES and not in_class:
            return AT, _AT_ESCAPES[char]
        if char in _CHAR_ESCAPES:
            return LITERAL, ord(_CHAR_ESCAPES[char])
        if char.isascii() and char.isalnum():  # \p{L}, \m, \x41, back references ...: not read here
            raise _Unsupported(f"escape \\{char}")
        return LITERAL, ord(char)

    def char_class(self) -> tuple[str, Any]:
        members: list[tuple[str, Any]] = []
        negated = self.peek() == "^"
        if negated:
            self.take()
        first = True
        while first or self.peek() != "]":
            first = False
            char = self.take()
            item = self.escape(in_class=True) if char == "\\" else (LITERAL, ord(char))
            if self.peek() == "-" and self.peek(2) != "-]" and self.peek(2)[1:] not in ("", "]"):
                self.take()
                end = self.take()
                high = self.escape(in_class=True) if end == "\\" else (LITERAL, ord(end))
                if item[0] != LITERAL or high[0] != LITERAL or high[1] < item[1]:
                    raise _Unsupported("bad range")
                item = (RANGE, (item[1], high[1]))
            members.append(item)
        self.take()
        if not negated and len(members) == 1 and members[0][0] == LITERAL:
            return members[0]
        if negated and len(members) == 1 and members[0][0] == LITERAL:
            return NOT_LITERAL, members[0][1]
        return IN, ([(NEGATE, None)] if negated else []) + list(dict.fromkeys(members))


RunClass = frozenset[tuple[str, Any]]  # the members of a class of spaces, digits and hyphens
Runs = tuple[tuple[RunClass, int], ...]  # (class, the most characters a repeat of it matches), sorted


@dataclass(frozen=True, eq=False)  # compared (and hashed) by identity: one per rule and bound, looked up often
class Trigger:
    """Every match starts between ``before`` characters before and ``after`` characters after an
    occurrence of one of ``words`` (lower-case ASCII); an attempt at a position reads at most ``reach``
    characters from there. Those bounds count :data:`RUN` characters for each unbounded repeat of a
    class of ``classes``; :func:`bounded` gives the (narrower) trigger for shorter runs."""

    words: tuple[str, ...]
    before: int
    after: int
    reach: int
    pattern: str = field(default="", repr=False)
    classes: tuple[RunClass, ...] = field(default=(), repr=False)


def trigger(pattern: str) -> Trigger | None:
    """The trigger of a rule pattern, or ``None`` when the rule must be scanned in full."""
    if "[:" in pattern:  # a POSIX class of the regex module reads as plain characters to the standard parser
        return None
    try:
        tree = _tree(pattern)
    except ValueError:  # syntax this reader does not know (\p{L}, \m, back references): scan in full
        return None
    found = _bounds(tree, {})
    if found is None:
        return None
    words, before, after, reach = found
    return Trigger(words, before, after, reach, pattern, tuple(sorted(_classes(tree), key=sorted)))


@cache
def bounded(trig: Trigger, runs: Runs) -> Trigger:
    """``trig`` for a text in which a repeat of each class of ``runs`` matches at most so many characters."""
    found = _bounds(_tree(trig.pattern), dict(runs))
    assert found is not None  # shorter runs never unbound what was bounded
    return Trigger(*found, trig.pattern, trig.classes)


@cache
def _tree(pattern: str) -> Tree:
    return parse(pattern)


def _bounds(tree: Tree, runs: Mapping[RunClass, int]) -> tuple[tuple[str, ...], int, int, int] | None:
    found, reach = _required(tree, runs), _width(tree, ahead=True, runs=runs)
    if found is None or reach is None:
        return None
    words, before, after = found
    return tuple(sorted(words)), before, after, reach + 2  # +2: a word boundary reads one more character


def _run_class(item: Tree) -> RunClass | None:
    """A one-character class of spaces, digits and hyphens (the only thing a bound may repeat freely): its
    members."""
    if len(item) != 1 or item[0][0] != IN:
        return None
    members = frozenset(item[0][1])
    if all(op == CATEGORY and av in _RUN_CLASSES or op == LITERAL and av == _HYPHEN for op, av in members):
        return members
    return None


def _classes(tree: Tree) -> frozenset[RunClass]:
    """The classes of the unbounded repeats of ``tree`` (the bounds count their runs); remembered by tree."""
    known = _CLASS_SETS.get(tree)
    if known is None:
        known = _CLASS_SETS[tree] = frozenset(_classes_of(tree))
    return known


def _classes_of(tree: Tree) -> set[RunClass]:
    out: set[RunClass] = set()
    for op, av in tree:
        if op == SUBPATTERN:
            out |= _classes(av[3])
        elif op == BRANCH:
            for alt in av[1]:
                out |= _classes(alt)
        elif op in _REPEATS:
            runs = _run_class(av[2]) if av[1] == MAXREPEAT else None
            out |= {runs} if runs is not None else _classes(av[2])
        elif op in (ASSERT, ASSERT_NOT):
            out |= _classes(av[1])
    return out


# What :func:`_width` and :func:`_required` found for a subtree, by the subtree (a tree hashes by identity)
# and the bounds of the classes repeated in it (nothing else changes the answer): the bounds of a rule are
# worked out for each combination of its classes' runs that a text has (:func:`bounded`), and most
# subtrees repeat none or one of those classes, so each is measured once instead of once per combination.
_CLASS_SETS: dict[Tree, frozenset[RunClass]] = {}
_CLASSES: dict[Tree, tuple[RunClass, ...]] = {}
_WIDTHS: dict[tuple[Tree, bool, tuple[int, ...]], int | None] = {}
_REQUIRED: dict[tuple[Tree, tuple[int, ...]], tuple[frozenset[str], int, int] | None] = {}


def _signature(tree: Tree, runs: Mapping[RunClass, int]) -> tuple[int, ...]:
    """The bounds ``runs`` gives the classes repeated in ``tree``: all that its width and words depend on."""
    classes = _CLASSES.get(tree)
    if classes is None:
        classes = _CLASSES[tree] = tuple(sorted(_classes(tree), key=sorted))
    return tuple(runs.get(members, RUN) for members in classes)


def _width(tree: Tree, ahead: bool = False, runs: Mapping[RunClass, int] | None = None) -> int | None:
    """:func:`_width_of`, remembered for ``tree`` (a parsed pattern or one of its subtrees)."""
    runs = runs or {}
    key = (tree, ahead, _signature(tree, runs))
    if key not in _WIDTHS:
        _WIDTHS[key] = _width_of(tree, ahead, runs)
    return _WIDTHS[key]


def _width_of(tree: Tree, ahead: bool = False, runs: Mapping[RunClass, int] | None = None) -> int | None:
    """The most characters ``tree`` consumes (``ahead``: or reads, look-aheads and boundaries included),
    an unbounded repeat of a class of spaces, digits and hyphens counting ``runs[class]`` (default
    :data:`RUN`); ``None`` if unbounded."""
    runs = runs or {}
    total = 0
    for op, av in tree:
        width: int | None
        if op in _ONE_CHAR:
            width = 1
        elif op == SUBPATTERN:
            width = _width(av[3], ahead, runs)
        elif op == BRANCH:
            widths = [_width(alt, ahead, runs) for alt in av[1]]
            width = None if None in widths else max(w for w in widths if w is not None)
        elif op in _REPEATS:
            if av[1] == MAXREPEAT:
                members = _run_class(av[2])
                width = None if members is None else runs.get(members, RUN)
            else:
                item = _width(av[2], ahead, runs)
                width = None if item is None else av[1] * item
        elif op in (ASSERT, ASSERT_NOT):  # a look-ahead reads forward; a look-behind only back
            width = _width(av[1], ahead, runs) if ahead and av[0] == 1 else 0
        elif op == AT:
            width = 1 if ahead else 0
        else:
            width = None
        if width is None:
            return None
        total += width
    return total


def _required(tree: Tree, runs: Mapping[RunClass, int] | None = None) -> tuple[frozenset[str], int, int] | None:
    """:func:`_required_of`, remembered for ``tree`` (a subtree of a parsed pattern, as for :func:`_width`)."""
    runs = runs or {}
    key = (tree, _signature(tree, runs))
    if key not in _REQUIRED:
        _REQUIRED[key] = _required_of(tree, runs)
    return _REQUIRED[key]


def _required_of(tree: Tree, runs: Mapping[RunClass, int] | None = None) -> tuple[frozenset[str], int, int] | None:
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
        if _strings(items[i]) is not None:  # a run of characters and small classes: words ("1[89]" is 18, 19)
            words = frozenset([""])
            while i + step <= len(items) and (chars := _strings(items[i + step - 1])) is not None:
                longer = frozenset(w + c for w in words for c in chars)
                if len(longer) > MAX_WORDS and step > 1:
                    break
                words, step = longer, step + 1
            step -= 1
            found = words, 0, 0
        elif op == SUBPATTERN:
            found = _required(av[3], runs)
        elif op == BRANCH:
            alternatives = [_required(alt, runs) for alt in av[1]]
            if all(a is not None for a in alternatives):
                found = (
                    frozenset().union(*(a[0] for a in alternatives if a)),
                    max(a[1] for a in alternatives if a),
                    max(a[2] for a in alternatives if a),
                )
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2], runs)
        elif op == ASSERT and av[0] == 1:  # a look-ahead reads its words from here on
            found = _required(av[1], runs)
        elif op == ASSERT:  # a look-behind reads them in the ``width`` characters before here
            inner, width = _required(av[1], runs), _width(av[1], runs=runs)
            found = None if inner is None or width is None else (inner[0], 0, width)
        if found is not None and offset is not None and all(w.isascii() and w for w in found[0]):
            candidate = found[0], offset + found[1], found[2]
            if best is None or _rank(candidate) > _rank(best):
                best = candidate
        width = _width_of(Tree(items[i : i + step]), runs=runs)  # a passing list: not kept
        offset = None if offset is None or width is None else offset + width
        i += step
    return best


def _strings(item: tuple[Any, Any]) -> frozenset[str] | None:
    """The lower-cased strings one item matches if they are few (:data:`MAX_WORDS`): a character or a small
    class of them, an optional one ("\\.?": "" or "."), or a group or alternation of such runs
    ("B\\.C\\.|BC": "b.c.", "bc"). A run then reads on through them: "B\\.?C" needs "bc" or "b.c",
    not any "b". Remembered by item (the entry keeps the item, so that no other takes its ``id``)."""
    known = _STRINGS.get(id(item))
    if known is None:
        known = _STRINGS[id(item)] = (item, _strings_of(item))
    return known[1]


_STRINGS: dict[int, tuple[tuple[Any, Any], frozenset[str] | None]] = {}


def _strings_of(item: tuple[Any, Any]) -> frozenset[str] | None:
    chars = _chars(item)
    if chars is not None:
        return chars
    op, av = item
    if op == SUBPATTERN:
        return _run_strings(av[3])
    if op == BRANCH:
        found: frozenset[str] = frozenset()
        for alt in av[1] if len(av[1]) <= MAX_WORDS else ():  # more alternatives than words: no answer
            strings = _run_strings(alt)
            if strings is None:
                return None
            found |= strings
            if len(found) > MAX_WORDS:
                return None
        return found or None
    if op in _REPEATS and av[0] == 0 and av[1] == 1:
        inner = _run_strings(av[2])
        return None if inner is None else inner | {""}
    return None


def _run_strings(tree: Tree) -> frozenset[str] | None:
    """The strings a sequence of such items matches (:func:`_strings`), if they are few."""
    words = frozenset([""])
    for item in tree:
        strings = _strings(item)
        if strings is None:
            return None
        words = frozenset(w + c for w in words for c in strings)
        if len(words) > MAX_WORDS:
            return None
    return words


def _chars(item: tuple[Any, Any]) -> frozenset[str] | None:
    """The lower-cased characters one item matches if it is a character or a small class of them."""
    op, av = item
    if op == LITERAL:
        return frozenset(chr(av).lower())
    if op != IN:
        return None
    out: set[str] = set()
    for member, value in av:
        if member == LITERAL:
            out.add(chr(value).lower())
        elif member == RANGE and value[1] - value[0] < MAX_WORDS:
            out.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(out)


def _rank(found: tuple[frozenset[str], int, int]) -> tuple[bool, int, int, int]:
    """Not one of the commonest words; longer words (they occur less often); fewer; a shorter stretch."""
    words, before, after = found
    return words.isdisjoint(_COMMONEST), min(map(len, words)), -len(words), -before - after


class Scan:
    """One text, scanned rule by rule: the occurrences of trigger words are found once per word, the
    longest run of each class of spaces, digits and hyphens once per class."""

    def __init__(self, text: str):
        self.text = text
        lower = text.lower()
        safe = len(lower) == len(text) and not _CASE_TWINS.search(text)
        self.lower = lower if safe else None
        self.found: dict[str, list[int]] = {}
        self.starts: dict[tuple[str, ...], list[int]] = {}
        self.runs: dict[RunClass, int | None] = {}
        self.stretches: dict[Trigger, list[tuple[int, int]]] = {}

    def finditer(self, pattern: regex.Pattern, trig: Trigger | None) -> Iterator[regex.Match]:
        """The matches of ``pattern`` in the text, as ``pattern.finditer(text)`` gives them."""
        narrowed = self.bounded(trig)
        if narrowed is None:
            yield from pattern.finditer(self.text)
            return
        stretches = self._stretches(narrowed)
        at, reach = 0, narrowed.reach  # at: where the next match may start, the end of the last one
        for start, last in stretches:
            pos = max(start, at)
            while pos <= last:
                match = pattern.search(self.text, pos, last + reach)
                if match is None or match.start() > last:
                    break
                yield match
                at = pos = match.end()

    def bounded(self, trig: Trigger | None) -> Trigger | None:
        """``trig`` with the bounds of this text's runs (:func:`bounded`); ``None``: scan in full."""
        if trig is None or self.lower is None:
            return None
        runs = []
        for members in trig.classes:
            longest = self.runs.get(members, -1)
            if longest == -1:
                longest = self.runs[members] = self._longest(members)
            if longest is None:
                return None
            runs.append((members, longest))
        return bounded(trig, tuple(runs)) if runs else trig

    def _longest(self, members: RunClass) -> int | None:
        """The longest run of the class's characters in the text, rounded up to a bucket; ``None`` if longer
        than :data:`RUN`."""
        # the first bucket that no run outgrows: a search for a run one longer than each (in C, stopping at the
        # first such run) instead of listing every run of the text
        return next((b for b in _BUCKETS if _run_regex(members, b + 1).search(self.text) is None), None)

    def _stretches(self, trig: Trigger) -> list[tuple[int, int]]:
        """The ranges of start positions where a match may begin, merged when they are within reach."""
        found = self.stretches.get(trig)
        if found is not None:
            return found
        out: list[list[int]] = []
        before, after, reach = trig.before, trig.after, trig.reach
        for at in self._starts(trig.words):
            first = at - before if at > before else 0
            if out and first <= out[-1][1] + reach:
                out[-1][1] = at + after
            else:
                out.append([first, at + after])
        found = self.stretches[trig] = [(a, b) for a, b in out]
        return found

    def _starts(self, words: tuple[str, ...]) -> list[int]:
        """Where the words occur, in order, each place once (rules that share a word list share the answer;
        a word that starts with another of the list adds no place)."""
        found = self.starts.get(words)
        if found is None:
            found = []
            for word in _shortest(words):
                found += self._occurrences(word)
            found.sort()
            self.starts[words] = found
        return found

    def _occurrences(self, word: str) -> list[int]:
        found = self.found.get(word)
        if found is None:
            assert self.lower is not None
            find = self.lower.find
            found, at = [], find(word)
            while at >= 0:
                found.append(at)
                at = find(word, at + 1)
            self.found[word] = found
        return found


@cache
def _shortest(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words none of the others is the beginning of: where one of ``words`` starts, one of these does."""
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))


@cache
def _run_regex(members: RunClass, least: int) -> regex.Pattern:
    """A run of at least ``least`` characters of the class."""
    parts = {(CATEGORY, SPACE): r"\s", (CATEGORY, DIGIT): r"\d", (LITERAL, _HYPHEN): r"\-"}
    return regex.compile("[" + "".join(sorted(parts[m] for m in members)) + f"]{{{least}}}")
