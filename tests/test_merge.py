"""Cross-article merging: the same event reported by several articles becomes one canonical event."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from timeline import pipeline, warehouse
from timeline.events.merge import merge_events, same_event
from timeline.records import Article, Event

ARTICLES = [
    ("wire/a.txt", date(2025, 2, 25), "French President Emmanuel Macron visited the White House on Monday."),
    ("wire/b.txt", date(2025, 2, 25), "Macron's visit to the White House on Monday marked a turning point."),
    ("wire/c.txt", date(2025, 2, 26), "Emmanuel Macron met Donald Trump in Washington on Monday."),
]


@pytest.fixture()
def three_articles(nlp):
    return pipeline.process_batch([Article(source=s, text=t, published=p, title=s) for s, p, t in ARTICLES])


def test_three_articles_one_event(three_articles):
    assert len(three_articles.events) == 3, [(e.trigger, e.value, e.actors) for e in three_articles.events]
    (merged,) = merge_events(three_articles.events)
    assert merged.sources == 3
    assert merged.value == "2025-02-24"
    assert "Emmanuel Macron" in merged.actors


def test_warehouse_timeline_shows_it_once_with_its_sources(three_articles, warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        run = warehouse.new_run_id()
        warehouse.start_run(con, run)
        warehouse.load_batch(con, three_articles, run)
        assert warehouse.refresh_canonical(con) == 1
        rows = con.execute("SELECT date, sources FROM timeline").fetchall()
        assert rows == [("2025-02-24", 3)]
        assert con.execute("SELECT count(*) FROM event_mentions").fetchone() == (3,)
        assert warehouse.refresh_canonical(con) == 1  # idempotent
        assert con.execute("SELECT count(*) FROM canonical_events").fetchone() == (1,)


BASE = Event(
    article_id="a", timex_id="t", trigger="visit", trigger_start=0, trigger_end=5, description="X visits Y",
    actors=("Emmanuel Macron",), place="White House", status="occurred", value="2025-02-24", granularity="day",
    date_start=date(2025, 2, 24), date_end=date(2025, 2, 24), time_text="Monday", sentence="", sentence_start=0,
    sentence_end=0, confidence=0.8, explanation="",
)  # fmt: skip

# (changes to a second mention of BASE, same event?)
PAIRS = [
    ({"article_id": "b"}, True),
    ({"article_id": "b", "actors": ("Macron",)}, True),
    ({"article_id": "b", "trigger": "meeting"}, True),
    ({"article_id": "b", "trigger": "meet"}, True),
    ({"article_id": "b", "value": "2025-W09", "granularity": "week", "date_end": date(2025, 3, 2)}, True),
    ({"article_id": "b", "value": "2025-02-25", "date_start": date(2025, 2, 25), "date_end": date(2025, 2, 25)}, False),
    ({"article_id": "b", "actors": ("Keir Starmer",)}, False),
    ({"article_id": "b", "trigger": "attack"}, False),
    ({"article_id": "b", "actors": (), "place": "White House"}, True),
    ({"article_id": "b", "actors": (), "place": "Kremlin"}, False),
]


@pytest.mark.parametrize(("changes", "expected"), PAIRS)
def test_same_event(changes, expected):
    assert same_event(BASE, replace(BASE, **changes)) is expected


def test_canonical_takes_most_precise_date_and_full_names():
    week = replace(BASE, article_id="b", actors=("Macron",), value="2025-W09", granularity="week", confidence=0.9)
    (merged,) = merge_events([week, BASE])
    assert (merged.value, merged.granularity) == ("2025-02-24", "day")
    assert merged.actors == ("Emmanuel Macron",)
    assert merged.sources == 2
