"""Time expressions as news and wire copy write them, on sentences written for these tests (not taken from
the evaluation corpora): each row is a sentence, its publication date and every TIMEX3 expected in it
(text, type, value), or the words that must not be tagged at all.

The third timex round: abbreviated weekdays (AP style "Tues.", datelines "Thu, Mar 6, 2025"), months
listed after a first one ("in Sept. and Oct."), "the turn of the century", four-digit identifiers and
counts that are no year ("Room 1904", "cut 2000 jobs"), a holiday's name as a film's title, dotted 24-hour
times with a zone ("14.00 GMT") and days that name an event ("the Sept. 11 attacks", "9/11"). The rows of
the last three and of "Mon. to Wed." were added with their fixes, the others before them. The forms that
were right before the round stay here as controls (AP "Jan. 8", "Tuesday" alone, "last Tuesday", "a week
from Friday", "this past weekend", "the early hours of Sunday").
"""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import tag

THU = "2025-03-06"  # a Thursday

NEWS = [
    # abbreviated weekdays, with and without "on", with a part of the day, before a date
    ("The board will meet Tues. to decide on the merger.", THU, [("Tues.", "DATE", "2025-03-11")]),
    ("Police said the suspect was arrested Tues. night.", THU, [("Tues. night", "TIME", "2025-03-04TNI")]),
    ("Union leaders met with managers on Mon. and walked out.", THU, [("Mon.", "DATE", "2025-03-03")]),
    ("He spoke Sun. at a rally in Ohio.", THU, [("Sun.", "DATE", "2025-03-02")]),
    ("The vote is set for Thurs., March 13.", THU, [("Thurs., March 13", "DATE", "2025-03-13")]),
    ("The hearing was held Wed., March 5, in Boston.", THU, [("Wed., March 5", "DATE", "2025-03-05")]),
    ("Talks will resume Wed., Jan. 8, officials said.", "2024-12-20", [("Wed., Jan. 8", "DATE", "2025-01-08")]),
    (
        "Published Thu, Mar 6, 2025 10:14 AM EST",
        THU,
        [("Thu, Mar 6, 2025", "DATE", "2025-03-06"), ("10:14 AM EST", "TIME", "2025-03-06T10:14")],
    ),
    ("Posted Wed 5 Mar 2025 by staff.", THU, [("Wed 5 Mar 2025", "DATE", "2025-03-05")]),
    # "Wed." is one token, not "We" "d." (the parse gave a pronoun and no day): the range's end looks ahead too
    (
        "The summit runs from Mon. to Wed.",
        "2025-03-07",
        [("Mon.", "DATE", "2025-03-10"), ("Wed.", "DATE", "2025-03-12")],
    ),
    # months of a list after the first
    (
        "Sales rose in Sept. and Oct., the company said.",
        THU,
        [("Sept.", "DATE", "2024-09"), ("Oct.", "DATE", "2024-10")],
    ),
    ("Rates will be reviewed in June or July.", THU, [("June", "DATE", "2025-06"), ("July", "DATE", "2025-07")]),
    # the small hours of a day: the day alone, as AQUAINT tags "Thursday morning" in "the early hours of
    # Thursday morning" (taking the words into the span cost AQUAINT 0.17 of strict F1)
    ("The fire broke out in the early hours of Sunday.", THU, [("Sunday", "DATE", "2025-03-02")]),
    ("Gunmen struck in the small hours of Saturday.", THU, [("Saturday", "DATE", "2025-03-01")]),
    # the turn of the century (of the decade): the current one, as "the end of the century" is
    ("Crime has fallen since the turn of the century.", THU, [("the turn of the century", "DATE", "20")]),
    ("The line should open by the turn of the decade.", "2018-05-02", [("the turn of the decade", "DATE", "201")]),
    # a holiday that is a date; a film's title that is not
    ("Shoppers lined up for Black Friday deals.", "2024-11-30", [("Black Friday", "DATE", "2024-11-29")]),
    ("Boxing Day sales began early.", "2024-12-27", [("Boxing Day", "DATE", "2024-12-26")]),
    ("The film Independence Day opened in 1996.", THU, [("1996", "DATE", "1996")]),
    ("Theresa May said on Tuesday she would stay.", THU, [("Tuesday", "DATE", "2025-03-04")]),
    # a four-digit identifier after its noun is no year; a year after "class of" is
    ("Flight 1549 landed in the Hudson.", THU, []),
    ("The Security Council passed Resolution 2334 on Friday.", THU, [("Friday", "DATE", "2025-02-28")]),
    ("Guests in Room 1904 were evacuated.", THU, []),
    ("The Class of 2020 graduated online.", THU, [("2020", "DATE", "2020")]),
    # web pages' and British papers' datelines: a dotted 24-hour time with its zone
    (
        "Thursday 6 March 2025 14.00 GMT",
        THU,
        [("Thursday 6 March 2025", "DATE", "2025-03-06"), ("14.00 GMT", "TIME", "2025-03-06T14:00Z")],
    ),
    # a count after a verb is no year; a level named by its year is
    ("The firm employs 1900 workers and sold 2000 homes.", THU, []),
    ("He scored 2015 points in his career.", THU, []),
    ("Prices beat 2019 levels.", THU, [("2019", "DATE", "2019")]),
    # days news names an event by: the event's year, not the tense's
    ("Families of victims of the Sept. 11 attacks gathered.", THU, [("Sept. 11", "DATE", "2001-09-11")]),
    ("The Jan. 6 riot at the Capitol shocked the nation.", THU, [("Jan. 6", "DATE", "2021-01-06")]),
    ("Security was tightened after 9/11.", THU, [("9/11", "DATE", "2001-09-11")]),
    ("The March 3 attack killed two guards.", THU, [("March 3", "DATE", "2025-03-03")]),
    ("The Jan. 6 attack on the convoy killed two.", "1999-05-01", [("Jan. 6", "DATE", "1999-01-06")]),
    # controls: forms already right before the round
    ("The meeting is Tuesday.", THU, [("Tuesday", "DATE", "2025-03-11")]),
    ("The attack happened last Tuesday.", THU, [("last Tuesday", "DATE", "2025-03-04")]),
    ("The trial resumes a week from Friday.", THU, [("a week from Friday", "DATE", "2025-03-14")]),
    ("The talks ended Jan. 8.", THU, [("Jan. 8", "DATE", "2025-01-08")]),
    ("Fans flocked to the city this past weekend.", THU, [("this past weekend", "DATE", "2025-W09-WE")]),
    ("The plant will open in mid-2026.", THU, [("mid-2026", "DATE", "2026")]),
    ("The shop will reopen next spring.", THU, [("next spring", "DATE", "2026-SP")]),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), NEWS)
def test_news_forms(nlp, sentence, published, expected):
    ms = tag(nlp(sentence), "t", date.fromisoformat(published))
    assert [(m.text, m.type, m.value) for m in ms] == expected, [(m.text, m.value, m.rule) for m in ms]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The story ran in the Sun.", "Sun"),  # a newspaper at the end of a sentence
        ("The couple will wed. Guests are invited.", "wed"),  # the verb, in lower case
        ("Sales at Sun rose; Mon Repos was sold.", "Mon"),  # undotted abbreviations only before a date
        ("He starred in the film Independence Day.", "Independence Day"),
        ("Flight 1830 was delayed.", "1830"),
        ("UN Resolution 2334 condemned the settlements.", "2334"),
        ("She scored her 1500th point.", "1500"),
    ],
)
def test_titles_names_and_identifiers_are_no_date(nlp, sentence, words):
    at = sentence.index(words)
    ms = tag(nlp(sentence), "t", date(2025, 3, 6))
    covering = [(m.text, m.value, m.rule) for m in ms if m.start <= at < m.end]
    assert covering == [], covering
