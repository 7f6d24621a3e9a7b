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
    "WEEKDAY": "weekdays.tsv",
    "MONTH": "months.tsv",
    "NUMBER": "numbers.tsv",
    "UNIT": "units.tsv",
    "PART_OF_DAY": "parts_of_day.tsv",
    "SEASON": "seasons.tsv",
    "HOLIDAY": "holidays.tsv",
}

# Groups whose words must be capitalised in running text ("may" the modal is not "May" the month).
CAPITALISED_GROUPS = ("month", "month2", "weekday", "dayname", "holiday")


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


def word_table(macro: str) -> dict[str, str]:
    return table(MACROS[macro])


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
