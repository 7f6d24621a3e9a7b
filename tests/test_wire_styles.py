"""Wire and web copy in house styles the first two tables do not hold: the events, dates, status and actors.

A third table beside ``test_wire.py`` and ``test_wire_events.py`` (same ``Case``/``Row`` checks), written
before the code was run on it: agencies and outlets of other countries (Anadolu, TASS, Interfax, Jiji, Nikkei
Asia, Bernama, Antara, PA Media, Lusa, APA, Agerpres, NTB, Ritzau, RNZ, SCMP, Gulf News, Arab News, CNA, The
Times of India, The Guardian, The New York Times), their datelines ("MOSCOW, October 15. /TASS/.", "MOSCOW.
Nov 12 (Interfax) -", "Tokyo, Jan. 20 (Jiji Press)--", "Bucharest, May 5 /Agerpres/ -", "CAIRO/JERUSALEM",
"ST. LOUIS (AP) —", "N'DJAMENA, Chad (AP) —", "GAZA CITY, Gaza Strip (AP) —", "UNITED NATIONS (AP) —",
"WASHINGTON, D.C. —", "BRUSSELS, Tuesday —", "RIYADH:"), their bylines and trailers (a name and a title on a
line of its own, "Reporting from Kyiv", "Name in City", AP's "___" and "Associated Press writer X in Y
contributed", Reuters' "Additional reporting by", AFP's "bur-ab/sw"), headlines before the dateline, and the
status of what is postponed, called off, conditional, denied or told in a headline's present tense.
``absent`` lists (value, status) pairs no event may have.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.pipeline import process_batch
from timeline.sources.wire import read_lead

from .test_wire import Case, Row, _load, check_events


@dataclass(frozen=True)
class Style:
    case: Case
    absent: tuple[tuple[str, str], ...] = ()  # (value, status) that no event may have


def S(*args: object, absent: tuple[tuple[str, str], ...] = (), **kwargs: object) -> Style:  # noqa: N802
    return Style(Case(*args, **kwargs), absent)  # type: ignore[arg-type]


CASES = [
    S(
        "anadolu-aa-credit",
        "ISTANBUL (AA) - Turkish Foreign Minister Hakan Fidan will travel to Moscow on Thursday for talks with his "
        "Russian counterpart Sergey Lavrov, diplomatic sources said on Tuesday.\n",
        "2025-10-14",
        (
            Row("Hakan Fidan will travel to Moscow", "2025-10-16", "planned", ("Hakan Fidan",), "Moscow"),
            Row("diplomatic sources said", "2025-10-14", "occurred"),
        ),
        never=("AA", "ISTANBUL"),
        lead={"dateline_city": "Istanbul"},
    ),
    S(
        "tass-slash-credit-after-a-full-stop",
        "MOSCOW, October 15. /TASS/. Russian President Vladimir Putin will hold talks with Indian Prime Minister "
        "Narendra Modi in New Delhi on December 4, Kremlin spokesman Dmitry Peskov told reporters on Wednesday.\n",
        "2025-10-15",
        (
            Row("Vladimir Putin will hold talks", "2025-12-04", "planned", ("Vladimir Putin", "Narendra Modi"),
                "New Delhi"),
            Row("Dmitry Peskov told reporters", "2025-10-15", "occurred", ("Dmitry Peskov",)),
        ),
        never=("TASS", "MOSCOW", "/TASS/."),
        lead={"dateline_city": "Moscow", "dateline_date": "2025-10-15"},
    ),
    S(
        "interfax-full-stop-dateline-postponed-to",
        "MOSCOW. Nov 12 (Interfax) - Gazprom has postponed its extraordinary shareholders meeting to Dec. 18, the "
        "company said on Wednesday.\n",
        "2025-11-12",
        (
            # the meeting is what Dec. 18 dates; "Gazprom" is no name to the small model, so no actor (a limit)
            Row("its extraordinary shareholders meeting", "2025-12-18", "planned"),
            Row("the company said", "2025-11-12", "occurred"),
        ),
        never=("Interfax", "MOSCOW"),
        lead={"dateline_city": "Moscow", "agency": "Interfax"},
    ),
    S(
        "jiji-press-dashes-touching",
        "Tokyo, Jan. 20 (Jiji Press)--The Bank of Japan is expected to raise its policy interest rate on Friday, "
        "the last day of a two-day policy meeting, sources said.\n",
        "2026-01-20",
        (Row("Bank of Japan is expected to raise its policy interest rate", "2026-01-23", "planned",
             ("Bank of Japan",)),),
        never=("Jiji", "Jiji Press", "Tokyo"),
        lead={"dateline_city": "Tokyo", "dateline_date": "2026-01-20"},
    ),
    S(
        "nikkei-asia-name-title-and-time-lines",
        "KENTARO IWAMOTO, Nikkei staff writer\nJanuary 8, 2026 05:00 JST\n\nBANGKOK -- Thailand's central bank cut "
        "its key interest rate by a quarter point on Wednesday, citing weak exports and a strong baht.\n\nThe next "
        "rate review is scheduled for Feb. 25.\n",
        "2026-01-08",
        (
            Row("central bank cut its key interest rate", "2026-01-07", "occurred"),
            Row("rate review is scheduled", "2026-02-25", "planned"),
        ),
        never=("KENTARO IWAMOTO", "Kentaro Iwamoto", "Nikkei", "BANGKOK", "JST"),
        lead={"dateline_city": "Bangkok"},
    ),
    S(
        "bernama-honorifics-and-today",
        "KUALA LUMPUR, Sept 22 (Bernama) -- Prime Minister Datuk Seri Anwar Ibrahim will table the 2026 Budget in "
        "the Dewan Rakyat on Oct 10, the Finance Ministry said today.\n",
        "2025-09-22",
        (
            Row("Anwar Ibrahim will table the 2026 Budget", "2025-10-10", "planned", ("Anwar Ibrahim",)),
            Row("Finance Ministry said", "2025-09-22", "occurred"),
        ),
        never=("Bernama", "KUALA LUMPUR"),
        not_actors=("Datuk Seri Anwar Ibrahim",),
        lead={"dateline_city": "Kuala Lumpur", "agency": "Bernama"},
    ),
    S(
        "antara-title-case-capitals-credit",
        "Jakarta (ANTARA) - Indonesia's House of Representatives passed the revised military law on Thursday, "
        "despite protests by students outside the parliament building.\n",
        "2025-03-21",
        (Row("House of Representatives passed the revised military law", "2025-03-20", "occurred"),),
        never=("ANTARA", "Jakarta"),
        lead={"dateline_city": "Jakarta", "agency": "ANTARA"},
    ),
    S(
        "pa-media-byline-with-title-and-sir",
        "By Sam Blewett, PA Deputy Political Editor\n\nSir Keir Starmer will host European leaders at Lancaster "
        "House on Sunday to discuss security guarantees for Ukraine, Downing Street said.\n",
        "2025-02-28",
        (Row("Keir Starmer will host European leaders", "2025-03-02", "planned", ("Keir Starmer",),
             "Lancaster House"),),
        never=("Sam Blewett", "PA"),
        not_actors=("Sir Keir Starmer",),
        lead={"byline": "Sam Blewett"},
    ),
    S(
        "lusa-day-month-year-and-reported-plan",
        "Lisbon, 12 Mar 2025 (Lusa) - Portugal's parliament rejected a confidence motion on Tuesday, bringing down "
        "the minority government of Prime Minister Luís Montenegro.\n\nPresident Marcelo Rebelo de Sousa said he "
        "would meet party leaders on Thursday.\n",
        "2025-03-12",
        (
            Row("parliament rejected a confidence motion", "2025-03-11", "occurred"),
            Row("he would meet party leaders", "2025-03-13", "planned", ("Marcelo Rebelo de Sousa",)),
        ),
        never=("Lusa", "Lisbon"),
        no_value=("2025-03-12",),
        lead={"dateline_city": "Lisbon", "agency": "Lusa", "dateline_date": "2025-03-12"},
    ),
    S(
        "apa-passive-plan-and-van-der",
        "Vienna (APA) - Austria's new government will be sworn in by President Alexander Van der Bellen on Monday, "
        "the presidential office said.\n",
        "2025-02-28",
        (Row("government will be sworn in", "2025-03-03", "planned", ("Alexander Van der Bellen",)),),
        never=("APA", "Vienna"),
        not_actors=("Van der", "Alexander Van"),
        lead={"dateline_city": "Vienna", "agency": "APA"},
    ),
    S(
        "agerpres-slash-credit",
        "Bucharest, May 5 /Agerpres/ - Romania's Prime Minister Marcel Ciolacu resigned on Monday after the ruling "
        "coalition's candidate failed to reach the presidential runoff.\n",
        "2025-05-05",
        (Row("Marcel Ciolacu resigned", "2025-05-05", "occurred", ("Marcel Ciolacu",)),),
        never=("Agerpres", "/Agerpres/", "Bucharest"),
        lead={"dateline_city": "Bucharest"},
    ),
    S(
        "ntb-field-named-after-a-person",
        "OSLO (NTB) – Equinor will start production at the Johan Castberg field in March, the company said on "
        "Friday.\n",
        "2025-01-10",
        (
            # "Equinor" is no name to the small model, so no actor (a limit)
            Row("Equinor will start production", "2025-03", "planned"),
            Row("the company said", "2025-01-10", "occurred"),
        ),
        never=("NTB", "OSLO"),
        not_actors=("Johan Castberg",),
        lead={"dateline_city": "Oslo", "agency": "NTB"},
    ),
    S(
        "ritzau-forecast-and-conditional",
        "COPENHAGEN (Ritzau) - Novo Nordisk cut its sales forecast on Tuesday, sending its shares down 20 percent."
        "\n\nThe company could cut more jobs next year if demand for Wegovy keeps falling, analysts said.\n",
        "2025-07-30",
        (
            Row("Novo Nordisk cut its sales forecast", "2025-07-29", "occurred", ("Novo Nordisk",)),
            Row("company could cut more jobs", "2026", "hypothetical"),
        ),
        never=("Ritzau", "COPENHAGEN"),
        absent=(("2026", "planned"), ("2026", "occurred")),
        lead={"dateline_city": "Copenhagen", "agency": "Ritzau"},
    ),
    S(
        "rnz-name-and-title-line-and-pronoun",
        "Anna Whyte, Political Reporter\n\nPrime Minister Christopher Luxon has announced the general election will "
        "be held on 7 November.\n\nHe made the announcement at his post-Cabinet press conference in Wellington on "
        "Tuesday.\n",
        "2026-01-20",
        (
            Row("general election will be held", "2026-11-07", "planned"),
            Row("He made the announcement", "2026-01-20", "occurred", ("Christopher Luxon",), "Wellington"),
        ),
        never=("Anna Whyte", "Political Reporter"),
    ),
    S(
        "scmp-name-and-published-line-next-weekday",
        "Natalie Wong\nPublished: 8:30pm, 10 Sep 2025\n\nHong Kong leader John Lee Ka-chiu will deliver his fourth "
        "policy address next Wednesday, his office said.\n",
        "2025-09-10",
        (Row("John Lee Ka-chiu will deliver his fourth policy address", "2025-09-17", "planned",
             ("John Lee Ka-chiu",)),),
        never=("Natalie Wong",),
        no_value=("2025-09-10",),
    ),
    S(
        "gulf-news-city-colon-and-range",
        "Dubai: The UAE will observe a three-day holiday for Eid Al Adha from June 5 to June 7, the Federal "
        "Authority for Government Human Resources announced on Monday.\n",
        "2025-05-26",
        (
            Row("UAE will observe a three-day holiday", "2025-06-05", "planned"),
            Row("Federal Authority for Government Human Resources announced", "2025-05-26", "occurred"),
        ),
        never=("Dubai",),
        no_value=("2025-06-07",),
        # a title-case word and a colon is read as a dateline only for a capital ("Abu Dhabi:"): "Note:",
        # "Smith:" are none, so "Dubai:" stays unread (and is no actor)
        lead={"dateline_city": None},
    ),
    S(
        "arab-news-capitals-colon-and-bin",
        "RIYADH: Saudi Crown Prince Mohammed bin Salman will visit Washington on Nov. 18 for talks with President "
        "Donald Trump, the Saudi Press Agency reported on Tuesday.\n",
        "2025-11-04",
        (
            Row("Mohammed bin Salman will visit Washington", "2025-11-18", "planned",
                ("Mohammed bin Salman", "Donald Trump"), "Washington"),
            Row("reported", "2025-11-04", "occurred"),
        ),
        never=("RIYADH",),
        not_actors=("Saudi Press Agency", "Mohammed bin", "Mohammed"),
        lead={"dateline_city": "Riyadh"},
    ),
    S(
        "cna-capitals-colon-per-cent",
        "SINGAPORE: Singapore's economy grew 4.3 per cent in the third quarter, the Ministry of Trade and Industry "
        "said on Tuesday.\n\nThe ministry will publish its full-year forecast in February.\n",
        "2025-10-14",
        (
            Row("the Ministry of Trade and Industry said", "2025-10-14", "occurred"),
            Row("ministry will publish its full-year forecast", "2026-02", "planned"),
        ),
        lead={"dateline_city": "Singapore"},
    ),
    S(
        "times-of-india-colon-and-updated-line",
        "TNN | Updated: Jan 14, 2025, 22:14 IST\n\nNEW DELHI: The Union Cabinet on Tuesday approved the setting up "
        "of the Eighth Pay Commission for central government employees.\n",
        "2025-01-14",
        (Row("Union Cabinet approved the setting up", "2025-01-14", "occurred", (), "New Delhi"),),
        never=("TNN", "IST", "NEW DELHI"),
        lead={"dateline_city": "New Delhi"},
    ),
    S(
        "guardian-name-in-city-and-date-line",
        "Lisa O'Carroll in Dublin\nTue 14 Jan 2025 18.02 GMT\n\nThe Irish parliament will elect Micheál Martin as "
        "taoiseach on Wednesday, ending two months of coalition talks.\n",
        "2025-01-14",
        (Row("parliament will elect Micheál Martin", "2025-01-15", "planned", ("Micheál Martin",)),),
        never=("Lisa O'Carroll", "GMT"),
        not_actors=("Dublin",),
        no_value=("2025-01-14",),
    ),
    S(
        "nyt-reporting-from-line",
        "By Marc Santora\nReporting from Kyiv, Ukraine\n\nUkraine's parliament voted on Thursday to dismiss the "
        "country's defense minister, Rustem Umerov, and will consider his successor next week.\n",
        "2025-07-17",
        (Row("parliament voted", "2025-07-17", "occurred"),),
        never=("Marc Santora", "Reporting from"),
        not_actors=("Kyiv",),
    ),
    S(
        "ap-united-nations-underscore-trailers",
        "UNITED NATIONS (AP) — The U.N. Security Council will vote Friday on a resolution demanding a cease-fire in "
        "Sudan, diplomats said Wednesday.\n\n___\n\nAssociated Press writer Matthew Lee in Washington contributed "
        "to this report.\n\n___\n\nFollow AP's coverage of Sudan at https://apnews.com/hub/sudan\n",
        "2025-11-12",
        (
            Row("Security Council will vote", "2025-11-14", "planned", (), "United Nations"),  # the dateline's place
            Row("diplomats said", "2025-11-12", "occurred"),
        ),
        never=("UNITED NATIONS", "AP", "Matthew Lee", "Associated Press", "___"),
        not_actors=("Washington",),
        lead={"dateline_city": "United Nations", "agency": "AP"},
    ),
    S(
        "reuters-two-cities-and-additional-reporting",
        "CAIRO/JERUSALEM, Oct 8 (Reuters) - Israeli and Hamas negotiators will resume talks in Cairo on Thursday on "
        "the second phase of the Gaza ceasefire, officials on both sides said.\n\n(Reporting by Nidal al-Mughrabi in "
        "Cairo and Maayan Lubell in Jerusalem; Additional reporting by Emily Rose; Writing by Michael Georgy; "
        "Editing by Alex Richardson)\n",
        "2025-10-08",
        (Row("negotiators will resume talks", "2025-10-09", "planned", (), "Cairo"),),
        never=("Reuters", "CAIRO/JERUSALEM", "Nidal al-Mughrabi", "Maayan Lubell", "Emily Rose", "Michael Georgy",
               "Alex Richardson"),
        no_value=("2025-10-08",),
        lead={"agency": "Reuters"},
    ),
    S(
        "afp-bur-sign-off-and-denial",
        "KHARTOUM (AFP) - Sudan's paramilitary Rapid Support Forces said Sunday they had seized the city of El "
        "Fasher after an 18-month siege.\n\nThe army did not comment on the claim on Sunday.\n\nbur-ab/sw\n",
        "2025-10-26",
        (
            Row("Rapid Support Forces said", "2025-10-26", "occurred", ("Rapid Support Forces",)),
            Row("army did not comment on the claim", "2025-10-26", "negated"),
        ),
        never=("AFP", "KHARTOUM", "bur-ab/sw", "bur"),
        lead={"dateline_city": "Khartoum", "agency": "AFP"},
    ),
    S(
        "washington-dc-em-dash",
        "WASHINGTON, D.C. — The Smithsonian will reopen the National Museum of African American History and Culture "
        "on Saturday after a two-week closure, museum officials said Thursday.\n",
        "2025-10-09",
        (
            Row("Smithsonian will reopen the National Museum", "2025-10-11", "planned"),
            Row("museum officials said", "2025-10-09", "occurred"),
        ),
        never=("WASHINGTON", "D.C.", "WASHINGTON, D.C."),
        lead={"dateline_city": "Washington"},
    ),
    S(
        "ap-st-louis-and-a-place-in-a-thing",
        "ST. LOUIS (AP) — Anheuser-Busch plans to close its Fort Collins brewery next year, the company said "
        "Tuesday.\n",
        "2025-06-10",
        (
            Row("Anheuser-Busch plans to close its Fort Collins brewery", "2026", "planned", ("Anheuser-Busch",)),
            Row("the company said", "2025-06-10", "occurred", ("Anheuser-Busch",)),
        ),
        never=("ST. LOUIS", "AP", "ST."),
        not_actors=("Fort Collins",),
        lead={"dateline_city": "St. Louis", "agency": "AP"},
    ),
    S(
        "ap-apostrophe-city-and-country",
        "N'DJAMENA, Chad (AP) — Chad's military leader Mahamat Idriss Deby Itno was sworn in as president on "
        "Thursday, two weeks after an election the opposition called a sham.\n",
        "2024-05-24",
        (Row("Mahamat Idriss Deby Itno was sworn in as president", "2024-05-23", "occurred",
             ("Mahamat Idriss Deby Itno",)),),
        never=("N'DJAMENA", "AP"),
        lead={"dateline_city": "N'Djamena", "agency": "AP"},
    ),
    S(
        "ap-gaza-city-gaza-strip-and-by-weekday",
        "GAZA CITY, Gaza Strip (AP) — Israeli airstrikes killed at least 30 people across the territory on Sunday, "
        "health officials said.\n\nHamas is expected to respond to the latest ceasefire proposal on Wednesday, an "
        "official with the group said.\n",
        "2025-07-06",
        (
            Row("airstrikes killed at least 30 people", "2025-07-06", "occurred"),
            Row("Hamas is expected to respond", "2025-07-09", "planned", ("Hamas",)),
        ),
        never=("GAZA CITY", "AP", "Gaza Strip (AP)"),
        lead={"dateline_city": "Gaza City", "agency": "AP"},
    ),
    S(
        "weekday-in-the-dateline",
        "BRUSSELS, Tuesday — European Union finance ministers agreed yesterday to extend the bloc's economic "
        "sanctions on Russia for another six months.\n",
        "2025-01-28",
        (Row("finance ministers agreed", "2025-01-27", "occurred", ("European Union",)),),
        never=("BRUSSELS",),
        no_value=("2025-01-28",),
        lead={"dateline_city": "Brussels"},
    ),
    S(
        "dateline-is-the-only-date",
        "KYIV, Ukraine, Aug. 24 (UPI) -- Ukraine marked 34 years of independence with a parade of captured Russian "
        "military equipment through the center of the capital.\n",
        "2025-08-24",
        (),
        never=("KYIV", "UPI"),
        no_value=("2025-08-24",),
        lead={"dateline_city": "Kyiv", "agency": "UPI", "dateline_date": "2025-08-24"},
    ),
    S(
        "reuters-scheduled-but-called-off",
        "LONDON, March 4 (Reuters) - A strike by London Underground drivers that was scheduled for Thursday was "
        "called off on Tuesday after the RMT union reached a pay deal with Transport for London.\n",
        "2025-03-04",
        (Row("strike was called off", "2025-03-04", "occurred"),),
        never=("Reuters", "LONDON"),
        absent=(("2025-03-06", "occurred"),),
    ),
    S(
        "xi-did-not-attend-possessive-day",
        "RIO DE JANEIRO (Reuters) - Chinese President Xi Jinping did not attend Sunday's opening session of the BRICS "
        "summit, sending Premier Li Qiang in his place.\n",
        "2025-07-07",
        (Row("Xi Jinping attend", "2025-07-06", "negated", ("Xi Jinping",)),),
        never=("Reuters", "RIO DE JANEIRO"),
        absent=(("2025-07-06", "occurred"),),
        lead={"dateline_city": "Rio de Janeiro", "agency": "Reuters"},
    ),
    S(
        "ap-headline-present-tense-before-dateline",
        "Fed cuts rates for third time this year\n\nWASHINGTON (AP) — The Federal Reserve cut its benchmark interest "
        "rate by a quarter point Wednesday and signaled that it may pause its cuts next month.\n",
        "2025-12-10",
        (Row("Federal Reserve cut its benchmark interest rate", "2025-12-10", "occurred", ("Federal Reserve",)),),
        never=("WASHINGTON", "AP"),
        absent=(("2025", "planned"),),
        lead={"dateline_city": "Washington", "agency": "AP"},
    ),
    S(
        "ap-headline-infinitive-plan",
        "Zelenskyy to meet Trump at White House on Friday\n\nKYIV, Ukraine (AP) — Ukrainian President Volodymyr "
        "Zelenskyy will meet U.S. President Donald Trump at the White House on Friday, his office said Monday.\n",
        "2025-10-13",
        (
            Row("Volodymyr Zelenskyy will meet", "2025-10-17", "planned", ("Volodymyr Zelenskyy", "Donald Trump")),
            Row("his office said", "2025-10-13", "occurred"),
        ),
        never=("KYIV", "AP"),
        absent=(("2025-10-10", "occurred"), ("2025-10-10", "planned")),
        lead={"dateline_city": "Kyiv", "agency": "AP"},
    ),
    S(
        "cities-as-places-not-parties",
        "BURBANK, Calif. (AP) — Officials in Glendale and Burbank said Tuesday that the two cities would share a new "
        "wildfire warning system starting next month.\n",
        "2025-06-24",
        (Row("Officials said", "2025-06-24", "occurred"),),
        never=("BURBANK", "AP", "Calif."),
        not_actors=("Glendale", "Burbank"),
        lead={"dateline_city": "Burbank", "agency": "AP"},
    ),
    S(
        "group-of-20-and-secretary-of-state",
        "JOHANNESBURG (AP) — Leaders of the Group of 20 will meet in Johannesburg on Nov. 22, the first summit of "
        "the group held in Africa. Secretary of State Marco Rubio will attend instead of President Donald Trump, "
        "the State Department said on Friday.\n",
        "2025-11-14",
        (
            Row("Leaders of the Group of 20 will meet", "2025-11-22", "planned", ("Group of 20",), "Johannesburg"),
            Row("State Department said", "2025-11-14", "occurred"),
        ),
        never=("JOHANNESBURG", "AP"),
        not_actors=("Group of", "Secretary of State Marco Rubio"),
    ),
    S(
        "von-der-leyen-and-al-sisi",
        "BRUSSELS (Reuters) - European Commission President Ursula von der Leyen will host Egyptian President Abdel "
        "Fattah al-Sisi in Brussels on Wednesday for the first EU-Egypt summit, her spokesperson said on Monday.\n",
        "2025-10-20",
        (
            Row("Ursula von der Leyen will host", "2025-10-22", "planned",
                ("Ursula von der Leyen", "Abdel Fattah al-Sisi"), "Brussels"),
            Row("her spokesperson said", "2025-10-20", "occurred"),
        ),
        never=("Reuters",),
        not_actors=("von der", "Ursula von", "Leyen"),
        lead={"agency": "Reuters"},
    ),
]  # fmt: skip


@pytest.mark.parametrize("style", CASES, ids=[s.case.name for s in CASES])
def test_wire_style(tmp_path: Path, style: Style, nlp) -> None:
    case = style.case
    (article,) = _load(tmp_path, case.name, case.text, case.published)
    for key, expected in case.lead.items():
        got = getattr(article, key)
        got = got.isoformat() if hasattr(got, "isoformat") else got
        assert got == expected, (key, got, expected)
    batch = process_batch([article])
    assert not batch.rejections, batch.rejections
    events = list(batch.events)
    check_events(article, events, case)
    for value, status in style.absent:
        assert not [e for e in events if e.value == value and e.status == status], (
            value, status, [(e.description, e.value, e.status) for e in events])  # fmt: skip


NON_LATIN = [
    ("МОСКВА, 15 октября. /ТАСС/. Президент России провел переговоры.", "Москва", "ТАСС"),
    ("القاهرة (رويترز) - قال مسؤولون يوم الاثنين إن المحادثات ستستأنف.", "القاهرة", "رويترز"),
    ("ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) - Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "Αθηνα", "ΑΠΕ-ΜΠΕ"),
]


@pytest.mark.parametrize(("text", "city", "agency"), NON_LATIN, ids=["tass-cyrillic", "reuters-arabic", "ape-greek"])
def test_non_latin_datelines(text: str, city: str, agency: str) -> None:
    lead = read_lead(text)
    assert lead.agency == agency, lead
    assert lead.city is not None and lead.city.casefold() == city.casefold(), lead
    assert lead.end > 0 and agency not in text[lead.end :], lead


COLON_LEADS = [
    ("RIYADH: Saudi Crown Prince Mohammed bin Salman will visit Washington on Nov. 18, the agency said.", "Riyadh"),
    ("Abu Dhabi: The UAE will observe a three-day holiday from June 5 to June 7, the authority said.", "Abu Dhabi"),
    ("NEW DELHI: The Union Cabinet on Tuesday approved the setting up of the Eighth Pay Commission.", "New Delhi"),
    ("Note: This story was updated on Monday with comments from the ministry and the police.", None),
    ("Q: What will the government do about the strike that starts next week, minister?", None),
    ("BLITZER: Welcome back to the program, we have a lot to talk about tonight, so let us start.\n\nTRUMP: Thanks.",
     None),
    ("WATCH: Biden speaks to reporters at the White House about the economy and jobs", None),
    ("Trump: We will win the election in November and we will win it big", None),
]


@pytest.mark.parametrize(("text", "city"), COLON_LEADS)
def test_colon_datelines(text: str, city: str | None) -> None:
    lead = read_lead(text)
    assert lead.city == city, lead
    assert (lead.end > 0) == (city is not None), lead
