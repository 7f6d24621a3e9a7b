"""Data files beside the engine, loaded by convention.

Each ``.tsv`` file starts with a ``# format:`` line, then ``key<TAB>value`` rows; ``#`` lines are comments.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def read_text(relative: str) -> str:
    """The text of a data file, e.g. ``read_text("temporal/rules.yaml")``."""
    return resources.files(__name__).joinpath(relative).read_text(encoding="utf-8")


@cache
def table(relative: str) -> dict[str, str]:
    """A TSV data file as ``{key (lower-cased): value}``."""
    rows: dict[str, str] = {}
    for line in read_text(relative).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        rows[key.strip().lower()] = value.strip()
    return rows
