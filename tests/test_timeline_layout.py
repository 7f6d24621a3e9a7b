"""The timeline tables kept in date order on disk: rows written out of date order are counted, the end of a
run rewrites the tables in date order when they pass a share of the table, and the rewrite changes nothing a
user reads (rows, views, exports, comments) but the order the rows are stored in."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline import export, warehouse
from timeline.cli import app
from timeline.errors import WarehouseError
from timeline.records import Article, BatchResult, Event

from .conftest import assert_timeline_current

NAMES = ["Bill Clinton", "Boris Yeltsin", "Kofi Annan", "O'Brien", "United Nations", "Helmut Kohl"]


def batch(days: list[date], seed: int, first: int = 0) -> BatchResult:
    """One article per publication day of ``days``, three events each, dated the days before it (one to
    the month, one to the year), with actors drawn from :data:`NAMES`."""
    rng = random.Random(seed)
    articles, events = [], []
    for n, published in enumerate(days, start=first):
        article = Article(source=f"wire/{n:04d}.txt", text=f"Article {n}.", published=published, title=f"Story {n}")
        articles.append(article)
        for k in range(3):
            day = published - timedelta(days=rng.randrange(5))
            lo, hi, value, granularity = day, day, day.isoformat(), "day"
            if k == 1:
                lo, hi = day.replace(day=1), (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(1)
                value, granularity = lo.isoformat()[:7], "month"
            elif k == 2 and rng.random() < 0.5:
                lo, hi, value, granularity = date(day.year, 1, 1), date(day.year, 12, 31), str(day.year), "year"
            actors = tuple(rng.sample(NAMES, rng.randint(1, 2)))
            events.append(Event(
                article_id=article.article_id, timex_id=f"t{n}-{k}", trigger="meet", trigger_start=k * 30,
                trigger_end=k * 30 + 4, description=f"{actors[0]} meets", actors=actors, place=None,
                status="occurred", value=value, granularity=granularity, date_start=lo, date_end=hi, time_text=value,
                sentence=f"Sentence {k} of {n}.", sentence_start=k * 30, sentence_end=k * 30 + 29, confidence=0.8,
                explanation="test",
            ))  # fmt: skip
    return BatchResult(articles=tuple(articles), events=tuple(events))


def days(n: int, seed: int, shuffled: bool) -> list[date]:
    rng = random.Random(seed)
    out = sorted(date(1990, 1, 1) + timedelta(days=rng.randrange(3650)) for _ in range(n))
    if shuffled:
        rng.shuffle(out)
    return out


def snapshot(con) -> dict[str, object]:
    """Everything a user reads of the timeline: its view in order, both tables as multisets, the other views,
    an export selection by actor and dates, and the comments of every column."""
    sql, params = export.selection_sql(
        export.Filters(date_from=date(1992, 1, 1), date_to=date(1995, 6, 30), actors=("clinton",)),
        export.EXPORT_COLUMNS,
    )
    return {
        "timeline": con.execute("SELECT * FROM timeline").fetchall(),
        "entries": sorted(con.execute("SELECT * FROM timeline_entries").fetchall(), key=repr),
        "actors": sorted(con.execute("SELECT * FROM timeline_actors").fetchall(), key=repr),
        "actors_view": con.execute("SELECT * FROM actors").fetchall(),
        "events_by_day": con.execute("SELECT * FROM events_by_day").fetchall(),
        "export": con.execute(sql, params).fetchall(),
        "schema_doc": con.execute("SELECT * FROM schema_doc ORDER BY ALL").fetchall(),
        "tables": con.execute(
            "SELECT table_name, comment, sql FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1"
        ).fetchall(),
    }


def stored_in_date_order(con, table: str) -> bool:
    starts = [r[0] for r in con.execute(f"SELECT date_start FROM {table}").fetchall()]  # scan order: storage order
    dated = [d for d in starts if d is not None]
    return dated == sorted(dated) and starts[len(dated) :] == [None] * (len(starts) - len(dated))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), loads=st.integers(1, 4), merge=st.booleans())
def test_sorting_changes_nothing_a_user_reads(tmp_path_factory, seed, loads, merge):
    path = tmp_path_factory.mktemp("layout") / "timeline.duckdb"
    with warehouse.connect(path) as con:
        warehouse.start_run(con, "r1")
        for n in range(loads):
            warehouse.load_batch(con, batch(days(8, seed + n, shuffled=True), seed + n, first=n * 8), "r1")
        if merge:
            warehouse.refresh_canonical(con, [a for (a,) in con.execute("SELECT article_id FROM articles").fetchall()])
        before = snapshot(con)
        warehouse.sort_timeline(con)
        assert snapshot(con) == before
        assert stored_in_date_order(con, "timeline_entries") and stored_in_date_order(con, "timeline_actors")
        assert_timeline_current(con)
        layout = warehouse.timeline_layout(con)
        assert (layout.rows_sorted, layout.rows_unsorted) == (layout.rows, 0) and layout.sorted_at is not None
        # the tables stay writable as before: a re-load and a forget after the rewrite keep the timeline current
        warehouse.load_batch(con, batch(days(8, seed, shuffled=True), seed + 1), "r1")
        assert_timeline_current(con)


def test_rows_out_of_date_order_are_counted_and_the_end_of_a_run_sorts(warehouse_path, monkeypatch):
    monkeypatch.setattr(warehouse, "SORT_MIN_ROWS", 50)
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1")
        # news loaded in order of publication: each day's rows are about the days just before it
        for n, day in enumerate(days(40, 1, shuffled=False)):
            warehouse.load_batch(con, batch([day], n, first=n), "r1")
        layout = warehouse.timeline_layout(con)
        # out of order: only the year-level dates (and month-level ones late in their month)
        assert layout.rows == 120 and 0 < layout.rows_unsorted < warehouse.SORT_SHARE * layout.rows, layout
        assert warehouse.keep_clustered(con) is None  # not due: most rows came in date order
        # a backfill of older articles: every one of their rows lands out of date order
        warehouse.load_batch(con, batch([date(1985, 3, d) for d in range(1, 11)], 99, first=100), "r1")
        layout = warehouse.timeline_layout(con)
        assert layout.rows == 150 and layout.rows_unsorted >= 30 and layout.due(min_rows=50)
        assert not stored_in_date_order(con, "timeline_entries")
        before = snapshot(con)
        warehouse.finish_run(con, "r1")  # the end of the run rewrites the tables in date order
        assert snapshot(con) == before
        assert stored_in_date_order(con, "timeline_entries") and stored_in_date_order(con, "timeline_actors")
        assert warehouse.timeline_layout(con).rows_unsorted == 0


def test_a_small_run_into_a_large_sorted_warehouse_does_not_pay_a_rewrite(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1")
        warehouse.load_batch(con, batch(days(60, 2, shuffled=True), 2), "r1")
        assert warehouse.timeline_layout(con).rows_unsorted > 0
        assert warehouse.keep_clustered(con, min_rows=50) is not None
        warehouse.finish_run(con, "r1")
        warehouse.start_run(con, "r2")
        warehouse.load_batch(con, batch([date(1991, 5, 1), date(1993, 2, 2)], 3, first=500), "r2")
        layout = warehouse.timeline_layout(con)
        assert layout.rows_unsorted == 6 and not layout.due(min_rows=50)  # 6 of 186 rows: under the share
        assert warehouse.keep_clustered(con, min_rows=50) is None
        # and the default minimum size leaves a small warehouse alone, however unsorted
        assert not warehouse.Layout(rows=10_000, rows_sorted=0, rows_unsorted=10_000, sorted_at=None).due()


def test_a_full_refresh_starts_the_count_again(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1")
        warehouse.load_batch(con, batch(days(20, 4, shuffled=True), 4), "r1")
        warehouse.sort_timeline(con)
        warehouse.refresh_canonical(con)  # every timeline row written again
        layout = warehouse.timeline_layout(con)
        assert (layout.rows_sorted, layout.sorted_at) == (0, None) and 0 < layout.rows_unsorted <= layout.rows


def test_migration_counts_the_rows_already_there(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1")
        warehouse.load_batch(con, batch(days(10, 5, shuffled=True), 5), "r1")
        con.execute("DROP TABLE timeline_layout")
        con.execute("DELETE FROM schema_migrations WHERE version = '100_timeline_layout'")
    with warehouse.connect(warehouse_path) as con:
        layout = warehouse.timeline_layout(con)
        assert (layout.rows, layout.rows_sorted, layout.rows_unsorted, layout.sorted_at) == (30, 0, 30, None)


def test_optimize_command(warehouse_path):
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1")
        warehouse.load_batch(con, batch(days(12, 6, shuffled=True), 6), "r1")
        before = snapshot(con)
    result = CliRunner().invoke(app, ["optimize", "--warehouse", str(warehouse_path)])
    assert result.exit_code == 0, result.output
    assert "36 timeline rows rewritten in date order" in result.output
    with warehouse.connect(warehouse_path, read_only=True) as con:
        assert snapshot(con) == before
        assert stored_in_date_order(con, "timeline_entries")


def test_optimize_without_a_warehouse_makes_none(tmp_path):
    result = CliRunner().invoke(app, ["optimize", "--warehouse", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, WarehouseError) and "no warehouse" in str(result.exception)
    assert not (tmp_path / "none.duckdb").exists()


def test_a_failed_rewrite_leaves_everything_as_it_was_and_the_run_is_recorded(warehouse_path, monkeypatch):
    monkeypatch.setattr(warehouse, "SORT_MIN_ROWS", 10)
    with warehouse.connect(warehouse_path) as con:
        warehouse.start_run(con, "r1")
        warehouse.load_batch(con, batch(days(12, 7, shuffled=True), 7), "r1")
        before, layout = snapshot(con), warehouse.timeline_layout(con)
        assert layout.due()
        # the second table's rewrite fails (an order by a column it does not have), after the first one's
        monkeypatch.setitem(warehouse.SORT_ORDER, "timeline_actors", "no_such_column")
        try:
            warehouse.sort_timeline(con)
        except warehouse.WarehouseError as exc:
            assert "date order failed" in str(exc)
        else:
            raise AssertionError("the rewrite should have failed")
        assert snapshot(con) == before and warehouse.timeline_layout(con) == layout
        assert warehouse.finish_run(con, "r1")["loaded"] == 12  # recorded all the same; still due
        assert con.execute("SELECT finished_at IS NOT NULL FROM runs WHERE run_id = 'r1'").fetchone() == (True,)
        assert warehouse.timeline_layout(con) == layout
