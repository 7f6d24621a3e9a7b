"""Throughput of the whole pipeline against bare spaCy over the same texts, in the same run.

Builds N articles from the raw text and creation date (DCT) of the TimeML documents of
``../shared/eval/te3`` (TimeBank and AQUAINT, 256 documents; beyond that they are reused, each reuse
headed by a line "Copy k of DOCID." so that its content hash differs), writes them as ``.txt`` files
with ``.meta.json`` sidecars into a temporary folder, then times:

- ``pipeline_s``: the run of the flow (:func:`timeline.runner.run`, in this process: ``workers = 1``) into a
  fresh warehouse: read the folder, plan (content hashes), parse in batches, tag, find events, load
  DuckDB batch by batch;
- ``spacy_s``: bare ``nlp.pipe`` with en_core_web_sm over the same texts (every component), the model as its
  package loads it (a model of its own: the pipeline's is :func:`timeline.nlp.load`'s);
- ``rerun_s``: the same run again over the unchanged folder (everything skipped by its hash).

Prefect is left out: its per-run start-up and ~4 ms per task are orchestration, not throughput.

Times are CPU seconds of this process (``time.process_time``, every thread counted, DuckDB's included),
so that other jobs on a shared machine tilt the comparison less (on a busy machine wall-clock time swings
by a third between two runs). The articles are split into ``--rounds`` parts (default 4); each round times
bare spaCy and the pipeline over its part, in alternating order (spaCy first, then the pipeline first, ...),
so that a slower stretch of the machine weighs on both sides alike; the pipeline's rounds are successive
incremental runs into the same fresh warehouse, each paying its own start-up and canonical-event refresh.
``--rounds 1`` times each side in one go. Wall-clock seconds are printed too (``*_wall_s``). Prints
``{"articles", "rounds", "words", "pipeline_s", "spacy_s", "ratio", "rerun_s", "rerun_ratio",
"peak_rss_mb", "clock", "pipeline_wall_s", "spacy_wall_s", "rerun_wall_s"}``.

    python bench/throughput.py --articles 2000 [--rounds 4] [--json]
"""

from __future__ import annotations

import argparse
import html
import importlib
import json
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from timeline import nlp, runner
from timeline.settings import load_settings

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "te3"
DCT = re.compile(r'<TIMEX3[^>]*value="(?P<value>[^"]+)"[^>]*functionInDocument="CREATION_TIME"')
TEXT = re.compile(r"<TEXT>(?P<text>.*)</TEXT>", re.S)
TAG = re.compile(r"<[^>]+>")


def corpus() -> list[tuple[str, str, str]]:
    """(doc id, creation date, raw text) of every TimeML document."""
    docs = []
    for path in sorted(EVAL.glob("*/*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct, body = DCT.search(raw), TEXT.search(raw)
        if dct and body:
            docs.append((path.stem, dct.group("value")[:10], html.unescape(TAG.sub("", body.group("text"))).strip()))
    if not docs:
        sys.exit(f"no TimeML documents under {EVAL}")
    return docs


def build(folder: Path, n: int, rounds: int) -> list[tuple[Path, list[str]]]:
    """The N articles as files, in ``rounds`` sub-folders of about equal size: ``(sub-folder, its texts)``."""
    docs = corpus()
    parts: list[tuple[Path, list[str]]] = []
    for r in range(rounds):
        (folder / f"part{r}").mkdir()
        parts.append((folder / f"part{r}", []))
    for i in range(n):
        doc_id, dct, text = docs[i % len(docs)]
        copy = i // len(docs)
        body = f"Copy {copy} of {doc_id}.\n{text}" if copy else text
        part, texts = parts[i * rounds // n]
        (part / f"{i:05d}.txt").write_text(body, encoding="utf-8")
        (part / f"{i:05d}.meta.json").write_text(json.dumps({"published": dct}), encoding="utf-8")
        texts.append(body)
    return parts


def timed_result(work: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """``((cpu_s, wall_s), result)``: CPU seconds of this process (all its threads) and wall-clock seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return (time.process_time() - cpu, time.perf_counter() - wall), result


def timed(work: Callable[[], object]) -> tuple[float, float]:
    return timed_result(work)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds (1: each side in one go)")
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, args.articles))
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        folder, db = Path(tmp) / "articles", Path(tmp) / "wh" / "timeline.duckdb"
        folder.mkdir()
        parts = build(folder, args.articles, rounds)
        texts = [t for _, part_texts in parts for t in part_texts]
        settings = load_settings(warehouse=db, workers=1)  # CPU time of one process: no workers
        # bare spaCy as its package loads it (``nlp.load`` speeds up the lemmatiser's lookups: see its docstring)
        model = importlib.import_module(settings.model).load()
        list(model.pipe(texts[:5]))  # warm both paths up alike
        list(nlp.load(settings.model).pipe(texts[:5]))
        spacy_s = spacy_wall = pipeline_s = pipeline_wall = 0.0
        first = []
        for r, (part, part_texts) in enumerate(parts):
            # each round times both sides over its share, in alternating order, so that a slower stretch of a
            # shared machine falls on both alike; the pipeline's rounds load one fresh warehouse in turn
            bare = lambda: [None for _ in model.pipe(part_texts, batch_size=32)]  # noqa: B023, E731
            for side in ("spacy", "pipeline") if r % 2 == 0 else ("pipeline", "spacy"):
                if side == "spacy":
                    cpu, wall = timed(bare)
                    spacy_s, spacy_wall = spacy_s + cpu, spacy_wall + wall
                else:
                    (cpu, wall), run = timed_result(lambda: runner.run([part], settings))  # noqa: B023
                    pipeline_s, pipeline_wall = pipeline_s + cpu, pipeline_wall + wall
                    first.append(run)
        folders = [part for part, _ in parts]
        (rerun_s, rerun_wall), again = timed_result(lambda: runner.run(folders, settings))
    figures = {
        "articles": args.articles,
        "rounds": rounds,
        "words": sum(len(t.split()) for t in texts),
        "pipeline_s": round(pipeline_s, 2),
        "spacy_s": round(spacy_s, 2),
        "ratio": round(spacy_s / pipeline_s, 3),
        "rerun_s": round(rerun_s, 2),
        "rerun_ratio": round(rerun_s / pipeline_s, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "clock": "cpu",
        "pipeline_wall_s": round(pipeline_wall, 2),
        "spacy_wall_s": round(spacy_wall, 2),
        "rerun_wall_s": round(rerun_wall, 2),
    }
    if not args.json:
        for run in first:
            print(f"first run: {run}", file=sys.stderr)
        print(f"re-run:    {again}", file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
