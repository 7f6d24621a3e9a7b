"""Wire copy of more agencies and house styles: the events, their dates, status and actors.

A second table beside ``test_wire.py`` (same ``Case``/``Row`` checks): articles written as AP, AFP, Reuters,
Bloomberg, dpa, ANSA, EFE, Kyodo, Yonhap, PTI, IANS, Xinhua, UPI, The Canadian Press, AAP, CNN, BBC and local
papers file them, with what the first table does not hold: datelines with a state or a country after the city
("SPRINGFIELD, Ill. (AP) —", "HO CHI MINH CITY, Vietnam (AP) —"), a credit with no city ("(Reuters) -"), a
sign-off line without parentheses, bylines with an outlet or a shared title, analysis slugs, photo captions,
"this story corrects" notes, trailers saying where a story was first published, days written as a range
("Sept. 16-17"), pronoun subjects ("he announced"), free participles ("starting on Thursday") and periods
told relative to publication ("later this month", "last week", "next year") in past, future, reported and
planned clauses; then feeds and JSON Lines exports whose entries carry datelines.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.pipeline import process_batch
from timeline.records import Article
from timeline.sources import read_articles

from .test_wire import Case, Row, _load, check_events

CASES = [
    Case(
        "ap-city-and-state-abbreviation",
        "SPRINGFIELD, Ill. (AP) — Illinois Gov. JB Pritzker signed a bill on Tuesday that bans cellphones in "
        "classrooms across the state.\n\nThe law takes effect Jan. 1, school officials said.\n\nCopyright 2025 The "
        "Associated Press. All rights reserved.\n",
        "2025-08-14",
        (
            Row("JB Pritzker signed a bill", "2025-08-12", "occurred", ("JB Pritzker",), "Springfield"),
            Row("The law takes effect", "2026-01-01", "planned"),
        ),
        never=("SPRINGFIELD", "AP", "Copyright", "Ill."),
        lead={"dateline_city": "Springfield", "agency": "AP"},
    ),
    Case(
        "ap-two-word-city-and-state",
        "SANTA FE, N.M. (AP) — A wildfire forced the evacuation of hundreds of homes near Los Alamos on Wednesday, "
        "officials said.\n\nFirefighters hope to contain the blaze by next week, a fire spokeswoman said.\n",
        "2025-06-05",
        (
            Row("wildfire forced the evacuation of hundreds of homes", "2025-06-04", "occurred", (), "Los Alamos"),
            Row("Firefighters hope to contain the blaze", "2025-W24", "planned"),
        ),
        never=("SANTA FE", "AP", "N.M."),
        lead={"dateline_city": "Santa Fe", "agency": "AP"},
    ),
    Case(
        "reuters-credit-without-city-and-bare-sign-off",
        "(Reuters) - Nvidia said on Wednesday it would invest $500 million in a new data center in Texas, sending its "
        "shares up 3% in extended trading.\n\nThe company plans to break ground on the site next month.\n\nReporting "
        "by Arsheeya Bajwa in Bengaluru; Editing by Shinjini Ganguli\n",
        "2025-09-10",
        (
            Row("Nvidia said", "2025-09-10", "occurred", ("Nvidia",)),
            Row("company plans to break ground on the site", "2025-10", "planned", ("Nvidia",)),
        ),
        never=("Reuters", "Arsheeya Bajwa", "Shinjini Ganguli", "Bengaluru"),
        lead={"dateline_city": None, "agency": "Reuters"},
    ),
    Case(
        "bloomberg-credit-and-contact-block",
        "(Bloomberg) -- Siemens Energy AG raised its profit forecast for the second time this year on Thursday as "
        "demand for gas turbines surged.\n\nThe company will hold a capital markets day in Munich on Nov. 20, it said "
        "in a statement.\n\n--With assistance from Anna Ringstrom.\n\nTo contact the reporter on this story:\nWilliam "
        "Wilkes in Frankfurt at wwilkes@bloomberg.net\n",
        "2025-08-14",
        (
            Row("Siemens Energy AG raised its profit forecast", "2025-08-14", "occurred", ("Siemens Energy AG",)),
            Row("company will hold a capital markets day", "2025-11-20", "planned", ("Siemens Energy AG",), "Munich"),
        ),
        never=("Bloomberg", "Anna Ringstrom", "William Wilkes", "Frankfurt"),
        no_value=("2025",),  # "this year" places Thursday: no second row in the whole year
        lead={"agency": "Bloomberg"},
    ),
    Case(
        "afp-title-case-city-said-weekday",
        "Paris (AFP) - French Prime Minister Francois Bayrou will face a confidence vote in parliament on September "
        "8, his office said Monday.\n\nThe government is expected to fall, opposition leaders warned.\n",
        "2025-08-26",
        (
            Row("Francois Bayrou will face a confidence vote", "2025-09-08", "planned", ("Francois Bayrou",), "Paris"),
            Row("his office said", "2025-08-25", "occurred"),
        ),
        never=("AFP",),
        lead={"dateline_city": "Paris", "agency": "AFP"},
    ),
    Case(
        "dpa-plans-to-next-month",
        "Berlin (dpa) - German Economy Minister Katherina Reiche plans to present a new energy strategy next month, "
        "a ministry spokesman said on Friday.\n",
        "2025-09-12",
        (
            Row("Katherina Reiche plans to present a new energy strategy", "2025-10", "planned", ("Katherina Reiche",)),
            Row("ministry spokesman said", "2025-09-12", "occurred"),
        ),
        never=("dpa",),
        lead={"dateline_city": "Berlin", "agency": "dpa"},
    ),
    Case(
        "dpa-slash-city-due-to-and-particle",
        "Frankfurt/Main (dpa) - Lufthansa pilots are due to strike on Friday after talks with management broke down on "
        "Wednesday, the Vereinigung Cockpit union said.\n",
        "2025-09-10",
        (
            Row("pilots are due to strike", "2025-09-12", "planned"),
            Row("talks with management broke down", "2025-09-10", "occurred"),  # the particle stays
        ),
        never=("dpa",),
        lead={"dateline_city": "Frankfurt/Main", "agency": "dpa"},
    ),
    Case(
        "dpa-two-word-title-case-city",
        "Bad Homburg (dpa) - Fresenius plans to sell its remaining stake in Fresenius Medical Care next year, the "
        "company said on Wednesday.\n",
        "2025-12-10",
        (
            Row("Fresenius plans to sell its remaining stake", "2026", "planned", ("Fresenius",)),
            Row("the company said", "2025-12-10", "occurred"),
        ),
        never=("dpa", "Bad Homburg"),
        lead={"dateline_city": "Bad Homburg", "agency": "dpa"},
    ),
    Case(
        "ansa-day-month-in-capitals",
        "ROME, 14 MAY (ANSA) - Italy's Constitutional Court is due to rule on the regional autonomy law on Thursday, "
        "judicial sources said.\n\nALL RIGHTS RESERVED © Copyright ANSA\n",
        "2025-05-14",
        (Row("Constitutional Court is due to rule on the regional autonomy law", "2025-05-15", "planned", (), "Rome"),),
        never=("ANSA", "ROME", "RESERVED"),
        no_value=("2025-05-14",),
        lead={"dateline_city": "Rome", "agency": "ANSA", "dateline_date": "2025-05-14"},
    ),
    Case(
        "efe-month-day-and-month-event",
        "Madrid, Mar 5 (EFE).- Spain's registered unemployment fell by 5,994 people in February, the Labour Ministry "
        "reported on Tuesday.\n\nThe ministry will publish the March figures on April 2.\n",
        "2025-03-05",
        (
            Row("registered unemployment fell by 5,994 people", "2025-02", "occurred", (), "Madrid"),
            Row("Labour Ministry reported", "2025-03-04", "occurred", ("Labour Ministry",)),
            Row("ministry will publish the March figures", "2025-04-02", "planned"),
        ),
        never=("EFE",),
        no_value=("2025-03-05",),
        lead={"dateline_city": "Madrid", "agency": "EFE", "dateline_date": "2025-03-05"},
    ),
    Case(
        "efe-accented-city-next-month",
        "Bogotá, Feb 12 (EFE).- Colombia's President Gustavo Petro will travel to Brussels next month, the presidency "
        "said on Wednesday.\n",
        "2025-02-12",
        (
            Row("Gustavo Petro will travel to Brussels", "2025-03", "planned", ("Gustavo Petro",), "Brussels"),
            Row("the presidency said", "2025-02-12", "occurred", (), "Bogotá"),
        ),
        never=("EFE",),
        lead={"dateline_city": "Bogotá", "agency": "EFE"},
    ),
    Case(
        "kyodo-expected-later-this-month",
        "TOKYO, Jan. 8 (Kyodo) -- The Bank of Japan is expected to raise its key interest rate at its policy meeting "
        "later this month, sources familiar with the matter said Thursday.\n",
        "2026-01-08",
        (
            Row("Bank of Japan is expected to raise its key interest rate", "2026-01", "planned", ("Bank of Japan",)),
            Row("its policy meeting", "2026-01", "planned"),  # the rest of this month: still to come
            Row("sources familiar with the matter said", "2026-01-08", "occurred", (), "Tokyo"),
        ),
        never=("Kyodo", "TOKYO"),
        lead={"dateline_city": "Tokyo", "agency": "Kyodo", "dateline_date": "2026-01-08"},
    ),
    Case(
        "yonhap-byline-hyphenated-names",
        "By Kim Eun-jung\n\nSEOUL, Nov. 19 (Yonhap) -- President Lee Jae-myung will visit the United Arab Emirates "
        "next week for a summit with President Mohamed bin Zayed, his office said Wednesday.\n\n(END)\n",
        "2025-11-19",
        (
            Row("Lee Jae-myung will visit the United Arab Emirates", "2025-W48", "planned", ("Lee Jae-myung",)),
            Row("his office said", "2025-11-19", "occurred", (), "Seoul"),
        ),
        never=("Kim Eun-jung", "Yonhap", "SEOUL", "Lee Jae - myung"),
        lead={"dateline_city": "Seoul", "agency": "Yonhap", "byline": "Kim Eun-jung"},
    ),
    Case(
        "pti-no-dash-and-a-place-inside-a-name",
        "New Delhi, Jan 5 (PTI) Prime Minister Narendra Modi will inaugurate the new terminal of the Navi Mumbai "
        "airport on Thursday, officials said on Sunday.\n\nThe airport's first phase was completed last month.\n",
        "2025-01-05",
        (
            Row("Narendra Modi will inaugurate the new terminal", "2025-01-09", "planned", ("Narendra Modi",)),
            Row("officials said", "2025-01-05", "occurred", (), "New Delhi"),
            Row("first phase was completed", "2024-12", "occurred"),
        ),
        never=("PTI",),
        not_actors=("Mumbai", "Navi Mumbai"),  # which airport, not a party to the inauguration
        lead={"dateline_city": "New Delhi", "agency": "PTI", "dateline_date": "2025-01-05"},
    ),
    Case(
        "ians-announced-on-weekday",
        "Chennai, Feb 6 (IANS) The Tamil Nadu government on Thursday announced a relief package of Rs 500 crore for "
        "farmers hit by the cyclone.\n",
        "2025-02-06",
        (Row("Tamil Nadu government announced a relief package", "2025-02-06", "occurred", (), "Chennai"),),
        never=("IANS",),
        lead={"dateline_city": "Chennai", "agency": "IANS"},
    ),
    Case(
        "xinhua-will-be-held-range-next-year",
        "BEIJING, Dec. 4 (Xinhua) -- The China International Import Expo will be held in Shanghai from Nov. 5 to 10 "
        "next year, organizers announced on Thursday.\n\nEnditem\n",
        "2025-12-04",
        (
            Row("China International Import Expo will be held in Shanghai", "2026-11-05", "planned", (), "Shanghai"),
            Row("organizers announced", "2025-12-04", "occurred", (), "Beijing"),
        ),
        never=("Xinhua", "Enditem", "to 10"),
        no_value=("2026-11-10", "2026"),  # one row for the range, none for the year that places it
        lead={"dateline_city": "Beijing", "agency": "Xinhua"},
    ),
    Case(
        "xinhua-announced-sunday",
        "BEIJING, Jan. 5 (Xinhua) -- Chinese Premier Li Qiang will attend the World Economic Forum annual meeting in "
        "Davos on Jan. 21, a Foreign Ministry spokesperson announced on Sunday.\n\nEnditem\n",
        "2025-01-05",
        (
            Row("Li Qiang will attend the World Economic Forum annual meeting", "2025-01-21", "planned", ("Li Qiang",),
                "Davos"),
            Row("Foreign Ministry spokesperson announced", "2025-01-05", "occurred", (), "Beijing"),
        ),
        never=("Xinhua", "Enditem"),
    ),  # fmt: skip
    Case(
        "upi-city-said-it-would",
        "LOS ANGELES, Dec. 10 (UPI) -- Walt Disney Co. said Wednesday it would close its Glendale studio next year, "
        "moving about 300 jobs to Burbank.\n\nThe company laid off 200 workers last month.\n",
        "2025-12-10",
        (
            Row("Walt Disney Co. said", "2025-12-10", "occurred", ("Walt Disney Co.",), "Los Angeles"),
            Row("it would close its Glendale studio", "2026", "planned", ("Walt Disney Co.",)),
            Row("company laid off 200 workers", "2025-11", "occurred", ("Walt Disney Co.",)),
        ),
        never=("UPI", "LOS ANGELES"),
        lead={"dateline_city": "Los Angeles", "agency": "UPI", "dateline_date": "2025-12-10"},
    ),
    Case(
        "upi-ordered-and-will-begin",
        "WASHINGTON, Oct. 22 (UPI) -- The Federal Aviation Administration ordered airlines on Wednesday to cut flights "
        "at 40 major airports.\n\nThe cuts will begin on Friday, the agency said.\n",
        "2025-10-22",
        (
            Row("Federal Aviation Administration ordered airlines to cut flights", "2025-10-22", "occurred",
                ("Federal Aviation Administration",), "Washington"),
            Row("The cuts will begin", "2025-10-24", "planned"),
        ),
        never=("UPI", "WASHINGTON"),
    ),  # fmt: skip
    Case(
        "cp-first-published-trailer",
        "OTTAWA — The Bank of Canada held its key interest rate steady at 2.75 per cent on Wednesday, citing "
        "uncertainty over U.S. tariffs.\n\nThe central bank's next rate decision is scheduled for July 30.\n\nThis "
        "report by The Canadian Press was first published June 4, 2025.\n",
        "2025-06-04",
        (
            Row("Bank of Canada held its key interest rate steady", "2025-06-04", "occurred", ("Bank of Canada",),
                "Ottawa"),
            Row("next rate decision is scheduled", "2025-07-30", "planned"),
        ),
        never=("OTTAWA", "Canadian Press", "first published"),
        not_actors=("United States", "U.S."),  # whose tariffs: no party to the bank's decision
    ),  # fmt: skip
    Case(
        "aap-byline-credit-line-and-he-announced",
        "By Poppy Johnston\n\nCANBERRA (AAP) - Treasurer Jim Chalmers will hand down the federal budget on March 25, "
        "he announced on Tuesday.\n\nAustralian Associated Press\n",
        "2025-03-18",
        (
            Row("Jim Chalmers will hand down the federal budget", "2025-03-25", "planned", ("Jim Chalmers",),
                "Canberra"),
            Row("he announced", "2025-03-18", "occurred", ("Jim Chalmers",)),  # "he" is the name it follows
        ),
        never=("Poppy Johnston", "AAP", "Australian Associated Press"),
        not_actors=("Treasurer Jim Chalmers",),
        lead={"dateline_city": "Canberra", "agency": "AAP", "byline": "Poppy Johnston"},
    ),  # fmt: skip
    Case(
        "aljazeera-published-on-line",
        "Duterte arrested on ICC warrant\n\nPublished On 11 Mar 2025\n\nFormer Philippine President Rodrigo Duterte "
        "was arrested in Manila on Tuesday on a warrant from the International Criminal Court, the government said.\n",
        "2025-03-11",
        (Row("Rodrigo Duterte was arrested in Manila", "2025-03-11", "occurred", ("Rodrigo Duterte",), "Manila"),),
        never=("Published On",),
    ),
    Case(
        "bbc-byline-with-outlet",
        "Storm Amy: Thousands without power as winds reach 90mph\n\n3 October 2025\n\nBy Laura Goodwin, BBC Scotland "
        "News\n\nScotRail cancelled all train services on Friday as Storm Amy brought winds of up to 90mph to parts of "
        "Scotland.\n",
        "2025-10-03",
        (Row("ScotRail cancelled all train services", "2025-10-03", "occurred", ("ScotRail",)),),
        never=("Laura Goodwin", "BBC"),
        lead={"byline": "Laura Goodwin"},  # "BBC Scotland News" is the outlet, no second author
    ),
    Case(
        "local-paper-two-staff-writers",
        "By Jennifer Ortiz and Mark Chen, Staff Writers\n\nFRESNO — The Fresno City Council voted 5-2 on Thursday to "
        "raise the minimum wage for hotel workers.\n\nThe new wage will take effect in January.\n",
        "2025-07-17",
        (
            Row("Fresno City Council voted to raise the minimum wage", "2025-07-17", "occurred",
                ("Fresno City Council",), "Fresno"),
            Row("new wage will take effect", "2026-01", "planned"),
        ),
        never=("Jennifer Ortiz", "Mark Chen", "Staff Writers", "FRESNO"),
        lead={"byline": "Jennifer Ortiz; Mark Chen", "dateline_city": "Fresno"},
    ),  # fmt: skip
    Case(
        "reuters-analysis-slug-and-a-day-after",
        "ANALYSIS-Fed's Powell faces tough choices as inflation lingers\n\nBy Howard Schneider\n\nWASHINGTON, April 22 "
        "(Reuters) - Federal Reserve Chair Jerome Powell will speak at the Economic Club of Chicago on Wednesday, a "
        "day after President Donald Trump criticised him again.\n",
        "2025-04-22",
        (Row("Jerome Powell will speak at the Economic Club of Chicago", "2025-04-23", "planned", ("Jerome Powell",)),),
        never=("ANALYSIS", "Howard Schneider", "Reuters", "WASHINGTON"),
        no_value=("2025-04-22",),
        lead={"byline": "Howard Schneider", "agency": "Reuters", "dateline_city": "Washington"},
    ),
    Case(
        "reuters-file-photo-caption",
        "FILE PHOTO: A Boeing 737 MAX aircraft is seen at the company's factory in Renton, Washington, U.S., June 25, "
        "2024. REUTERS/Jason Redmond/File Photo\n\n(Reuters) - Boeing will raise production of its 737 MAX next month, "
        "Chief Executive Kelly Ortberg said on Wednesday.\n",
        "2025-10-15",
        (
            Row("Boeing will raise production", "2025-11", "planned", ("Boeing",)),
            Row("Kelly Ortberg said", "2025-10-15", "occurred", ("Kelly Ortberg",)),
        ),
        never=("Jason Redmond", "FILE PHOTO", "Renton"),
        no_value=("2024-06-25",),  # the photo's date dates nothing
    ),
    Case(
        "reuters-this-story-corrects-note",
        "(This Nov. 6 story corrects the name of the minister in paragraph 2)\n\nLIMA, Nov 6 (Reuters) - Peru's "
        "Congress will vote on Friday on a motion to remove Interior Minister Juan Jose Santivanez, lawmakers said on "
        "Thursday.\n",
        "2025-11-06",
        (
            Row("Congress will vote on a motion", "2025-11-07", "planned", ("Congress",), "Lima"),
            Row("lawmakers said", "2025-11-06", "occurred"),
        ),
        never=("corrects", "paragraph", "Reuters", "LIMA"),
        lead={"dateline_city": "Lima", "agency": "Reuters"},
    ),
    Case(
        "ap-city-and-country-due-to-next-week",
        "BUENOS AIRES, Argentina (AP) — Argentina's Senate approved a sweeping labor reform on Thursday after a "
        "14-hour debate.\n\nThe lower house is due to debate the bill next week.\n",
        "2025-09-04",
        (
            Row("Senate approved a sweeping labor reform", "2025-09-04", "occurred", ("Senate",), "Buenos Aires"),
            Row("lower house is due to debate the bill", "2025-W37", "planned"),
        ),
        never=("BUENOS AIRES", "AP"),
        lead={"dateline_city": "Buenos Aires", "agency": "AP"},
    ),
    Case(
        "reuters-three-word-city-free-participle",
        "RIO DE JANEIRO, Feb 12 (Reuters) - Brazilian state oil company Petrobras said on Wednesday it would cut "
        "diesel prices for distributors by 6% starting on Thursday.\n",
        "2025-02-12",
        (
            Row("Petrobras said", "2025-02-12", "occurred", (), "Rio de Janeiro"),
            Row("it would cut diesel prices", "2025-02-13", "planned"),  # the cut starts on the coming Thursday
        ),
        never=("Reuters", "RIO DE JANEIRO"),
        no_value=("2025-02-06",),
        lead={"dateline_city": "Rio de Janeiro", "agency": "Reuters"},
    ),
    Case(
        "ap-four-word-city-and-country",
        "HO CHI MINH CITY, Vietnam (AP) — Vietnam's National Assembly will hold its final session of the year next "
        "month, state media reported Wednesday.\n",
        "2025-12-10",
        (
            Row("National Assembly will hold its final session", "2026-01", "planned", ("National Assembly",)),
            Row("state media reported", "2025-12-10", "occurred", (), "Ho Chi Minh City"),
        ),
        never=("AP", "HO CHI MINH CITY"),
        lead={"dateline_city": "Ho Chi Minh City", "agency": "AP"},
    ),
    Case(
        "cnn-mixed-case-city-and-country",
        "Kyiv, Ukraine (CNN) — Russia launched more than 400 drones at Ukraine overnight, the country's air force said "
        "on Wednesday.\n\nUkrainian President Volodymyr Zelensky will meet European leaders in Brussels on Thursday.\n",
        "2025-06-18",
        (
            Row("the country's air force said", "2025-06-18", "occurred", (), "Kyiv"),
            Row("Volodymyr Zelensky will meet European leaders", "2025-06-19", "planned", ("Volodymyr Zelensky",),
                "Brussels"),
        ),
        never=("CNN",),
        lead={"dateline_city": "Kyiv", "agency": "CNN"},
    ),  # fmt: skip
    Case(
        "reuters-byline-with-title-city-and-state",
        "By Jamie McGeever, Markets Columnist\n\nORLANDO, Florida, June 18 (Reuters) - The Federal Reserve left "
        "interest rates unchanged on Wednesday and signalled two cuts later this year.\n",
        "2025-06-18",
        (
            Row("Federal Reserve left interest rates unchanged", "2025-06-18", "occurred", ("Federal Reserve",),
                "Orlando"),
            Row("two cuts", "2025", "planned"),  # the rest of this year is still to come
        ),
        never=("Jamie McGeever", "Markets Columnist", "Reuters", "ORLANDO"),
        lead={"byline": "Jamie McGeever", "dateline_city": "Orlando", "agency": "Reuters"},
    ),  # fmt: skip
    Case(
        "reuters-two-days-as-one-range",
        "WASHINGTON, Sept 10 (Reuters) - Federal Reserve policymakers will meet Sept. 16-17 and are widely expected to "
        "cut interest rates.\n",
        "2025-09-10",
        (Row("Federal Reserve policymakers will meet", "2025-09-16", "planned", ("Federal Reserve",), "Washington"),),
        never=("Reuters", "17"),
        no_value=("2025-09-17",),  # the range's last day is no second meeting
    ),
    Case(
        "reuters-shares-of-a-company",
        "DETROIT, Oct 21 (Reuters) - Shares of General Motors rose 9% on Tuesday after the automaker raised its "
        "full-year profit forecast.\n",
        "2025-10-21",
        (Row("Shares of General Motors rose", "2025-10-21", "occurred", ("General Motors",), "Detroit"),),
        never=("Reuters", "DETROIT"),
    ),
    Case(
        "ap-will-be-held-and-due-to-resume",
        "JOHANNESBURG (AP) — The Group of 20 summit will be held in Johannesburg on Nov. 22, South Africa's foreign "
        "ministry said Thursday.\n\nTalks between the finance ministers are due to resume on Monday.\n",
        "2025-11-06",
        (
            Row("summit will be held in Johannesburg", "2025-11-22", "planned", (), "Johannesburg"),
            Row("foreign ministry said", "2025-11-06", "occurred", ("South Africa",)),
            Row("Talks between the finance ministers are due to resume", "2025-11-10", "planned"),
        ),
        never=("AP", "JOHANNESBURG"),
    ),
    Case(
        "reuters-said-last-week-it-would",
        "LONDON, July 9 (Reuters) - British inflation rose to 3.6% in June, official data showed on Wednesday.\n\nThe "
        "Bank of England said last week it would keep a gradual approach to rate cuts.\n",
        "2025-07-09",
        (
            Row("British inflation rose to 3.6%", "2025-06", "occurred", (), "London"),
            Row("official data showed", "2025-07-09", "occurred"),
            Row("Bank of England said", "2025-W27", "occurred", ("Bank of England",)),
        ),
        never=("Reuters", "LONDON"),
    ),
    Case(
        "ap-last-week-and-next-month",
        "ATLANTA (AP) — Delta Air Lines said its quarterly profit jumped 20%, a week after the airline cut its "
        "forecast.\n\nDelta will report its full-year results next month. The airline cut 1,500 flights last week "
        "because of storms.\n",
        "2025-07-09",
        (
            Row("Delta will report its full-year results", "2025-08", "planned", ("Delta",)),
            Row("The airline cut 1,500 flights", "2025-W27", "occurred"),
        ),
        never=("AP", "ATLANTA"),
    ),
    Case(
        "afp-said-thursday-will-hold",
        "Geneva (AFP) - The World Health Organization will hold an emergency meeting on Friday to discuss the mpox "
        "outbreak, its director-general said on Thursday.\n",
        "2025-12-04",
        (
            Row("World Health Organization will hold an emergency meeting", "2025-12-05", "planned",
                ("World Health Organization",)),
            Row("its director-general said", "2025-12-04", "occurred", (), "Geneva"),
        ),
        never=("AFP",),
        lead={"dateline_city": "Geneva", "agency": "AFP"},
    ),  # fmt: skip
    Case(
        "reuters-writing-and-editing-sign-off",
        "BRUSSELS, Dec 4 (Reuters) - European Union finance ministers will discuss the use of frozen Russian assets on "
        "Friday, diplomats said on Thursday.\n\n(Writing by Jan Strupczewski; Editing by Alison Williams)\n",
        "2025-12-04",
        (
            Row("finance ministers will discuss the use of frozen Russian assets", "2025-12-05", "planned", (),
                "Brussels"),
            Row("diplomats said", "2025-12-04", "occurred"),
        ),
        never=("Jan Strupczewski", "Alison Williams", "Reuters", "BRUSSELS"),
    ),  # fmt: skip
    Case(
        "ap-he-in-the-next-sentence",
        "NAIROBI, Kenya (AP) — Kenyan President William Ruto fired his interior minister on Monday. He said on Tuesday "
        "that he would name a replacement next week.\n",
        "2025-07-09",
        (
            Row("William Ruto fired his interior minister", "2025-07-07", "occurred", ("William Ruto",), "Nairobi"),
            Row("He said", "2025-07-08", "occurred", ("William Ruto",)),
            Row("he would name a replacement", "2025-W29", "planned", ("William Ruto",)),
        ),
        never=("AP", "NAIROBI"),
    ),
    Case(
        "breakingviews-byline-and-credit",
        "By Liam Proud, Reuters Breakingviews\n\nLONDON (Reuters Breakingviews) - Unilever shareholders will vote on "
        "the spin-off of its ice cream unit on Dec. 16.\n",
        "2025-12-04",
        (Row("Unilever shareholders will vote on the spin-off", "2025-12-16", "planned", ("Unilever",), "London"),),
        never=("Liam Proud", "Breakingviews", "LONDON"),
        lead={"byline": "Liam Proud", "dateline_city": "London"},
    ),
]


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


def test_a_range_of_days_is_one_row_over_both(tmp_path: Path, nlp) -> None:
    text = (
        "WASHINGTON, Sept 10 (Reuters) - Federal Reserve policymakers will meet Sept. 16-17. Trade talks will run from "
        "Oct. 6 to 8. Smith met the mayor on Monday and the governor on Tuesday.\n"
    )
    (article,) = _load(tmp_path, "range", text, "2025-09-10")
    events = process_batch([article]).events
    meet = [e for e in events if "policymakers" in e.description]
    assert [(e.value, e.date_start, e.date_end) for e in meet] == [("2025-09-16", date(2025, 9, 16), date(2025, 9, 17))]
    talks = [e for e in events if e.value.startswith("2025-10")]
    assert [(e.date_start, e.date_end) for e in talks] == [(date(2025, 10, 6), date(2025, 10, 8))], talks
    assert all("8" not in e.description.split() for e in talks), talks
    # two days joined by "and", each with its own phrase, are two events
    assert {"2025-09-08", "2025-09-09"} <= {e.value for e in events}, [(e.description, e.value) for e in events]


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Americas</title>
<item><title>Maduro</title><link>https://example.com/americas/maduro</link>
<pubDate>Thu, 06 Nov 2025 14:00:00 GMT</pubDate>
<description><![CDATA[<p>By REGINA GARCIA CANO</p><p>CARACAS, Venezuela (AP) — Venezuela's government said Thursday it
would hold talks with the opposition in Barbados next week.</p><p>The opposition boycotted the last round of talks
in October.</p>]]></description>
</item>
<item><title>Lula</title><link>https://example.com/americas/lula</link>
<pubDate>Wed, 10 Dec 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p>BRASILIA (AFP) – Brazilian President Luiz Inacio Lula da Silva is expected to travel to
Beijing in March, his chief of staff said on Wednesday.</p>]]></description>
</item>
</channel></rss>
"""

JSONL = "\n".join(json.dumps(r) for r in [
    {"id": "pti-1", "published": "2025-01-05", "title": "Kolkata metro", "text": "Kolkata, Jan 5 (PTI) The new "
     "Kolkata metro line will open to passengers on Wednesday, a Metro Railway official said on Sunday.\n\nThe line "
     "was inspected by safety officials last week."},
    {"id": "xin-1", "published": "2025-03-20", "title": "Xinhua", "text": "NAIROBI, March 20 (Xinhua) -- Kenya's "
     "central bank is due to announce its interest rate decision next Tuesday, analysts said on Thursday.\n\nEnditem"},
])  # fmt: skip

FEED_CASES = {
    "Maduro": Case("", "", "", (
        Row("government said", "2025-11-06", "occurred", (), "Caracas"),
        Row("it would hold talks with the opposition", "2025-W46", "planned"),
        Row("opposition boycotted the last round of talks", "2025-10", "occurred"),
    ), never=("REGINA GARCIA CANO", "Regina Garcia Cano", "AP", "CARACAS")),
    "Lula": Case("", "", "", (
        Row("Luiz Inacio Lula da Silva is expected to travel to Beijing", "2026-03", "planned",
            ("Luiz Inacio Lula da Silva",), "Beijing"),
        Row("his chief of staff said", "2025-12-10", "occurred", (), "Brasilia"),
    ), never=("AFP", "BRASILIA")),
    "Kolkata metro": Case("", "", "", (
        Row("metro line will open to passengers", "2025-01-08", "planned"),
        Row("Metro Railway official said", "2025-01-05", "occurred", (), "Kolkata"),
        Row("line was inspected by safety officials", "2024-W52", "occurred"),
    ), never=("PTI",)),
    "Xinhua": Case("", "", "", (
        Row("central bank is due to announce its interest rate decision", "2025-03-25", "planned"),
        Row("analysts said", "2025-03-20", "occurred", (), "Nairobi"),
    ), never=("Xinhua", "Enditem", "NAIROBI")),
}  # fmt: skip


def test_feed_and_export_entries_carry_datelines(tmp_path: Path, nlp) -> None:
    (tmp_path / "americas.rss").write_text(FEED, encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(JSONL, encoding="utf-8")
    articles = [a for a in read_articles(sorted(tmp_path.iterdir())) if isinstance(a, Article)]
    assert sorted(a.title for a in articles) == sorted(FEED_CASES)
    by_title = {a.title: a for a in articles}
    assert (by_title["Maduro"].dateline_city, by_title["Maduro"].byline) == ("Caracas", "Regina Garcia Cano")
    assert (by_title["Lula"].dateline_city, by_title["Lula"].agency) == ("Brasilia", "AFP")
    assert (by_title["Kolkata metro"].agency, by_title["Xinhua"].agency) == ("PTI", "Xinhua")
    batch = process_batch(articles)
    assert not batch.rejections, batch.rejections
    for article in articles:
        own = [e for e in batch.events if e.article_id == article.article_id]
        check_events(article, own, FEED_CASES[article.title])
