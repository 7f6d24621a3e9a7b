"""Temporal tagging: rule examples from the resource files, weekday direction, calendar arithmetic."""

from __future__ import annotations

import json
from datetime import date

import pytest

from timeline.temporal import direction, find, form_of, forms, looks_ahead, reanchor, resolve, tag
from timeline.temporal.lexicon import rules
from timeline.temporal.periods import easter

RULE_EXAMPLES = [
    pytest.param(rule.name, ex.sentence, ex.published, ex.value, id=f"{rule.name}:{ex.sentence[:40]}")
    for rule in rules()
    for ex in rule.examples
]


@pytest.mark.parametrize(("rule", "sentence", "published", "expected"), RULE_EXAMPLES)
def test_rule_examples(nlp, rule, sentence, published, expected):
    mentions = tag(nlp(sentence), "t", date.fromisoformat(published))
    if expected is None:
        assert not [m for m in mentions if m.rule == rule], mentions
    elif expected == "unknown":  # found, but its value is not in the text ("the day before the election")
        assert [m for m in mentions if m.rule == rule and m.value is None], mentions
    else:  # the rule's own example: produced by that rule, not by another one that happens to match
        assert expected in [m.value for m in mentions if m.rule == rule], [(m.text, m.value, m.rule) for m in mentions]


# One stored form per kind: each is written as tagged JSON and read back into the same record.
FORMS = [
    forms.DateForm(year=2024, month=3, day=5, direction="past", cue="said"),
    forms.DateForm(month=6, year_shift=-1, weekday=2, short_year=7, week_of=True, edge="END"),
    forms.WeekdayForm(weekday=4, mod="next", part="NI", relative_to="context"),
    forms.OffsetForm(unit="day", n=-2, relative_to="anchor", whole=True, not_ahead=True, part="MO"),
    forms.ShiftForm(unit="week", n=-1, edge="START"),
    forms.AnchoredForm(unit="week", n=2, base=forms.WeekdayForm(weekday=2, mod="next"), direction="future"),
    forms.OffsetForm(unit="year", n=-2, relative_to="anchor", exact=True),
    forms.DurationForm(unit="year", n=2.5, mod="about"),
    forms.DurationForm(unit="week"),
    forms.WeekendForm(direction="future"),
    forms.QuarterForm(quarter=3, year_shift=-1),
    forms.HalfForm(half=2, year=2024),
    forms.PeriodForm(unit="quarter", n=-1, step="year", current=True, year=1988),
    forms.SeasonForm(season="SU", year=2023),
    forms.SeasonForm(season="SU", short_year=96),
    forms.DecadeForm(decade=199, mod="late"),
    forms.CenturyForm(century=19),
    forms.YearForm(year=2019, mod="mid"),
    forms.ClockForm(hour=15, minute=30, second=12, zone="-05:00", day=forms.WeekdayForm(weekday=2)),
    forms.HolidayForm(rule="12-25", mod="last"),
    forms.EventDayForm(year=2001, month=9, day=11, ordinary=forms.DateForm(month=9, day=11)),
    forms.SetForm(weekday=1, part="MO"),
    forms.SetForm(every="weekly"),
    forms.SetForm(weekday=2, clock="09:00"),
    forms.SetForm(every="month", day=19),
    forms.RefForm(ref="PAST_REF"),
    forms.YearForm(year=300, bc=True),
    forms.CenturyForm(century=4, bc=True),
    forms.HolidayForm(rule="09/1/1", weekend=True, year=2025),
    forms.EventOffsetForm(unit="day", n=-1, event="the election"),
    forms.NthForm(unit="week", n=10, base=forms.YearForm(year=2024)),
    forms.NthForm(unit="week", n=10, direction="past"),
    forms.WeekdayInForm(weekday=1, base=forms.OffsetForm(unit="week", n=2, relative_to="anchor", exact=True)),
    forms.DateForm(day=26, weekday=5, direction="future"),
    forms.OffsetForm(unit="year", n=-1, reference=forms.QuarterForm(quarter=3, year=2025)),
]


def test_every_kind_has_a_round_trip_case():
    assert {type(f) for f in FORMS} == set(forms.KINDS.values())


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.kind)
def test_form_round_trips_through_json(form):
    stored = form.dumps()
    assert json.loads(stored)["kind"] == form.kind
    back = forms.from_json(stored)
    assert back == form and type(back) is type(form)
    assert back.resolve(date(2025, 2, 25)) == resolve(form, date(2025, 2, 25))


@pytest.mark.parametrize(
    ("stored", "value"),
    [  # dicts as warehouses stored them before the typed forms (every key, nulls included)
        ('{"direction": "future", "kind": "weekday", "mod": null, "part": null, "weekday": 4}', "2025-02-27"),
        ('{"kind": "clock", "hour": 16, "minute": 8, "utc": true}', "2025-02-25T16:08Z"),
        (
            '{"kind": "offset", "n": -1, "reference": {"kind": "quarter", "quarter": 3, "year": null}, "unit": "year"}',
            "2024-Q3",
        ),
        ('{"edge": "END", "kind": "shift", "n": 0, "unit": "year"}', "2025"),
    ],
)
def test_old_stored_forms_still_load(stored, value):
    assert forms.from_json(stored).resolve(date(2025, 2, 25)).value == value


def test_accessors_read_the_form_not_its_text(nlp):
    (planned,) = tag(nlp("Starmer is set to follow on Thursday."), "t", date(2025, 2, 25))
    (past,) = tag(nlp("Macron visited the White House on Monday."), "t", date(2025, 2, 25))
    (soon,) = tag(nlp("He will resign soon."), "t", date(2025, 2, 25))
    assert isinstance(form_of(planned), forms.WeekdayForm)
    assert (direction(planned), direction(past)) == ("future", "past")
    assert looks_ahead(planned) and looks_ahead(soon) and not looks_ahead(past)


# Published Tuesday 2025-02-25 unless stated: (sentence, published, weekday text, expected value)
WEEKDAYS = [
    ("Starmer is set to follow on Thursday.", "2025-02-25", "Thursday", "2025-02-27"),
    ("UK Prime Minister Sir Keir Starmer set to follow on Thursday.", "2025-02-25", "Thursday", "2025-02-27"),
    (
        "Macron's visit on Monday marked the first of two efforts in Washington this week, with UK Prime Minister "
        "Sir Keir Starmer set to follow on Thursday.",
        "2025-02-28",
        "Thursday",
        "2025-03-06",
    ),
    ("Starmer will visit Washington on Thursday.", "2025-02-25", "Thursday", "2025-02-27"),
    ("They'll visit Washington on Thursday.", "2025-02-25", "Thursday", "2025-02-27"),
    ("The vote is scheduled for Friday.", "2025-02-25", "Friday", "2025-02-28"),
    ("The vote is due to take place on Friday.", "2025-02-25", "Friday", "2025-02-28"),
    ("She is expected to arrive on Saturday.", "2025-02-25", "Saturday", "2025-03-01"),
    ("He plans to resign on Monday.", "2025-02-25", "Monday", "2025-03-03"),
    ("They meet next Monday.", "2025-02-25", "Monday", "2025-03-03"),
    ("The council will meet on Tuesday.", "2025-02-25", "Tuesday", "2025-02-25"),
    # past, or no cue: the most recent one, the publication day included
    ("He said Friday that he would resign.", "2025-02-25", "Friday", "2025-02-21"),
    ("The minister said on Friday that talks will resume.", "2025-02-25", "Friday", "2025-02-21"),
    ("Macron visited the White House on Monday.", "2025-02-25", "Monday", "2025-02-24"),
    ("The leaders spoke on Tuesday.", "2025-02-25", "Tuesday", "2025-02-25"),
    ("The leaders speak on Tuesday.", "2025-02-25", "Tuesday", "2025-02-25"),
    ("They met last Tuesday.", "2025-02-25", "Tuesday", "2025-02-18"),
    ("The talks were expected to start on Monday.", "2025-02-26", "Monday", "2025-02-24"),
    ("Shares fell on Wednesday.", "2025-03-01", "Wednesday", "2025-02-26"),
    ("Shares will fall on Wednesday.", "2025-03-01", "Wednesday", "2025-03-05"),
    ("Polls close on Sunday, officials said.", "2024-12-30", "Sunday", "2024-12-29"),
    ("The agency set Friday as the deadline.", "2000-01-15", "Friday", "2000-01-14"),
    ("The bid had been due to expire on Friday.", "2025-02-25", "Friday", "2025-02-21"),
    ("The office was created, effective Monday.", "2025-02-25", "Monday", "2025-03-03"),
    ("The government has kept the markets closed until Friday.", "2025-02-25", "Friday", "2025-02-28"),
    ("The markets were closed until Friday.", "2025-02-25", "Friday", "2025-02-21"),
    ("Stocks ended near the record high set on Friday.", "2025-02-25", "Friday", "2025-02-21"),
    ("Polls will close on Sunday.", "2024-12-30", "Sunday", "2025-01-05"),
]


@pytest.mark.parametrize(("sentence", "published", "text", "expected"), WEEKDAYS)
def test_weekday_direction(nlp, sentence, published, text, expected):
    mentions = [m for m in tag(nlp(sentence), "t", date.fromisoformat(published)) if m.text.endswith(text)]
    assert len(mentions) == 1
    assert mentions[0].value == expected, mentions[0].explanation


def test_weekday_keeps_underspecified_form(nlp):
    (m,) = tag(nlp("Starmer is set to follow on Thursday."), "t", date(2025, 2, 25))
    spec = json.loads(m.spec)
    assert spec["kind"] == "weekday" and spec["weekday"] == 4 and spec["direction"] == "future"
    moved = reanchor(m, date(2025, 3, 4))
    assert moved.value == "2025-03-06" and moved.anchor == date(2025, 3, 4)
    assert reanchor(m, None).value is None


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("this week", "2025-W09", "week"),
        ("last week", "2025-W08", "week"),
        ("next month", "2025-03", "month"),
        ("last year", "2024", "year"),
        ("two days ago", "2025-02-23", "day"),
        ("yesterday", "2025-02-24", "day"),
    ],
)
def test_precision_is_kept(nlp, text, value, granularity):
    (m,) = tag(nlp(f"It happened {text}."), "t", date(2025, 2, 25))
    assert (m.value, m.granularity) == (value, granularity)


def test_no_anchor_leaves_relative_unresolved(nlp):
    mentions = tag(nlp("The minister resigned on Monday after the vote of 24 February 2022."), "t", None)
    values = {m.text: m.value for m in mentions}
    assert values.get("Monday") is None
    assert "2022-02-24" in values.values()


@pytest.mark.parametrize(
    "text", ["It may rain.", "A second diplomat disagreed.", "The Sun reported it.", "He will march."]
)
def test_no_false_hits(text):
    assert find(text) == []


def test_impossible_dates_are_not_resolved():
    res = resolve({"kind": "date", "year": 2023, "month": 2, "day": 31}, date(2025, 1, 1))
    assert res.value is None


@pytest.mark.parametrize(
    ("year", "expected"), [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2000, date(2000, 4, 23))]
)
def test_easter(year, expected):
    assert easter(year) == expected


# Direction beyond future/past: (sentence, published, weekday text, expected value)
NEAREST = [
    # a plan reported in the past, or "would": the nearest such day, on either side
    ("The team planned to leave Nairobi on Thursday.", "1998-09-30", "Thursday", "1998-10-01"),
    ("The talks were expected to start on Monday.", "2025-02-26", "Monday", "2025-02-24"),
    ("The group would be ready to leave on Tuesday.", "2025-02-27", "Tuesday", "2025-02-25"),
    ("A memorial service planned for Saturday was canceled.", "1999-10-24", "Saturday", "1999-10-23"),
    # "as early as" points forward; a plan stated in the present does too
    ("The boy could leave Cuba as early as Tuesday.", "2000-04-03", "Tuesday", "2000-04-04"),
    ("On Tuesday, the league plans to hold a news conference.", "1998-10-26", "Tuesday", "1998-10-27"),
    # the present perfect tells the past; a period it extends may end ahead
    ("Police have been searching for him since the Oct. 23 slaying.", "1999-05-06", "Oct. 23", "1998-10-23"),
    ("The lenders have extended loans through January.", "1989-10-30", "January", "1990-01"),
    # present tense of an event: the nearest day
    ("Arafat meets Albright separately Monday.", "1998-05-01", "Monday", "1998-05-04"),
]


@pytest.mark.parametrize(("sentence", "published", "text", "expected"), NEAREST)
def test_weekday_nearest(nlp, sentence, published, text, expected):
    mentions = [m for m in tag(nlp(sentence), "t", date.fromisoformat(published)) if m.text.endswith(text)]
    assert [m.value for m in mentions] == [expected], [m.explanation for m in mentions]


# The period the text last named anchors comparisons: (text, published, {expression: value})
DISCOURSE = [
    (
        "Profit rose 5% in the third quarter from a year earlier. In the quarter, sales fell.",
        "2025-11-03",
        {"the third quarter": "2025-Q3", "a year earlier": "2024-Q3", "the quarter": "2025-Q3"},
    ),
    ("Net income fell from year-earlier levels.", "2025-11-03", {"year-earlier": "2024-Q3"}),
    # a forecast quarter or an older quarter named in passing is not what the report compares
    (
        "Profit rose in the third quarter. It expects a charge in the fourth quarter. "
        "Earnings fell in the latest quarter from a year ago.",
        "2025-11-03",
        {"the latest quarter": "2025-Q3", "a year ago": "2024-Q3"},
    ),
    (
        "Sales rose in the third quarter. After a flat second quarter, costs fell from the year-earlier period.",
        "2025-11-03",
        {"the year-earlier period": "2024-Q3"},
    ),
    ("The latest quarter was weak.", "2025-11-03", {"The latest quarter": "2025-Q3"}),
    (
        "The talks failed on March 6. Three days earlier, they began.",
        "2025-03-25",
        {"Three days earlier": "2025-03-03"},
    ),
    (
        "Shares closed lower on Friday, down 4% from the previous Friday.",
        "2025-02-25",
        {"the previous Friday": "2025-02-14"},
    ),
    # a clock time without its day is on the day last named
    ("Slepian was shot on Oct. 23. He died at 10 p.m.", "1999-04-19", {"10 p.m.": "1998-10-23T22:00"}),
    ("Polls closed at 8 p.m.", "2025-03-25", {"8 p.m.": "2025-03-25T20:00"}),
    # "later" and "before" relate to an event: the amount is a duration, the word a signal
    ("Three days later, the talks failed.", "2025-03-25", {"Three days": "P3D"}),
    ("A year earlier, on Nov. 2, 2024, they had met.", "2025-11-03", {"A year earlier": "2024"}),
]


@pytest.mark.parametrize(("text", "published", "expected"), DISCOURSE)
def test_comparisons_follow_the_reference_period(nlp, text, published, expected):
    values = {m.text: m.value for m in tag(nlp(text), "t", date.fromisoformat(published))}
    assert {k: values.get(k) for k in expected} == expected, values


def test_context_anchored_mention_reanchors(nlp):
    mentions = tag(nlp("Profit rose in the third quarter from a year earlier."), "t", date(2025, 11, 3))
    earlier = next(m for m in mentions if m.text == "a year earlier")
    assert json.loads(earlier.spec)["reference"]["kind"] == "quarter"
    assert reanchor(earlier, date(2026, 11, 3)).value == "2025-Q3"


# Spans as TimeML draws them: (sentence, expected span, expected value)
SPANS = [
    ("Sales rose at the end of 1990.", "the end of 1990", "1990"),
    ("He left late yesterday.", "late yesterday", "2025-02-24"),
    ("Prices fell in mid-November.", "mid-November", "2024-11"),
    ("The deal closes at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2025-02-26T22:00"),
    ("The plant closed nearly four years ago.", "nearly four years ago", "2021"),
    ("Troops arrived over the weekend.", "the weekend", "2025-W08-WE"),
    ("The past is gone, he said of the policy in the past.", "the past", "PAST_REF"),
    ("Sales rose in the nine months.", "the nine months", "P9M"),
    ("Saturday, April 25 is the deadline.", "Saturday, April 25", "2026-04-25"),
    # a unit after a quantity is a rate (a SET); "a quarter of" is a fraction, no time at all
    ("The stock pays $1.76 a year.", "a year", "P1Y"),
    ("Iraq imports about three-quarters of its food.", "about three-quarters", None),
    ("Funds hold more than a quarter of the market.", "more than a quarter", None),
    ("It recovered after several quarters of losses.", "several quarters", "PXQ"),
    ("The strike lasted a week.", "a week", "P1W"),
    # "earlier" and "later" belong to a period, but before a weekday they are a signal
    ("The company adopted a plan earlier this year.", "earlier this year", "2025"),
    ("Earlier Friday, police clashed with protesters.", "Friday", "2025-02-21"),
    ('Baker said on ABC\'s "This Week" that talks failed.', "This Week", None),  # a quoted title
    ('He said on CBS\'s "60 Minutes" that talks failed.', "60 Minutes", None),
    # a period of a game is no period of the calendar; with a year it is
    ("The striker scored in the second half.", "the second half", None),
    ("The Lakers led by ten in the third quarter.", "the third quarter", None),
    ("The team's sales rose in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3"),
    ("Profit fell in the first half of 2024, the team said.", "the first half of 2024", "2024-H1"),
    # an anchored offset: to a day it has a value, to an event none (a wrong date is worse than none)
    ("They met two days after Christmas.", "two days after Christmas", "2024-12-27"),
    ("They met the day before the election.", "the day before", None),
    ("They met the day before yesterday.", "the day before yesterday", "2025-02-23"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), SPANS)
def test_spans_and_values(nlp, sentence, span, value):
    mentions = {m.text: m.value for m in tag(nlp(sentence), "t", date(2025, 2, 25))}
    assert mentions.get(span) == value, mentions


def test_event_offset_is_stored_underspecified(nlp):
    (mention,) = [m for m in tag(nlp("He voted the day after the election."), "t", date(2025, 2, 25)) if m.rule]
    form = form_of(mention)
    assert isinstance(form, forms.EventOffsetForm) and (form.n, form.event) == (1, "the election")
    assert mention.value is None and reanchor(mention, date(2026, 1, 1)).value is None


def test_rate_is_a_set(nlp):
    mentions = {m.text: m.type for m in tag(nlp("They do hundreds of interviews a day."), "t", date(2025, 2, 25))}
    assert mentions == {"a day": "SET"}


# Ranges are tagged as TimeML tags them: each end is its own expression; a range of amounts is one duration.
RANGES = [
    ("Talks run from Monday to Wednesday.", {"Monday": "2025-02-24", "Wednesday": "2025-02-26"}),
    ("Prices rose between 2019 and 2021.", {"2019": "2019", "2021": "2021"}),
    ("Repairs take two to three weeks.", {"two to three weeks": "PXW"}),
]


@pytest.mark.parametrize(("sentence", "expected"), RANGES)
def test_ranges(nlp, sentence, expected):
    values = {m.text: m.value for m in tag(nlp(sentence), "t", date(2025, 2, 25))}
    assert values == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "They may 5 times raise rates.",
        "The troops march 12 miles a day and march on.",
        "Protesters may march in the sun.",
        "The sun 10 times brighter than may be thought.",
        "Under the Sun 2019 campaign, crowds may march.",
        "The wed couple sat 3 hours.",
    ],
)
def test_lower_case_verbs_and_nouns_are_no_names(nlp, sentence):
    assert [m.text for m in tag(nlp(sentence), "t", date(2025, 2, 25)) if m.type in ("DATE", "TIME")] in (
        [],
        ["2019"],
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They met last friday.", "2025-02-21"),
        ("Talks will resume wednesday morning.", "2025-02-26TMO"),
        ("The deal closed july 4th.", "2024-07-04"),
        ("Sales fell in june 2017.", "2017-06"),
        ("It happened on 4 March 2019.", "2019-03-04"),
        ("It happened on May 4, 2019.", "2019-05-04"),
    ],
)
def test_lower_case_names_where_the_context_tells(nlp, sentence, expected):
    assert expected in [m.value for m in tag(nlp(sentence), "t", date(2025, 2, 25))]


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("Filed 05/02/2013.", "month-first", "2013-05-02"),
        ("Filed 05/02/2013.", "day-first", "2013-02-05"),
        ("Filed 25/02/2013.", "month-first", "2013-02-25"),  # a part over 12 is the day whatever the setting
        ("Filed 02/25/2013.", "day-first", "2013-02-25"),
        ("Filed 05-02-2013.", "day-first", "2013-02-05"),
        ("Filed 05.02.2013.", "month-first", "2013-02-05"),  # dotted dates are written day first
    ],
)
def test_date_order_setting(nlp, text, order, expected):
    doc = nlp(text)
    assert [m.value for m in tag(doc, "t", date(2025, 2, 25), find(text, order))] == [expected]


def test_date_order_is_a_validated_setting():
    from timeline.errors import ConfigError
    from timeline.settings import Settings

    assert Settings().date_order == "month-first"
    with pytest.raises(ConfigError):
        Settings(date_order="year-first")


# ---- families of news forms (timex branch): the behaviour behind the rules' examples ------------------


def test_a_scheduled_event_in_the_present_looks_ahead_and_says_why(nlp):
    (m,) = tag(nlp("The deadline for bids is midnight Friday."), "t", date(2025, 3, 12))
    assert m.value == "2025-03-14T24:00" and looks_ahead(m)
    assert "deadline is" in m.explanation
    (past,) = tag(nlp("The deadline for bids was midnight Friday."), "t", date(2025, 3, 12))
    assert past.value == "2025-03-07T24:00" and not looks_ahead(past)
    # a person's present ("Arafat meets Albright Monday") is not a schedule: the nearest day, as before
    (near,) = tag(nlp("Arafat meets Albright Monday."), "t", date(2025, 3, 12))
    assert direction(near) == "near"


def test_a_future_day_just_past_stays_this_year_and_one_further_back_is_next_year(nlp):
    anchor = date(2025, 3, 12)
    for sentence, expected in [
        ("The talks will resume on March 10.", "2025-03-10"),  # 2 days before: the copy was written before
        ("The talks will resume on March 5.", "2025-03-05"),  # a week before
        ("The talks will resume on March 4.", "2026-03-04"),  # more: next year's
        ("The talks will resume on March 14.", "2025-03-14"),
    ]:
        (m,) = tag(nlp(sentence), "t", anchor)
        assert m.value == expected, m.explanation
    (bare,) = tag(nlp("The talks will resume in February."), "t", anchor)  # a month has no week of grace
    assert bare.value == "2026-02"


def test_this_time_next_year_is_one_expression_of_that_year(nlp):
    (m,) = tag(nlp("By this time next year, the plant will be open."), "t", date(2025, 3, 12))
    assert m.text == "this time next year" and m.value == "2026"


def test_earlier_in_the_week_takes_the_period_last_named(nlp):
    ms = tag(nlp("The strike began on March 3, 2020. Earlier in the week, talks had failed."), "t", date(2025, 3, 12))
    assert [(m.text, m.value) for m in ms][-1] == ("Earlier in the week", "2020-W10")


def test_a_holiday_naming_a_place_is_no_date(nlp):
    assert tag(nlp("Flights to Christmas Island resumed on Christmas Day."), "t", date(2025, 3, 12))[-1].text == (
        "Christmas Day"
    )
    assert [m.text for m in tag(nlp("Flights to Christmas Island resumed."), "t", date(2025, 3, 12))] == []


def test_a_day_after_a_time_and_its_conversion_dates_both_unless_a_midnight_may_lie_between(nlp):
    anchor = date(2025, 3, 12)
    ms = tag(nlp("The blast happened at 10 a.m. (1400 GMT) on Monday."), "t", anchor)
    assert [m.value for m in ms] == ["2025-03-10T10:00", "2025-03-10T14:00Z", "2025-03-10"]
    # 8 p.m. local is 0000 GMT the next day (zones lie 12 hours behind GMT to 14 ahead); 11 a.m. and 2300 GMT
    # could be 12 hours behind or 12 ahead: the day of the GMT time is not given
    ms = tag(nlp("Polls closed at 8 p.m. (0000 GMT) on Sunday."), "t", anchor)
    assert [m.value for m in ms][:2] == ["2025-03-09T20:00", "2025-03-10T00:00Z"]
    ms = tag(nlp("Polls closed at 11 a.m. (2300 GMT) on Sunday."), "t", anchor)
    assert ms[0].value == "2025-03-09T11:00" and form_of(ms[1]).day is None


# ---- classes of written news, second timex round: held-out forms beside the rules' own examples --------


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # a clock time read in its part of the day; an hour the part cannot hold is left out, not guessed
        (
            "Police said the blast came at 11:40 in the morning.",
            "2019-05-02",
            [("11:40 in the morning", "2019-05-02T11:40")],
        ),
        (
            "The vigil began at 8.30 in the evening on Friday.",
            "2019-05-02",
            [("8.30 in the evening on Friday", "2019-04-26T20:30")],
        ),
        ("Fighting resumed at eleven at night.", "2019-05-02", [("eleven at night", "2019-05-02T23:00")]),
        ("The bakery opens at 12:15 in the afternoon.", "2019-05-02", [("12:15 in the afternoon", "2019-05-02T12:15")]),
        ("The trains stopped at 7 in the afternoon.", "2019-05-02", [("the afternoon", "2019-05-02TAF")]),
        ("The curfew ends at 5 o'clock on Monday.", "2019-05-02", [("5 o'clock on Monday", "2019-04-29T05:00")]),
        # a range whose year is written once, at its end
        (
            "The games were held July 23-Aug. 8, 2021, in Tokyo.",
            "2024-03-13",
            [("July 23", "2021-07-23"), ("Aug. 8, 2021", "2021-08-08")],
        ),
        ("Voting ran Oct. 12-14, 2022.", "2024-03-13", [("Oct. 12", "2022-10-12"), ("14, 2022", "2022-10-14")]),
        # quarters by their months; a day of the month alone
        (
            "Exports rose 4% in the October-December quarter of 2022.",
            "2024-03-13",
            [("the October-December quarter of 2022", "2022-Q4")],
        ),
        (
            "The strike began in May. Talks resumed on the 20th.",
            "2024-08-01",
            [("May", "2024-05"), ("the 20th", "2024-05-20")],
        ),
        ("Rents will be due by the 1st.", "2024-03-13", [("the 1st", "2024-04-01")]),
        # holidays of other English-speaking countries; a week of a year before
        ("Poppies were sold before Remembrance Sunday.", "2023-11-20", [("Remembrance Sunday", "2023-11-12")]),
        ("Crowds gathered on Australia Day.", "2024-02-01", [("Australia Day", "2024-01-26")]),
        ("Shares hit a record two years ago this week.", "2024-03-13", [("two years ago this week", "2022-W10")]),
        ("The night before last, the dam broke.", "2024-03-13", [("The night before last", "2024-03-11TNI")]),
    ],
)
def test_news_classes_of_the_second_round(nlp, sentence, published, expected):
    ms = tag(nlp(sentence), "t", date.fromisoformat(published))
    assert [(m.text, m.value) for m in ms] == expected, [(m.text, m.value, m.rule) for m in ms]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The Sunday Telegraph first reported the deal.", "Sunday"),  # a newspaper, not a day
        ("She told the Mail on Sunday that she would run.", "Sunday"),
        ("He starred in Saturday Night Live and Friday Night Lights.", "Saturday"),
        ("He starred in Saturday Night Live and Friday Night Lights.", "Friday"),
        ("Tickets for Super Bowl Sunday sold out.", "Sunday"),  # a day of its own (the game's date moves)
        ("Flames spread from the 12th floor.", "12th"),  # an ordinal before its noun
        ("He three-putted on the 17th and lost by a stroke after a bogey.", "17th"),  # a hole
        ("He watched the 10 o'clock news.", "10"),
        ("One got hurt in the morning and one at night.", "One"),  # counts, not hours
        ("One got hurt in the morning and one at night.", "one at"),
    ],
)
def test_names_ordinals_and_counts_that_look_like_new_classes_are_no_date(nlp, sentence, words):
    at = sentence.index(words)
    ms = tag(nlp(sentence), "t", date(2024, 3, 13))
    covering = [(m.text, m.value, m.rule) for m in ms if m.start <= at < m.end]
    assert covering == [], covering


def test_a_day_of_the_month_is_left_unresolved_where_the_text_does_not_tell(nlp):
    # after "March 28", "the 2nd" is April's or a day the text got wrong: no guess
    ms = tag(nlp("Talks began on March 28. A deal came by the 2nd."), "t", date(2024, 3, 30))
    assert ms[-1].text == "the 2nd" and ms[-1].value is None
    # a past act on a day still ahead of the anchor in the month named: none
    ms = tag(nlp("The strike began on March 3. It ended on the 28th."), "t", date(2024, 3, 13))
    assert ms[-1].value is None
    # re-anchored without the parse, the day of the month moves with the anchor
    (m,) = tag(nlp("The trial began on the 5th."), "t", date(2024, 3, 13))
    assert reanchor(m, date(2024, 6, 20)).value == "2024-06-05"


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Some 1900 people were evacuated.", []),
        ("Nearly 2000 homes lost power, and at least 1800 workers were sent home.", []),
        ("The army sent more than 2000 troops.", []),
        ("The 2016 elections were close.", ["2016"]),  # a year before the noun it dates
        ("2015 sales rose 5%.", ["2015"]),
        ("In 2015 points were scarce.", ["2015"]),
    ],
)
def test_a_number_counting_a_plural_noun_after_an_approximation_is_no_year(nlp, sentence, years):
    ms = tag(nlp(sentence), "t", date(2024, 3, 13))
    assert [m.value for m in ms if m.rule == "year"] == years
