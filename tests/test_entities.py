"""Entity mentions within an article: full and short names, acronyms, product names, descriptions."""

from __future__ import annotations

import pytest

from timeline.events.entities import EntityFinder, acronym, entity_kind

# (text, entity, kind, the words that name it)
CASES = [
    ("Apple Corps sued Apple Computer. The Beatles' Apple Corps appealed.", "Beatles Apple Corps", "organisation",
     ["Apple Corps", "Apple Corps"]),
    ("Apple sold 21 million iPod players and many iPods.", "iPod", "product", ["iPod players", "iPods"]),
    ("The iPod Nano replaces the iPod Mini.", "iPod", "product", []),
    ("The iPod nano replaces the iPod in the iPod family.", "iPod", "product", ["iPod"]),  # a model in lower case
    ("Apple said the 3G iPhone will be faster.", "iPhone 3G", "product", ["3G iPhone"]),
    ("The iPhone 3GS costs less than before.", "iPhone 3G", "product", []),
    ("Apple launched the iTunes Music Store in 2003. Since then the store has sold songs.", "iTunes Store",
     "organisation", ["iTunes Music Store", "the store"]),
    ("The International Monetary Fund met. The IMF said growth slowed.", "International Monetary Fund",
     "organisation", ["International Monetary Fund", "IMF"]),
    ("Boeing said the 787 flew. The company said the jet was late.", "Boeing", "organisation",
     ["Boeing", "The company"]),
    ("Airbus delivered its A380. Boeing then said the company would wait.", "Airbus", "organisation", ["Airbus"]),
    ("Steve Jobs spoke on Monday. Jobs said sales rose.", "Steve Jobs", "person", ["Steve Jobs", "Jobs"]),
    # a maker and a model: the model alone names it; a one-digit model is no name ("4 people")
    ("The Airbus A380 landed. The A380 carried 455 people. Airbus's A380 is late.", "Airbus A380",
     "product", ["Airbus A380", "A380", "A380"]),
    ("Apple launched the iPhone 4 in June. 4 people queued.", "iPhone 4", "product", ["iPhone 4"]),
    # a legal form or trade after the name is the name's; two capitals name a company
    ("General Motors Corp. said sales fell. GM said it would cut jobs. The automaker lost money.", "General Motors",
     "organisation", ["General Motors Corp.", "GM", "The automaker"]),
    ("Ford Motor Co. said it hired workers.", "Ford", "organisation", ["Ford Motor Co."]),
    ("Airbus SAS said it would deliver. Airbus Industrie built it.", "Airbus SAS", "organisation",
     ["Airbus SAS", "Airbus Industrie"]),
    ("British Airways cancelled flights. BA blamed the strike. The British carrier lost money.", "British Airways",
     "organisation", ["British Airways", "BA", "The British carrier"]),
    ("Boeing sold jets to Qantas. The rival carrier waited.", "Qantas", "organisation", ["Qantas"]),
    # an index: the words before a number or a generic word; "Dow Chemical" is another name
    ("The Dow Jones Industrial Average fell. The Dow lost 200 points. The blue-chip index rose.",
     "Dow Jones Industrial Average", "index", ["Dow Jones Industrial Average", "Dow", "The blue-chip index"]),
    ("The Nikkei 225 rose. Tokyo's Nikkei gained. The Dow Chemical Company fell.", "Nikkei 225", "index",
     ["Nikkei 225", "Nikkei"]),
    ("Dow Chemical shares fell.", "Dow Jones Industrial Average", "index", []),
    # a hyphenated name is one word; an acronym may leave out the legal form
    ("Rolls-Royce said it was investigating.", "Rolls-Royce", "organisation", ["Rolls-Royce"]),
    ("European Aeronautic Defence and Space Company posted a loss. EADS blamed delays.",
     "European Aeronautic Defence and Space Company", "organisation",
     ["European Aeronautic Defence and Space Company", "EADS"]),
    # a possessive place or maker stands for "the"; modifiers may come between
    ("The FTSE 100 fell. London's benchmark index closed lower.", "FTSE 100", "index",
     ["FTSE 100", "London's benchmark index"]),
    ("The Boeing 787 flew. Boeing's new jet landed.", "Boeing 787", "product", ["Boeing 787", "Boeing's new jet"]),
    ("Chrysler LLC filed for bankruptcy. The No. 3 U.S. automaker said it would recover.", "Chrysler",
     "organisation", ["Chrysler LLC", "The No. 3 U.S. automaker"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "entity", "kind", "expected"), CASES)
def test_entity_mentions(nlp, text, entity, kind, expected):
    doc = nlp(text)
    found = [doc[m.start : m.end].text for m in EntityFinder(entity, kind).mentions(doc)]
    assert found == expected


def test_acronym():
    assert acronym("International Monetary Fund") == "IMF"
    assert acronym("Apple Corps") == ""  # two letters: too ambiguous


def test_entity_kind(nlp):
    docs = [nlp("Steve Jobs said on Monday that Apple would ship.")]
    assert entity_kind(docs, "Steve Jobs") == "person"
    assert entity_kind(docs, "Dow Jones Industrial Average") == "index"
    assert entity_kind(docs, "Nikkei 225") == "index"
    assert entity_kind([nlp("Airbus A380 orders rose.")], "Airbus A380") == "product"


def test_actor_kinds_kept_on_events_and_in_the_warehouse(nlp, warehouse_path):
    from datetime import date

    from timeline import pipeline, warehouse
    from timeline.records import Article

    text = "Apple chief executive Steve Jobs visited Paris on Monday. Boeing said on Tuesday that the Dow Jones fell."
    batch = pipeline.process_batch([Article(source="k.txt", text=text, published=date(2010, 6, 9))])
    kinds = {a: k for e in batch.events for a, k in zip(e.actors, e.actor_kinds, strict=True)}
    assert kinds.get("Steve Jobs") == "person" and kinds.get("Boeing") == "organisation"
    with warehouse.connect(warehouse_path) as con:
        run = warehouse.new_run_id()
        warehouse.start_run(con, run)
        warehouse.load_batch(con, batch, run)
        rows = dict(con.execute("SELECT actor, kind FROM events_by_actor").fetchall())
        assert rows.get("Steve Jobs") == "person"
        assert dict(con.execute("SELECT actor, kind FROM actors").fetchall()).get("Boeing") == "organisation"


# (article, the actors of the event dated by "Tuesday"): descriptions and acronyms refer back
REFERENCES = [
    ("The International Monetary Fund approved a loan on Monday. The IMF said on Tuesday that growth slowed.",
     ("International Monetary Fund",)),
    ("Boeing delivered the plane to Air France on Monday. The company said on Tuesday that it was paid.",
     ("Boeing",)),  # a general noun: the subject of the sentence before
    ("Boeing sold jets to the French carrier Air France on Monday. The carrier said on Tuesday that it would pay.",
     ("Air France",)),  # the name the text introduced with that noun
    ("Boeing met Airbus on Monday. Analysts said the manufacturer on Tuesday lost ground.", ()),  # ambiguous: nobody
]  # fmt: skip


@pytest.mark.parametrize(("text", "actors"), REFERENCES)
def test_descriptions_and_acronyms_refer_back(nlp, text, actors):
    from datetime import date

    from timeline import pipeline
    from timeline.records import Article

    batch = pipeline.process_batch([Article(source="r.txt", text=text, published=date(2010, 6, 9))])
    tuesday = [e for e in batch.events if e.time_text == "Tuesday"]
    assert tuesday and tuesday[0].actors == actors
