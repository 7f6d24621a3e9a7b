"""The underspecified forms of time expressions: one frozen record type per kind.

Reads: nothing (the extraction rules build these; the warehouse stores them as JSON). Writes: :class:`Form`
records. Each kind owns its fields, says whether it takes a direction from its clause (``directed``), and
has one resolver registered with :func:`resolves` (in :mod:`timeline.temporal.resolve`). A form is stored
as a tagged JSON object, ``{"kind": "weekday", "weekday": 4, ...}``, and read back into the same type by
:func:`from_json`; the keys are the field names, so warehouses written before the typed forms (the same
tagged dicts) load unchanged.

Adding a kind of time expression: its rule in ``resources/temporal/rules.yaml`` (with examples), its
record type here (built by ``extract.build_spec``), its resolver in ``resolve.py``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar, TypeVar

from .periods import Resolution

F = TypeVar("F", bound="Form")


@dataclass(frozen=True, kw_only=True)
class Form:
    """What every kind carries: the clause's direction and its cue, the period it is anchored to when the
    text says so (``reference``), and the words that narrow it ("the end of", "early": ``edge``)."""

    kind: ClassVar[str] = ""
    directed: ClassVar[bool] = False  # True: its value depends on the tense of its clause
    direction: str | None = None  # "past", "future", "near" or None, from the clause (tense.py)
    cue: str | None = None
    reference: Form | None = None
    edge: str | None = None

    def resolve(self, anchor: date | None) -> Resolution:
        """This form anchored to ``anchor`` by its kind's registered resolver."""
        from . import resolve as _registers  # noqa: F401  (the resolvers register themselves on import)

        return RESOLVERS[type(self)](self, anchor)

    def to_json(self) -> dict[str, Any]:
        """The tagged JSON object of this form; fields left at their default are omitted."""
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            value = getattr(self, f.name)
            if value == f.default:
                continue
            out[f.name] = value.to_json() if isinstance(value, Form) else value
        return out

    def dumps(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True)


KINDS: dict[str, type[Form]] = {}
RESOLVERS: dict[type[Form], Callable[[Any, date | None], Resolution]] = {}


def kind(cls: type[F]) -> type[F]:
    KINDS[cls.kind] = cls
    return cls


def resolves(
    cls: type[F],
) -> Callable[[Callable[[F, date | None], Resolution]], Callable[[F, date | None], Resolution]]:
    """Register the resolver of one kind."""

    def register(fn: Callable[[F, date | None], Resolution]) -> Callable[[F, date | None], Resolution]:
        RESOLVERS[cls] = fn
        return fn

    return register


@kind
@dataclass(frozen=True, kw_only=True)
class DateForm(Form):
    """A calendar date or month, as much of it as the text gives: "March 3", "2024-03-05", "June last year"."""

    kind: ClassVar[str] = "date"
    directed: ClassVar[bool] = True
    year: int | None = None
    month: int | None = None
    day: int | None = None
    mod: str | None = None  # "last", "next", "this", ...
    year_shift: int | None = None  # "June last year": -1
    weekday: int | None = None  # "Monday, Oct. 26": the year in which it is a Monday
    short_year: int | None = None  # "7/8/07": the century from the anchor
    week_of: bool = False  # "the week of March 6"


@kind
@dataclass(frozen=True, kw_only=True)
class WeekdayForm(Form):
    kind: ClassVar[str] = "weekday"
    directed: ClassVar[bool] = True
    weekday: int  # ISO, Monday = 1
    mod: str | None = None
    part: str | None = None  # part of day: MO, AF, EV, NI
    relative_to: str | None = None  # "context": from the day last named ("the following Friday")
    week: int | None = None  # "Tuesday of next week": that day of the anchor's week shifted by ``week``


@kind
@dataclass(frozen=True, kw_only=True)
class OffsetForm(Form):
    """n units from the anchor or from the period last named: "two days ago", "the following year"."""

    kind: ClassVar[str] = "offset"
    unit: str
    n: int
    part: str | None = None
    relative_to: str | None = None  # "anchor" or "context"
    whole: bool = False  # names a whole unit ("that year"), not the reference's precision
    not_ahead: bool = False  # "for the year": never a period still ahead of the anchor
    exact: bool = False  # "exactly two years ago": the day, not the year


@kind
@dataclass(frozen=True, kw_only=True)
class AnchoredForm(Form):
    """n units from a named day: "two weeks from next Tuesday", "2 days before yesterday"."""

    kind: ClassVar[str] = "anchored"
    directed: ClassVar[bool] = True  # the direction goes to its day ("from Tuesday": which Tuesday)
    unit: str
    n: int
    base: Form


@kind
@dataclass(frozen=True, kw_only=True)
class EventOffsetForm(Form):
    """n units from an event the text names, not a day: "the day before the election". Its date is not
    known from the text alone, so it stays unresolved (a wrong date is worse than none)."""

    kind: ClassVar[str] = "event_offset"
    unit: str
    n: int
    event: str  # the words naming the event ("the election")


@kind
@dataclass(frozen=True, kw_only=True)
class NthForm(Form):
    """The nth unit of a named period: "the 10th week of 2024", "the last day of next month"."""

    kind: ClassVar[str] = "nth"
    directed: ClassVar[bool] = True  # "week 10" without a year: this year's, or last / next year's by tense
    unit: str  # day, week, month
    n: int  # 1 = the first; -1 = the last
    base: Form | None = None  # the period counted in; None: the anchor's year (a week number alone)


@kind
@dataclass(frozen=True, kw_only=True)
class WeekdayInForm(Form):
    """A weekday of the week a day falls in: "Monday two weeks from now"."""

    kind: ClassVar[str] = "weekday_in"
    weekday: int  # ISO, Monday = 1
    base: Form


@kind
@dataclass(frozen=True, kw_only=True)
class ShiftForm(Form):
    """The unit containing the anchor, shifted n units: "this week", "last month", "next summer"."""

    kind: ClassVar[str] = "shift"
    unit: str
    n: int = 0


@kind
@dataclass(frozen=True, kw_only=True)
class DurationForm(Form):
    kind: ClassVar[str] = "duration"
    unit: str
    n: float | None = None  # None: an unknown amount ("recent years" is PXY)
    mod: str | None = None


@kind
@dataclass(frozen=True, kw_only=True)
class WeekendForm(Form):
    kind: ClassVar[str] = "weekend"
    directed: ClassVar[bool] = True


@kind
@dataclass(frozen=True, kw_only=True)
class QuarterForm(Form):
    kind: ClassVar[str] = "quarter"
    directed: ClassVar[bool] = True
    quarter: int
    year: int | None = None
    year_shift: int | None = None


@kind
@dataclass(frozen=True, kw_only=True)
class HalfForm(Form):
    kind: ClassVar[str] = "half"
    directed: ClassVar[bool] = True  # "the first half" without a year: the year from the tense
    half: int
    year: int | None = None
    year_shift: int | None = None


@kind
@dataclass(frozen=True, kw_only=True)
class PeriodForm(Form):
    """The reporting period the text talks about: "the quarter", "the year-ago period"."""

    kind: ClassVar[str] = "period"
    unit: str | None = None
    n: int = 0
    step: str = "quarter"  # "year": the same period a year before
    current: bool = False
    year: int | None = None


@kind
@dataclass(frozen=True, kw_only=True)
class SeasonForm(Form):
    kind: ClassVar[str] = "season"
    directed: ClassVar[bool] = True
    season: str  # SP, SU, FA, WI
    year: int | None = None
    short_year: int | None = None  # "the summer of '96": the century nearest the anchor


@kind
@dataclass(frozen=True, kw_only=True)
class DecadeForm(Form):
    kind: ClassVar[str] = "decade"
    decade: int  # 199 for the 1990s
    mod: str | None = None


@kind
@dataclass(frozen=True, kw_only=True)
class CenturyForm(Form):
    kind: ClassVar[str] = "century"
    century: int  # 19 for the 20th century (TIMEX3 "19"); 4 with ``bc`` for the 5th century BC ("BC04")
    bc: bool = False


@kind
@dataclass(frozen=True, kw_only=True)
class YearForm(Form):
    kind: ClassVar[str] = "year"
    year: int  # with ``bc``, the year before Christ ("300 BC": 300, TIMEX3 "BC0300")
    mod: str | None = None
    bc: bool = False


@kind
@dataclass(frozen=True, kw_only=True)
class ClockForm(Form):
    kind: ClassVar[str] = "clock"
    directed: ClassVar[bool] = True
    hour: int
    minute: int = 0
    second: int | None = None
    zone: str | None = None  # "Z" or an offset such as "-05:00", written after the time
    utc: bool = False  # kept for warehouses written before ``zone``
    day: Form | None = None  # "noon Saturday": the day, resolved as its own expression


@kind
@dataclass(frozen=True, kw_only=True)
class HolidayForm(Form):
    kind: ClassVar[str] = "holiday"
    directed: ClassVar[bool] = True
    rule: str  # see holidays.tsv
    year: int | None = None
    mod: str | None = None
    weekend: bool = False  # "Labor Day weekend": the weekend nearest the holiday


@kind
@dataclass(frozen=True, kw_only=True)
class EventDayForm(Form):
    """A day that news names an event of history by ("the Sept. 11 attacks", "9/11", "the Jan. 6 riot"):
    the year is that of the event (``event_days.tsv``), not the one the tense would give; in a text written
    before the event, the day as a date without its year (``ordinary``) is read instead."""

    kind: ClassVar[str] = "event_day"
    year: int
    month: int
    day: int
    ordinary: Form | None = None


@kind
@dataclass(frozen=True, kw_only=True)
class SetForm(Form):
    """A recurring time: "every Monday", "weekly", "each July", "daily at 9 a.m."."""

    kind: ClassVar[str] = "set"
    every: str | None = None
    count: int = 1  # "every four years": 4
    weekday: int | None = None
    part: str | None = None
    month: int | None = None
    season: str | None = None
    day: int | None = None  # "the 19th of every month": XXXX-XX-19
    clock: str | None = None  # "Tuesdays at 9am": "09:00", the time of day of each one


@kind
@dataclass(frozen=True, kw_only=True)
class RefForm(Form):
    kind: ClassVar[str] = "ref"
    ref: str  # PRESENT_REF, PAST_REF, FUTURE_REF


NESTED = ("reference", "day", "base", "ordinary")


def from_json(data: dict[str, Any] | str) -> Form:
    """The form of a tagged JSON object (or its text), as stored in ``time_expressions.spec``."""
    if isinstance(data, str):
        data = json.loads(data)
    assert isinstance(data, dict)
    cls = KINDS.get(str(data.get("kind")))
    if cls is None:
        raise ValueError(f"unknown kind of time expression {data.get('kind')!r}")
    names = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in names}
    for key in NESTED:
        if isinstance(values.get(key), dict):
            values[key] = from_json(values[key])
    return cls(**values)


def replace(form: F, **changes: Any) -> F:
    return dataclasses.replace(form, **changes)
