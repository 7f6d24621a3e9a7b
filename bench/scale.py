"""A run and a query on a warehouse of ~1M events, beside the same on an empty warehouse, in the same run.

Builds a warehouse of ``--events`` (default 1,000,000) synthetic event rows, 10 per synthetic article,
loaded through the real load path: :func:`timeline.warehouse.load_batch` on
:class:`~timeline.records.BatchResult` batches of 5,000 articles (Arrow inserts, one transaction each).
Their canonical events are written by SQL, one per event (``--merge``: grouped by the real merge instead,
which takes about an hour for 1M events on a shared two-core machine), and the timeline table made again
from them (:func:`timeline.warehouse.update_timeline`), then the run is finished as any run is
(:func:`timeline.warehouse.finish_run`): its rows were written out of date order (in ``random`` order, see
below), so the end of the run rewrites the timeline tables in date order (``finish_s``), as it would for a
user's backfill. The rows are drawn with a fixed
seed to look like a news archive of the years the test articles come from (1988-2000): triggers from the
event lexicon and common news verbs, actors from a few dozen real names of the period and ~10,000
made-up ones, both Zipf-distributed (a few actors are in many events), dates around each article's
publication date, 85% to the day, 10% to the month, 5% to the year. Time expressions and event readings
of the synthetic articles are left out (a run neither reads nor merges them).

Then, for ``--rounds`` rounds (default 2), each on its own ``--articles`` (default 20) TimeML documents
of ``../shared/eval/te3`` written as files with sidecars, in alternating order (empty first, then large
first, ...):

- ``run_s``: a run of those new articles (:func:`timeline.runner.run`, one process: read, plan, parse,
  tag, read and resolve events, load, refresh the merged events of the touched articles, finish) into a
  fresh empty warehouse and into the large one; wall-clock seconds, the spaCy model load included on
  both sides (each run is a process of its own);
- ``query_ms``: a timeline query by actor and date range, inside DuckDB (median of 7 after a warm-up,
  on an open read-only connection): the query ``timeline export --actor clinton --from 1998-01-01 --to
  1998-03-31`` runs (:func:`timeline.export.selection_sql` on the timeline's table ``timeline_entries``,
  the actor looked up in ``timeline_actors``; actor words matched in any order), and a plain one on
  ``events`` with the exact actor name;
- ``peak_rss_mb``: peak resident memory of the process of the run.

``--order chronological`` loads the archive's articles in order of publication, as scheduled runs over
the news grow a warehouse (the rows of a date range then sit in few of DuckDB's row groups, which its
zone maps skip); the default, ``random``, loads them in random order of publication, as a backfill of an
unsorted archive would (every row group of ``events`` holds rows of every year). The timeline tables the
export query reads are rewritten in date order at the end of the build in both cases (the timeline rows
are all written again, in no particular order, after the canonical rows: see ``finish_s``); the order
then shows in the plain ``events`` query.

The machine is shared: timings move by ±15% from one minute to the next; compare the two columns of the
same round. Prints a table, or ``--json``.

    python bench/scale.py [--events 1000000] [--articles 20] [--rounds 2] [--order random|chronological] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from timeline import export, runner, warehouse
from timeline.events.merge import class_keys
from timeline.records import Article, BatchResult, Event
from timeline.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "te3"
EVENTS_PER_ARTICLE = 10
CHUNK = 5_000  # articles per loaded batch
REAL = [
    "Bill Clinton", "Clinton", "United States", "Saddam Hussein", "Iraq", "Boris Yeltsin", "Russia", "China",
    "Israel", "Benjamin Netanyahu", "Yasser Arafat", "Congress", "Senate", "Kofi Annan", "United Nations",
    "Madeleine Albright", "Japan", "Germany", "Helmut Kohl", "Tony Blair", "Britain", "France",
    "Jacques Chirac", "NATO", "Serbia", "Slobodan Milosevic", "Kenneth Starr", "Monica Lewinsky",
    "Federal Reserve", "Alan Greenspan", "IBM", "Microsoft", "General Motors", "Iran", "Cuba", "Fidel Castro",
]  # fmt: skip
FIRST = ["John", "Mary", "David", "Anna", "Peter", "Laura", "Michael", "Sarah", "James", "Elena", "Robert",
         "Maria", "Thomas", "Julia", "Daniel", "Susan", "Paul", "Karen", "Mark", "Linda"]  # fmt: skip
LAST = [f"{a}{b}" for a in ("Har", "Mor", "Wil", "Ken", "Bar", "Lin", "Ros", "Dal", "Fer", "Gar")
        for b in ("ton", "ley", "son", "man", "ford", "ridge", "wood", "well", "field", "more")]  # fmt: skip
VERBS = ["say", "rise", "fall", "report", "announce", "meet", "visit", "vote", "sign", "kill", "attack",
         "win", "lose", "buy", "sell", "close", "open", "launch", "resign", "elect", "arrest", "approve",
         "reject", "agree", "warn", "call", "die", "hold", "cut", "raise"]  # fmt: skip


def _zipf_weights(n: int) -> list[float]:
    """Cumulative Zipf weights of ``n`` ranks (computed once: ``random.choices`` would sum them per call)."""
    total, out = 0.0, []
    for i in range(n):
        total += 1 / (i + 1)
        out.append(total)
    return out


def _zipf(items: list[str], cum: list[float], rng: random.Random, k: int) -> list[str]:
    return rng.choices(items, cum_weights=cum, k=k)


def synthetic_batches(n_events: int, seed: int = 0, chronological: bool = False) -> list[BatchResult]:
    """The synthetic archive as load batches (see the module docstring).

    ``chronological``: the articles are loaded in order of publication, as scheduled runs over the news
    grow a warehouse; otherwise in random order of publication, as a backfill of an unsorted archive would."""
    rng = random.Random(seed)
    actors = REAL + [f"{f} {last}" for f in FIRST for last in LAST] * 1  # 36 real, 2,000 made-up full names
    actors += [f"{f} {last}-{n}" for n in range(4) for f in FIRST for last in LAST]  # 8,000 more
    triggers = VERBS + sorted(class_keys())
    actor_w, trigger_w = _zipf_weights(len(actors)), _zipf_weights(len(triggers))
    first_day, days = date(1988, 1, 1), (date(2000, 12, 31) - date(1988, 1, 1)).days
    n_articles = n_events // EVENTS_PER_ARTICLE
    order_rng = random.Random(seed + 1)
    in_order = sorted(first_day + timedelta(days=order_rng.randrange(days)) for _ in range(n_articles))
    batches = []
    for start in range(0, n_articles, CHUNK):
        articles, events = [], []
        for n in range(start, min(start + CHUNK, n_articles)):
            published = in_order[n] if chronological else first_day + timedelta(days=rng.randrange(days))
            article = Article(source=f"synthetic/{n:07d}.txt", text=f"Synthetic article {n}.", published=published,
                              title=f"Synthetic {n}")  # fmt: skip
            articles.append(article)
            drawn = zip(
                _zipf(triggers, trigger_w, rng, EVENTS_PER_ARTICLE),
                _zipf(actors, actor_w, rng, EVENTS_PER_ARTICLE),
                strict=True,
            )
            for k, (trigger, actor) in enumerate(drawn):
                day = published - timedelta(days=int(rng.expovariate(1 / 3)))
                kind = rng.random()
                if kind < 0.85:
                    value, granularity, lo, hi = day.isoformat(), "day", day, day
                elif kind < 0.95:
                    lo = day.replace(day=1)
                    hi = (lo + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                    value, granularity = lo.isoformat()[:7], "month"
                else:
                    value, granularity, lo, hi = str(day.year), "year", date(day.year, 1, 1), date(day.year, 12, 31)
                others = tuple(a for a in _zipf(actors, actor_w, rng, rng.randint(0, 1)) if a != actor)
                events.append(Event(
                    article_id=article.article_id, timex_id=f"t{n}-{k}", trigger=trigger, trigger_start=k * 40,
                    trigger_end=k * 40 + len(trigger), description=f"{actor} {trigger}s", actors=(actor, *others),
                    place=None, status="occurred" if lo <= published else "planned", value=value,
                    granularity=granularity, date_start=lo, date_end=hi, time_text=value, sentence="",
                    sentence_start=k * 40, sentence_end=k * 40 + 39, confidence=0.8, explanation="synthetic",
                ))  # fmt: skip
        batches.append(BatchResult(articles=tuple(articles), events=tuple(events)))
    return batches


def build_large(path: Path, n_events: int, merge: bool = False, chronological: bool = False) -> dict[str, float]:
    """Load the synthetic archive into ``path``; seconds of each step.

    ``merge``: group the synthetic events with the real merge (:func:`timeline.warehouse.refresh_canonical`,
    all events at once: about an hour for 1M events on a shared two-core machine); otherwise each synthetic
    event is written as a canonical event of its own, by SQL (what the merge writes for an event that merges
    with nothing), so that the incremental refresh of the timed run finds stored groups to join."""
    with warehouse.connect(path) as con:
        run_id = warehouse.new_run_id()
        warehouse.start_run(con, run_id)
        started = time.perf_counter()
        for batch in synthetic_batches(n_events, chronological=chronological):
            warehouse.load_batch(con, batch, run_id)
        loaded = time.perf_counter()
        if merge:
            warehouse.refresh_canonical(con)
        else:
            con.execute(
                """INSERT INTO canonical_events SELECT substr(sha1('canonical:' || event_id), 1, 16), trigger,
                       description, actors, place, status, value, granularity, date_start, date_end, confidence,
                       event_id, 1, 1, now() FROM events"""
            )
            con.execute(
                """INSERT INTO event_mentions SELECT event_id, substr(sha1('canonical:' || event_id), 1, 16),
                       article_id FROM events"""
            )
            warehouse.update_timeline(con)  # the rows written by SQL: the timeline table made again from them
        merged = time.perf_counter()
        warehouse.finish_run(con, run_id)  # the end of the run: the timeline tables rewritten in date order if due
        finished = time.perf_counter()
        layout = warehouse.timeline_layout(con)
    return {"load_s": round(loaded - started, 1), "merge_s": round(merged - loaded, 1),
            "finish_s": round(finished - merged, 1), "sorted": layout.sorted_at is not None}  # fmt: skip


def documents() -> list[tuple[str, str, str]]:
    """(doc id, creation date, text) of the TimeML documents, in a fixed shuffled order."""
    from timeline.evaluation.timeml_reader import read

    paths = sorted(EVAL.glob("*/*.tml"))
    if not paths:
        sys.exit(f"no TimeML documents under {EVAL}")
    random.Random(1).shuffle(paths)
    docs = []
    for path in paths:
        doc = read(path)
        if doc.dct is not None:
            docs.append((doc.doc_id, doc.dct.isoformat(), doc.text))
    return docs


def write_articles(folder: Path, docs: list[tuple[str, str, str]]) -> None:
    folder.mkdir(parents=True)
    for doc_id, dct, text in docs:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{doc_id}.meta.json").write_text(json.dumps({"published": dct, "title": doc_id}), encoding="utf-8")


# ---- measurements, each in a process of its own ------------------------------------------------------


def measure_run(db: Path, folder: Path) -> dict[str, Any]:
    settings = load_settings(warehouse=db, workers=1)
    started = time.perf_counter()
    summary = runner.run([folder], settings)
    seconds = time.perf_counter() - started
    peak = _peak_rss_mb()
    return {"run_s": round(seconds, 2), "peak_rss_mb": round(peak, 1), "loaded": summary["loaded"],
            "new_events": summary["events"]}  # fmt: skip


def _peak_rss_mb() -> float:
    """This process's peak resident memory: ``VmHWM`` (``ru_maxrss`` would keep the parent's across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


QUERY_FROM, QUERY_TO = date(1998, 1, 1), date(1998, 3, 31)
PLAIN = """SELECT * FROM events WHERE list_contains(actors, ?) AND date_start <= ?
           AND coalesce(date_end, date_start) >= ? ORDER BY date_start, event_id"""


def _median_ms(con: Any, sql: str, params: list[Any]) -> tuple[float, int]:
    con.execute(sql, params).fetchall()  # warm-up
    times, rows = [], 0
    for _ in range(7):
        started = time.perf_counter()
        rows = len(con.execute(sql, params).fetchall())
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1), rows


def measure_query(db: Path) -> dict[str, Any]:
    sql, params = export.selection_sql(
        export.Filters(date_from=QUERY_FROM, date_to=QUERY_TO, actors=("clinton",)), export.EXPORT_COLUMNS
    )
    with warehouse.connect(db, read_only=True) as con:
        export_ms, export_rows = _median_ms(con, sql, params)
        plain_ms, plain_rows = _median_ms(con, PLAIN, ["Bill Clinton", QUERY_TO, QUERY_FROM])
        events = con.execute("SELECT count(*) FROM events").fetchone()
    return {"query_ms": export_ms, "query_rows": export_rows, "plain_query_ms": plain_ms, "plain_rows": plain_rows,
            "events": int(events[0]) if events else 0}  # fmt: skip


def _in_process(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"measuring {' '.join(args)} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=20, help="new articles per run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    parser.add_argument("--merge", action="store_true", help="group the synthetic events with the real merge")
    parser.add_argument("--order", choices=("random", "chronological"), default="random",
                        help="order in which the archive's articles are loaded (default: random)")  # fmt: skip
    parser.add_argument("--measure-run", nargs=2, metavar=("DB", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--measure-query", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_run:
        print(json.dumps(measure_run(Path(args.measure_run[0]), Path(args.measure_run[1]))))
        return
    if args.measure_query:
        print(json.dumps(measure_query(Path(args.measure_query))))
        return
    docs = documents()
    with tempfile.TemporaryDirectory(prefix="timeline-scale-") as tmp:
        large = Path(tmp) / "large" / "timeline.duckdb"
        build = build_large(large, args.events, args.merge, args.order == "chronological")
        rounds = []
        for r in range(args.rounds):
            folder = Path(tmp) / f"articles{r}"
            write_articles(folder, docs[r * args.articles : (r + 1) * args.articles])
            empty = Path(tmp) / f"empty{r}" / "timeline.duckdb"
            sides = {}
            for side in ("empty", "large") if r % 2 == 0 else ("large", "empty"):
                db = empty if side == "empty" else large
                sides[side] = {**_in_process("--measure-run", str(db), str(folder)),
                               **_in_process("--measure-query", str(db))}  # fmt: skip
            rounds.append(sides)
    figures = {"events": args.events, "order": args.order, "articles_per_run": args.articles, **build, "rounds": rounds,
               "run_ratio": [round(s["large"]["run_s"] / s["empty"]["run_s"], 2) for s in rounds]}  # fmt: skip
    if args.json:
        print(json.dumps(figures))
        return
    print(f"large warehouse: {args.events:,} synthetic events loaded in {args.order} order in {build['load_s']} s, "
          f"merged in {build['merge_s']} s, run finished in {build['finish_s']} s "
          f"(timeline tables {'rewritten' if build['sorted'] else 'not rewritten'} in date order)")  # fmt: skip
    print(f"{'round':<6}{'warehouse':<10}{'events':>10}{'run_s':>8}{'query_ms':>10}{'plain_ms':>10}{'peak_MB':>9}")
    for r, sides in enumerate(rounds, start=1):
        for side in ("empty", "large"):
            s = sides[side]
            print(f"{r:<6}{side:<10}{s['events']:>10,}{s['run_s']:>8}{s['query_ms']:>10}{s['plain_query_ms']:>10}"
                  f"{s['peak_rss_mb']:>9}")  # fmt: skip
    print(
        f"run large / empty: {', '.join(str(x) for x in figures['run_ratio'])} (target <= 1.5); query target < 100 ms"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
