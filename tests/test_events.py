"""Events on the seed article: the gold `must` events at their dates and statuses, none of `must_not`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline import incremental
from timeline.events import find_events, read_events
from timeline.temporal import tag

GOLD = json.loads((Path(__file__).parent / "golden" / "seed-events.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_events(nlp):
    root = Path(__file__).resolve().parent.parent
    text = (root / GOLD["article"]).read_text(encoding="utf-8")
    published = date.fromisoformat(GOLD["published"])
    doc = nlp(text)
    mentions = tag(doc, "seed", published)
    return text, mentions, find_events(doc, mentions, published)


@pytest.mark.parametrize("gold", GOLD["must"], ids=[g["event"][:40] for g in GOLD["must"]])
def test_must_events(seed_events, gold):
    _, _, events = seed_events
    span = (gold["timex"]["start"], gold["timex"]["end"])
    dated = [
        e for e in events if (e.sentence_start <= span[0] < e.sentence_end) and e.time_text == gold["timex"]["text"]
    ]
    matching = [
        e
        for e in dated
        if e.value == gold["date"] and e.status == gold["status"] and e.granularity == gold["granularity"]
    ]
    assert matching, [(e.description, e.value, e.status) for e in dated]
    exact = [e for e in matching if set(e.actors) == set(gold["actors"]) and e.place == gold.get("place")]
    assert exact, [(e.description, e.actors, e.place) for e in matching]


DESCRIPTIONS = [("Monday", 379, "Macron visits the White House"), ("Thursday", 533, "Keir Starmer to visit Washington")]


@pytest.mark.parametrize(("time_text", "start", "description"), DESCRIPTIONS)
def test_readable_descriptions(seed_events, time_text, start, description):
    _, _, events = seed_events
    found = [e.description for e in events if e.time_text == time_text and e.sentence_start <= start < e.sentence_end]
    assert description in found, found


def test_this_week_stays_a_week(seed_events):
    _, mentions, _ = seed_events
    (week,) = [m for m in mentions if m.text == "this week"]
    assert (week.value, week.granularity) == ("2025-W09", "week")


def test_must_not(seed_events):
    text, mentions, events = seed_events
    assert not [e for e in events if e.time_text == "Thursday" and e.value == "2025-02-20"]
    assert not [e for e in events if e.time_text.lower() == "now"]
    boilerplate = text.index("Leave A Comment")
    assert not [m for m in mentions if m.start >= boilerplate]
    assert not [e for e in events if e.sentence_start >= boilerplate]


STATUS_CASES = [
    ("The summit was not held on Monday.", "negated"),
    ("Trump claimed that Putin had signaled on Monday that he would accept troops.", "reported"),
    ("The minister will visit Kyiv on Thursday.", "planned"),
    ("The minister visited Kyiv on Monday.", "occurred"),
    ("If the talks fail on Monday, sanctions follow.", "hypothetical"),
    ("The company will soon begin selling boxes for 99 cents.", "planned"),
    # a gerund takes the tense of the verb it completes
    ("Israel will begin withdrawing troops on Friday.", "planned"),
    ("Israel is set to begin withdrawing troops on Friday.", "planned"),
    ("The company stopped selling the phone on Friday.", "occurred"),
]


@pytest.mark.parametrize(("sentence", "status"), STATUS_CASES)
def test_status(nlp, sentence, status):
    doc = nlp(sentence)
    published = date(2025, 2, 25)
    events = find_events(doc, tag(doc, "t", published), published)
    assert status in [e.status for e in events], [(e.trigger, e.status, e.explanation) for e in events]


# (sentence, published, the value of "Friday"): a gerund's time takes the direction of the verb it completes
GERUND_CASES = [
    ("Israel will begin withdrawing troops on Friday.", date(2000, 2, 9), "2000-02-11"),
    ("Israel is set to begin withdrawing troops on Friday.", date(2000, 2, 9), "2000-02-11"),
    ("The army began withdrawing troops on Friday.", date(2000, 2, 9), "2000-02-04"),
    ("The company stopped selling the phone on Friday.", date(2000, 2, 9), "2000-02-04"),
]


@pytest.mark.parametrize(("sentence", "published", "value"), GERUND_CASES)
def test_a_gerund_takes_the_tense_of_its_verb(nlp, sentence, published, value):
    doc = nlp(sentence)
    events = find_events(doc, tag(doc, "t", published), published)
    assert events and {e.value for e in events} == {value}, [(e.trigger, e.value, e.explanation) for e in events]


def test_short_names_resolve_to_full_names(seed_events):
    _, _, events = seed_events
    visit = [e for e in events if e.trigger == "visit" and e.value == "2025-02-24"]
    assert visit and "Emmanuel Macron" in visit[0].actors
    assert visit[0].place == "White House"


# (text, time words, expected actors, expected place, expected description or None)
ACTOR_CASES = [
    (
        "German Chancellor Olaf Scholz and Polish Prime Minister Donald Tusk met in Berlin. "
        "The German and Polish leaders spoke again by phone on Friday.",
        "Friday", {"Olaf Scholz", "Donald Tusk"}, None, None,
    ),
    ("Beijing condemned the sanctions on Monday.", "Monday", {"China"}, None, None),
    (
        "Indian Prime Minister Narendra Modi's visit to the White House on Monday was brief.",
        "Monday", {"Narendra Modi"}, "White House", "Narendra Modi visits the White House",
    ),
    (
        "US President Joe Biden thanked his guests. Indian Prime Minister Narendra Modi's visit to the White House "
        "on Monday was brief.",
        "Monday", {"Narendra Modi", "Joe Biden"}, "White House", None,
    ),
    (
        "Chancellor Olaf Scholz's trip to Paris on Monday was the first of two visits, with Italian Prime "
        "Minister Giorgia Meloni set to follow on Thursday.",
        "Thursday", {"Giorgia Meloni"}, "Paris", "Giorgia Meloni to travel to Paris",
    ),
    # the object of a verb of visiting is where it happens, not a party (unlike "Beijing condemned")
    ("Italian Prime Minister Giorgia Meloni visited Paris on Monday.", "Monday", {"Giorgia Meloni"}, "Paris", None),
    ("Moscow warned Berlin on Monday.", "Monday", {"Russia", "Germany"}, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "time_text", "actors", "place", "description"), ACTOR_CASES)
def test_actor_rules(nlp, text, time_text, actors, place, description):
    doc = nlp(text)
    published = date(2025, 2, 25)
    events = [e for e in find_events(doc, tag(doc, "t", published), published) if e.time_text == time_text]
    assert events, "no event"
    event = events[0]
    assert set(event.actors) == actors, event.actors
    assert event.place == place
    if description:
        assert event.description == description


# (text, trigger of the relative event or None, its date)
RELATIVE_CASES = [
    (
        "Biden met Xi in Lima on Saturday. Xi said after the meeting with Biden that ties were stable.",
        "say",
        "2024-11-16",
    ),
    ("Biden met Xi in Lima on Saturday. Putin spoke after a meeting with Modi.", None, None),
]


@pytest.mark.parametrize(("text", "trigger", "value"), RELATIVE_CASES)
def test_events_dated_relative_to_another(nlp, text, trigger, value):
    doc = nlp(text)
    published = date(2024, 11, 18)
    events = find_events(doc, tag(doc, "t", published), published)
    relative = [e for e in events if e.time_text.startswith(("after", "following", "during"))]
    if trigger is None:
        assert relative == []
    else:
        assert [(e.trigger, e.value) for e in relative] == [(trigger, value)]
        assert "on or after" in relative[0].explanation


def test_seed_statement_after_the_meeting(seed_events):
    _, _, events = seed_events
    said = [e for e in events if e.trigger == "say" and e.time_text == "after his meeting with Trump"]
    assert said and said[0].value == "2025-02-24" and said[0].date_end is None


# (text, published, expected (trigger, value, secondary?) rows, (trigger, value) rows that must not appear)
SCOPE_CASES = [
    ("The dividend is payable Jan. 2 to holders of record.", date(1989, 12, 1), [("payable", "1990-01-02", False)], []),
    ("Holders of its debentures, due March 15, 2007, elected to convert.", date(1989, 11, 1),
     [("due", "2007-03-15", False)], [("elect", "2007-03-15")]),
    ("A task force began delving Thursday into the slayings.", date(1998, 4, 3),
     [("begin", "1998-04-02", False), ("delve", "1998-04-02", True)], []),
    # an aspectual verb is an event of its own; its event-noun subject shares the date
    ("The bankruptcy proceedings began Tuesday in a Helsinki court.", date(1989, 11, 2),
     [("begin", "1989-10-31", False), ("proceeding", "1989-10-31", True)], []),
    ("The strike ended on Friday without an agreement.", date(1998, 3, 2),
     [("end", "1998-02-27", False), ("strike", "1998-02-27", True)], []),
    # a light verb that is not aspectual still gives the date to its event-noun subject
    ("The vote took place on Sunday.", date(1998, 3, 2), [("vote", "1998-03-01", False)], [("take", "1998-03-01")]),
    ("Last month, a policeman was killed when a bomb exploded at a clinic.", date(1998, 2, 27),
     [("kill", "1998-01", False), ("explode", "1998-01", True)], []),
    ("He is charged in the 1996 Olympic bombing that killed one person.", date(1999, 6, 7),
     [("bombing", "1996", False), ("kill", "1996", True)], []),
    ("The boy was found clinging to an inner tube Nov. 25 off the coast.", date(2000, 1, 7),
     [("find", "1999-11-25", False)], [("cling", "1999-11-25")]),
    ("He said the first group was assembling in Baghdad today.", date(1990, 8, 15),
     [("assemble", "1990-08-15", False)], []),
    ("Three ministers voted to support the republic Friday.", date(1998, 2, 14),
     [("vote", "1998-02-13", False)], [("support", "1998-02-13")]),
    ("The company planned to ship a computer next year.", date(1989, 11, 1), [("ship", "1990", False)], []),
    ("Castro raised those worries during his television appearance Sunday night.", date(1998, 11, 3),
     [("appearance", "1998-11-01TNI", False), ("raise", "1998-11-01TNI", True)], []),
    # the verb's clause is already the description of the noun's event: one row, not two
    ("Clark said in a telephone interview Monday.", date(1998, 11, 3), [("interview", "1998-11-02", False)],
     [("say", "1998-11-02")]),
    ("Tomorrow's vote has international implications.", date(1998, 3, 3), [("vote", "1998-03-04", False)],
     [("have", "1998-03-04")]),
    # a time right after a reporting verb dates the saying, wherever the parser hangs it
    ("Tanzanian police said on Tuesday they had arrested 14 foreigners in their search for bombers.",
     date(1998, 8, 12), [("say", "1998-08-11", False)], [("arrest", "1998-08-11")]),
    ("President Fidel Castro said Tuesday his government told U.S. officials it is worried.", date(2000, 3, 28),
     [("say", "2000-03-28", False)], [("tell", "2000-03-28")]),
    # a time inside a copula's clause dates its predicate, as TimeML does
    ("The auto makers reported their core operations were net losers in the third quarter.", date(1989, 10, 27),
     [("loser", "1989-Q3", False)], [("be", "1989-Q3")]),
    ("The break-even point for next year is much lower.", date(1989, 10, 27), [("low", "1990", False)],
     [("be", "1990")]),
    # "include" only lists what its subject held: the dated noun is the event, not the verb
    ("This year's results included a gain of $70.2 million.", date(1989, 11, 2), [("result", "1989", False)],
     [("include", "1989")]),
    ("Iraq now controls 20 percent of the world's oil reserves.", date(1990, 8, 16),
     [("control", "PRESENT_REF", False)], []),
    ("Now there's a clear message from the allies.", date(2025, 2, 25), [], [("be", "PRESENT_REF")]),
    ("Now officials are investigating whether he is linked to the attacks.", date(1998, 2, 27),
     [("investigate", "PRESENT_REF", False)], []),  # a progressive or a perfect states the present
    ("Now the court of appeals has ruled that the appeal was flawed.", date(1998, 1, 15),
     [("rule", "PRESENT_REF", False)], []),
    # a vague past or future: the event is real, its date is only "before / after publication"
    ("Magna recently cut its quarterly dividend in half.", date(1989, 10, 30), [("cut", "PAST_REF", True)], []),
    ("The funds will grow in the future.", date(1989, 10, 30), [("grow", "FUTURE_REF", True)], []),
    # an event-noun object right before the time words: the verb is dated, the noun too when it reads differently
    ("The ambassadors issued a joint statement Friday.", date(1999, 3, 13), [("issue", "1999-03-12", False)], []),
    ("Iran had condemned Iraq's invasion of Kuwait on Aug. 2.", date(1990, 8, 15),
     [("condemn", "1990-08-02", False), ("invasion", "1990-08-02", True)], []),
    # ... but a past verb cannot happen on a later date: the planned event takes it
    ("Protesters planned a large demonstration in Little Havana on Saturday.", date(2000, 1, 7),
     [("demonstration", "2000-01-08", False)], [("plan", "2000-01-08")]),
    # a time before the subject frames every predicate of that subject; one after the first predicate is its own
    ("Last week, fighters killed three soldiers and wounded six others.", date(1998, 3, 1),
     [("kill", "1998-W08", False), ("wound", "1998-W08", True)], []),
    ("During the quarter, Delta issued 2.5 million shares and repurchased 1.1 million shares.", date(1989, 10, 27),
     [("issue", "1989-Q3", False), ("repurchase", "1989-Q3", True)], []),
    ("The company told customers Monday about the bugs and stopped shipping the product.", date(1989, 10, 26),
     [("tell", "1989-10-23", False)], [("stop", "1989-10-23")]),
    # "for" + a period after an amount: the period is the amount's; the report comes after it
    ("Price Stern Sloan reported a net loss of $8.1 million for the third quarter.", date(1989, 10, 27),
     [("loss", "1989-Q3", False)], [("report", "1989-Q3")]),
    ("For the third quarter, Delta posted net income of $133.1 million.", date(1989, 10, 27),
     [("post", "1989-Q3", False)], [("income", "1989-Q3")]),  # a fronted period frames the clause
    # a past date at the end of an infinitive dates the past verb, also passive or purpose infinitives
    ("Poland, Hungary and the Czech Republic were invited to join NATO in July 1997.", date(1999, 3, 12),
     [("invite", "1997-07", False)], [("join", "1997-07")]),
    ("Two rival bidders extended their offers to acquire the vaccine maker Friday.", date(1989, 10, 30),
     [("extend", "1989-10-27", False)], [("acquire", "1989-10-27")]),
    # a time inside the figure a comparison introduces is the figure's
    ("The company had a net loss of $46.9 million, compared with a restated loss of $9 million a year ago.",
     date(1989, 10, 27), [("loss", "1988", False)], [("compare", "1988"), ("have", "1988")]),
    ("Citadel posted a net loss of $2.3 million, versus net income of $5.3 million a year earlier.",
     date(1989, 10, 27), [("income", "1988", False)], [("post", "1988")]),
    # the period of an amount subject dates what the sentence says of the amount
    ("Third-quarter sales dropped 11% to $1.27 billion from $1.43 billion a year ago.", date(1989, 10, 30),
     [("drop", "1989-Q3", False)], [("sale", "1989-Q3")]),
    ("The bank said its net loss for the third quarter narrowed on higher revenue.", date(1989, 10, 30),
     [("narrow", "1989-Q3", False)], [("loss", "1989-Q3")]),
    ("Tomorrow's vote has implications for the region.", date(1998, 3, 2),
     [("vote", "1998-03-03", False)], [("have", "1998-03-03")]),
    # an issue of a paper dates what appeared in it
    ("The offer, advertised in today's editions of The Wall Street Journal, expires in November.",
     date(1989, 11, 2), [("advertise", "1989-11-02", False)], [("edition", "1989-11-02")]),
    ("In its Friday issue, the Spectator quoted an officer of the police department.", date(1998, 11, 22),
     [("quote", "1998-11-20", False)], [("issue", "1998-11-20")]),
    ("At the close of business Thursday, 11,580 shares had been tendered.", date(1989, 10, 27),
     [("close", "1989-10-26", False)], []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "expected", "absent"), SCOPE_CASES)
def test_events_a_date_scopes_over(nlp, text, published, expected, absent):
    doc = nlp(text)
    events = find_events(doc, tag(doc, "t", published), published)
    found = {(e.trigger, e.value): e for e in events}
    for trigger, value, secondary in expected:
        assert (trigger, value) in found, sorted(found)
        assert (found[(trigger, value)].confidence < 0.5) is secondary
    for key in absent:
        assert key not in found


def test_vague_times_have_no_day(nlp):
    doc = nlp("Magna recently cut its quarterly dividend in half.")
    published = date(1989, 10, 30)
    (event,) = find_events(doc, tag(doc, "t", published), published)
    assert (event.date_start, event.date_end, event.status) == (None, None, "occurred")


def test_a_vague_future_stays_planned_when_reanchored(nlp):
    doc = nlp("The funds will grow in the future.")
    published = date(1989, 10, 30)
    mentions = tag(doc, "t", published)
    events = find_events(doc, mentions, published)
    _, carried = incremental.reanchor_results(mentions, read_events(doc, mentions), date(1989, 11, 2))
    assert [(e.trigger, e.status) for e in events] == [(e.trigger, e.status) for e in carried] == [("grow", "planned")]


def test_now_is_the_publication_day(nlp):
    doc = nlp("Iraq now controls 20 percent of the world's oil reserves.")
    published = date(1990, 8, 16)
    (event,) = find_events(doc, tag(doc, "t", published), published)
    assert (event.date_start, event.date_end, event.granularity) == (published, published, "day")


# (text, published, re-anchored to): a fresh read resolved at the new date equals the re-anchored one
REANCHORED = [
    ("Iraq now controls 20 percent of the world's oil reserves.", date(1990, 8, 16), date(1990, 8, 20)),
    ("Macron's visit to the White House on March 3 was announced.", date(2025, 2, 25), date(2025, 3, 10)),
    ("Macron's visit to the White House on March 3 was announced.", date(2025, 3, 10), date(2025, 2, 25)),
    ("The committee voted to support the plan on Friday.", date(2025, 2, 25), date(2025, 2, 19)),
]


@pytest.mark.parametrize(("text", "published", "moved"), REANCHORED)
def test_reanchoring_resolves_the_stored_reading_as_a_fresh_parse_does(nlp, text, published, moved):
    doc = nlp(text)
    mentions = tag(doc, "t", published)
    readings = read_events(doc, mentions)
    _, carried = incremental.reanchor_results(mentions, readings, moved)
    fresh = find_events(doc, tag(doc, "t", moved), moved)
    assert carried == fresh and fresh


def test_a_status_flip_changes_the_verb_form(nlp):
    doc = nlp("Macron's visit to the White House on March 3 was announced.")
    mentions = tag(doc, "t", date(2025, 2, 25))
    (planned,) = find_events(doc, mentions, date(2025, 2, 25))
    _, (occurred,) = incremental.reanchor_results(mentions, read_events(doc, mentions), date(2025, 3, 10))
    assert (planned.status, planned.description) == ("planned", "Macron to visit the White House")
    assert (occurred.status, occurred.description) == ("occurred", "Macron visits the White House")
    assert "after publication" in planned.explanation and "stated as fact" in occurred.explanation


def test_now_survives_reanchoring(nlp):
    doc = nlp("Iraq now controls 20 percent of the world's oil reserves.")
    mentions = tag(doc, "t", date(1990, 8, 16))
    _, (event,) = incremental.reanchor_results(mentions, read_events(doc, mentions), date(1990, 8, 20))
    assert (event.value, event.date_start, event.date_end) == ("PRESENT_REF", date(1990, 8, 20), date(1990, 8, 20))
