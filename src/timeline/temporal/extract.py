"""Find time expressions in text and turn each into its underspecified form.

Reads: raw text. Writes: :class:`Candidate` records (span, rule, type and the underspecified form, a
:class:`~timeline.temporal.forms.Form` such as ``WeekdayForm(weekday=4)``). Nothing here needs a publication date:
anchoring is :mod:`timeline.temporal.resolve`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .forms import (
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
)
from .lexicon import CAPITALISED_GROUPS, Rule, lowercase_ok, prefix_regex, rules, table, word_table
from .periods import RANK
from .prefilter import Scan


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    rule: str
    type: str
    spec: Form


DATE_ORDERS = ("month-first", "day-first")


def find(text: str, date_order: str = "month-first") -> list[Candidate]:
    """Every time expression of ``text``, longest match first, without overlaps, in text order.

    ``date_order`` reads a numeric date whose parts could both be the month ("05/02/2013"): month first
    (US style, the default) or day first; a part over 12 is the day whatever the setting.

    Each rule is tried only near the words it needs (:mod:`timeline.temporal.prefilter`): the same matches
    as scanning the whole text."""
    found: list[tuple[int, int, int, Rule, dict[str, str]]] = []
    links: list[tuple[int, int, Rule, dict[str, str]]] = []
    scan = Scan(text)
    for order, rule in enumerate(rules()):
        for match in scan.finditer(rule.regex, rule.trigger):
            if match.end() == match.start():
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if not _capitalised_ok(groups):
                continue
            if rule.reject and rule.reject.search(match.group(0)):
                continue
            if rule.kind in LINK_KINDS:  # "two weeks from", "the 10th week of": joins what is named right after it
                links.append((match.start(), match.end(), rule, groups))
                continue
            found.append((match.start(), match.end(), order, rule, groups))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[Candidate] = []
    for start, end, _, rule, groups in found:
        if any(start < c.end and c.start < end for c in taken):
            continue
        spec = build_spec(rule.kind, groups, date_order)
        if spec is None:
            continue
        kind_of = (
            "TIME" if rule.type == "DATE" and getattr(spec, "part", None) else rule.type
        )  # "Friday night" is a TIME
        taken.append(Candidate(start, end, text[start:end], rule.name, kind_of, spec))
    taken.sort(key=lambda c: c.start)
    return _day_after_conversion(text, [_with_prefix(text, c) for c in _linked(text, taken, links)])


# Wire copy's clock time with its conversion in parentheses, then the day: "at 10 a.m. (1400 GMT) on Monday"
CONVERSION = re.compile(r"\s*\((?P<inside>[^()]{1,40})\)\s*,?\s*(?:on\s+)?$")
BETWEEN_DAY = re.compile(r"\)\s*,?\s*(?:on\s+)?$")


def _day_after_conversion(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "At 10 a.m. (1400 GMT) on Monday": the day after the parentheses is the local time's day, and the
    converted time's, shifted by a day where the hours cross a midnight (:func:`_conversion_day_shift`)."""
    out = list(cands)
    for i, local in enumerate(out):
        if not (isinstance(local.spec, ClockForm) and local.spec.day is None):
            continue
        inner = out[i + 1] if i + 1 < len(out) else None
        j = i + 2 if inner is not None and isinstance(inner.spec, ClockForm) and inner.spec.day is None else i + 1
        if j >= len(out) or not _is_day_name(out[j].spec):
            continue
        day = out[j]
        between = CONVERSION.match(text, local.end, day.start)
        if between is None:
            continue
        out[i] = replace(local, spec=replace(local.spec, day=day.spec))
        if j == i + 2 and inner is not None and isinstance(inner.spec, ClockForm) and local.end < inner.start:
            shift = _conversion_day_shift(inner.spec.hour - local.spec.hour)
            if BETWEEN_DAY.match(text, inner.end, day.start) and shift is not None:
                on = day.spec if shift == 0 else AnchoredForm(unit="day", n=shift, base=day.spec)
                out[i + 1] = replace(inner, spec=replace(inner.spec, day=on))
    return out


def _conversion_day_shift(k: int) -> int | None:
    """The converted time's day, from the local one's, given the hours' difference ``k`` read on one day. A
    zone's time minus GMT lies between -12 and +14 hours, so the true difference (k, k+24 or k-24) is known
    unless two of them fit: 10 a.m. and 1400 GMT one day (0), 8 p.m. and 0000 GMT the next (+1); 11 a.m.
    and 2300 GMT (12 hours behind, or 12 ahead the day before) could be either: None."""
    fits = [m for m in (-1, 0, 1) if -14 <= k + 24 * m <= 12]
    return fits[0] if len(fits) == 1 else None


def _is_day_name(form: Form) -> bool:
    """A weekday, a day of a month or "yesterday"/"today"/"tomorrow": a day a clock time can sit on."""
    return isinstance(form, WeekdayForm) and form.part is None or _is_day(form)


# Rule kinds that join the expression named right after them: "link" a count of units to a day ("two weeks
# from next Tuesday", "the day before yesterday"), "nthlink" an ordinal unit to a period ("the 10th week of").
LINK_KINDS = ("link", "nthlink")
# Kinds a link can join: a named day ("two weeks from next Tuesday", "3 days after January 12th").
LINK_BASES = (DateForm, WeekdayForm, HolidayForm, OffsetForm)
# "the day before the election": a determiner and a word that is no time ("the day before the vote")
EVENT_AFTER = re.compile(
    r"\s+(?P<event>(?:the|his|her|their|its)\s+(?!(?:day|night|week|month|year|morning|evening)\b)[a-z][\w-]*)"
)


def _linked(text: str, taken: list[Candidate], links: list[tuple[int, int, Rule, dict[str, str]]]) -> list[Candidate]:
    """Join each link ("two weeks from", "2 days before", "the first week of") to what is named right after
    it; a link with nothing to join is dropped, and what it overlapped (the duration "two weeks") stays,
    except that "the day before" an event is kept as an expression of unknown value."""
    for start, end, rule, groups in links:
        base = next((c for c in taken if c.start >= end and not text[end : c.start].strip()), None)
        form = (_nth_link if rule.kind == "nthlink" else _offset_link)(groups, base)
        if form is None and rule.kind == "link" and groups.get("the") and (event := EVENT_AFTER.match(text, end)):
            unit = groups["unit2"].lower()
            sign = -1 if groups["rel"].lower() == "before" else 1
            event_form = EventOffsetForm(unit=unit, n=sign, event=" ".join(event.group("event").split()))
            if not any(start < c.end and c.start < end for c in taken):
                taken = [*taken, Candidate(start, end, text[start:end], rule.name, rule.type, event_form)]
            continue
        if form is None or base is None:
            continue
        joined = Candidate(start, base.end, text[start : base.end], rule.name, rule.type, form)
        taken = [c for c in taken if not (c.start < joined.end and joined.start < c.end)] + [joined]
    return sorted(taken, key=lambda c: c.start)


def _offset_link(groups: dict[str, str], base: Candidate | None) -> Form | None:
    """ "two weeks from" + a day: that day shifted; "the day before" + a day: the day before it."""
    if base is None or not _is_day(base.spec):
        return None
    if groups.get("the"):  # "the day before last Tuesday"; "the week before Christmas" is a week, not joined
        if groups["unit2"].lower() != "day" or groups["rel"].lower() == "from":
            return None
        n: float | None = 1.0
        unit = "day"
    else:
        n = number(groups["num"])
        unit = word_table("UNIT")[_norm(groups["unit"]) or ""]
    if n is None or n != int(n):
        return None
    sign = -1 if groups["rel"].lower() == "before" else 1
    return AnchoredForm(unit=unit, n=sign * int(n), base=base.spec)


ORDINAL_DIGITS = re.compile(r"(?P<n>\d{1,3})(?:st|nd|rd|th)", re.IGNORECASE)


def _nth_link(groups: dict[str, str], base: Candidate | None) -> Form | None:
    """ "the 10th week of" + a year, "the last day of" + a month or year: the nth unit of that period."""
    if base is None:
        return None
    unit, word = groups["unit"].lower(), _norm(groups["ord"]) or ""
    digits = ORDINAL_DIGITS.fullmatch(word)
    n = int(digits.group("n")) if digits else int(word_table("ORDINAL").get(word, 0))
    if word in ("last", "final"):
        n = -1
    spec = base.spec
    years = (isinstance(spec, YearForm) and not spec.bc) or (
        isinstance(spec, (ShiftForm, OffsetForm)) and spec.unit == "year"
    )
    months = (isinstance(spec, DateForm) and spec.month is not None and spec.day is None) or (
        isinstance(spec, (ShiftForm, OffsetForm)) and spec.unit == "month"
    )
    if n == 0 or not (years or (unit in ("day", "week") and months)):
        return None
    return NthForm(unit=unit, n=n, base=spec)


def _clock_given(g: dict[str, str]) -> bool:
    return any(g.get(k) for k in ("chour", "chour24", "cnamed"))


def _set_clock(g: dict[str, str]) -> str | None:
    """The time of day of a set ("at 9am", "at 17.30", "noon each day") as TIMEX3 writes it: "09:00"."""
    pick = {k.removeprefix("c"): v for k, v in g.items() if k.startswith("c") and v} or g
    if pick.get("named"):
        hour, minute = (24, 0) if pick["named"].lower() == "midnight" else (12, 0)
    elif pick.get("hour24"):
        hour, minute = int(pick["hour24"]), int(pick["minute24"])
    elif pick.get("hour"):
        hour = int(pick["hour"]) % 12 + (12 if pick["ampm"].lower().startswith("p") else 0)
        minute = int(pick.get("minute") or 0)
    else:
        return None
    return f"{hour:02d}:{minute:02d}"


def _is_day(form: Form) -> bool:
    if isinstance(form, DateForm):
        return form.day is not None and form.month is not None
    if isinstance(form, OffsetForm):  # "tomorrow", "yesterday"
        return form.unit == "day" and form.relative_to is None and not form.part
    return isinstance(form, LINK_BASES)


def _with_prefix(text: str, cand: Candidate) -> Candidate:
    """A date or time with the words before it that narrow it ("the end of 1990", "late yesterday")."""
    if cand.type not in ("DATE", "TIME") or isinstance(cand.spec, (RefForm, SetForm)):
        return cand
    match = prefix_regex().search(text, max(0, cand.start - 40), cand.start)
    if match is None or match.end() != cand.start:
        return cand
    mod = table("prefixes.tsv")[" ".join(match.group("prefix").lower().split())]
    if mod == "-" and isinstance(cand.spec, WeekdayForm):
        return cand
    spec = replace(cand.spec, edge=None if mod == "-" else mod)
    return Candidate(match.start(), cand.end, text[match.start() : cand.end], cand.rule, cand.type, spec)


def _capitalised_ok(groups: dict[str, str]) -> bool:
    return all(
        groups[g][:1].isupper() or not groups[g][:1].isalpha() or lowercase_ok(g, groups[g], groups)
        for g in CAPITALISED_GROUPS
        if g in groups
    )


def number(word: str) -> float | None:
    """A count from digits or a number word; ``None`` for vague counts ("several")."""
    word = " ".join(word.lower().replace("-", " ").split())
    try:
        return float(word)
    except ValueError:
        pass
    words = [w for w in word.split() if w != "and"]
    if (
        word not in word_table("NUMBER")
        and len(words) > 1
        and all(w in word_table("NUMBER") or w == "thousand" for w in words)
    ):
        return _compound(words)  # "twenty four", "five hundred and twelve"
    value = word_table("NUMBER").get(word)
    if value is None or value == "X":
        return None
    return float(value)


def _compound(words: list[str]) -> float | None:
    total, current = 0.0, 0.0
    for w in words:
        if w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total, current = total + (current or 1) * 1000, 0.0
        else:
            value = word_table("NUMBER")[w]
            if value == "X":
                return None
            current += float(value)
    return total + current


def spelled_year(words: str) -> int | None:
    """ "nineteen ninety-six" → 1996, "two thousand and one" → 2001."""
    parts = " ".join(words.lower().replace("-", " ").replace(" and ", " ").split()).split(" ", 2)
    if parts[:2] == ["two", "thousand"]:
        rest = number(parts[2]) if len(parts) > 2 else 0.0
        return None if rest is None else 2000 + int(rest)
    century, rest = number(parts[0]), number(" ".join(parts[1:]))
    return None if century is None or rest is None else int(century) * 100 + int(rest)


def _year(raw: str | None) -> int | None:
    return int(raw) if raw else None


def _month(raw: str | None) -> int | None:
    if raw is None:
        return None
    if raw.isdigit():
        return int(raw)
    return int(word_table("MONTH_DATED")[raw.lower()])


# A fractional count of a unit counted in a smaller one ("a year and a half ago": 18 months ago, "half an
# hour ago" 30 minutes, which is a day as an hour is); other
# units' fractions ("a day and a half ago") name no day, month or year, so they stay durations.
FRACTION_UNITS = {"year": ("month", 12), "decade": ("year", 10), "century": ("year", 100), "hour": ("minute", 60)}
# The hours a part of the day holds, as written before it ("at 8 tonight"), and what makes them 24-hour.
PART_HOURS = {"morning": (1, 11, 0), "afternoon": (1, 6, 12), "evening": (5, 11, 12), "night": (5, 11, 12)}
YEAR_SHIFTS = {"this": 0, "last": -1, "next": 1}
SHIFT_WORDS = {"this past": "past", "this coming": "coming", "the previous": "previous", "the following": "next"}


def _shift_word(mod: str | None) -> str | None:
    """One word for a modifier: "this coming" is "coming", "the previous" is "previous"."""
    if mod is None:
        return None
    return SHIFT_WORDS.get(mod, mod.removeprefix("the "))


def _norm(raw: str | None) -> str | None:
    return " ".join(raw.lower().split()) if raw else None


def _first(g: dict[str, str], name: str, count: int = 5) -> str | None:
    """The value of the first group of ``name``, ``name2``, ... that matched (one per alternative)."""
    return next((g[k] for k in (name, *(f"{name}{i}" for i in range(2, count + 1))) if g.get(k)), None)


def build_spec(kind: str, g: dict[str, str], date_order: str = "month-first") -> Form | None:
    """The underspecified form of one match: what the words say, before any anchoring."""
    mod = _norm(g.get("mod") or g.get("mod2"))
    if kind == "numdate":  # "05/02/2013", "19.02.2010": which part is the month
        first, second = int(_first(g, "first") or 0), int(_first(g, "second") or 0)
        day_first = bool(_first(g, "dot")) or first > 12 or (date_order == "day-first" and second <= 12)
        d, m = (first, second) if day_first else (second, first)
        if m > 12:
            return None
        short = int(g["short"]) if g.get("short") else None
        return DateForm(year=_year(g.get("year")), month=m, day=d, short_year=short)
    if kind == "isomonth":  # "2008-04"; "2011-12" after "the" or before "season" is a span of two years
        y, m = int(g["year"]), int(g["month"])
        return None if m == (y + 1) % 100 else DateForm(year=y, month=m)
    if kind == "date":
        month = _month(_first(g, "month"))
        day = int(_first(g, "day", 4) or word_table("ORDINAL").get(_norm(g.get("dayw")) or "", "0")) or None
        year = spelled_year(g["spelled"]) if g.get("spelled") else _year(_first(g, "year"))
        return DateForm(
            year=year,
            month=month,
            day=day,
            mod=_shift_word(mod),
            year_shift=YEAR_SHIFTS[g["yearmod"].lower()] if g.get("yearmod") else None,
            weekday=int(word_table("WEEKDAY_DATED")[g["dayname"].lower()]) if g.get("dayname") else None,
            short_year=int(g["short"]) if g.get("short") else None,  # "7/8/07": the century from the anchor
            week_of=bool(g.get("week")),  # "the week of March 6"
        )
    if kind == "weekday":
        return WeekdayForm(
            weekday=int(word_table("WEEKDAY")[g["weekday"].lower()]),
            mod=_shift_word(mod),
            part=word_table("PART_OF_DAY").get(_norm(g.get("part")) or ""),
            # "the previous Friday": from the day last named, not from today
            relative_to="context" if mod in ("the previous", "the following", "the next") else None,
        )
    if kind == "relday":
        word = _norm(g.get("word")) or ""
        part = word_table("PART_OF_DAY").get(_norm(g.get("part") or g.get("part2")) or "")
        offsets = {
            "the day before yesterday": -2,
            "yesterday": -1,
            "today": 0,
            "tonight": 0,
            "tomorrow": 1,
            "the day after tomorrow": 2,
            "the night before last": -2,
        }
        if word in ("tonight", "the night before last"):
            part = "NI"
        n = offsets.get(word, -1 if mod == "last" and part == "NI" else 0)
        return OffsetForm(unit="day", n=n, part=part)
    if kind == "shift":
        mod = (mod or "").removeprefix("the ")
        unit = (g.get("unit") or g["unit2"]).lower()
        edge_word = _norm(g.get("edge")) or ""
        edge = table("prefixes.tsv").get(edge_word) or table("prefixes.tsv").get(f"the {edge_word} of")
        shifts = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
        shifts |= {"this past": -1, "this coming": 1, "after next": 2, "before last": -2}
        if g.get("dir"):  # "a year ago": a one-unit offset
            return OffsetForm(unit=unit, n=-1)
        return ShiftForm(unit=unit, n=shifts.get(mod, 0), edge=edge)
    if kind == "offset" and g.get("part"):  # "in the morning": of the day last named
        part = word_table("PART_OF_DAY")[" ".join(g["part"].lower().split())]
        return OffsetForm(unit="day", n=0, relative_to="context", whole=True, part=part)
    if kind == "offset" and g.get("that"):  # "that year", "the following day": from the period last named
        that = _norm(g["that"]) or ""
        step = {"that": 0, "that same": 0, "the": 0, "the same": 0, "the following": 1, "the next": 1}.get(that, -1)
        # "for the year", "end the day": the one reported on, never one still ahead
        return OffsetForm(unit=g["unit"].lower(), n=step, relative_to="context", whole=True, not_ahead=that == "the")
    if kind == "offset":
        count = number(g["num"])
        sign = -1 if _norm(g.get("dir")) in ("ago", "earlier", "before") else 1
        if count is None:  # "several years ago", "a few days later": only the direction is known
            return RefForm(ref="PAST_REF" if sign < 0 else "FUTURE_REF")
        unit = word_table("UNIT")[_norm(g["unit"]) or ""]
        if g.get("half") or g.get("half2"):  # "a year and a half ago"
            count += 0.5
        if count != int(count) and unit in FRACTION_UNITS:  # "two and a half years ago": 30 months ago
            unit, per = FRACTION_UNITS[unit]
            count *= per
        if count != int(count):  # "a day and a half ago": no day to name; the duration stays
            return None
        relative_to = "anchor" if _norm(g.get("dir")) in ("ago", "from now", "hence", None) else "context"
        # "exactly two years ago", "two years ago today": a day, not a year
        exact = mod in ("exactly", "precisely") or bool(g.get("today"))
        return OffsetForm(unit=unit, n=sign * int(count), relative_to=relative_to, exact=exact)
    if kind == "duration" and g.get("while"):  # "for a while": a duration of unknown length and unit
        return DurationForm(unit="while")
    if kind == "duration":
        unit_word = _norm(_first(g, "unit", 2)) or ""
        unit = word_table("UNIT")[unit_word]
        plural = unit != unit_word
        amount = number(g["num"]) if g.get("num") else (None if plural else 1.0)  # "recent years": X
        if g.get("num") and "couple" in g["num"].lower():  # "a couple of years"
            amount = 2.0
        if amount is not None and (g.get("half") or g.get("half2")):  # "5 1/2 hours", "a minute and a half"
            amount += 0.5
        if g.get("low"):  # "12 to 18 months": a range of amounts, so the amount is unknown
            amount = None
        return DurationForm(n=amount, unit=unit, mod=mod)
    if kind == "weekend":
        return WeekendForm()
    if kind == "quarter":
        ords = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
        ords["last"] = 4  # "the last quarter of 2012" (only before "of" and a year)
        qnum = _first(g, "qnum", 2)
        if g.get("qfrom"):  # "the April-June quarter": three months that are a calendar quarter, or none
            opening, closing = _month(g["qfrom"]), _month(g["qto"])
            if opening is None or (opening - 1) % 3 or closing != opening + 2:
                return None
            qnum = str((opening + 2) // 3)
        quarter = int(qnum) if qnum else ords[g["ord"].lower()]
        shift = (
            YEAR_SHIFTS[(g.get("yearmod") or g["yearmod2"]).lower()] if g.get("yearmod") or g.get("yearmod2") else None
        )
        if g.get("yearago"):  # "the year-ago third quarter"
            shift = -1
        year = _year(g.get("year") or g.get("year2"))
        if g.get("qshort"):  # "1Q12": the century is the anchor's, as for "FY25"
            year = 2000 + int(g["qshort"])
        return QuarterForm(quarter=quarter, year=year, year_shift=shift)
    if kind == "half":  # "the first half" without a year: the year from the tense (year_shift None)
        which = (_first(g, "half", 4) or g.get("quarters") or "").lower()
        half = int(g["hnum"]) if g.get("hnum") else 1 if which == "first" else 2
        shift = YEAR_SHIFTS[g["yearmod"].lower()] if g.get("yearmod") else 0 if g.get("current") else None
        return HalfForm(half=half, year=_year(g.get("year") or g.get("year2")), year_shift=shift)
    if kind == "period":
        words = " ".join(_norm(g.get(k)) or "" for k in ("which", "which2", "which3", "adj", "ago"))
        if "year" in words:  # "the year-earlier quarter", "year-ago profit": the same period a year before
            return PeriodForm(unit=g.get("unit", "").lower() or None, n=-1, step="year")
        back = any(w in words.split() for w in ("previous", "prior", "preceding"))
        return PeriodForm(
            unit=g["unit"].lower(),
            n=-1 if back else 0,
            current="current" in words.split(),
            year=int(g["year"]) if g.get("year") else None,
        )
    if kind == "season":
        year = spelled_year(g["spelled"]) if g.get("spelled") else _year(g.get("year"))
        short = int(g["short"]) if g.get("short") else None  # "the summer of '96"
        return SeasonForm(season=word_table("SEASON")[g["season"].lower()], year=year, short_year=short)
    if kind == "decade" and g.get("spelled"):
        tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7}
        tens |= {"eighties": 8, "nineties": 9}
        return DecadeForm(decade=190 + tens[g["spelled"].lower()], mod=mod)
    if kind == "century":  # "the 20th century" is the years 19xx, TIMEX3 "19"
        nth = int(g["ord"]) if g.get("ord") else int(word_table("ORDINAL")[_norm(g["spelled"]) or ""])
        return CenturyForm(century=nth - 1, bc=bool(g.get("era")))  # "the 5th century BC": BC04
    if kind == "year" and g.get("spelled"):
        year = spelled_year(g["spelled"])
        return None if year is None else YearForm(year=year, mod=mod)
    if kind == "decade":
        if g.get("decade"):
            return DecadeForm(decade=int(g["decade"]) // 10, mod=mod)
        return DecadeForm(decade=190 + int(g["short"]) // 10, mod=mod)
    if kind == "year" and (era_word := _first(g, "era", 3)):  # "300 BC", "AD 79", "in 1066 AD"
        era = era_word.replace(".", "").upper()
        return YearForm(year=int(_first(g, "ayear", 3) or 0), bc=era.startswith("B"))
    if kind == "year" and g.get("fy"):  # "FY25": the century is the anchor's, as for "7/8/07"
        return YearForm(year=2000 + int(g["fy"]), mod=mod)
    if kind == "year" and g.get("first"):  # "2024-25": the second year of the span, the year after the first
        first = int(g["first"])
        second = first - first % 100 + int(g["next"])
        second += 100 if second < first else 0  # "1999-00"
        return YearForm(year=second) if second == first + 1 else None
    if kind == "year":
        year = int(g["year"])
        if g.get("next") and int(g["next"]) != (year + 1) % 100:  # "2015-32": no span of years, a code
            return None
        return YearForm(year=year, mod=mod)
    if kind == "clock" and g.get("iyear"):  # "2008-05-16T09:12:30"
        iso_day = DateForm(year=int(g["iyear"]), month=int(g["imonth"]), day=int(g["iday"]))
        return ClockForm(
            hour=int(g.get("hour24") or g["hour24b"]),
            minute=int(g.get("minute24") or g.get("minute24b") or 0),
            second=int(s) if (s := g.get("second") or g.get("secondb")) else None,
            utc=bool(g.get("zulu")),
            day=iso_day,
        )
    if kind == "clockwords":  # "half past noon", "ten minutes to three": the hour as written
        hour_word = g["hourw"].lower()
        hour = {"noon": 12, "midnight": 24}.get(hour_word) or int(number(hour_word) or 0)
        minutes = 30 if g.get("half") else 15 if g.get("quarter") else int(number(_first(g, "minw", 2) or "") or 0)
        if minutes >= 60 or not 1 <= hour <= 24:
            return None
        total = hour * 60 + (-minutes if g["rel"].lower() in ("to", "before", "till", "of") else minutes)
        if hour == 24 and total > 24 * 60:  # "ten past midnight": the small hours of the next day, not said
            return None
        return ClockForm(hour=total // 60, minute=total % 60)
    if kind == "clock" and g.get("hourn"):  # "last night at 8": an evening hour, on that evening's day
        if g.get("weekday"):
            evening = build_spec("weekday", {"weekday": g["weekday"]})
        else:
            evening = OffsetForm(unit="day", n=-1 if _norm(g.get("nmod")) == "last" else 0)
        return ClockForm(hour=int(g["hourn"]) + 12, minute=int(g.get("minuten") or 0), day=evening)
    if kind == "clock" and g.get("hourp"):  # "at 8 tonight", "at 9 tomorrow morning": the hour in that part
        part = "night" if g.get("tonight") else g["ppart"].lower()
        hour, (low, high, add) = int(g["hourp"]), PART_HOURS[part]
        if not low <= hour <= high:
            return None
        day_word = "tonight" if g.get("tonight") else g["pday"].lower()
        shift = {"tonight": 0, "this": 0, "tomorrow": 1, "yesterday": -1, "last": -1}[day_word]
        if day_word == "last" and part != "night":  # "last morning" is no day
            return None
        return ClockForm(hour=hour + add, minute=int(g.get("minutep") or 0), day=OffsetForm(unit="day", n=shift))
    if kind == "clock" and g.get("hourw"):  # "seven p.m.", "six thirty pm"
        hour = int(number(g["hourw"]) or 0) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        minute_word = (g.get("minw") or "").lower()
        minute = 0 if not minute_word or "clock" in minute_word else int(number(minute_word) or 0)
        return ClockForm(hour=hour, minute=minute)
    if kind == "clock":
        if g.get("named"):
            hour, minute = (24, 0) if g["named"].lower() == "midnight" else (12, 0)
        elif g.get("hour4"):  # "six o'clock": the hour as written (no a.m./p.m. is guessed)
            hour, minute = int(number(g["hour4"]) or 0), 0
        elif g.get("hour3") or g.get("hour3w"):  # "4 in the morning", "2:30 in the afternoon", "ten at night"
            part = (g.get("part3") or g["part3b"]).lower()
            hour, (low, high, add) = int(number(g.get("hour3") or g["hour3w"]) or 0), PART_HOURS[part]
            if part == "afternoon" and hour == 12:  # "12:30 in the afternoon"
                add = 0
            elif not low <= hour <= high:  # "9 in the afternoon": no such hour; a wrong time is worse than none
                return None
            hour, minute = hour + add, int(g.get("minute3") or 0)
        elif g.get("hour24"):
            hour, minute = int(g["hour24"]), int(g["minute24"])
        else:
            hour, minute = int(g["hour"]) % 12, int(_first(g, "minute", 2) or 0)
            if g["ampm"].lower().startswith("p"):
                hour += 12
        on_day: Form | None = None
        if g.get("weekday"):  # "10 p.m. Wednesday": the day is a weekday, directed like one
            on_day = build_spec("weekday", {k: v for k, v in (("weekday", g["weekday"]), ("mod", g.get("dmod"))) if v})
        elif g.get("relday"):
            on_day = build_spec("relday", {"word": g["relday"]})
        elif g.get("month") or g.get("month2"):
            parts = {"month": g.get("month") or g["month2"], "day": g.get("day") or g["day2"]}
            on_day = build_spec("date", parts | ({"year": g["cyear"]} if g.get("cyear") else {}))
        elif g.get("nfirst"):  # "8:43 PST on 6/12/2008"
            numeric = {"first": g["nfirst"], "second": g["nsecond"], "year": g["nyear"]}
            on_day = build_spec("numdate", numeric, date_order)
        seconds = _first(g, "second", 2)
        return ClockForm(
            hour=hour,
            minute=minute,
            second=int(seconds) if seconds else None,
            utc=(g.get("tz") or "").upper() in ("UTC", "GMT"),  # TIMEX3 marks universal time with "Z"
            day=on_day,
        )
    if kind == "event_day":  # "the Sept. 11 attacks", "9/11": the year of the event named by that day
        key = g.get("numeric") or g.get("numeric2") or f"{_month(g.get('month'))}/{int(g.get('day') or 0)}"
        event = table("event_days.tsv").get(key)
        if event is None:  # not a day news names an event by: the ordinary date rules read it
            return None
        when = date.fromisoformat(event)
        ordinary = DateForm(month=when.month, day=when.day)
        return EventDayForm(year=when.year, month=when.month, day=when.day, ordinary=ordinary)
    if kind == "holiday":
        rule = word_table("HOLIDAY")[" ".join(g["holiday"].lower().replace("’", "'").split())]
        mod = {"following": "next", "previous": "last"}.get(_shift_word(mod) or "", _shift_word(mod))
        weekend = bool(g.get("weekend") or g.get("weekend2"))  # "Labor Day weekend", "the weekend of Easter"
        return HolidayForm(rule=rule, year=_year(g.get("year")), mod=mod, weekend=weekend)
    if kind == "nthweekday":  # "the 3rd Wednesday in November": a rule like a holiday's
        ords = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
        iso_weekday = word_table("WEEKDAY")[g["weekday"].lower()]
        rule = f"{_month(g['month'])}/{ords[g['ord'].lower()]}/{iso_weekday}"
        return HolidayForm(rule=rule, year=_year(g.get("year")))
    if kind == "nth":  # "week 10", "week 27 of last year", "2024-W10"
        base: Form | None = None
        if _first(g, "year", 3):
            base = YearForm(year=int(_first(g, "year", 3) or 0))
        elif g.get("yearmod"):
            base = ShiftForm(unit="year", n=YEAR_SHIFTS[g["yearmod"].lower()])
        return NthForm(unit="week", n=int(_first(g, "wnum", 3) or 0), base=base)
    if kind == "weekdayin":  # "Monday two weeks from now": that weekday of the week of the day named
        count = number(g["num"])
        if count is None or count != int(count):
            return None
        sign = -1 if _norm(g["dir"]) == "ago" else 1
        unit = word_table("UNIT")[_norm(g["unit"]) or ""]
        shifted = OffsetForm(unit=unit, n=sign * int(count), relative_to="anchor", exact=True)
        return WeekdayInForm(weekday=int(word_table("WEEKDAY")[g["weekday"].lower()]), base=shifted)
    if kind == "weekdayshift":  # "Friday after next": a week after the coming one; "before last": before the last
        forward = _norm(g["mod"]) == "after next"
        named_day = int(word_table("WEEKDAY")[g["weekday"].lower()])
        start = WeekdayForm(weekday=named_day, mod="next" if forward else "last")
        return AnchoredForm(unit="week", n=1 if forward else -1, base=start)
    if kind == "agothis":  # "a year ago this week": this week shifted back a year, still a week
        this = (g.get("this") or g["this2"]).lower()
        count = 1 if g.get("last") else number(g["num"])
        unit = "year" if g.get("last") else word_table("UNIT")[_norm(g["unit"]) or ""]
        if count is None or count != int(count) or RANK.get(unit, 0) <= RANK.get(this, 0):
            return None
        return AnchoredForm(unit=unit, n=-int(count), base=ShiftForm(unit=this, n=0))
    if kind == "weekdayago":  # "two weeks ago Friday": two weeks before last Friday
        count = number(g["num"])
        if count is None or count != int(count):
            return None
        last = WeekdayForm(weekday=int(word_table("WEEKDAY")[g["weekday"].lower()]), mod="last")
        return AnchoredForm(unit="week", n=-int(count), base=last)
    if kind == "weekweekday":  # "Tuesday of next week": that weekday of the week named
        week = {"next": 1, "last": -1, "this": 0, "following": 1, "previous": -1}[_shift_word(mod) or "this"]
        named = int(word_table("WEEKDAY")[(_first(g, "weekday", 2) or "").lower()])
        part = word_table("PART_OF_DAY").get(_norm(g.get("part")) or "")
        return WeekdayForm(weekday=named, week=week, part=part)
    if kind == "set" and (g.get("other") or g.get("num")):  # "every other day", "every four years"
        count = 2 if g.get("other") else number(g["num"])
        unit = word_table("UNIT")[_norm(g["unit"]) or ""]
        return None if count is None else SetForm(every=unit, count=int(count))
    if kind == "set" and (g.get("mday") or g.get("mdayw")):  # "the 19th of every month"
        return SetForm(every="month", day=int(g.get("mday") or word_table("ORDINAL")[_norm(g["mdayw"]) or ""]))
    if kind == "set" and (g.get("hour") or g.get("hour24") or g.get("named") or _clock_given(g)):
        clock = _set_clock(g)  # "Tuesdays at 9am", "9 a.m. daily": the time of each one
        if clock is None:
            return None
        each = _first(g, "weekday", 2)
        if each:
            return SetForm(weekday=int(word_table("WEEKDAY")[each.lower()]), clock=clock)
        return SetForm(every="day", clock=clock)
    if kind == "set" and g.get("times"):  # "twice a month": a month apart each time the text counts
        return SetForm(every=g["unit"].lower())
    if kind == "set":
        if g.get("adverb"):
            return SetForm(every=g["adverb"].lower().replace("-", ""))
        if _first(g, "weekday", 3):  # "every Monday", "on Sundays", "Tuesday nights"
            weekday = int(word_table("WEEKDAY")[(_first(g, "weekday", 3) or "").lower()])
            return SetForm(
                weekday=weekday, part=word_table("PART_OF_DAY").get(_norm(g.get("part") or g.get("part2")) or "")
            )
        if g.get("month"):  # "each July"
            return SetForm(month=_month(g["month"]))
        if g.get("season"):  # "every summer"
            return SetForm(season=word_table("SEASON")[g["season"].lower()])
        return SetForm(every=g["unit"].lower())
    if kind == "narrative":  # "the next morning", "the night before": the day after (before) the day last named
        # the day only, as the one gold instance (AQUAINT, "the next morning" DATE 2000-02-23) gives it
        back = (_norm(g.get("which")) or "") in ("previous", "preceding") or _norm(g.get("rel")) == "before"
        return OffsetForm(unit="day", n=-1 if back else 1, relative_to="context", whole=True)
    if kind == "ref":
        ref = "PRESENT_REF" if g.get("present") else "PAST_REF" if g.get("past") else "FUTURE_REF"
        return RefForm(ref=ref)
    raise ValueError(f"unknown rule kind {kind!r}")
