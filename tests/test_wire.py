"""Wire copy and web pages as agencies write them: datelines, bylines, credits, sign-offs.

Each case is an article a reporter could have filed, read the way a user feeds it (a ``.txt`` file with a
sidecar date, or a feed), and the rows that must and must not come out: the event (words of its
description), its date, its status, actors it must have and names that must never be actors, its place.
Whatever the case, no row may be dated by the dateline, and no agency, byline name or dateline city may be
an actor or part of an event's text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from timeline.pipeline import process_batch
from timeline.records import Article, Event
from timeline.sources import read_articles
from timeline.sources.wire import read_lead

DANGLING = {
    "to", "of", "in", "on", "at", "for", "from", "with", "by", "into", "over", "than", "as", "the", "a", "an",
    "and", "or", "but", "its", "their", "his", "her", "that", "which",
}  # fmt: skip


@dataclass(frozen=True)
class Row:
    words: str  # words the description must contain, in this order
    value: str
    status: str
    actors: tuple[str, ...] = ()
    place: str | None = "?"  # "?": not checked


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    published: str
    rows: tuple[Row, ...]
    never: tuple[str, ...] = ()  # names that must be no actor and in no description
    no_value: tuple[str, ...] = ()  # dates no event may carry (the dateline's)
    lead: dict[str, str | None] = field(default_factory=dict)  # what the article must record of its lead
    not_actors: tuple[str, ...] = ()  # names the story's words may hold but no event may have as an actor


CASES = [
    Case(
        "reuters-tokyo-visit",
        "TOKYO, April 30 (Reuters) - Japanese Prime Minister Shigeru Ishiba will visit Washington on Friday "
        "to meet U.S. President Donald Trump for talks on tariffs, a government spokesman said.\n\n"
        "Ishiba is expected to press for an exemption from the levies, the spokesman told reporters.\n\n"
        "(Reporting by Tim Kelly; Editing by Stephen Coates)\n",
        "2025-04-30",
        (Row("Shigeru Ishiba will visit Washington", "2025-05-02", "planned", ("Shigeru Ishiba",), "Washington"),),
        never=("Reuters", "TOKYO", "Tim Kelly", "Stephen Coates"),
        no_value=("2025-04-30",),
        lead={"dateline_city": "Tokyo", "agency": "Reuters", "dateline_date": "2025-04-30"},
    ),
    Case(
        "reuters-mumbai-showroom",
        "MUMBAI, June 20 (Reuters) - Tesla opened its first showroom in India on Tuesday, starting sales of "
        "its Model Y in the world's third-largest car market.\n",
        "2025-06-20",
        (Row("Tesla opened its first showroom", "2025-06-17", "occurred", ("Tesla",), "India"),),
        never=("MUMBAI", "Reuters"),
        no_value=("2025-06-20",),
        lead={"dateline_city": "Mumbai", "agency": "Reuters"},
    ),
    Case(
        "berlin-em-dash",
        "BERLIN — Friedrich Merz said on Wednesday that Germany would raise its defence spending to 3.5 "
        "percent of economic output by 2029.\n",
        "2025-05-08",
        (Row("Friedrich Merz said", "2025-05-07", "occurred", ("Friedrich Merz",)),),
        never=("BERLIN", "— Friedrich Merz"),
        lead={"dateline_city": "Berlin", "agency": None},
    ),
    Case(
        "ap-byline-madrid",
        "By Maria Gonzalez\n\nMADRID (AP) — Spain's parliament approved a law on Thursday that cuts the "
        "working week to 37.5 hours.\n",
        "2025-05-09",
        (Row("parliament approved a law", "2025-05-08", "occurred", (), "?"),),
        never=("Maria Gonzalez", "MADRID", "AP"),
        lead={"dateline_city": "Madrid", "agency": "AP", "byline": "Maria Gonzalez"},
    ),
    Case(
        "ap-two-bylines-washington",
        "By ZEKE MILLER and AAMER MADHANI\n\nWASHINGTON (AP) — The Senate will vote on a replacement on "
        "Friday. Senator John Smith resigned yesterday.\n",
        "2025-03-12",
        (
            Row("Senate will vote on a replacement", "2025-03-14", "planned", ("Senate",)),
            Row("John Smith resigned", "2025-03-11", "occurred", ("John Smith",)),
        ),
        never=("ZEKE MILLER", "AAMER MADHANI", "WASHINGTON", "AP"),
        lead={"byline": "Zeke Miller; Aamer Madhani", "agency": "AP", "dateline_city": "Washington"},
    ),
    Case(
        "reuters-london-expected",
        "LONDON, Jan 15 (Reuters) - British Airways cancelled dozens of flights at Heathrow on Wednesday. "
        "More cancellations are expected on Tuesday as the strike by baggage handlers continues.\n",
        "2025-01-15",
        (
            Row("British Airways cancelled dozens of flights", "2025-01-15", "occurred", ("British Airways",)),
            Row("More cancellations are expected", "2025-01-21", "planned"),
        ),
        never=("LONDON", "Reuters"),
    ),
    Case(
        "reuters-sao-paulo",
        "SÃO PAULO, March 3 (Reuters) - Brazil's central bank raised its benchmark interest rate by a full "
        "percentage point on Wednesday and signalled another increase at its next meeting.\n",
        "2025-03-03",
        (Row("central bank raised its benchmark interest rate", "2025-02-26", "occurred"),),
        never=("SÃO PAULO", "Reuters"),
        no_value=("2025-03-03",),
        lead={"dateline_city": "São Paulo", "agency": "Reuters"},
    ),
    Case(
        "afp-new-delhi-en-dash",
        "NEW DELHI (AFP) – India's election commission said on Monday that voting in the general election "
        "will begin on April 19 and run for six weeks.\n",
        "2024-03-18",
        (
            Row("election commission said", "2024-03-18", "occurred"),
            Row("voting", "2024-04-19", "planned"),
        ),
        never=("NEW DELHI", "AFP"),
        lead={"dateline_city": "New Delhi", "agency": "AFP"},
    ),
    Case(
        "ap-la-paz-with-country",
        "LA PAZ, Bolivia (AP) — Bolivian President Luis Arce swore in a new army commander on Wednesday, hours "
        "after troops stormed the government palace.\n",
        "2024-06-27",
        (Row("Luis Arce swore in a new army commander", "2024-06-26", "occurred", ("Luis Arce",)),),
        never=("LA PAZ", "AP"),
        lead={"dateline_city": "La Paz", "agency": "AP"},
    ),
    Case(
        "dpa-zurich-title-case",
        "Zürich (dpa) - The Swiss National Bank will announce its next interest rate decision on Thursday, "
        "economists said.\n",
        "2025-06-16",
        (Row("interest rate decision", "2025-06-19", "planned"),),
        never=("Zürich", "dpa"),
        lead={"dateline_city": "Zürich", "agency": "dpa"},
    ),
    Case(
        "wam-abu-dhabi-double-hyphen",
        "ABU DHABI, Nov 5 (WAM) -- The United Arab Emirates will host the next round of talks on Sunday, the "
        "foreign ministry said.\n",
        "2024-11-05",
        (Row("United Arab Emirates will host the next round of talks", "2024-11-10", "planned"),),
        never=("ABU DHABI", "WAM"),
        no_value=("2024-11-05",),
        lead={"dateline_city": "Abu Dhabi", "agency": "WAM"},
    ),
    Case(
        "xinhua-beijing-parade",
        "BEIJING, Sept. 1 (Xinhua) -- China will hold a military parade in Tiananmen Square on Wednesday to "
        "mark the 80th anniversary of the end of World War II.\n",
        "2025-09-01",
        (Row("China will hold a military parade", "2025-09-03", "planned", ("China",), "Tiananmen Square"),),
        never=("BEIJING", "Xinhua"),
        no_value=("2025-09-01",),
        lead={"dateline_city": "Beijing", "agency": "Xinhua"},
    ),
    Case(
        "bloomberg-credit-only",
        "(Bloomberg) -- Oil rose on Monday after OPEC+ agreed to slow the pace of its output increases.\n",
        "2025-10-06",
        (Row("Oil rose", "2025-10-06", "occurred"),),
        never=("Bloomberg",),
        lead={"agency": "Bloomberg", "dateline_city": None},
    ),
    Case(
        "ansa-rome-meloni",
        "ROME, March 10 (ANSA) - Premier Giorgia Meloni met European Commission President Ursula von der Leyen "
        "in Rome on Monday to discuss migration.\n",
        "2025-03-10",
        (Row("Giorgia Meloni met", "2025-03-10", "occurred", ("Giorgia Meloni",), "Rome"),),
        never=("ANSA",),
        lead={"dateline_city": "Rome", "agency": "ANSA"},
    ),
    Case(
        "efe-madrid-dot-dash",
        "Madrid, Mar 12 (EFE).- Spain's Prime Minister Pedro Sánchez will travel to Beijing on Friday for "
        "talks with Chinese leaders.\n",
        "2025-03-12",
        (Row("Pedro Sánchez will travel to Beijing", "2025-03-14", "planned", ("Pedro Sánchez",), "Beijing"),),
        never=("EFE", "Madrid"),
        no_value=("2025-03-12",),
        lead={"dateline_city": "Madrid", "agency": "EFE"},
    ),
    Case(
        "kyodo-tokyo-yesterday",
        "TOKYO, Dec. 2 (Kyodo) -- Japan's parliament enacted a law on Monday to allow active cyber defence.\n",
        "2025-12-02",
        (Row("parliament enacted a law", "2025-12-01", "occurred"),),
        never=("Kyodo", "TOKYO"),
        no_value=("2025-12-02",),
    ),
    Case(
        "pa-byline-with-title",
        "By Sam Blewett, PA Political Correspondent\n\nKeir Starmer will travel to Brussels on Monday for "
        "talks with European leaders, Downing Street said.\n",
        "2025-05-16",
        (Row("Keir Starmer will travel to Brussels", "2025-05-19", "planned", ("Keir Starmer",), "Brussels"),),
        never=("Sam Blewett", "PA Political Correspondent"),
        lead={"byline": "Sam Blewett", "dateline_city": None},
    ),
    Case(
        "dateline-city-is-the-place",
        "KYIV, July 9 (Reuters) - Ukraine's parliament voted on Tuesday to ratify the statute of the "
        "International Criminal Court.\n",
        "2025-07-09",
        (Row("parliament voted", "2025-07-08", "occurred", (), "Kyiv"),),
        never=("Reuters",),
    ),
    Case(
        "no-dateline-company-dash",
        "Apple - the iPhone maker - said on Monday it would open its first store in Saudi Arabia next year.\n",
        "2025-04-09",
        (Row("Apple", "2025-04-07", "occurred", ("Apple",)),),
        lead={"dateline_city": None, "agency": None},
    ),
    Case(
        "appositive-cut-keeps-spaces",
        "WASHINGTON (Reuters) - Senator John Smith, a Democrat from Ohio, was first elected in 2010. He said "
        "on Tuesday he would not seek re-election.\n",
        "2025-06-12",
        (Row("John Smith", "2010", "occurred", ("John Smith",)),),
        never=("Reuters", "WASHINGTON"),
    ),
    Case(
        "the-agency-is-no-party",
        "BERLIN, Feb 6 (Reuters) - German Finance Minister Christian Lindner told Reuters on Thursday that "
        "the government would present its budget in March.\n",
        "2025-02-07",
        (Row("Christian Lindner told", "2025-02-06", "occurred", ("Christian Lindner",)),),
        never=("BERLIN",),
        not_actors=("Reuters",),
    ),
    Case(
        "reported-plan-keeps-plan",
        "PARIS, Feb 10 (AFP) - Renault said last week it planned to close the Flins plant on March 1.\n",
        "2025-02-10",
        (Row("close the Flins plant", "2025-03-01", "planned"),),
        never=("AFP", "PARIS"),
        no_value=("2025-02-10",),
    ),
    Case(
        "present-schedule-is-a-plan",
        "OTTAWA, Dec 10 (Reuters) - The new tax on digital services takes effect on Jan. 1, the finance "
        "ministry said on Tuesday.\n",
        "2024-12-10",
        (
            Row("tax", "2025-01-01", "planned"),
            Row("ministry said", "2024-12-10", "occurred"),
        ),
        never=("OTTAWA", "Reuters"),
    ),
    Case(
        "yonhap-seoul-double-hyphen",
        "SEOUL, May 3 (Yonhap) -- South Korea's exports rose 3.7 percent in April from a year earlier, the "
        "trade ministry said on Thursday.\n",
        "2025-05-03",
        (Row("ministry said", "2025-05-01", "occurred"),),
        never=("SEOUL", "Yonhap"),
        no_value=("2025-05-03",),
        lead={"dateline_city": "Seoul", "agency": "Yonhap", "dateline_date": "2025-05-03"},
    ),
    Case(
        "pti-new-delhi-no-dash",
        "NEW DELHI, Jan 10 (PTI) Prime Minister Narendra Modi will inaugurate the new terminal at Navi Mumbai "
        "airport on Sunday, officials said.\n",
        "2025-01-10",
        (Row("Narendra Modi will inaugurate the new terminal", "2025-01-12", "planned", ("Narendra Modi",)),),
        never=("NEW DELHI", "PTI"),
        no_value=("2025-01-10",),
        lead={"dateline_city": "New Delhi", "agency": "PTI", "dateline_date": "2025-01-10"},
    ),
    Case(
        "ians-colon-title-case",
        "Mumbai (IANS): The Reserve Bank of India cut its key lending rate by 25 basis points on Friday, "
        "Governor Sanjay Malhotra said.\n",
        "2025-02-07",
        (Row("Reserve Bank of India cut its key lending rate", "2025-02-07", "occurred"),),
        never=("IANS", "Mumbai (IANS)"),
        lead={"dateline_city": "Mumbai", "agency": "IANS"},
    ),
    Case(
        "upi-washington-expected",
        "WASHINGTON, March 4 (UPI) -- The House is expected to vote on the spending bill on Friday, "
        "hours before the government runs out of money.\n",
        "2025-03-04",
        (Row("House is expected to vote", "2025-03-07", "planned"),),
        never=("WASHINGTON", "UPI"),
        no_value=("2025-03-04",),
        lead={"dateline_city": "Washington", "agency": "UPI"},
    ),
    Case(
        "efe-rio-de-janeiro-spanish-date",
        "RIO DE JANEIRO, 5 de marzo (EFE).- Brazilian President Luiz Inácio Lula da Silva signed a decree on "
        "Tuesday raising the minimum wage.\n",
        "2025-03-05",
        (Row("Lula da Silva signed a decree", "2025-03-04", "occurred"),),
        never=("RIO DE JANEIRO", "EFE"),
        no_value=("2025-03-05",),
        lead={"dateline_city": "Rio de Janeiro", "agency": "EFE", "dateline_date": "2025-03-05"},
    ),
    Case(
        "afp-paris-french-date-en-dash",
        "PARIS, 3 mai 2025 (AFP) – French President Emmanuel Macron will host Ukrainian President Volodymyr "
        "Zelensky at the Elysee on Wednesday.\n",
        "2025-05-03",
        (Row("Emmanuel Macron will host", "2025-05-07", "planned", ("Emmanuel Macron",)),),
        never=("PARIS", "AFP"),
        no_value=("2025-05-03",),
        lead={"dateline_city": "Paris", "agency": "AFP", "dateline_date": "2025-05-03"},
    ),
    Case(
        "dpa-frankfurt-am-main-horizontal-bar",
        "FRANKFURT AM MAIN (dpa) ― The European Central Bank left interest rates unchanged on Thursday, "
        "President Christine Lagarde said.\n",
        "2025-07-24",
        (Row("European Central Bank left interest rates unchanged", "2025-07-24", "occurred"),),
        never=("FRANKFURT", "dpa"),
        lead={"dateline_city": "Frankfurt am Main", "agency": "dpa"},
    ),
    Case(
        "bloomberg-dateline-and-credit",
        "NEW YORK, June 2 (Bloomberg) -- Stocks fell on Monday as investors weighed new tariff threats.\n\n"
        "--With assistance from Jane Doe.\n",
        "2025-06-02",
        (Row("Stocks fell", "2025-06-02", "occurred"),),
        never=("NEW YORK", "Bloomberg"),
        lead={"dateline_city": "New York", "agency": "Bloomberg"},
    ),
    Case(
        "wsj-em-dash-touching",
        "BERLIN—Germany's economy shrank in the second quarter, the statistics office said on Friday.\n",
        "2025-07-25",
        (Row("statistics office said", "2025-07-25", "occurred"),),
        never=("BERLIN",),
        lead={"dateline_city": "Berlin", "agency": None},
    ),
    Case(
        "kyodo-new-york-city-with-space",
        "NEW YORK, Sept. 23 (Kyodo) -- Japanese Prime Minister Shigeru Ishiba will address the U.N. General "
        "Assembly on Wednesday, a government official said.\n",
        "2025-09-23",
        (Row("Shigeru Ishiba will address", "2025-09-24", "planned", ("Shigeru Ishiba",)),),
        never=("NEW YORK", "Kyodo"),
        no_value=("2025-09-23",),
        lead={"dateline_city": "New York", "agency": "Kyodo", "dateline_date": "2025-09-23"},
    ),
    Case(
        "yonhap-byline-hyphenated-name",
        "By Kim Soo-yeon\n\nSEOUL, Jan. 5 (Yonhap) -- North Korea fired a ballistic missile into the East Sea on "
        "Sunday, the South's military said.\n",
        "2025-01-05",
        (Row("North Korea fired a ballistic missile", "2025-01-05", "occurred", ("North Korea",)),),
        never=("Kim Soo-yeon", "SEOUL", "Yonhap"),
        lead={"dateline_city": "Seoul", "agency": "Yonhap", "byline": "Kim Soo-yeon"},
    ),
    Case(
        "ansa-credit-before-the-dateline",
        "(ANSA) - ROME, MAR 10 - Premier Giorgia Meloni will meet Ukrainian President Volodymyr Zelensky in Rome "
        "on Wednesday, her office said.\n",
        "2025-03-10",
        (Row("Giorgia Meloni will meet", "2025-03-12", "planned", ("Giorgia Meloni",)),),
        never=("ANSA", "ROME"),
        no_value=("2025-03-10",),
        lead={"dateline_city": "Rome", "agency": "ANSA", "dateline_date": "2025-03-10"},
    ),
    Case(
        "efe-bogota-accent-title-case",
        "Bogotá, Mar 5 (EFE).- Colombian President Gustavo Petro suspended talks with the ELN rebel group on "
        "Tuesday after an attack on a military base.\n",
        "2025-03-05",
        (Row("Gustavo Petro suspended talks", "2025-03-04", "occurred", ("Gustavo Petro",)),),
        never=("EFE", "Bogotá,"),
        no_value=("2025-03-05",),
        lead={"dateline_city": "Bogotá", "agency": "EFE", "dateline_date": "2025-03-05"},
    ),
    Case(
        "xinhua-tel-aviv",
        "TEL AVIV, May 3 (Xinhua) -- Israel's security cabinet approved a plan on Friday to expand military "
        "operations in Gaza, an official said.\n",
        "2025-05-03",
        (Row("security cabinet approved a plan", "2025-05-02", "occurred"),),
        never=("TEL AVIV", "Xinhua"),
        no_value=("2025-05-03",),
        lead={"dateline_city": "Tel Aviv", "agency": "Xinhua"},
    ),
    Case(
        "dpa-frankfurt-slash-main",
        "Frankfurt/Main (dpa) - Germany's Dax index rose to a record high on Monday as investors bet on lower "
        "interest rates.\n",
        "2025-06-16",
        (Row("Dax index rose", "2025-06-16", "occurred"),),
        never=("Frankfurt/Main", "dpa"),
        lead={"dateline_city": "Frankfurt/Main", "agency": "dpa"},
    ),
    Case(
        "upi-date-and-credit-without-a-city",
        "Nov. 5 (UPI) -- The House voted on Tuesday to extend government funding through January, sending the "
        "bill to the Senate.\n",
        "2025-11-05",
        (Row("House voted", "2025-11-04", "occurred"),),
        never=("UPI", "Nov. 5"),
        no_value=("2025-11-05",),
        lead={"dateline_city": None, "agency": "UPI", "dateline_date": "2025-11-05"},
    ),
    Case(
        "pti-long-city-no-dash",
        "THIRUVANANTHAPURAM, Feb 3 (PTI) The Kerala government will present its annual budget on Friday, the "
        "finance minister said on Monday.\n",
        "2025-02-03",
        (Row("Kerala government will present its annual budget", "2025-02-07", "planned"),),
        never=("THIRUVANANTHAPURAM", "PTI"),
        lead={"dateline_city": "Thiruvananthapuram", "agency": "PTI", "dateline_date": "2025-02-03"},
    ),
    Case(
        "company-ticker-is-no-dateline",
        "Apple (AAPL) shares rose on Monday after the company said it would invest $500 billion in the U.S.\n",
        "2025-02-24",
        (Row("shares rose", "2025-02-24", "occurred"),),
        lead={"dateline_city": None, "agency": None},
    ),
]


def _load(tmp_path: Path, name: str, text: str, published: str) -> list[Article]:
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / f"{name}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return [a for a in read_articles([tmp_path / f"{name}.txt"]) if isinstance(a, Article)]


def _ordered(words: str, description: str) -> bool:
    at = 0
    for word in words.lower().split():
        found = description.lower().find(word, at)
        if found < 0:
            return False
        at = found + len(word)
    return True


def _article_words(text: str) -> set[str]:
    return {w.lower().rstrip(".") for w in re.findall(r"\w[\w.'’-]*", text)}


def check_events(article: Article, events: list[Event], case: Case) -> None:
    for row in case.rows:
        matches = [e for e in events if _ordered(row.words, e.description) and e.value == row.value]
        assert matches, (row, [(e.description, e.value, e.status) for e in events])
        assert any(e.status == row.status for e in matches), (row, [(e.description, e.status) for e in matches])
        good = [e for e in matches if e.status == row.status]
        assert any(set(row.actors) <= set(e.actors) for e in good), (row, [e.actors for e in good])
        if row.place != "?":
            assert any(e.place == row.place for e in good), (row, [e.place for e in good])
    masked = [article.text[s:e].strip() for s, e in article.masked]
    for event in events:
        assert event.value not in case.no_value, f"row dated by the dateline: {event}"
        for name in case.not_actors:
            assert name not in event.actors, (name, event.actors)
        for name in case.never:
            assert name not in event.actors, (name, event.actors)
            assert name not in event.description, (name, event.description)
        for piece in masked:
            assert not piece or piece not in event.description, (piece, event.description)
        words = event.description.split()
        assert words, event
        assert words[-1].lower() not in DANGLING, f"dangling end: {event.description!r}"
        known = _article_words(article.text)
        stray = [w for w in re.findall(r"\w[\w.'’-]*", event.description) if w.lower().rstrip(".") not in known]
        # "to visit" for a planned "visit": the infinitive marker is the only word a description may add
        assert set(w.lower() for w in stray) <= {"to", "visits", "visit"}, (stray, event.description)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_wire_article(tmp_path: Path, case: Case, nlp) -> None:
    (article,) = _load(tmp_path, case.name, case.text, case.published)
    for key, expected in case.lead.items():
        got = getattr(article, key)
        if isinstance(got, date):
            got = got.isoformat()
        assert got == expected, (key, got, expected)
    batch = process_batch([article])
    assert not batch.rejections, batch.rejections
    check_events(article, list(batch.events), case)


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World news</title>
<item><title>Ishiba to visit Washington</title><link>https://example.com/world/ishiba</link>
<pubDate>Wed, 30 Apr 2025 06:12:00 GMT</pubDate>
<description><![CDATA[<p>TOKYO, April 30 (Reuters) - Japanese Prime Minister Shigeru Ishiba will visit Washington on
Friday to meet U.S. President Donald Trump.</p>
<p>(Reporting by Tim Kelly; Editing by Stephen Coates)</p>]]></description>
</item>
<item><title>Merz on defence</title><link>https://example.com/world/merz</link>
<pubDate>Thu, 08 May 2025 09:00:00 GMT</pubDate>
<description><![CDATA[<p>By Sarah Marsh</p><p>BERLIN (Reuters) - Chancellor Friedrich Merz said on Wednesday that
Germany would raise defence spending.</p>]]></description>
</item>
</channel></rss>
"""


def test_feed_entries_carry_datelines(tmp_path: Path, nlp) -> None:
    (tmp_path / "world.rss").write_text(FEED, encoding="utf-8")
    articles = [a for a in read_articles([tmp_path / "world.rss"]) if isinstance(a, Article)]
    assert [a.dateline_city for a in articles] == ["Tokyo", "Berlin"]
    assert [a.agency for a in articles] == ["Reuters", "Reuters"]
    assert articles[1].byline == "Sarah Marsh"
    batch = process_batch(articles)
    by_article = {a.article_id: [e for e in batch.events if e.article_id == a.article_id] for a in articles}
    tokyo, berlin = (by_article[a.article_id] for a in articles)
    check_events(
        articles[0],
        tokyo,
        Case("", "", "", (Row("Shigeru Ishiba will visit Washington", "2025-05-02", "planned", ("Shigeru Ishiba",)),),
             never=("Reuters", "TOKYO", "Tim Kelly"), no_value=("2025-04-30",)),
    )  # fmt: skip
    check_events(
        articles[1],
        berlin,
        Case("", "", "", (Row("Friedrich Merz said", "2025-05-07", "occurred", ("Friedrich Merz",)),),
             never=("Reuters", "BERLIN", "Sarah Marsh")),
    )  # fmt: skip


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2025-11-05T12:00:00Z</updated>
<entry><id>urn:wire:1</id><title>North Korea fires missile</title><updated>2025-01-05T09:00:00+09:00</updated>
<content type="html">&lt;p&gt;By Kim Soo-yeon&lt;/p&gt;&lt;p&gt;SEOUL, Jan. 5 (Yonhap) -- North Korea fired a ballistic
missile into the East Sea on Sunday, the South's military said.&lt;/p&gt;</content></entry>
<entry><id>urn:wire:2</id><title>Meloni to meet Zelensky</title><published>2025-03-10T10:00:00+01:00</published>
<content type="html">&lt;p&gt;(ANSA) - ROME, MAR 10 - Premier Giorgia Meloni will meet Ukrainian President
Volodymyr Zelensky in Rome on Wednesday, her office said.&lt;/p&gt;</content></entry>
<entry><id>urn:wire:3</id><title>House votes</title><published>2025-11-05T08:00:00-05:00</published>
<summary>Nov. 5 (UPI) -- The House voted on Tuesday to extend government funding through January.</summary></entry>
</feed>
"""


def test_atom_entries_carry_credits_before_datelines_and_dates_without_a_city(tmp_path: Path, nlp) -> None:
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    articles = [a for a in read_articles([tmp_path / "wire.atom"]) if isinstance(a, Article)]
    assert [(a.dateline_city, a.agency, a.byline) for a in articles] == [
        ("Seoul", "Yonhap", "Kim Soo-yeon"), ("Rome", "ANSA", None), (None, "UPI", None)
    ]  # fmt: skip
    assert [a.published.isoformat() for a in articles] == ["2025-01-05", "2025-03-10", "2025-11-05"]
    assert [a.dateline_date.isoformat() for a in articles] == ["2025-01-05", "2025-03-10", "2025-11-05"]
    assert all(a.date_conflict is None for a in articles), [a.date_conflict for a in articles]
    batch = process_batch(articles)
    expected = [
        Case("", "", "", (Row("North Korea fired a ballistic missile", "2025-01-05", "occurred", ("North Korea",)),),
             never=("Kim Soo-yeon", "SEOUL", "Yonhap")),
        Case("", "", "", (Row("Giorgia Meloni will meet", "2025-03-12", "planned", ("Giorgia Meloni",)),),
             never=("ANSA", "ROME"), no_value=("2025-03-10",)),
        Case("", "", "", (Row("House voted", "2025-11-04", "occurred"),), never=("UPI", "Nov. 5"),
             no_value=("2025-11-05",)),
    ]  # fmt: skip
    for article, case in zip(articles, expected, strict=True):
        check_events(article, [e for e in batch.events if e.article_id == article.article_id], case)


# The lead of a story, read alone: (text, city, date as written, agency, byline, first word after the lead).
LEADS = [
    ("TOKYO, April 30 (Reuters) - Japan will", "Tokyo", "April 30", "Reuters", None, "Japan"),
    ("MUMBAI, June 20 (Reuters) - Tesla opened", "Mumbai", "June 20", "Reuters", None, "Tesla"),
    ("BERLIN — Friedrich Merz said", "Berlin", None, None, None, "Friedrich"),
    ("WASHINGTON (AP) — The Senate", "Washington", None, "AP", None, "The"),
    ("SÃO PAULO, 3 March (Reuters) – Brazil's", "São Paulo", "3 March", "Reuters", None, "Brazil"),
    ("LA PAZ, Bolivia (AP) — Troops", "La Paz", None, "AP", None, "Troops"),
    ("ZÜRICH (dpa) - Die", "Zürich", None, "dpa", None, "Die"),
    ("ABU DHABI, Nov 5 (WAM) -- The", "Abu Dhabi", "Nov 5", "WAM", None, "The"),
    ("BEIJING, Sept. 1 (Xinhua) -- China", "Beijing", "Sept. 1", "Xinhua", None, "China"),
    ("Madrid, Mar 12 (EFE).- Spain's", "Madrid", "Mar 12", "EFE", None, "Spain"),
    ("(Bloomberg) -- Oil rose", None, None, "Bloomberg", None, "Oil"),
    ("O'SMACH, Cambodia (AP)_ The top commander", "O'Smach", None, "AP", None, "The"),
    ("МОСКВА, 30 апреля (Рейтер) - Россия", "Москва", "30 апреля", "Рейтер", None, "Россия"),
    ("NEW YORK, Oct. 3, 2024 /PRNewswire/ -- Acme Corp", "New York", "Oct. 3, 2024", "PRNewswire", None, "Acme"),
    ("By Maria Gonzalez\n\nMADRID (AP) — Spain's", "Madrid", None, "AP", "Maria Gonzalez", "Spain"),
    ("By Andrea Shalal and David Lawder\nWASHINGTON, May 2 (Reuters) - The", "Washington", "May 2", "Reuters",
     "Andrea Shalal; David Lawder", "The"),
    ("By JOSH BOAK Associated Press\nWASHINGTON (AP) — President", "Washington", None, "AP", "Josh Boak", "President"),
    ("SEOUL, May 3 (Yonhap) -- South Korea's exports", "Seoul", "May 3", "Yonhap", None, "South"),
    ("NEW DELHI, Jan 10 (PTI) Prime Minister Narendra Modi", "New Delhi", "Jan 10", "PTI", None, "Prime"),
    ("New Delhi, Jan 10 (IANS) The Centre on Friday", "New Delhi", "Jan 10", "IANS", None, "The"),
    ("NEW DELHI (PTI): The Supreme Court", "New Delhi", None, "PTI", None, "The"),
    ("WASHINGTON, March 4 (UPI) -- The House voted", "Washington", "March 4", "UPI", None, "The"),
    ("LONDON (PA) - The Prime Minister", "London", None, "PA", None, "The"),
    ("TOKYO, May 3 (Kyodo) -- Japan's", "Tokyo", "May 3", "Kyodo", None, "Japan"),
    ("PARIS, 3 mai 2025 (AFP) - Le gouvernement", "Paris", "3 mai 2025", "AFP", None, "Le"),
    ("Paris (AFP) – Le Premier ministre", "Paris", None, "AFP", None, "Le"),
    ("ROMA, 3 MAG (ANSA) - Il governo", "Roma", "3 MAG", "ANSA", None, "Il"),
    ("RIO DE JANEIRO, 5 de marzo (EFE).- El Gobierno", "Rio de Janeiro", "5 de marzo", "EFE", None, "El"),
    ("Ciudad de México, 5 de marzo de 2025 (EFE).- La presidenta", "Ciudad de México", "5 de marzo de 2025", "EFE",
     None, "La"),
    ("BOGOTÁ, 5 mar (EFE).- El presidente", "Bogotá", "5 mar", "EFE", None, "El"),
    ("FRANKFURT AM MAIN (dpa) - Die Börse", "Frankfurt am Main", None, "dpa", None, "Die"),
    ("DÜSSELDORF (dpa) ― Die Landesregierung", "Düsseldorf", None, "dpa", None, "Die"),
    ("SAN JUAN, Puerto Rico (AP) — Power", "San Juan", None, "AP", None, "Power"),
    ("PORT-AU-PRINCE, Haiti (AP) — Gangs", "Port-Au-Prince", None, "AP", None, "Gangs"),
    ("N'DJAMENA, Chad (AP) — The", "N'Djamena", None, "AP", None, "The"),
    ("ST. LOUIS (AP) — A jury", "St. Louis", None, "AP", None, "A"),
    ("BERLIN—Germany's economy shrank", "Berlin", None, None, None, "Germany"),
    ("北京，5月3日 (新华社) — 中国", "北京", "5月3日", "新华社", None, "中国"),
    ("東京 (共同) — 政府は", "東京", None, "共同", None, "政府は"),
    ("서울, 5월 3일 (연합뉴스) - 정부는", "서울", "5월 3일", "연합뉴스", None, "정부는"),
    ("القاهرة (رويترز) - قال", "القاهرة", None, "رويترز", None, "قال"),
    ("ΑΘΗΝΑ (Reuters) - Η κυβέρνηση", "Αθηνα", None, "Reuters", None, "Η"),
    ("(ANSA) - ROMA, 3 MAG - Il governo", "Roma", "3 MAG", "ANSA", None, "Il"),
    ("Nov. 5 (UPI) -- The House", None, "Nov. 5", "UPI", None, "The"),
    ("Frankfurt/Main (dpa) - Der Dax", "Frankfurt/Main", None, "dpa", None, "Der"),
    ("TEL AVIV, May 3 (Xinhua) -- Israel", "Tel Aviv", "May 3", "Xinhua", None, "Israel"),
    ("新华社北京5月3日电（记者张三、李四）中国政府", "北京", "5月3日", "新华社", "张三; 李四", "中国政府"),
    ("新华社北京5月3日电 中国政府", "北京", "5月3日", "新华社", None, "中国政府"),
    ("【ワシントン共同】米政府は", "ワシントン", None, "共同", None, "米政府は"),
    ("【パリAFP=時事】フランス政府は", "パリ", None, "時事", None, "フランス政府は"),
    ("(서울=연합뉴스) 김철수 기자 = 정부는", "서울", None, "연합뉴스", "김철수", "정부는"),
    ("(워싱턴=연합뉴스) 김경희 특파원 = 미국", "워싱턴", None, "연합뉴스", "김경희", "미국"),
    ("नई दिल्ली, 10 जनवरी (भाषा) सरकार ने", "नई दिल्ली", "10 जनवरी", "भाषा", None, "सरकार"),
    ("ירושלים (רויטרס) - ממשלת ישראל", "ירושלים", None, "רויטרס", None, "ממשלת"),
]  # fmt: skip

NOT_LEADS = [
    "Apple - the iPhone maker - said on Monday it would open a store.",
    "NATO leaders met on Monday in Brussels.",
    "U.S. stocks fell on Friday — the worst week since March.",
    "The Fed - which meets next week - is expected to hold rates.",
    "By the end of the year, prices had doubled.",
    "By Tuesday the talks had collapsed.",
    "BREAKING: Markets fall on Monday.",
    "Apple (AAPL) shares rose on Monday.",
    "Shares of Tesla (TSLA) fell 5% on Monday.",
    "India (PTI) is the country's largest news agency.",
    "US-China talks resumed on Monday.",
    "NATO-led forces moved into the town.",
    "政府は5月3日に発表した。",
    "May 5 - the day after the vote - was quiet.",
    "(Update 2) Oil rose on Monday.",
    "新华社的记者5月3日说。",
    "【速報】政府は3日",
    "【Matt】の新曲",
]


@pytest.mark.parametrize(("text", "city", "when", "agency", "byline", "first"), LEADS, ids=[r[0][:24] for r in LEADS])
def test_read_lead(text, city, when, agency, byline, first) -> None:
    lead = read_lead(text)
    assert (lead.city, lead.date_text, lead.agency, lead.byline) == (city, when, agency, byline)
    assert text[lead.end :].lstrip().startswith(first), text[lead.end :]


@pytest.mark.parametrize("text", NOT_LEADS)
def test_not_a_lead(text) -> None:
    lead = read_lead(text)
    assert lead.end == 0 and lead.city is None and lead.agency is None and lead.byline is None, lead


SIGN_OFFS = [
    ("Talks resume on Monday.\n\n(Reporting by Tim Kelly; Editing by Stephen Coates)\n", "Tim Kelly"),
    ("Talks resume on Monday.\n(Reporting by Tim Kelly in Tokyo; Additional reporting by Kiyoshi Takenaka; "
     "Writing by David Dolan; Editing by Lincoln Feast.)", "Lincoln Feast"),
    ("Talks resume on Monday.\n\n-- Reporting by Jane Doe; editing by John Roe\n", "John Roe"),
    ("Talks resume on Monday.\n\n--With assistance from Jane Doe and John Roe.\n", "John Roe"),
    ("Talks resume on Monday.\n\nAssociated Press writer Jane Doe in Seoul contributed to this report.\n", "Jane Doe"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name"), SIGN_OFFS)
def test_sign_off_is_masked(text, name) -> None:
    lead = read_lead(text)
    (start, end), *_ = lead.masked
    assert name in text[start:end] and "Talks" not in text[start:end]


# Status from the clause's own tense, modality and cues, published on Wednesday 2025-03-12:
# (text, words of the event, date, status). Nothing carries over from another sentence.
STATUS = [
    ("The Senate will vote on a replacement on Friday. Senator John Smith resigned yesterday.",
     "John Smith resigned", "2025-03-11", "occurred"),
    ("Senator John Smith resigned yesterday. The Senate will vote on a replacement on Friday.",
     "Senate will vote", "2025-03-14", "planned"),
    ("The summit is to take place on Friday in Geneva.", "summit is to take place", "2025-03-14", "planned"),
    ("The vote is scheduled for Thursday.", "vote is scheduled", "2025-03-13", "planned"),
    ("Talks are likely to resume on Monday.", "Talks are likely to resume", "2025-03-17", "planned"),
    ("The bill is due to be debated on Monday.", "bill is due to be debated", "2025-03-17", "planned"),
    ("More flights are expected to be cancelled on Tuesday.", "flights", "2025-03-18", "planned"),
    ("The ban takes effect today.", "ban takes effect", "2025-03-12", "planned"),
    ("The minister said on Monday she would resign on Friday.", "she would resign", "2025-03-14", "planned"),
    ("The minister said on Monday she would resign on Friday.", "minister said", "2025-03-10", "occurred"),
    ("Officials said the plant had been scheduled to close on Monday.", "plant had been scheduled to close",
     "2025-03-10", "planned"),
    ("Shares rose 3% on Monday.", "Shares rose", "2025-03-10", "occurred"),
    ("Police arrested two men on Tuesday and will question them on Thursday.", "Police arrested two men",
     "2025-03-11", "occurred"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words", "value", "state"), STATUS, ids=[f"{r[1]}-{r[2]}" for r in STATUS])
def test_status_of_its_own_clause(text, words, value, state, nlp) -> None:
    batch = process_batch([Article("status", text, date(2025, 3, 12))])
    found = [e for e in batch.events if _ordered(words, e.description) and e.value == value]
    assert found, [(e.description, e.value, e.status) for e in batch.events]
    assert {e.status for e in found} == {state}, [(e.description, e.status, e.explanation) for e in found]


# ---- publication dates ---------------------------------------------------------------------------------

PAGES = Path(__file__).parent / "samples" / "pages"
PAGE_TRUTH = json.loads((PAGES / "truth.json").read_text(encoding="utf-8"))
# a page whose date the stripped markup cannot give (only a modification date): no date rather than a wrong one
UNDATED_BY_DESIGN = {"modified-only-with-dateline.html"}
# pages whose only date is one in their text, contradicted by nothing: loaded with it, flagged low-confidence
# (the first two have no publication date: the flag is what keeps their date from being taken as sure)
LOW_CONFIDENCE_BY_DESIGN = {
    "no-date-dates-in-text.html", "sitemap-like-old-dates.html", "url-compact-date.html", "text-date-only-header.html",
}  # fmt: skip
# pages whose own strong evidence (URL, metadata, the rest of the markup) disagrees: the date taken is flagged
# low-confidence too; a dateline against the markup (markup-vs-dateline) is no such disagreement
LOW_CONFIDENCE_CONFLICTS = {
    "markup-vs-url.html", "generic-meta-date-later-than-time.html", "url-day-before-utc-markup.html",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PAGE_TRUTH), ids=sorted(PAGE_TRUTH))
def test_page_dates(name) -> None:
    (article,) = read_articles([PAGES / name])
    assert isinstance(article, Article), article
    truth = PAGE_TRUTH[name]
    got = article.published.isoformat() if article.published else None
    if name in UNDATED_BY_DESIGN:
        assert got is None, (got, article.date_source)
    elif truth["date"] is None and name in LOW_CONFIDENCE_BY_DESIGN:
        assert got is not None, article.date_evidence
    else:
        assert got == truth["date"], (got, article.date_source, article.date_evidence)
    low = name in LOW_CONFIDENCE_BY_DESIGN | LOW_CONFIDENCE_CONFLICTS
    assert article.date_low_confidence is (low if got else None), (article.date_source, article.date_conflict)
    assert (article.date_source == "text") is (name in LOW_CONFIDENCE_BY_DESIGN)
    assert (article.date_conflict is not None) == truth["conflict"], article.date_conflict
    assert article.date_source == ("none" if got is None else article.date_source)


def _one(tmp_path: Path, name: str, body: str, meta: dict | None = None) -> Article:
    (tmp_path / name).write_text(body, encoding="utf-8")
    if meta is not None:
        (tmp_path / (Path(name).stem + ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
    (article,) = read_articles([tmp_path / name])
    assert isinstance(article, Article), article
    return article


def test_sidecar_wins_and_the_dateline_that_disagrees_is_flagged(tmp_path: Path) -> None:
    article = _one(tmp_path, "a.txt", "WASHINGTON, June 8 (Reuters) - The Senate voted on Monday.\n",
                   {"published": "2020-06-07"})  # fmt: skip
    assert article.published == date(2020, 6, 7) and article.date_source == "user"
    assert article.dateline_date == date(2020, 6, 8)
    assert article.date_conflict == "user 2020-06-07, dateline 2020-06-08"


def test_dateline_that_agrees_is_no_conflict(tmp_path: Path) -> None:
    article = _one(tmp_path, "a.txt", "TOKYO, Dec. 31 (Kyodo) -- Japan's parliament met on Monday.\n",
                   {"published": "2025-01-01"})  # fmt: skip
    assert article.dateline_date == date(2024, 12, 31)  # the year nearest the publication date
    assert article.date_conflict == "user 2025-01-01, dateline 2024-12-31"
    agree = _one(tmp_path, "b.txt", "TOKYO, Dec. 31 (Kyodo) -- Japan's parliament met on Monday.\n",
                 {"published": "2024-12-31"})  # fmt: skip
    assert agree.date_conflict is None and agree.dateline_date == date(2024, 12, 31)


def test_url_date_when_the_record_has_none_and_conflict_when_it_has_another(tmp_path: Path) -> None:
    lines = [
        {"id": "1", "text": "Talks resumed on Monday.", "url": "https://example.com/2024/05/01/talks.html"},
        {"id": "2", "text": "Talks on the budget resumed on Monday.", "url": "https://example.com/2024/05/01/talks-2.html",
         "published": "2024-05-02"},
        {"id": "3", "text": "Talks resumed on Monday, again.", "url": "https://example.com/world/talks"},
    ]  # fmt: skip
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    first, second, third = read_articles([tmp_path / "x.jsonl"])
    assert (first.published, first.date_source, first.date_conflict) == (date(2024, 5, 1), "url", None)
    assert (second.published, second.date_source) == (date(2024, 5, 2), "record")
    assert second.date_conflict == "record 2024-05-02, url 2024-05-01"
    assert (third.published, third.date_source) == (None, "none")


DATELINE_DATES = [
    ("April 30", (4, 30, None)), ("3 March", (3, 3, None)), ("Sept. 1", (9, 1, None)),
    ("Oct. 3, 2024", (10, 3, 2024)), ("30 апреля", (4, 30, None)), ("3 MAG", (5, 3, None)),
    ("5 de marzo de 2025", (3, 5, 2025)), ("3 mai", (5, 3, None)), ("5月3日", (5, 3, None)),
    ("5월 3일", (5, 3, None)), ("12. März", (3, 12, None)), ("Thursday", None), ("10 जनवरी", (1, 10, None)),
    ("MAR 10", (3, 10, None)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parsed"), DATELINE_DATES)
def test_dateline_day_and_month(text, parsed) -> None:
    from timeline.sources.dates import day_and_month

    assert day_and_month(text) == parsed


def test_dateline_with_its_year_dates_an_undated_release(tmp_path: Path) -> None:
    article = _one(tmp_path, "r.txt", "NEW YORK, Oct. 3, 2024 /PRNewswire/ -- Acme Corp opened a terminal.\n")
    assert (article.published, article.date_source, article.agency) == (date(2024, 10, 3), "dateline", "PRNewswire")


def test_dateline_without_a_year_gives_no_date(tmp_path: Path) -> None:
    article = _one(tmp_path, "r.txt", "LONDON, Jan 15 (Reuters) - British Airways cancelled flights on Tuesday.\n")
    assert (article.published, article.date_source, article.dateline_date) == (None, "none", None)


def test_provenance_is_stored_and_queryable(tmp_path: Path, warehouse_path: Path, nlp) -> None:
    from timeline import warehouse

    article = _one(tmp_path, "a.txt", "By Maria Gonzalez\n\nMADRID, June 8 (AP) — Spain's parliament approved a "
                   "law on Thursday.\n", {"published": "2020-06-07"})  # fmt: skip
    batch = process_batch([article])
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1", None, inputs=1)
        warehouse.load_batch(con, batch, "r1")
        row = con.execute(
            "SELECT date_source, date_conflict, dateline_city, dateline_date, agency, byline FROM articles"
        ).fetchone()
    assert row == ("user", "user 2020-06-07, dateline 2020-06-08", "Madrid", date(2020, 6, 8), "AP",
                   "Maria Gonzalez")  # fmt: skip


def test_low_confidence_date_is_stored_flagged_and_logged(warehouse_path: Path, nlp) -> None:
    from timeline import warehouse

    (article,) = read_articles([PAGES / "text-date-only-header.html"])
    assert (article.published, article.date_source, article.date_low_confidence) == (date(2022, 1, 25), "text", True)
    batch = process_batch([article])
    assert any("of low confidence" in note for _, note in batch.notes), batch.notes
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1", None, inputs=1)
        warehouse.load_batch(con, batch, "r1")
        row = con.execute("SELECT published, date_source, date_low_confidence FROM articles").fetchone()
    assert row == (date(2022, 1, 25), "text", True)


def test_disagreeing_page_dates_are_stored_flagged_and_logged(warehouse_path: Path, nlp) -> None:
    from timeline import warehouse

    (article,) = read_articles([PAGES / "url-day-before-utc-markup.html"])
    assert (article.published, article.date_source, article.date_low_confidence) == (date(2023, 11, 8), "url", True)
    batch = process_batch([article])
    assert any("2023-11-08 of low confidence: the page's dates disagree" in note for _, note in batch.notes)
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1", None, inputs=1)
        warehouse.load_batch(con, batch, "r1")
        row = con.execute("SELECT date_source, date_conflict, date_low_confidence FROM articles").fetchone()
    assert row == ("url", "url 2023-11-08, markup 2023-11-09, page 2023-11-09", True)


def test_a_dateline_against_the_markup_keeps_the_date_confident(tmp_path: Path) -> None:
    page = ('<html><head><title>Talks</title><meta property="article:published_time" '
            'content="2020-06-07T22:00:00-04:00"></head><body><article><h1>Talks</h1>'
            f"<p>WASHINGTON, June 8 (Reuters) - {STORY[3:]}</p></article></body></html>")  # fmt: skip
    article = _one(tmp_path, "p.html", page)
    assert (article.published, article.date_source, article.date_low_confidence) == (date(2020, 6, 7), "markup", False)
    assert article.date_conflict == "markup 2020-06-07, dateline 2020-06-08"


URL_DATES = [
    ("https://blog.example.org/2023/10/3-fragen-an-tina-musil/", None),  # a slug's number after year and month
    ("https://example.com/2021/05/10-things-to-know-about-the-vote", None),
    ("https://example.com/2021/05/10/things-to-know", "2021-05-10"),
    ("https://www.example.de/home/2017/7/12/unter-uns-montauk", "2017-07-12"),
    ("https://journal.example.org/posts/2019-12-22-firefox-unter-android/", "2019-12-22"),  # a written date
    ("https://example.com/news/2019/slug", None),
]  # fmt: skip


@pytest.mark.parametrize(("url", "day"), URL_DATES)
def test_url_date(url, day) -> None:
    from timeline.sources.dates import url_date

    assert url_date(url) == (date.fromisoformat(day) if day else None)


D = date.fromisoformat
# A date found only in a page's text: (text date, htmldate's latest date, dateline date, URL year-month,
# the date taken, its source, low confidence).
WEAK_DATES = [
    ("2021-10-14", "2021-10-14", None, None, "2021-10-14", "text", True),  # the only date the page gives
    ("2021-10-14", "2021-10-20", None, None, None, None, False),  # the page names a later date: updated since?
    ("2021-10-14", None, None, None, None, None, False),
    ("2021-01-01", "2021-01-01", None, None, None, None, False),  # a year alone ("© 2021"), completed to a day
    ("2021-10-14", "2021-10-14", None, (2021, 9), None, None, False),  # the URL's month says otherwise
    ("2021-10-14", "2021-10-20", None, (2021, 10), "2021-10-14", "text+url", False),  # the URL's month agrees
    ("2021-10-14", "2021-10-14", "2021-10-13", None, None, None, False),  # the dateline says otherwise
    ("2021-10-14", "2021-10-20", "2021-10-14", None, "2021-10-14", "text+dateline", False),
    ("2021-01-01", "2021-01-05", "2021-01-01", None, "2021-01-01", "text+dateline", False),  # New Year's Day wire
]  # fmt: skip


@pytest.mark.parametrize(("weak", "latest", "dateline", "month", "taken", "source", "low"), WEAK_DATES)
def test_weak_date_needs_agreement_or_nothing_against_it(weak, latest, dateline, month, taken, source, low) -> None:
    from timeline.sources.dates import weak_date

    got = weak_date(D(weak), D(latest) if latest else None, D(dateline) if dateline else None, month)
    assert got == (D(taken) if taken else None, source, low)


URL_MONTHS = [
    ("https://example.com/news/2019/06/slug", (2019, 6)),
    ("https://example.com/2019/06/07/slug.html", (2019, 6)),
    ("https://example.com/archive/2019-06/slug", (2019, 6)),
    ("https://blog.example.com/2023/10/3-questions-for-tina", (2023, 10)),
    ("https://example.com/news/2019/slug", None),
    ("https://example.com/item/2019136/slug", None),  # an id, not a date
    ("https://example.com/2019/13/slug", None),
    ("", None),
]


@pytest.mark.parametrize(("url", "month"), URL_MONTHS)
def test_url_month(url, month) -> None:
    from timeline.sources.dates import url_month

    assert url_month(url) == month


STORY = "<p>" + "Two juveniles were stabbed and a third was assaulted in an attack on Wednesday, police said. " * 4
# (published_time in the metadata, the page's other timestamp, the day taken): the day in the page's own zone
LOCAL_DAYS = [
    ("2023-11-09T02:11:03+00:00", "2023-11-08T21:11:03-05:00", "2023-11-08"),  # UTC, the newsroom in Boston
    ("2023-11-09T02:11:03Z", "2023-10-30T08:00:00-0400", "2023-11-08"),  # summer time a week before: same zone
    ("2019-10-18T22:04:00Z", "2019-10-17T09:30:00+02:00", "2019-10-19"),  # Vienna: after midnight already
    ("2023-11-09T02:11:03+00:00", None, "2023-11-09"),  # no other offset: the day as written
    ("2023-11-09T00:00:00+00:00", "2023-11-08T21:11:03-05:00", "2023-11-09"),  # a UTC midnight: a day alone
    ("2023-11-08T21:11:03-05:00", "2023-11-09T02:11:03+00:00", "2023-11-08"),  # written with its offset: kept
    ("2023-11-09T02:11:03Z", "2023-11-08T21:11:03-05:00 2023-11-08T08:00:00+09:00", "2023-11-09"),  # zones apart
]  # fmt: skip


@pytest.mark.parametrize(("published", "other", "day"), LOCAL_DAYS)
def test_publication_day_is_the_pages_local_day(tmp_path: Path, published, other, day) -> None:
    times = "".join(f'<time datetime="{t}">an earlier item</time>' for t in (other or "").split())
    page = (f'<html><head><title>Stabbing</title><meta property="article:published_time" content="{published}">'
            f"</head><body><article><h1>Stabbing</h1>{STORY}</p>{times}</article></body></html>")  # fmt: skip
    article = _one(tmp_path, "p.html", page)
    assert article.published == D(day), (article.published, article.date_source, article.date_evidence)


def test_xhtml_page_with_an_xml_declaration_gives_its_markup_date(tmp_path: Path) -> None:
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<title>Stabbing</title><meta property="article:published_time" content="2022-01-25T10:00:00+01:00" />'
            f"</head><body><div>{STORY}</p></div></body></html>")  # fmt: skip
    article = _one(tmp_path, "x.html", page)
    assert (article.published, article.date_source) == (date(2022, 1, 25), "markup")
