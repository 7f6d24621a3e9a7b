"""Find time expressions in text and turn each into its underspecified form.

Reads: raw text. Writes: :class:`Candidate` records (span, rule, type and the underspecified form, a
:class:`~timeline.temporal.forms.Form` such as ``WeekdayForm(weekday=4)``). Nothing here needs a publication date:
anchoring is :mod:`timeline.temporal.resolve`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .forms import (
    CenturyForm,
    ClockForm,
    DateForm,
    DecadeForm,
    DurationForm,
    Form,
    HalfForm,
    HolidayForm,
    OffsetForm,
    PeriodForm,
    QuarterForm,
    RefForm,
    SeasonForm,
    SetForm,
    ShiftForm,
    WeekdayForm,
    WeekendForm,
    YearForm,
)
from .lexicon import CAPITALISED_GROUPS, Rule, lowercase_ok, prefix_regex, rules, table, word_table
from .prefilter import Scan


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    rule: str
    type: str
    spec: Form


def find(text: str) -> list[Candidate]:
    """Every time expression of ``text``, longest match first, without overlaps, in text order.

    Each rule is tried only near the words it needs (:mod:`timeline.temporal.prefilter`): the same matches
    as scanning the whole text."""
    found: list[tuple[int, int, int, Rule, dict[str, str]]] = []
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
            found.append((match.start(), match.end(), order, rule, groups))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[Candidate] = []
    for start, end, _, rule, groups in found:
        if any(start < c.end and c.start < end for c in taken):
            continue
        spec = build_spec(rule.kind, groups)
        if spec is None:
            continue
        kind_of = (
            "TIME" if rule.type == "DATE" and getattr(spec, "part", None) else rule.type
        )  # "Friday night" is a TIME
        taken.append(Candidate(start, end, text[start:end], rule.name, kind_of, spec))
    taken.sort(key=lambda c: c.start)
    return [_with_prefix(text, c) for c in taken]


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
    if " " in word and all(w in word_table("NUMBER") for w in word.split()):  # "twenty four"
        parts = [word_table("NUMBER")[w] for w in word.split()]
        return None if "X" in parts else sum(float(x) for x in parts)
    value = word_table("NUMBER").get(word)
    if value is None or value == "X":
        return None
    return float(value)


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


YEAR_SHIFTS = {"this": 0, "last": -1, "next": 1}
SHIFT_WORDS = {"this past": "past", "this coming": "coming", "the previous": "previous", "the following": "next"}


def _shift_word(mod: str | None) -> str | None:
    """One word for a modifier: "this coming" is "coming", "the previous" is "previous"."""
    if mod is None:
        return None
    return SHIFT_WORDS.get(mod, mod.removeprefix("the "))


def _norm(raw: str | None) -> str | None:
    return " ".join(raw.lower().split()) if raw else None


def build_spec(kind: str, g: dict[str, str]) -> Form | None:
    """The underspecified form of one match: what the words say, before any anchoring."""
    mod = _norm(g.get("mod") or g.get("mod2"))
    if kind == "date":
        month = _month(g.get("month") or g.get("month2"))
        day = int(g["day"]) if g.get("day") else None
        year = spelled_year(g["spelled"]) if g.get("spelled") else _year(g.get("year"))
        return DateForm(
            year=year,
            month=month,
            day=day,
            mod=_shift_word(mod),
            year_shift=YEAR_SHIFTS[g["yearmod"].lower()] if g.get("yearmod") else None,
            weekday=int(word_table("WEEKDAY")[g["dayname"].lower()]) if g.get("dayname") else None,
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
        }
        if word == "tonight":
            part = "NI"
        n = offsets.get(word, -1 if mod == "last" and part == "NI" else 0)
        return OffsetForm(unit="day", n=n, part=part)
    if kind == "shift":
        mod = (mod or "").removeprefix("the ")
        unit = (g.get("unit") or g["unit2"]).lower()
        edge_word = _norm(g.get("edge")) or ""
        edge = table("prefixes.tsv").get(edge_word) or table("prefixes.tsv").get(f"the {edge_word} of")
        shifts = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
        shifts |= {"this past": -1, "this coming": 1}
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
        n = number(g["num"])
        sign = -1 if _norm(g.get("dir")) in ("ago", "earlier", "before") else 1
        if n is None:  # "several years ago", "a few days later": only the direction is known
            return RefForm(ref="PAST_REF" if sign < 0 else "FUTURE_REF")
        if n != int(n):
            return None
        unit = word_table("UNIT")[_norm(g["unit"]) or ""]
        relative_to = "anchor" if _norm(g.get("dir")) in ("ago", "from now", "hence", None) else "context"
        return OffsetForm(unit=unit, n=sign * int(n), relative_to=relative_to)
    if kind == "duration":
        unit = word_table("UNIT")[_norm(g["unit"]) or ""]
        plural = unit != _norm(g["unit"])
        n = number(g["num"]) if g.get("num") else (None if plural else 1)  # "recent years": X
        if g.get("num") and "couple" in g["num"].lower():  # "a couple of years"
            n = 2.0
        if n is not None and (g.get("half") or g.get("half2")):  # "5 1/2 hours", "a minute and a half"
            n += 0.5
        if g.get("low"):  # "12 to 18 months": a range of amounts, so the amount is unknown
            n = None
        return DurationForm(n=n, unit=unit, mod=mod)
    if kind == "weekend":
        return WeekendForm()
    if kind == "quarter":
        ords = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
        quarter = int(g["qnum"]) if g.get("qnum") else ords[g["ord"].lower()]
        shift = (
            YEAR_SHIFTS[(g.get("yearmod") or g["yearmod2"]).lower()] if g.get("yearmod") or g.get("yearmod2") else None
        )
        if g.get("yearago"):  # "the year-ago third quarter"
            shift = -1
        return QuarterForm(quarter=quarter, year=_year(g.get("year") or g.get("year2")), year_shift=shift)
    if kind == "half":
        which = (g.get("half") or g.get("quarters") or "").lower()
        half = int(g["hnum"]) if g.get("hnum") else 1 if which == "first" else 2
        shift = YEAR_SHIFTS[g["yearmod"].lower()] if g.get("yearmod") else 0
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
        return SeasonForm(season=word_table("SEASON")[g["season"].lower()], year=year)
    if kind == "decade" and g.get("spelled"):
        tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7}
        tens |= {"eighties": 8, "nineties": 9}
        return DecadeForm(decade=190 + tens[g["spelled"].lower()], mod=mod)
    if kind == "century":  # "the 20th century" is the years 19xx, TIMEX3 "19"
        spelled = {"nineteenth": 19, "twentieth": 20, "twenty first": 21, "twenty second": 22}
        n = int(g["ord"]) if g.get("ord") else spelled[" ".join(g["spelled"].lower().replace("-", " ").split())]
        return CenturyForm(century=n - 1)
    if kind == "year" and g.get("spelled"):
        year = spelled_year(g["spelled"])
        return None if year is None else YearForm(year=year, mod=mod)
    if kind == "decade":
        if g.get("decade"):
            return DecadeForm(decade=int(g["decade"]) // 10, mod=mod)
        return DecadeForm(decade=190 + int(g["short"]) // 10, mod=mod)
    if kind == "year":
        return YearForm(year=int(g["year"]), mod=mod)
    if kind == "clock":
        if g.get("named"):
            hour, minute = (24, 0) if g["named"].lower() == "midnight" else (12, 0)
        elif g.get("hour3"):  # "4 in the morning", "8 in the evening"
            hour, minute = int(g["hour3"]) % 12 + (0 if g["part3"].lower() == "morning" else 12), 0
        elif g.get("hour24"):
            hour, minute = int(g["hour24"]), int(g["minute24"])
        else:
            hour, minute = int(g["hour"]) % 12, int(g.get("minute") or 0)
            if g["ampm"].lower().startswith("p"):
                hour += 12
        day: Form | None = None
        if g.get("weekday"):  # "10 p.m. Wednesday": the day is a weekday, directed like one
            day = build_spec("weekday", {"weekday": g["weekday"]})
        elif g.get("relday"):
            day = build_spec("relday", {"word": g["relday"]})
        elif g.get("month") or g.get("month2"):
            day = build_spec("date", {"month": g.get("month") or g["month2"], "day": g.get("day") or g["day2"]})
        # TIMEX3 marks universal time with "Z"
        return ClockForm(hour=hour, minute=minute, utc=(g.get("tz") or "").upper() in ("UTC", "GMT"), day=day)
    if kind == "holiday":
        rule = word_table("HOLIDAY")[" ".join(g["holiday"].lower().replace("’", "'").split())]
        return HolidayForm(rule=rule, year=_year(g.get("year")), mod=mod)
    if kind == "set":
        if g.get("adverb"):
            return SetForm(every=g["adverb"].lower())
        if g.get("weekday") or g.get("weekday2"):  # "every Monday", "on Sundays", "Tuesday nights"
            weekday = int(word_table("WEEKDAY")[(g.get("weekday") or g["weekday2"]).lower()])
            return SetForm(
                weekday=weekday, part=word_table("PART_OF_DAY").get(_norm(g.get("part") or g.get("part2")) or "")
            )
        if g.get("month"):  # "each July"
            return SetForm(month=_month(g["month"]))
        if g.get("season"):  # "every summer"
            return SetForm(season=word_table("SEASON")[g["season"].lower()])
        return SetForm(every=g["unit"].lower())
    if kind == "ref":
        ref = "PRESENT_REF" if g.get("present") else "PAST_REF" if g.get("past") else "FUTURE_REF"
        return RefForm(ref=ref)
    raise ValueError(f"unknown rule kind {kind!r}")
