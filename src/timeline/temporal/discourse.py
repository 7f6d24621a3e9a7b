"""The periods a text has named so far, which anaphoric and comparative expressions are anchored to.

Reads: each resolved mention in text order (its form and :class:`Resolution`). Writes: the reference form
to store in a later mention's ``reference``, which :mod:`timeline.temporal.resolve` anchors it to.
Three references are kept: the period last named ("a year earlier", "the quarter"); the last period at
least as precise as a unit ("the same day", "the previous Friday", "at 10 p.m."); and the quarter a report
is about, the latest quarter it names that has ended by the anchor, so that a forecast ("a fourth-quarter
charge") or an older quarter named in passing ("after a flat second quarter", "the 1988 period") does not
replace it as what "the quarter" or "a year ago" compare with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .forms import ClockForm, DateForm, Form, OffsetForm, PeriodForm, WeekdayForm
from .periods import RANK
from .resolve import Resolution

# Kinds that may be anchored to the period the text last named ("a year earlier", "the quarter").
CONTEXT_KINDS = (OffsetForm, PeriodForm)
REFERENCE_GRANULARITIES = {"day", "time", "week", "month", "quarter", "year"}

Spec = Form


@dataclass
class Discourse:
    anchor: date | None
    last: Spec | None = None
    last_granularity: str | None = None
    topic: Spec | None = None  # the quarter reported on
    topic_end: date | None = None
    named: list[tuple[Spec, str]] = field(default_factory=list)  # every period named, with its precision

    def reference_for(self, spec: Spec) -> Spec | None:
        """The period ``spec`` is anchored to, or ``None`` when it stands on the anchor alone."""
        if isinstance(spec, ClockForm) and spec.day is None or isinstance(spec, WeekdayForm):
            if isinstance(spec, WeekdayForm) and spec.relative_to != "context":
                return None
            return self._finest(("day", "time"))  # "at 10 p.m." after "on Oct. 23", "the previous Friday"
        if isinstance(spec, DateForm) and spec.month is None and spec.weekday is None and spec.day is not None:
            return self._finest(("day", "time", "month"))  # "on the 15th" after "in April": April's
        if not isinstance(spec, CONTEXT_KINDS) or self.last is None:
            return None
        if isinstance(spec, OffsetForm) and spec.relative_to == "context" and spec.unit in RANK:
            finer = [r for r, g in self.named if RANK[g] <= RANK[spec.unit]]
            if finer:  # "the same day", "later in the day": the last period at least as precise as the unit
                return finer[-1]
        if self.topic is not None and self.last_granularity == "quarter":
            return self.topic
        return self.last

    def _finest(self, granularities: tuple[str, ...]) -> Spec | None:
        found = [r for r, g in self.named if g in granularities]
        return found[-1] if found else None

    def note(self, spec: Spec, res: Resolution, type_: str) -> None:
        """Remember a resolved mention if it names a period (a comparison such as "a year earlier" does not)."""
        if res.granularity not in REFERENCE_GRANULARITIES or type_ not in ("DATE", "TIME") or _comparison(spec):
            return
        self.last, self.last_granularity = spec, res.granularity
        if res.granularity in RANK:
            self.named.append((spec, res.granularity))
        ended = self.anchor is not None and res.end is not None and res.end <= self.anchor
        if (
            res.granularity == "quarter"
            and ended
            and res.end is not None
            and (self.topic_end is None or res.end >= self.topic_end)
        ):
            self.topic, self.topic_end = spec, res.end


def _comparison(spec: Spec) -> bool:
    """A period named by comparison ("a year earlier", "the year-ago quarter") does not become the reference."""
    if isinstance(spec, PeriodForm):
        return spec.n != 0
    if not isinstance(spec, OffsetForm) or spec.n >= 0:
        return False
    return spec.relative_to == "context" or spec.unit in ("year", "quarter")
