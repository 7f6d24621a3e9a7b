"""The one place that talks to dateparser.

Reads: a span of text that the extractor already found, an explicit anchor date and a direction.
Writes: ``(date, period)`` or ``None``. The anchor is always passed (``RELATIVE_BASE``), so the system
clock is never read; the period is kept so that "March 2023" stays a month.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from dateparser.date import DateDataParser

_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}


@lru_cache(maxsize=4096)
def parse_span(text: str, anchor: date, direction: str | None = None) -> tuple[date, str] | None:
    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": {"future": "future", "past": "past"}.get(direction or "", "current_period"),
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY",
        "STRICT_PARSING": False,
        "REQUIRE_PARTS": [],
    }
    parser = DateDataParser(languages=["en"], settings=settings)
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), _PERIODS.get(data.period or "day", "day")
