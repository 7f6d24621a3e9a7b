"""Calendar periods: days, ISO weeks, months, quarters, seasons, holidays, as TIMEX3 values with their range.

Reads: dates and counts. Writes: :class:`Resolution` records (value, granularity, first and last day). Pure
calendar arithmetic shared by :mod:`timeline.temporal.resolve`; no anchor is ever guessed here.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Resolution:
    value: str | None
    granularity: str | None
    start: date | None = None
    end: date | None = None
    why: str = ""


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def day_of(d: date, part: str | None = None) -> Resolution:
    value = d.isoformat() + (f"T{part}" if part else "")
    return Resolution(value, "day" if not part else "time", d, d)


def month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def week_of(d: date) -> Resolution:
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Resolution(f"{iso.year}-W{iso.week:02d}", "week", monday, monday + timedelta(days=6))


def add_months(d: date, n: int) -> date:
    index = d.year * 12 + d.month - 1 + n
    y, m = divmod(index, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def is_weekday(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return date(year, month, day).isoweekday() == weekday
    except ValueError:
        return False


RANK = {"time": 0, "day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}


def shift_date(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend", "fortnight"):
        return d + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        raise ValueError(f"cannot shift by {unit}")
    return add_months(d, months * n)


def at_granularity(d: date, granularity: str) -> Resolution:
    """The period of ``granularity`` (day, week, month, quarter, year) that contains ``d``."""
    if granularity in ("day", "time"):
        return day_of(d)
    if granularity == "week":
        return week_of(d)
    if granularity == "month":
        s, e = month_range(d.year, d.month)
        return Resolution(f"{d.year:04d}-{d.month:02d}", "month", s, e)
    if granularity == "quarter":
        return quarter_of(d.year, (d.month - 1) // 3 + 1)
    return Resolution(f"{d.year:04d}", "year", date(d.year, 1, 1), date(d.year, 12, 31))


def quarter_of(y: int, q: int) -> Resolution:
    start = date(y, 3 * q - 2, 1)
    end = month_range(y, 3 * q)[1]
    return Resolution(f"{y:04d}-Q{q}", "quarter", start, end)


SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}


def season_year(code: str, n: int, anchor: date) -> int:
    """The year of 'this' (n=0), 'last' (n<0) or 'next' (n>0) season of ``code``, seen from ``anchor``."""
    first, last = SEASON_MONTHS[code]
    latest = anchor.year if anchor.month >= first else anchor.year - 1  # latest start up to the anchor
    end = season_of(latest, code).end
    inside = end is not None and end >= anchor
    if n == 0:
        return latest if inside or code != "WI" and latest == anchor.year else latest + 1
    if n < 0:
        return latest - 1 if inside else latest
    return latest + 1


def season_of(y: int, code: str) -> Resolution:
    first, last = SEASON_MONTHS[code]
    start = date(y, first, 1)
    end_year = y + 1 if last < first else y
    return Resolution(f"{y:04d}-{code}", "season", start, month_range(end_year, last)[1])


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday_date(rule: str, year: int) -> date:
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:] or 0))
    if "/" in rule:  # "11/4/4": the fourth Thursday of November; "11/1/1+1": the day after the first Monday
        month_s, nth_s, rest = rule.split("/")
        weekday_s, _, extra = rest.partition("+")
        month, nth, weekday = int(month_s), int(nth_s), int(weekday_s)
        if nth > 0:
            first = date(year, month, 1)
            d = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        else:
            last = date(year, month, calendar.monthrange(year, month)[1])
            d = last - timedelta(days=(last.isoweekday() - weekday) % 7)
        return d + timedelta(days=int(extra or 0))
    month, day = (int(x) for x in rule.split("-"))
    return date(year, month, day)
