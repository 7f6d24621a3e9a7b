"""Long articles: time and peak memory of one article of 0.5 MB and one of 2 MB, in the same run.

Each article is built from the raw texts of the TimeML documents of ``../shared/eval/te3`` (TimeBank and
AQUAINT) one after another, each headed by its document id, until the size is reached (the texts repeat
when the corpus is used up), dated by the first document's creation date. Each size is processed by
:func:`timeline.pipeline.process_batch` in a fresh worker process (spawned, so that the peak memory is
that article's alone), after the model is loaded; the time is CPU seconds of the processing only.
Linear cost would make the 2 MB article cost 4 times the 0.5 MB one. Prints
``{"sizes_mb", "seconds", "peak_rss_mb", "events", "ratio"}``.

    python bench/long.py [--sizes 0.5 2] [--json] [--profile FILE.prof]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import corpus  # noqa: E402


def long_text(size: int) -> tuple[str, date]:
    """An article of ``size`` characters or a little more, from the TimeML texts one after another."""
    docs = corpus()
    parts: list[str] = []
    total, i = 0, 0
    while total < size:
        doc_id, _, text = docs[i % len(docs)]
        piece = f"{doc_id} (part {i + 1}).\n\n{text}\n\n"
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts), date.fromisoformat(docs[0][1])


def measure(size: int, profile: str | None = None) -> dict[str, float]:
    """Process one article of ``size`` characters in this process; time, peak RSS, counts."""
    from timeline import nlp, pipeline
    from timeline.records import Article

    text, published = long_text(size)
    nlp.load()
    nlp.parse(["Warm up the model on Monday."])
    article = Article(f"long-{size}.txt", text, published, "long")
    start = time.process_time()
    if profile:
        import cProfile

        with cProfile.Profile() as prof:
            result = pipeline.process_batch([article])
        prof.dump_stats(profile)
    else:
        result = pipeline.process_batch([article])
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if result.rejections:
        raise SystemExit(f"the long article was refused: {result.rejections[0].reason}")
    return {"chars": len(text), "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1),
            "events": len(result.events), "mentions": len(result.mentions)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2.0], help="sizes in MB [default: 0.5 2]")
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    parser.add_argument("--profile", help="profile the largest size with cProfile into this file")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    results = []
    for k, mb in enumerate(args.sizes):
        profile = args.profile if args.profile and k == len(args.sizes) - 1 else None
        with context.Pool(1) as pool:  # a fresh process per size: its peak memory is this article's
            results.append(pool.apply(measure, (int(mb * 2**20), profile)))
        if not args.json:
            print(f"{mb:g} MB: {results[-1]}", file=sys.stderr, flush=True)
    figures = {
        "sizes_mb": args.sizes, "seconds": [r["seconds"] for r in results],
        "peak_rss_mb": [r["peak_rss_mb"] for r in results], "events": [r["events"] for r in results],
        "ratio": round(results[-1]["seconds"] / results[0]["seconds"], 2) if len(results) > 1 else None,
        "linear_ratio": round(args.sizes[-1] / args.sizes[0], 2) if len(args.sizes) > 1 else None,
    }  # fmt: skip
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
