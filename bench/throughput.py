"""Throughput of the whole pipeline against bare spaCy over the same texts, in the same run.

Builds N articles from the raw text and creation date (DCT) of the TimeML documents of
``../shared/eval/te3`` (TimeBank and AQUAINT, 256 documents; beyond that they are reused, each reuse
headed by a line "Copy k of DOCID." so that its content hash differs), writes them as ``.txt`` files
with ``.meta.json`` sidecars into a temporary folder, then times:

- ``pipeline_s``: the flow's stages in the flow's order (:func:`timeline.incremental.run_local`) into a
  fresh warehouse: read the folder, plan (content hashes), parse in batches, tag, find events, load
  DuckDB batch by batch;
- ``spacy_s``: bare ``nlp.pipe`` with en_core_web_sm over the same texts (every component);
- ``rerun_s``: the same run again over the unchanged folder (everything skipped by its hash).

Prefect is left out: its per-run start-up and ~4 ms per task are orchestration, not throughput.

Times are CPU seconds of this process (``time.process_time``, every thread counted, DuckDB's included),
so that other jobs on a shared machine do not tilt the comparison: the two are measured one after the
other, and on a busy machine wall-clock time swings by a third between them. Wall-clock seconds are
printed too (``*_wall_s``). Prints ``{"articles", "words", "pipeline_s", "spacy_s", "ratio",
"rerun_s", "rerun_ratio", "peak_rss_mb", "clock", "pipeline_wall_s", "spacy_wall_s", "rerun_wall_s"}``.

    python bench/throughput.py --articles 2000 [--json]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from timeline import incremental, nlp
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


def build(folder: Path, n: int) -> list[str]:
    docs = corpus()
    texts = []
    for i in range(n):
        doc_id, dct, text = docs[i % len(docs)]
        copy = i // len(docs)
        body = f"Copy {copy} of {doc_id}.\n{text}" if copy else text
        (folder / f"{i:05d}.txt").write_text(body, encoding="utf-8")
        (folder / f"{i:05d}.meta.json").write_text(json.dumps({"published": dct}), encoding="utf-8")
        texts.append(body)
    return texts


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
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        folder, db = Path(tmp) / "articles", Path(tmp) / "wh" / "timeline.duckdb"
        folder.mkdir()
        texts = build(folder, args.articles)
        settings = load_settings(warehouse=db)
        model = nlp.load(settings.model)
        list(model.pipe(texts[:5]))  # warm both paths up alike
        spacy_s, spacy_wall = timed(lambda: [None for _ in model.pipe(texts, batch_size=32)])
        (pipeline_s, pipeline_wall), first = timed_result(lambda: incremental.run_local([folder], settings))
        (rerun_s, rerun_wall), again = timed_result(lambda: incremental.run_local([folder], settings))
    figures = {
        "articles": args.articles,
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
        print(f"first run: {first}", file=sys.stderr)
        print(f"re-run:    {again}", file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
