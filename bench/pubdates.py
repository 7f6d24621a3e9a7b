"""Publication dates of web pages: the sources stage beside htmldate alone, on pages with a known date.

Usage: python bench/pubdates.py [--rows FILE.tsv] [PAGES_DIR ...]   (default tests/samples/pages)

A folder holds ``.html`` pages and a ``truth.json`` mapping each file name to ``{"date": "YYYY-MM-DD" or
null, "conflict": bool}`` (htmldate's own evaluation files, ``{url: {"file": ..., "date": ...}}``, are read
too: give the folder that holds them and their pages, e.g. a checkout's ``tests``; the URL is then given
to every method, as htmldate's evaluation does; a page without a date is ``NaN`` there, read as no date).

Per method, over the pages: right (the date, or no date where the page has none), wrong (a date that is
not the page's), none (no date where the page has one). The methods, all measured in this run:

- ``timeline``: the sources stage as a run reads the page (``sources.html`` then ``sources.finish``:
  markup, URL, page, dateline and weak text evidence weighed by ``sources.dates``);
- ``htmldate fast``: ``find_date(extensive_search=False, original_date=True)``, what the stage used before;
- ``htmldate extensive``: ``find_date(extensive_search=True, original_date=True)``.

The dates the stage loads with the low-confidence flag (``articles.date_low_confidence``: a date found
only in the page's text, an ``updated`` date, or one taken where the page's URL and markup disagree) are
counted among its dates, and counted apart too, beside the dates taken as sure. ``--rows`` writes one line
per page (folder, page, true date, the stage's date, its source, its conflict, low confidence, htmldate
extensive's date) to read the stage's errors by cause. For the fixture folder the conflicts flagged are
compared with ``truth.json`` too.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from timeline.errors import InputError
from timeline.sources import finish
from timeline.sources.html import read_article

ROOT = Path(__file__).resolve().parent.parent


def cases(folder: Path) -> list[tuple[Path, str, str | None, bool | None]]:
    """(page, url, true date, conflict expected) for every page of ``folder`` with a known answer."""
    out: list[tuple[Path, str, str | None, bool | None]] = []
    truth = folder / "truth.json"
    if truth.is_file():
        for name, row in sorted(json.loads(truth.read_text(encoding="utf-8")).items()):
            out.append((folder / name, "", row["date"], row.get("conflict")))
    for listing in sorted(folder.glob("eval_*.json")):
        for url, row in json.loads(listing.read_text(encoding="utf-8")).items():
            page = next((d / row["file"] for d in (folder / "eval", folder / "cache", folder / "test_set")
                         if (d / row["file"]).is_file()), None)  # fmt: skip
            if page is not None:  # a page without a date is NaN there (a float), no date here
                out.append((page, url, row["date"] if isinstance(row["date"], str) else None, None))
    return out


def timeline_date(page: Path, url: str) -> tuple[str | None, str | None, str | None, bool]:
    """(date, source, conflict, low confidence) as a run would store them; the URL, when known, as a
    sidecar gives it."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / (page.stem + ".html")
        copy.write_bytes(page.read_bytes())
        if url:
            (Path(tmp) / (page.stem + ".meta.json")).write_text(json.dumps({"url": url}), encoding="utf-8")
        try:
            article = read_article(copy)
        except InputError:
            return None, "rejected", None, False
    article = finish(replace(article, url=url or article.url))
    published = article.published.isoformat() if article.published else None
    return published, article.date_source, article.date_conflict, bool(article.date_low_confidence)


def htmldate_date(page: Path, url: str, extensive: bool) -> str | None:
    from htmldate import find_date

    text = page.read_bytes().decode("utf-8", "replace")
    try:
        return find_date(text, extensive_search=extensive, original_date=True, url=url or None)
    except Exception:  # a page htmldate cannot read counts as no date
        return None


def score(found: str | None, truth: str | None) -> str:
    if found == truth:
        return "right"
    return "none" if found is None else "wrong"


def main(folders: list[Path], rows_file: Path | None = None) -> None:
    lines: list[str] = []
    for folder in folders:
        rows = cases(folder)
        if not rows:
            print(f"{folder}: no pages with a known date")
            continue
        ours: dict[Path, tuple[str | None, str | None, str | None, bool]] = {}
        extensive: dict[Path, str | None] = {}

        def timeline(page: Path, url: str, ours: dict = ours) -> str | None:
            ours[page] = timeline_date(page, url)
            return ours[page][0]

        methods = {
            "timeline": timeline,
            "htmldate fast": lambda p, u: htmldate_date(p, u, False),
            "htmldate extensive": lambda p, u, seen=extensive: seen.setdefault(p, htmldate_date(p, u, True)),
        }
        print(f"\n{folder} ({len(rows)} pages)")
        print(f"{'method':20} {'right':>7} {'wrong':>7} {'none':>7} {'s/page':>7}")
        for name, method in methods.items():
            counts = {"right": 0, "wrong": 0, "none": 0}
            start = time.perf_counter()
            for page, url, truth, _ in rows:
                counts[score(method(page, url), truth)] += 1
            seconds = (time.perf_counter() - start) / len(rows)
            n = len(rows)
            print(f"{name:20} " + " ".join(f"{100 * counts[k] / n:6.1f}%" for k in ("right", "wrong", "none"))
                  + f" {seconds:7.3f}")  # fmt: skip
        low = {"right": 0, "wrong": 0}
        for page, _, truth, _ in rows:
            if ours[page][3]:
                low[score(ours[page][0], truth)] += 1
        n = len(rows)
        print(f"timeline, dates of low confidence among them: {100 * low['right'] / n:.1f}% right, "
              f"{100 * low['wrong'] / n:.1f}% wrong ({low['right']} and {low['wrong']} pages)")  # fmt: skip
        sure = {k: sum(1 for p, _, t, _ in rows if not ours[p][3] and ours[p][0] and score(ours[p][0], t) == k)
                for k in ("right", "wrong")}  # fmt: skip
        print(f"timeline, dates taken as sure (not flagged): {100 * sure['right'] / n:.1f}% right, "
              f"{100 * sure['wrong'] / n:.1f}% wrong ({sure['right']} and {sure['wrong']} pages)")  # fmt: skip
        for page, _, truth, _ in rows:
            found, source, conflict, weak = ours[page]
            fields = (folder.name, page.name, truth, found, source, conflict, weak, extensive.get(page))
            lines.append("\t".join("" if v is None else str(v) for v in fields))
        expected = [(p, u, c) for p, u, _, c in rows if c is not None]
        if expected:
            hits = sum((ours[p][2] is not None) == c for p, _, c in expected)
            print(f"conflicts flagged as expected: {hits}/{len(expected)}")
        sources: dict[str, int] = {}
        for page, _, _, _ in rows:
            source = ours[page][1] or "none"
            sources[source] = sources.get(source, 0) + 1
        print("date sources: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items(), key=lambda kv: -kv[1])))


    if rows_file is not None:
        head = "folder\tpage\ttruth\tdate\tsource\tconflict\tlow_confidence\thtmldate_extensive\n"
        rows_file.write_text(head + "".join(f"{line}\n" for line in lines), encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    rows_to = None
    if args[:1] == ["--rows"]:
        rows_to, args = Path(args[1]), args[2:]
    main([Path(a) for a in args] or [ROOT / "tests" / "samples" / "pages"], rows_to)
