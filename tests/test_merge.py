"""Cross-article merging: the same event reported by several articles becomes one canonical event."""

from __future__ import annotations

import random
from dataclasses import fields, replace
from datetime import date, timedelta

import pytest

from timeline import pipeline, warehouse
from timeline.events.merge import CandidateIndex, blocking_key, group_events, merge_events, same_event
from timeline.records import Article, BatchResult, Event

from .conftest import assert_timeline_current

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


def test_the_timeline_table_follows_loads_merges_and_unmerges(three_articles, warehouse_path):
    """timeline_entries and timeline_actors after each step that changes what the timeline shows: a load
    (unmerged rows), the merge (one row, three sources), a re-load of one article with another text (its
    event leaves the group: two rows until the refresh, then the group without it), an incremental refresh,
    a re-run of the same batch, and a full refresh."""
    a, b, c = three_articles.articles
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1")
        warehouse.load_batch(con, three_articles, "r1")
        assert con.execute("SELECT count(*), max(sources) FROM timeline").fetchone() == (3, 1)
        assert_timeline_current(con)
        warehouse.refresh_canonical(con, [x.article_id for x in three_articles.articles])
        assert con.execute("SELECT date, sources FROM timeline").fetchall() == [("2025-02-24", 3)]
        assert_timeline_current(con)
        moved = [replace(e, date_start=date(2025, 1, 6), date_end=date(2025, 1, 6), value="2025-01-06")
                 for e in three_articles.events if e.article_id == c.article_id]  # fmt: skip
        warehouse.load_batch(con, BatchResult(articles=(c,), events=tuple(moved)), "r2")
        assert_timeline_current(con)
        warehouse.refresh_canonical(con, [c.article_id])
        assert con.execute("SELECT date, sources FROM timeline").fetchall() == [("2025-01-06", 1), ("2025-02-24", 2)]
        assert_timeline_current(con)
        found = con.execute("SELECT count(DISTINCT entry) FROM timeline_actors WHERE word = 'macron'").fetchone()
        assert found == (2,)
        warehouse.load_batch(con, three_articles, "r3")  # the same batch again: back to one event
        warehouse.refresh_canonical(con, [x.article_id for x in three_articles.articles])
        assert con.execute("SELECT date, sources FROM timeline").fetchall() == [("2025-02-24", 3)]
        assert_timeline_current(con)
        warehouse.refresh_canonical(con)
        assert_timeline_current(con)


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


def test_no_chaining_across_members_that_cannot_merge():
    """A week-level mention may merge with Monday's visit or Tuesday's, not glue the two days together."""
    week = replace(BASE, article_id="w", value="2025-W09", granularity="week", date_end=date(2025, 3, 2))
    tuesday = replace(
        BASE, article_id="t", value="2025-02-25", date_start=date(2025, 2, 25), date_end=date(2025, 2, 25)
    )
    groups = group_events([week, BASE, tuesday])
    assert sorted(len(g) for g in groups) == [1, 2]
    assert all(not (BASE in g and tuesday in g) for g in groups)
    assert [g for g in groups if week in g][0][0] == BASE  # the most precise date opens the group


def test_candidate_index_finds_only_mergeable_neighbours():
    far = replace(BASE, article_id="f", value="2025-05-01", date_start=date(2025, 5, 1), date_end=date(2025, 5, 1))
    month = replace(BASE, article_id="m", value="2025-02", granularity="month", date_start=date(2025, 2, 1),
                    date_end=date(2025, 2, 28))  # fmt: skip
    other = replace(BASE, article_id="o", trigger="attack")
    index = CandidateIndex([far, month, other])
    assert [e.article_id for e in index.candidates(BASE)] == ["m"]
    assert blocking_key("visit") == blocking_key("meet") and blocking_key("say") == "=say"


def _synthetic(n_articles: int, seed: int) -> list[tuple[Article, list[Event]]]:
    """Articles with events drawn from a few actors, triggers and days, so that many of them merge."""
    rng = random.Random(seed)
    actors = ["Emmanuel Macron", "Macron", "Donald Trump", "Keir Starmer", "Olaf Scholz", "IMF",
              "International Monetary Fund"]
    triggers = ["visit", "meet", "meeting", "talks", "attack", "vote", "say"]
    out = []
    for n in range(n_articles):
        article = Article(source=f"syn/{seed}/{n}.txt", text=f"article {n}", published=date(2025, 2, 20))
        events = []
        for k in range(rng.randint(1, 4)):
            day = date(2025, 2, rng.randint(10, 20))
            wide = rng.random() < 0.2
            events.append(replace(
                BASE, article_id=article.article_id, timex_id=f"t{k}", trigger_start=k, trigger=rng.choice(triggers),
                actors=tuple(rng.sample(actors, rng.randint(0, 2))), place=rng.choice([None, "White House"]),
                value="2025-02" if wide else day.isoformat(), granularity="month" if wide else "day",
                date_start=date(2025, 2, 1) if wide else day, date_end=date(2025, 2, 28) if wide else day,
            ))  # fmt: skip
        out.append((article, events))
    return out


def _tables(con) -> tuple[list, list]:
    canonical = con.execute("SELECT * EXCLUDE (refreshed_at) FROM canonical_events ORDER BY canonical_id").fetchall()
    mentions = con.execute("SELECT * FROM event_mentions ORDER BY event_id").fetchall()
    return canonical, mentions


def _load(con, pairs) -> list[str]:
    run = warehouse.new_run_id()
    warehouse.start_run(con, run)
    articles = tuple(a for a, _ in pairs)
    events = tuple(e for _, es in pairs for e in es)
    warehouse.load_batch(con, BatchResult(articles=articles, events=events), run)
    return [a.article_id for a in articles]


def _groups(con) -> dict[str, list[Event]]:
    names = [f.name for f in fields(Event)]
    cols = ", ".join("e." + n for n in names)
    rows = con.execute(f"SELECT m.canonical_id, {cols} FROM event_mentions m JOIN events e USING (event_id)").fetchall()
    out: dict[str, list[Event]] = {}
    for row in rows:
        values = dict(zip(names, row[1:], strict=True))
        values["actors"] = tuple(values["actors"] or ())
        out.setdefault(row[0], []).append(Event(**values))
    return out


def _check(con) -> dict[str, list[Event]]:
    """Every event in exactly one group, every group complete-link, the tables agreeing with each other."""
    groups = _groups(con)
    ids = [e.event_id for g in groups.values() for e in g]
    assert sorted(ids) == sorted(r[0] for r in con.execute("SELECT event_id FROM events").fetchall())
    for members in groups.values():
        assert all(same_event(a, b) for a in members for b in members if a is not b)
    assert set(groups) == {r[0] for r in con.execute("SELECT canonical_id FROM canonical_events").fetchall()}
    assert_timeline_current(con)
    return groups


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_refresh_touches_only_what_the_run_can_reach(tmp_path, seed):
    """Runs that add, replace and re-date articles, refreshed incrementally: every event grouped once, every
    group complete-link, the groups the run's events cannot reach unchanged; one run into an empty
    warehouse gives what a full refresh gives."""
    data = _synthetic(60, seed)
    rng = random.Random(seed)
    with warehouse.connect(tmp_path / "inc.duckdb") as inc, warehouse.connect(tmp_path / "full.duckdb") as full:
        for con in (inc, full):
            first = _load(con, data[:15])
        warehouse.refresh_canonical(inc, first)
        warehouse.refresh_canonical(full)
        assert _tables(inc) == _tables(full)
        for start in range(15, 60, 15):  # three more runs of new articles
            _load(inc, data[start : start + 15])
            warehouse.refresh_canonical(inc, [a.article_id for a, _ in data[start : start + 15]])
            _check(inc)
        before = _check(inc)
        moved = []  # a run that re-dates some articles' events, as re-anchoring does, and drops others'
        for article, events in rng.sample(data, 10):
            shift = rng.choice([-3, 1, 9])
            moved.append((article, [
                replace(e, date_start=e.date_start + timedelta(shift), date_end=e.date_end + timedelta(shift))
                for e in events[: rng.randint(0, len(events))]
            ]))  # fmt: skip
        touched = _load(inc, moved)
        warehouse.refresh_canonical(inc, touched)
        after = _check(inc)
        dissolved = [g for g in before.values() if any(m.article_id in touched for m in g)]
        loose = [e for _, es in moved for e in es] + [m for g in dissolved for m in g if m.article_id not in touched]
        for cid, members in before.items():
            if members not in dissolved and not any(same_event(m, e) for m in members for e in loose):
                assert cid in after and sorted(e.event_id for e in after[cid]) == sorted(e.event_id for e in members)
        assert inc.execute("SELECT max(mentions) FROM canonical_events").fetchone()[0] > 1


def _mention(article: str, trigger: str, actors: tuple[str, ...] = ("Emmanuel Macron",), day: str = "2025-02-24",
             granularity: str = "day", **changes) -> Event:  # fmt: skip
    spans = {"day": (day, day), "time": (day, day), "week": ("2025-02-24", "2025-03-02"),
             "month": ("2025-02-01", "2025-02-28"), "year": ("2025-01-01", "2025-12-31")}  # fmt: skip
    start, end = spans[granularity]
    value = {"day": day, "time": day + "TMO", "week": "2025-W09", "month": "2025-02", "year": "2025"}[granularity]
    return replace(BASE, article_id=article, trigger=trigger, actors=actors, value=value, granularity=granularity,
                   date_start=date.fromisoformat(start), date_end=date.fromisoformat(end), **changes)  # fmt: skip


def _copy(article: str, trigger: str, sentence: str) -> Event:
    """A mention without actors or place, known only by its word, its day and its sentence."""
    return _mention(article, trigger, actors=(), place=None, sentence=sentence)


COPY = "The central bank said the rate would increase by half a point from the start of next month."
OTHER = "Trading volume on the exchange continued to increase through the afternoon session as well."

# (first mention, second mention, same event?): the same event in other words merges; different events
# that share a date, an actor or a year do not
IDENTITY = [
    (_mention("a", "resign"), _mention("b", "step", description="Macron steps down"), True),
    (_mention("a", "resign"), _mention("b", "step", description="Macron steps in"), False),
    (_mention("a", "sign"), _mention("b", "signing"), True),
    (_mention("a", "agree"), _mention("b", "reach", description="Macron reaches a deal"), True),
    (_mention("a", "agree"), _mention("b", "reach", description="Macron reaches Paris"), False),
    (_mention("a", "unveil"), _mention("b", "present"), True),
    (_mention("a", "rise"), _mention("b", "fall"), False),  # opposites
    (_mention("a", "rise"), _mention("b", "climb"), True),
    (_mention("a", "visit"), _mention("b", "attack"), False),  # same actor, same day, another event
    (_mention("a", "visit", granularity="time"), _mention("b", "visit"), True),  # "Monday morning" / "Monday"
    (_mention("a", "visit", granularity="year"), _mention("b", "visit"), False),  # a year overlaps every day
    (_mention("a", "visit", granularity="year"), _mention("b", "visit", granularity="year"), True),
    (_mention("a", "say", granularity="year"), _mention("b", "say", granularity="year"), False),
    (_mention("a", "visit", actors=("United States",)),
     _mention("b", "visit", actors=("United States", "Keir Starmer")), False),  # a shared country is not enough
    (_mention("a", "loan", actors=("IMF",)), _mention("b", "loan", actors=("International Monetary Fund",)), True),
    (_mention("a", "visit", actors=()), _mention("b", "visit"), True),  # no actor on one side, same day and word
    (_mention("a", "meet", actors=()), _mention("b", "visit"), False),  # ... but not merely the same class
    (_mention("a", "say", actors=()), _mention("b", "say"), False),  # ... nor a reporting verb
    (_mention("a", "visit", status="negated"), _mention("b", "visit"), False),
    (_copy("a", "increase", COPY), _copy("b", "increase", COPY),
     True),  # no actor, no place, but the same sentence of wire copy in two articles
    (_copy("a", "increase", COPY),
     _copy("b", "increase", COPY.replace("bank said", "bank, said")),
     True),  # ... its punctuation aside
    (_copy("a", "increase", COPY), _copy("b", "increase", OTHER),
     False),  # ... another sentence with the same word on the same day is another increase
    (_copy("a", "increase", "Prices increase."),
     _copy("b", "increase", "Prices increase."), False),  # ... a short one may be chance
    (_copy("a", "increase", COPY), _copy("b", "fall", COPY), False),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b", "expected"), IDENTITY)
def test_event_identity(a, b, expected):
    assert same_event(a, b) is expected and same_event(b, a) is expected
    assert (len(merge_events([a, b])) == 1) is expected


def test_acronym_and_short_names():
    from timeline.events.merge import same_actor

    assert same_actor("IMF", "International Monetary Fund") and same_actor("Macron", "Emmanuel Macron")
    assert not same_actor("IMF", "International Energy Agency")
