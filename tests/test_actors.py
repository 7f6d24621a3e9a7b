"""Who the parties of an event are, on news sentences as reporters write them.

Each case is a short article read the way a user feeds it (a ``.txt`` file with a sidecar date, so that
datelines, bylines and agency credits are read as they are on real copy), the time words of one event, the
actors that event must have and the names it must not have: the words of a title ("Secretary of State",
"Chief of Staff", "Speaker of the House"), time zones, days, months and units NER takes for names, news
agencies, bylines and dateline cities.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.pipeline import process_batch
from timeline.records import Article
from timeline.sources import read_articles

# (text, time words of the event, actors it must have, names it must not have)
CASES = [
    # a title's words are not actors, "of" phrases included; the person is
    ("U.S. Secretary of State Marco Rubio said on Tuesday that talks with Russia would resume in Riyadh.",
     "Tuesday", {"Marco Rubio"}, {"United States", "State", "U.S."}),
    ("Saudi Minister of Foreign Affairs Prince Faisal bin Farhan met Iranian officials on Monday.",
     "Monday", {"Faisal bin Farhan"}, {"Foreign Affairs", "Saudi Arabia"}),
    ("White House Chief of Staff Susie Wiles told reporters on Friday that the president was pleased.",
     "Friday", {"Susie Wiles"}, {"White House", "Staff"}),
    ("Attorney General Pam Bondi announced on Thursday that the department would appeal the ruling.",
     "Thursday", {"Pam Bondi"}, {"Attorney General"}),
    ("Speaker of the House Mike Johnson said on Wednesday that the chamber would vote on the bill.",
     "Wednesday", {"Mike Johnson"}, {"House", "the House"}),
    ("Germany's Minister of Finance Christian Lindner resigned on Thursday after the coalition collapsed.",
     "Thursday", {"Christian Lindner"}, {"Germany", "Finance"}),
    ("Israeli Defense Minister Israel Katz said on Sunday that the operation would continue.",
     "Sunday", {"Israel Katz"}, {"Israel", "Defense"}),
    # a title in apposition names its person, before or after the name
    ("The Secretary of Defense, Pete Hegseth, visited Warsaw on Tuesday.", "Tuesday", {"Pete Hegseth"}, {"Defense"}),
    ("Pete Hegseth, the U.S. Secretary of Defense, visited Warsaw on Tuesday.",
     "Tuesday", {"Pete Hegseth"}, {"Defense", "United States"}),
    # a title does not hide the other parties of the sentence
    ("U.S. Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Riyadh on Tuesday.",
     "Tuesday", {"Marco Rubio", "Sergei Lavrov"}, {"State", "United States", "Russia"}),
    ("Moscow warned Berlin on Monday.", "Monday", {"Russia", "Germany"}, set()),
    ("Microsoft said on Monday it would cut 5,000 jobs.", "Monday", {"Microsoft"}, set()),
    # time zones, days, months and units are no parties, whatever NER calls them
    ("Trading resumed at 0800 GMT on Friday after the outage, the exchange said.",
     "Friday", set(), {"GMT", "0800 GMT"}),
    ("The talks will start at 14:30 UTC on Monday in Geneva, the foreign ministry said.", "Monday", set(), {"UTC"}),
    ("The launch was moved to 9 a.m. ET on Thursday, NASA said.", "Thursday", set(), {"ET"}),
    ("The summit opens at 10:00 CET on Tuesday, the European Commission said.", "Tuesday", set(), {"CET"}),
    ("The storm brought winds of 120 mph to Florida on Sunday.", "Sunday", set(), {"mph", "120 mph"}),
    # news agencies report the news: never parties, credited or not
    ("Apple told Reuters on Thursday that it would open a store in Mumbai.", "Thursday", {"Apple"}, {"Reuters"}),
    ("Lindner told the Associated Press on Friday that he would not resign. Christian Lindner leads the party.",
     "Friday", {"Christian Lindner"}, {"Associated Press", "AP"}),
    ("Airbus said on Wednesday, in comments to AFP, that deliveries would rise.", "Wednesday", {"Airbus"}, {"AFP"}),
    # what an undated sentence tells about a name (it gets the entity recogniser only for that: events.needs)
    ("The IMF said on Monday that growth would slow. The International Monetary Fund has 190 members.",
     "Monday", {"International Monetary Fund"}, {"IMF"}),
    ("French President Emmanuel Macron arrived in London. The French leader met the king on Monday.",
     "Monday", {"Emmanuel Macron"}, set()),
    ("Nokia makes phones. Sales were strong last year. The company said on Monday that it would cut jobs.",
     "Monday", {"Nokia"}, set()),
    ("Apple and Samsung make phones. Both sell them in Europe. The company said on Monday that it would cut jobs.",
     "Monday", set(), {"Apple", "Samsung"}),
    # bylines and dateline cities are not parties either
    ("By Maria Gonzalez\n\nMADRID (Reuters) - Spanish Prime Minister Pedro Sanchez said on Monday that Spain "
     "would raise defence spending.", "Monday", {"Pedro Sanchez"}, {"Maria Gonzalez", "Madrid", "MADRID", "Reuters"}),
    ("BERLIN, March 3 (dpa) - Chancellor Olaf Scholz met French President Emmanuel Macron on Sunday.",
     "Sunday", {"Olaf Scholz", "Emmanuel Macron"}, {"Berlin", "BERLIN", "dpa", "France"}),
]  # fmt: skip


def _events(tmp_path: Path, text: str) -> list:
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"published": "2025-03-04"}), encoding="utf-8")
    articles = [a for a in read_articles([tmp_path / "story.txt"]) if isinstance(a, Article)]
    return list(process_batch(articles).events)


@pytest.mark.parametrize(("text", "time_text", "must", "never"), CASES, ids=[c[0][:40] for c in CASES])
def test_actors(tmp_path: Path, nlp, text, time_text, must, never) -> None:
    events = _events(tmp_path, text)
    dated = [e for e in events if time_text in e.time_text]
    assert dated, [(e.time_text, e.description) for e in events]
    actors = {a for e in dated for a in e.actors}
    assert must <= actors, actors
    for e in events:
        assert not never & set(e.actors), (e.description, e.actors)
        assert not any(a.lower().rstrip(".") in {"utc", "gmt", "et", "cet", "mph"} for a in e.actors), e.actors


DESCRIPTIONS = (
    "French President Emmanuel Macron met U.S. President Donald Trump on Monday. The French and American "
    "leaders discussed Ukraine. Air France said on Tuesday it would buy 40 jets; the carrier gave no price. "
    "The company said the deal would close in March."
)


def test_descriptions_read_from_the_nouns_alone_are_those_read_from_every_word(nlp):
    """The role and definite descriptions are read from the NOUN tokens of the token array only: the same
    people and references as reading every word."""
    from timeline.events.actors import NameResolver
    from timeline.events.syntax import noun_indices

    doc = nlp(DESCRIPTIONS)
    nouns = noun_indices(doc)
    assert nouns == [t.i for t in doc if t.pos_ == "NOUN"] and nouns
    names = NameResolver(doc)
    assert names._read_references(doc, nouns) == names._read_references(doc) == names.referred
    every_word = NameResolver(doc)
    every_word.described = {}
    for sent in doc.sents:
        every_word._read_descriptions(sent)
    assert every_word.described == names.described
