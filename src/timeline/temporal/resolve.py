"""Anchor underspecified time expressions to a publication date.

Reads: a :class:`~timeline.temporal.forms.Form` (from :mod:`timeline.temporal.extract`, with ``direction``
set by :mod:`timeline.temporal.tense`) and an explicit anchor date. Writes: :class:`Resolution` with a TIMEX3
``value``, its granularity and the calendar range it covers. Pure calendar arithmetic; the system clock
is never read. Without an anchor, relative expressions stay unresolved (``value`` is ``None``).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from .dateparser_adapter import parse_span
from .forms import (
    RESOLVERS,
    AnchoredForm,
    CenturyForm,
    ClockForm,
    DateForm,
    DecadeForm,
    DurationForm,
    EventDayForm,
    EventOffsetForm,
    Form,
    HalfForm,
    HolidayForm,
    NthForm,
    OffsetForm,
    PeriodForm,
    QuarterForm,
    RefForm,
    SeasonForm,
    SetForm,
    ShiftForm,
    WeekdayForm,
    WeekdayInForm,
    WeekendForm,
    YearForm,
    from_json,
    replace,
    resolves,
)
from .periods import (
    RANK,
    SEASON_CODES,
    SEASON_MONTHS,
    Resolution,
    add_months,
    at_granularity,
    day_of,
    holiday_date,
    is_weekday,
    month_range,
    quarter_of,
    season_of,
    season_year,
    shift_date,
    week_of,
)

DURATION_CODES = {
    "second": ("T", "S", 1),
    "minute": ("T", "M", 1),
    "hour": ("T", "H", 1),
    "day": ("", "D", 1),
    "week": ("", "W", 1),
    "weekend": ("", "WE", 1),
    "fortnight": ("", "W", 2),
    "month": ("", "M", 1),
    "quarter": ("", "Q", 1),  # TimeML writes quarters as Q; ISO 8601 durations have no decades or centuries
    "year": ("", "Y", 1),
    "decade": ("", "Y", 10),
    "century": ("", "Y", 100),
    "while": ("", "X", 1),  # "for a while": TimeML PXX, unit unknown
}
# The next smaller unit, for fractions: half a year is six months ("P2Y6M"), half an hour 30 minutes.
SMALLER = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24)}
SMALLER |= {"hour": ("minute", 60), "minute": ("second", 60)}
SET_VALUES = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "quarterly": "P1Q",
    "quarter": "P1Q",
    "hourly": "PT1H",
    "semiannually": "P6M",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "hour": "PT1H",
    "day": "P1D",
    "week": "P1W",
    "month": "P1M",
    "year": "P1Y",
    "weekend": "P1WE",
    "morning": "TMO",
    "evening": "TEV",
    "night": "TNI",
}


def resolve(spec: Form | dict[str, Any], anchor: date | None) -> Resolution:
    """Resolve one form (or its stored JSON object) against ``anchor``; never raises for a well-formed one."""
    form = spec if isinstance(spec, Form) else from_json(spec)
    try:
        return RESOLVERS[type(form)](form, anchor)
    except (ValueError, OverflowError) as exc:  # e.g. 31 February, year out of range
        return Resolution(None, None, why=f"invalid date: {exc}")


# ---- helpers ---------------------------------------------------------------------------------------


def _unanchored(spec: Form) -> Resolution:
    return Resolution(None, None, why=f"no publication date to anchor {spec.kind}")


def _pick_year(month: int, day: int | None, anchor: date, direction: str | None) -> int:
    """The year of a month (and day) named without one, from the tense of its clause and the anchor."""
    this_year = date(anchor.year, month, min(day or 1, calendar.monthrange(anchor.year, month)[1]))
    ref = anchor if day else anchor.replace(day=1)
    # News names the year of a date outside the months around publication, so a past-tense cue moves a date
    # to last year only beyond two months ahead ("payable Dec. 7" under "said" in October stays this year).
    window = timedelta(days=61)
    if direction == "future":
        # A day named in the future tense that fell in the week before publication is this year's: the copy
        # was written before it appeared (a plan or a schedule just past), not one almost a year ahead, which
        # news would give with its year ("will resume on March 10" in a paper dated March 12).
        return anchor.year if this_year >= ref - (timedelta(days=7) if day else timedelta(0)) else anchor.year + 1
    if direction == "past":
        return anchor.year if this_year <= anchor + window else anchor.year - 1
    # no cue: the closest occurrence
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(candidates, key=lambda y: abs((date(y, month, min(day or 15, 28)) - anchor).days))


# ---- one handler per spec kind ---------------------------------------------------------------------


@resolves(DateForm)
def _date(spec: DateForm, anchor: date | None) -> Resolution:
    res = _day_or_month(spec, anchor)
    if spec.week_of and res.start is not None:  # "the week of March 6"
        return week_of(res.start)
    return res


def _nearest_century(short_year: int, anchor: date) -> int:
    """The year ending in ``short_year`` ("'96", "07") nearest the anchor."""
    centuries = (anchor.year // 100 - 1, anchor.year // 100, anchor.year // 100 + 1)
    return min((c * 100 + short_year for c in centuries), key=lambda y: abs(y - anchor.year))


def _day_or_month(spec: DateForm, anchor: date | None) -> Resolution:
    year, month, day = spec.year, spec.month, spec.day
    direction = spec.direction
    if spec.short_year is not None:  # "7/8/07": the year of that ending nearest the anchor
        if anchor is None:
            return _unanchored(spec)
        year = _nearest_century(spec.short_year, anchor)
    if year is not None and month is not None and day is not None:
        parsed = parse_span(f"{year:04d}-{month:02d}-{day:02d}", anchor or date(year, 1, 1))
        if parsed is None:
            return Resolution(None, None, why="not a calendar date")
        return Resolution(parsed[0].isoformat(), "day", parsed[0], parsed[0], "explicit date")
    if year is not None and month is not None:
        start, end = month_range(year, month)
        return Resolution(f"{year:04d}-{month:02d}", "month", start, end, "explicit month")
    if month is None and day is not None and spec.weekday and anchor is not None:
        return _day_of_weekday(spec, day, anchor)
    if month is None and day is not None and anchor is not None:
        return _day_of_month(spec, day, anchor)
    if month is None:
        return Resolution(None, None, why="no month")
    if anchor is None:
        return _unanchored(spec)
    mod = spec.mod
    if spec.year_shift is not None:  # "June last year"
        year = anchor.year + spec.year_shift
    elif mod in ("last", "past", "previous"):  # "last May": the latest May before this month
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif mod in ("next", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif mod == "this":
        year = anchor.year
    elif day is not None and spec.weekday:  # "Monday, Oct. 26": the year in which it is a Monday
        years = sorted((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: abs(y - anchor.year))
        fits = [y for y in years if is_weekday(y, month, day, spec.weekday)]
        year = fits[0] if fits else _pick_year(month, day, anchor, direction)
    else:
        year = _pick_year(month, day, anchor, direction)
    if day is not None:
        d = date(year, month, day)
        return Resolution(d.isoformat(), "day", d, d, f"year {year} from {direction or 'nearest'}")
    start, end = month_range(year, month)
    return Resolution(f"{year:04d}-{month:02d}", "month", start, end, f"year {year} from {direction or 'nearest'}")


def _day_of_month(spec: DateForm, day: int, anchor: date) -> Resolution:
    """ "On the 15th": that day of the month the text last named (``reference``), or of the month nearest
    the anchor in the clause's direction (the coming 15th on a future cue, the latest one on a past one)."""
    if spec.reference is not None:
        ref = spec.reference.resolve(anchor)
        if ref.start is None or ref.granularity not in ("month", "day", "time"):
            return Resolution(None, None, why="the period last named has no month")
        if ref.granularity != "month" and day < ref.start.day:  # "on March 28 ... by the 2nd": April's? unsaid
            return Resolution(None, None, why=f"day {day} comes before the day last named, {ref.value}")
        months = [ref.start.replace(day=1)]
    else:
        months = [add_months(anchor.replace(day=1), step) for step in (-1, 0, 1)]
    fits = [m.replace(day=day) for m in months if day <= month_range(m.year, m.month)[1].day]
    if spec.direction == "future":  # also after the month last named: a past act cannot lie ahead
        fits = [d for d in fits if d >= anchor]
    elif spec.direction == "past":
        fits = [d for d in fits if d <= anchor]
    if not fits:
        return Resolution(None, None, why=f"no month near the anchor has a day {day}")
    d = min(fits, key=lambda f: abs((f - anchor).days))
    month = "the month last named" if spec.reference else "the nearest month"
    return Resolution(d.isoformat(), "day", d, d, f"day {day} of {month}")


def _day_of_weekday(spec: DateForm, day: int, anchor: date) -> Resolution:
    """ "Friday the 26th": the month in which the 26th is a Friday, nearest the anchor in the clause's
    direction (the coming one on a future cue, the latest one up to the anchor on a past one)."""
    fits = []
    for step in range(-13, 14):
        first = add_months(anchor.replace(day=1), step)
        if is_weekday(first.year, first.month, day, spec.weekday or 0):
            fits.append(first.replace(day=day))
    if spec.direction == "future":
        fits = [d for d in fits if d >= anchor]
    elif spec.direction == "past":
        fits = [d for d in fits if d <= anchor]
    if not fits:
        return Resolution(None, None, why="no month near the anchor has that weekday on that day")
    d = min(fits, key=lambda f: abs((f - anchor).days))
    return Resolution(d.isoformat(), "day", d, d, f"the month in which day {day} is weekday {spec.weekday}")


@resolves(WeekdayForm)
def _weekday(spec: WeekdayForm, anchor: date | None) -> Resolution:
    if anchor is None:
        return _unanchored(spec)
    target = spec.weekday  # ISO: Monday = 1
    mod, direction = spec.mod, spec.direction
    ref = _reference(spec, anchor)
    if ref is not None and ref.start is not None and ref.granularity in ("day", "time"):
        anchor = ref.start  # "the previous Friday" after "on Friday": the Friday before that one
    if spec.week is not None:  # "Tuesday of next week": the ISO week of the anchor, shifted
        d = anchor - timedelta(days=anchor.isoweekday() - 1) + timedelta(weeks=spec.week, days=target - 1)
        res = day_of(d, spec.part)
        return Resolution(res.value, res.granularity, res.start, res.end, f"that day of the week {spec.week:+d}")
    back = (anchor.isoweekday() - target) % 7  # days back to the most recent one, today included
    if mod in ("last", "past", "previous"):
        d = anchor - timedelta(days=back or 7)
        why = f"'{mod}' → the one before {anchor}"
    elif direction == "near" and not mod:
        ahead = (target - anchor.isoweekday()) % 7
        d = anchor + timedelta(days=ahead) if ahead < back else anchor - timedelta(days=back)
        why = f"plan or modal → the nearest one to {anchor}"
    elif mod in ("next", "coming") or direction == "future" or (mod == "this" and direction != "past"):
        # "the deadline is this Friday": the coming one; "they met this Monday" (past): the most recent
        ahead = (target - anchor.isoweekday()) % 7
        if mod == "next" and ahead == 0:
            ahead = 7
        d = anchor + timedelta(days=ahead)
        why = f"future → the coming one from {anchor}"
    else:
        d = anchor - timedelta(days=back)
        why = f"most recent one up to {anchor}"
    res = day_of(d, spec.part)
    return Resolution(res.value, res.granularity, res.start, res.end, why)


# Granularities from fine to coarse: a reference period is shifted only by a unit at least as coarse.
def _reference(spec: Form, anchor: date | None) -> Resolution | None:
    """The period the text last talked about (``spec.reference``), if it is a calendar period."""
    ref = spec.reference
    if not ref:
        return None
    res = resolve(ref, anchor)
    return res if res.start is not None and res.granularity in RANK else None


@resolves(OffsetForm)
def _offset(spec: OffsetForm, anchor: date | None) -> Resolution:
    if anchor is None:
        return _unanchored(spec)
    unit, n = spec.unit, int(spec.n)
    ref = _reference(spec, anchor) if unit in RANK else None
    if ref is not None and ref.start is not None and spec.not_ahead and ref.start > anchor:
        ref = None  # "an earnings increase for the full year" after "by 1992": this year
    if ref is not None and ref.start is not None and RANK[ref.granularity or "year"] <= RANK[unit]:
        comparison = spec.relative_to == "context" or (
            unit in ("year", "quarter") and ref.granularity == "quarter" and ref.start.year == anchor.year
        )
        if comparison:  # "a year earlier" after "the third quarter": the same quarter a year before
            # "that year", "the following day" name a whole unit; "a year earlier" keeps the reference's precision
            res = at_granularity(shift_date(ref.start, unit, n), unit if spec.whole else ref.granularity or unit)
            if unit == "day" and spec.part:  # "in the morning" of the day last named
                res = day_of(shift_date(ref.start, unit, n), spec.part)
            return Resolution(res.value, res.granularity, res.start, res.end, f"{n:+d} {unit} from {ref.value}")
    if spec.exact and unit in ("week", "fortnight", "month", "quarter", "year", "decade", "century"):
        d = shift_date(anchor, unit, n)  # "exactly two years ago": that day
        return Resolution(d.isoformat(), "day", d, d, f"{n:+d} {unit} from {anchor}, to the day")
    if unit == "day":
        res = day_of(anchor + timedelta(days=n), spec.part)
    elif unit in ("week", "fortnight", "weekend"):
        res = week_of(anchor + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    elif unit == "month":
        d = add_months(anchor, n)
        s, e = month_range(d.year, d.month)
        res = Resolution(f"{d.year:04d}-{d.month:02d}", "month", s, e)
    elif unit == "quarter":
        d = add_months(anchor, 3 * n)
        res = quarter_of(d.year, (d.month - 1) // 3 + 1)
    elif unit == "year":
        y = anchor.year + n
        res = Resolution(f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31))
    elif unit in ("decade", "century") and spec.relative_to:  # "a decade ago": a year
        y = anchor.year + n * (10 if unit == "decade" else 100)
        res = Resolution(f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31))
    elif unit == "decade":  # "the last decade"
        decade = anchor.year // 10 + n
        res = Resolution(f"{decade:03d}", "decade", date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31))
    elif unit == "century":  # "this century": TIMEX3 gives its first two digits
        c = anchor.year // 100 + n
        res = Resolution(f"{c:02d}", "century", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31))
    else:  # hours, minutes: the day is what we can say
        res = day_of(anchor)
    return Resolution(res.value, res.granularity, res.start, res.end, f"{n:+d} {unit} from {anchor}")


@resolves(AnchoredForm)
def _anchored(spec: AnchoredForm, anchor: date | None) -> Resolution:
    """A named day shifted by n units: "two weeks from next Tuesday" is that Tuesday plus 14 days."""
    base = resolve(replace(spec.base, direction=spec.direction), anchor)
    if base.start is None:
        return base
    if base.granularity in ("week", "month") and anchor is not None:  # "a year ago this week": still a week
        inside = anchor if base.start <= anchor <= (base.end or base.start) else base.start
        res = at_granularity(shift_date(inside, spec.unit, spec.n), base.granularity)
        return Resolution(res.value, res.granularity, res.start, res.end, f"{spec.n:+d} {spec.unit} from {base.value}")
    d = shift_date(base.start, spec.unit, spec.n)
    return Resolution(d.isoformat(), "day", d, d, f"{spec.n:+d} {spec.unit} from {base.value}")


@resolves(EventOffsetForm)
def _event_offset(spec: EventOffsetForm, anchor: date | None) -> Resolution:
    """ "The day before the election": the text does not give the event's date, so neither is this one's."""
    return Resolution(None, None, why=f"{spec.n:+d} {spec.unit} from {spec.event!r}, an event whose date is not given")


@resolves(WeekdayInForm)
def _weekday_in(spec: WeekdayInForm, anchor: date | None) -> Resolution:
    """ "Monday two weeks from now": that weekday of the ISO week the day named falls in."""
    base = resolve(spec.base, anchor)
    if base.start is None:
        return base
    d = base.start - timedelta(days=base.start.isoweekday() - 1) + timedelta(days=spec.weekday - 1)
    return Resolution(d.isoformat(), "day", d, d, f"weekday {spec.weekday} of the week of {base.value}")


@resolves(NthForm)
def _nth(spec: NthForm, anchor: date | None) -> Resolution:
    """The nth day, week or month of a period: "the 10th week of 2024" (``2024-W10``, ISO weeks), "the last
    day of next month"; a week number alone is in the anchor's year, or the year before (after) on a past
    (future) cue when that week is still ahead (already over)."""
    if spec.base is None:
        if anchor is None:
            return _unanchored(spec)
        year, this_week = anchor.year, anchor.isocalendar().week
        if spec.direction == "past" and spec.n > this_week:
            year -= 1
        elif spec.direction == "future" and spec.n < this_week:
            year += 1
        base = Resolution(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))
    else:
        base = resolve(replace(spec.base, direction=spec.direction), anchor)
    if base.start is None or base.end is None:
        return base
    start, end, n = base.start, base.end, spec.n
    if spec.unit == "week" and base.granularity == "month":
        return _week_of_month(n, start, end, base.value or "")
    if spec.unit in ("week", "month") and base.granularity != "year":
        return Resolution(None, None, why=f"{spec.unit}s are counted in a year, not a {base.granularity}")
    if spec.unit == "week":
        weeks = date(start.year, 12, 28).isocalendar().week
        k = n if n > 0 else weeks + 1 + n
        if not 1 <= k <= weeks:
            return Resolution(None, None, why=f"{start.year} has {weeks} ISO weeks")
        monday = date.fromisocalendar(start.year, k, 1)
        return Resolution(f"{start.year:04d}-W{k:02d}", "week", monday, monday + timedelta(days=6), f"week {k}")
    if spec.unit == "month":
        k = n if n > 0 else 13 + n
        if not 1 <= k <= 12:
            return Resolution(None, None, why="a year has 12 months")
        s, e = month_range(start.year, k)
        return Resolution(f"{start.year:04d}-{k:02d}", "month", s, e, f"month {k} of {base.value}")
    d = start + timedelta(days=n - 1) if n > 0 else end + timedelta(days=n + 1)
    if not start <= d <= end:
        return Resolution(None, None, why=f"{base.value} has no day {n}")
    return Resolution(d.isoformat(), "day", d, d, f"day {n} of {base.value}")


def _week_of_month(n: int, start: date, end: date, month: str) -> Resolution:
    """ "The first week of April", "the last week of March": ISO 8601's rule for the weeks of a year carried
    to a month, the week holding most of its days. The first week holds the 4th; the last, the day three
    before the month's end ("the last week of March 2009" is 2009-W13, Monday 23 to Sunday 29)."""
    first = start + timedelta(days=3)
    monday = (first - timedelta(days=first.isoweekday() - 1)) + timedelta(weeks=n - 1)
    if n < 0:
        last = end - timedelta(days=3)
        monday = last - timedelta(days=last.isoweekday() - 1) + timedelta(weeks=n + 1)
    thursday = monday + timedelta(days=3)  # the week's middle day must lie in the month
    if not start <= thursday <= end:
        return Resolution(None, None, why=f"{month} has no week {n}")
    iso = monday.isocalendar()
    return Resolution(f"{iso.year}-W{iso.week:02d}", "week", monday, monday + timedelta(days=6), f"week {n} of {month}")


@resolves(ShiftForm)
def _shift(spec: ShiftForm, anchor: date | None) -> Resolution:
    if anchor is None:
        return _unanchored(spec)
    unit, n = spec.unit, int(spec.n)
    if unit in ("spring", "summer", "fall", "autumn", "winter"):
        res = season_of(season_year(SEASON_CODES[unit], n, anchor), SEASON_CODES[unit])
    elif unit == "weekend":  # on a Sunday, "this weekend" is the one under way (yesterday and today)
        sunday_back = 1 if anchor.isoweekday() == 7 else 0
        saturday = anchor + timedelta(days=(6 - anchor.isoweekday()) % 7 + 7 * n - 7 * sunday_back)
        iso = saturday.isocalendar()
        res = Resolution(f"{iso.year}-W{iso.week:02d}-WE", "weekend", saturday, saturday + timedelta(days=1))
    else:
        res = _offset(OffsetForm(unit=unit, n=n), anchor)
    return Resolution(res.value, res.granularity, res.start, res.end, f"{unit} shifted {n:+d} from {anchor}")


@resolves(PeriodForm)
def _period(spec: PeriodForm, anchor: date | None) -> Resolution:
    """The reporting period the text talks about: "the quarter", "the latest period", "the year-ago quarter"."""
    if anchor is None:
        return _unanchored(spec)
    ref = _reference(spec, anchor)
    usable = ("quarter",) if spec.unit else ("quarter", "month", "year", "day", "week")
    if spec.current:  # "the current quarter": the one the anchor is in
        base, granularity, why = anchor, "quarter", "quarter of the anchor"
    elif ref is not None and ref.start is not None and ref.granularity in usable:
        base, granularity, why = ref.start, ref.granularity or "quarter", f"period of {ref.value}"
    else:  # the last quarter that has ended by the anchor
        base, granularity, why = add_months(anchor.replace(day=1), -3), "quarter", "last completed quarter"
    if spec.year and granularity == "quarter":  # "the 1988 quarter": that year's quarter of the reference
        base = base.replace(year=int(spec.year), day=1)
    step = 12 if spec.step == "year" else 3
    res = at_granularity(add_months(base, step * int(spec.n)), granularity)
    return Resolution(res.value, res.granularity, res.start, res.end, why)


@resolves(WeekendForm)
def _weekend(spec: WeekendForm, anchor: date | None) -> Resolution:
    """The weekend of "over the weekend": the coming one on a future cue, else the latest one begun."""
    if anchor is None:
        return _unanchored(spec)
    if spec.direction == "future":
        saturday = anchor + timedelta(days=(6 - anchor.isoweekday()) % 7)
    else:
        saturday = anchor - timedelta(days=(anchor.isoweekday() - 6) % 7)
    iso = saturday.isocalendar()
    return Resolution(f"{iso.year}-W{iso.week:02d}-WE", "weekend", saturday, saturday + timedelta(days=1))


@resolves(HalfForm)
def _half(spec: HalfForm, anchor: date | None) -> Resolution:
    """ "The second half of 2024" → ``2024-H2``; without a year, this (last, next) year's half."""
    year, half = spec.year, int(spec.half)
    if year is None:
        if anchor is None:
            return _unanchored(spec)
        year = anchor.year + int(spec.year_shift or 0)
        if spec.year_shift is None and spec.direction == "past" and half == 2 and anchor.month < 7:
            year -= 1  # "the second half" in a past-tense clause before July: last year's, as for quarters
    start = date(year, 1 if half == 1 else 7, 1)
    return Resolution(f"{year:04d}-H{half}", "half", start, month_range(year, 6 if half == 1 else 12)[1], "half year")


@resolves(DurationForm)
def _duration(spec: DurationForm, anchor: date | None) -> Resolution:
    prefix, code, mult = DURATION_CODES[spec.unit]
    n = spec.n
    if n is not None and n * mult != int(n * mult) and spec.unit in SMALLER:  # 2.5 years: P2Y6M
        whole = int(n * mult)
        small_unit, per = SMALLER[spec.unit]
        small_prefix, small_code, _ = DURATION_CODES[small_unit]
        rest = round((n * mult - whole) * per)
        time = "T" if prefix or small_prefix else ""
        first = f"{whole}{code}" if whole else ""
        return Resolution(f"P{prefix}{first}{time if not prefix else ''}{rest}{small_code}", "duration", why="duration")
    amount = "X" if n is None else (f"{n * mult:g}")
    return Resolution(f"P{prefix}{amount}{code}", "duration", why="duration")


@resolves(QuarterForm)
def _quarter(spec: QuarterForm, anchor: date | None) -> Resolution:
    year = spec.year
    if year is None and spec.year_shift is not None:  # "next year's first quarter"
        if anchor is None:
            return _unanchored(spec)
        year = anchor.year + spec.year_shift
    if year is None:
        if anchor is None:
            return _unanchored(spec)
        year = anchor.year
        if spec.direction == "past" and 3 * spec.quarter - 2 > anchor.month:
            year -= 1
    return quarter_of(year, spec.quarter)


@resolves(SeasonForm)
def _season(spec: SeasonForm, anchor: date | None) -> Resolution:
    year = spec.year
    if spec.short_year is not None:  # "the summer of '96"
        if anchor is None:
            return _unanchored(spec)
        year = _nearest_century(spec.short_year, anchor)
    if year is None:  # "in the summer": its year from the tense, like a bare month
        if anchor is None:
            return _unanchored(spec)
        year = _pick_year(SEASON_MONTHS[spec.season][0], None, anchor, spec.direction)
    return season_of(year, spec.season)


@resolves(DecadeForm)
def _decade(spec: DecadeForm, anchor: date | None) -> Resolution:
    decade = spec.decade
    return Resolution(f"{decade:03d}", "decade", date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31))


@resolves(CenturyForm)
def _century(spec: CenturyForm, anchor: date | None) -> Resolution:
    c = int(spec.century)
    if spec.bc:  # "the 5th century BC": TIMEX3 "BC04"; no calendar range (datetime has no years before 1)
        return Resolution(f"BC{c:02d}", "century", why="century before Christ")
    return Resolution(f"{c:02d}", "century", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), "century")


@resolves(YearForm)
def _year(spec: YearForm, anchor: date | None) -> Resolution:
    y = spec.year
    if spec.bc:  # "300 BC": TIMEX3 "BC0300"; no calendar range (datetime has no years before 1)
        return Resolution(f"BC{y:04d}", "year", why="year before Christ")
    return Resolution(f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31), "explicit year")


@resolves(ClockForm)
def _clock(spec: ClockForm, anchor: date | None) -> Resolution:
    hour, minute = spec.hour, spec.minute
    if spec.day:  # "noon Saturday": the day resolved as its own expression, in this clause's direction
        res = resolve(replace(spec.day, direction=spec.direction), anchor)
        if res.start is None:
            return res
        day, why = res.start, f"clock time on {res.value}"
    elif anchor is None:
        return _unanchored(spec)
    else:
        day, why = anchor, "clock time"
        ref = _reference(spec, anchor)
        if ref is not None and ref.start is not None:  # "at 10 p.m." after "on Oct. 23": that day
            day, why = ref.start, f"clock time on {ref.value}, the day last named"
    seconds = f":{spec.second:02d}" if spec.second is not None else ""
    zone = "Z" if spec.utc else spec.zone or ""
    return Resolution(f"{day.isoformat()}T{hour:02d}:{minute:02d}{seconds}{zone}", "time", day, day, why)


@resolves(EventDayForm)
def _event_day(spec: EventDayForm, anchor: date | None) -> Resolution:
    """ "The Sept. 11 attacks": the day of that event; none in a text written before it (another attack)."""
    d = date(spec.year, spec.month, spec.day)
    if anchor is not None and anchor < d:  # written before that event: another one, that day of some year
        return _unanchored(spec) if spec.ordinary is None else resolve(spec.ordinary, anchor)
    return Resolution(d.isoformat(), "day", d, d, "the day an event of history is named by")


@resolves(HolidayForm)
def _holiday(spec: HolidayForm, anchor: date | None) -> Resolution:
    rule, year = spec.rule, spec.year
    if rule == "named":  # "Black Monday": news gives the name to each new crash (1987, 2015, 2020)
        return Resolution(None, None, why="a named day of history, a name news gives to more than one day")
    if year is None:
        if anchor is None:
            return _unanchored(spec)
        year = anchor.year
        this = holiday_date(rule, year)
        mod = spec.mod
        if mod == "last":  # "last Thanksgiving": the one before the anchor
            year = year if this < anchor else year - 1
        elif mod == "next":
            year = year if this > anchor else year + 1
        elif mod == "this":
            pass
        elif spec.direction == "future":
            year = year if this >= anchor else year + 1
        elif spec.direction == "past":
            year = year if this <= anchor else year - 1
        else:  # no cue in the clause: the closest one ("Christmas shoppers" in early December)
            year = min((year - 1, year, year + 1), key=lambda y: abs((holiday_date(rule, y) - anchor).days))
    d = holiday_date(rule, year)
    if spec.weekend:  # "Labor Day weekend": the weekend whose Saturday is nearest the day
        ahead = (6 - d.isoweekday()) % 7
        saturday = d + timedelta(days=ahead if ahead <= 3 else ahead - 7)
        iso = saturday.isocalendar()
        value = f"{iso.year}-W{iso.week:02d}-WE"
        return Resolution(value, "weekend", saturday, saturday + timedelta(days=1), f"weekend of holiday {rule}")
    return Resolution(d.isoformat(), "day", d, d, f"holiday {rule}")


@resolves(SetForm)
def _set(spec: SetForm, anchor: date | None) -> Resolution:
    if spec.day is not None:  # "the 19th of every month"
        return Resolution(f"XXXX-XX-{spec.day:02d}", "set")
    if spec.weekday is not None:
        part = f"T{spec.clock}" if spec.clock else f"T{spec.part}" if spec.part else ""
        return Resolution(f"XXXX-WXX-{spec.weekday}{part}", "set")
    if spec.month is not None:
        return Resolution(f"XXXX-{spec.month:02d}", "set")
    if spec.season is not None:
        return Resolution(f"XXXX-{spec.season}", "set")
    if spec.count != 1 and spec.every in DURATION_CODES:  # "every four years": P4Y
        prefix, code, mult = DURATION_CODES[spec.every]
        return Resolution(f"P{prefix}{spec.count * mult}{code}", "set")
    if spec.clock:  # "every day at 7 p.m.": the time of day, as "every morning" is TMO
        return Resolution(f"T{spec.clock}", "set")
    return Resolution(SET_VALUES.get(spec.every or "", "P1D"), "set")


@resolves(RefForm)
def _ref(spec: RefForm, anchor: date | None) -> Resolution:
    return Resolution(spec.ref, "ref")
