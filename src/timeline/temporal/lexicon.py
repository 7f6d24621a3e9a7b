"""Temporal knowledge loaded from the data files in ``timeline/resources/temporal``.

Reads: ``*.tsv`` word lists (``word<TAB>value``, ``#`` comment lines) and ``rules.yaml``. Writes: the
compiled :class:`Rule` list and the word tables the normaliser uses. Nothing here knows an article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex as re  # variable-width look-behind ("after 'over' or 'during'") that re lacks
import yaml

from .. import resources
from .prefilter import Trigger, trigger

# Word lists a rule pattern may name as {MACRO}; each maps to a TSV file of this folder.
MACROS = {
    # full names and AP style's dotted abbreviations ("Tues.", "Thurs."): capitalised, see ``lowercase_ok``
    "WEEKDAY": ("weekdays.tsv", "weekday_abbreviations.tsv"),
    # before a date, also the abbreviations without a dot of datelines and web pages ("Thu, Mar 6, 2025")
    "WEEKDAY_DATED": ("weekdays.tsv", "weekday_abbreviations.tsv", "weekday_abbreviations_dated.tsv"),
    "MONTH": "months.tsv",
    "NUMBER": "numbers.tsv",
    "UNIT": "units.tsv",
    "PART_OF_DAY": "parts_of_day.tsv",
    "SEASON": "seasons.tsv",
    "HOLIDAY": "holidays.tsv",
    "ORDINAL": "ordinals.tsv",
    # month names and their abbreviations without a dot ("Jan 2019", "05-Aug-2016"): only next to a day or year
    "MONTH_DATED": ("months.tsv", "month_abbreviations.tsv"),
}

# Groups whose words must be capitalised in running text ("may" the modal is not "May" the month), unless
# the match shows what they are (see ``lowercase_ok``).
CAPITALISED_GROUPS = ("month", "month2", "weekday", "weekday2", "dayname", "holiday")
MONTH_GROUPS = ("month", "month2")
# Groups that make a lower-case month name a date: a day or a year next to it ("july 4th", "june 2017").
DATED_GROUPS = ("day", "day2", "dayw", "ord", "year", "spelled", "short")


@dataclass(frozen=True)
class Example:
    sentence: str
    published: str
    value: str | None


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    type: str
    regex: re.Pattern
    reject: re.Pattern | None
    examples: tuple[Example, ...]
    trigger: Trigger | None = None  # where in a text the rule can match (see prefilter); None: everywhere


def table(name: str) -> dict[str, str]:
    """A TSV word list of ``resources/temporal`` as ``{word: value}``, words lower-cased."""
    return resources.table(f"temporal/{name}")


@cache
def word_table(macro: str) -> dict[str, str]:
    files = MACROS[macro]
    out: dict[str, str] = {}
    for name in (files,) if isinstance(files, str) else files:
        out |= table(name)
    return out


def lowercase_ok(group: str, word: str, groups: dict[str, str]) -> bool:
    """Whether a name written in lower case is still the name: a full weekday name ("last friday") always;
    a month name next to a day or a year ("july 4th", "june 2017"), a holiday with a modifier or a year
    ("last easter", "thanksgiving weekend"), but never a word that is more often
    something else (``lowercase_ambiguous.tsv``: "may", "march", "sun")."""
    word = word.lower()
    if word in table("lowercase_ambiguous.tsv"):
        return False
    if group in ("weekday", "weekday2", "dayname"):
        return word in table("weekdays.tsv")
    if group in MONTH_GROUPS:
        return any(g in groups for g in DATED_GROUPS)
    if group == "holiday":  # "last easter", "easter 2018"; a bare "thanksgiving" is a common noun
        return "mod" in groups or "year" in groups or "weekend" in groups or "weekend2" in groups
    return False


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ordered)


def _expand(pattern: str) -> str:
    def sub(match: re.Match) -> str:
        return f"(?:{_alternation(list(word_table(match.group(1))))})"

    return re.sub(r"\{([A-Z_]+)\}", sub, pattern)


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule of ``rules.yaml``, compiled, in file order (earlier wins ties)."""
    raw: list[dict[str, Any]] = yaml.safe_load(resources.read_text("temporal/rules.yaml"))
    compiled = []
    for item in raw:
        pattern = r"(?<![\w$£€])(?:" + _expand(item["pattern"]) + ")"
        regex = re.compile(pattern, re.IGNORECASE)
        reject = re.compile(item["reject"], re.IGNORECASE) if item.get("reject") else None
        examples = tuple(Example(*ex) for ex in item.get("examples", ()))
        compiled.append(Rule(item["name"], item["kind"], item["type"], regex, reject, examples, trigger(pattern)))
    return tuple(compiled)


def cue_words(name: str) -> dict[str, str]:
    """Tense cue words (``future_cues.tsv``, ``past_cues.tsv``) as ``{word: how it is matched}``."""
    return table(name)


@cache
def prefix_regex() -> re.Pattern:
    """Words of ``prefixes.tsv`` right before an expression ("the end of", "mid-"), ending where it begins."""
    words = sorted(table("prefixes.tsv"), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(r"(?<![\w-])(?P<prefix>" + alternation + r")(?:(?<=-)|\s+)", re.IGNORECASE)
