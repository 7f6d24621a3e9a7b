"""TIMEX3 tagging on TempEval-3 beside HeidelTime: prints our figures next to the published baseline.

Usage: python bench/timeml.py [EVAL_DIR]   (default ../shared/eval, which holds te3/TimeBank and te3/AQUAINT)

Our figures are measured in this run with ``timeline.evaluation.timeml`` (the same code as
``timeline eval timeml``); HeidelTime's are those of ``EVAL_DIR/README.md`` (official TempEval-3 scorer).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from timeline import nlp
from timeline.evaluation import timeml

COLUMNS = ("strict_f1", "relaxed_f1", "value_f1", "type_f1")


def heideltime_figures(readme: Path) -> dict[str, tuple[float, ...]]:
    """``{corpus: (strict, relaxed, value, type)}`` from the HeidelTime rows of the eval README."""
    rows: dict[str, tuple[float, ...]] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("HeidelTime") and re.fullmatch(r"[\d.]+", cells[2]):
            rows[cells[1]] = tuple(float(c) for c in cells[2:])
    return rows


def main(eval_dir: Path) -> None:
    baseline = heideltime_figures(eval_dir / "README.md")
    print(f"{'corpus':10} {'system':12} " + " ".join(f"{c:>10}" for c in COLUMNS) + f" {'weekdays':>9} {'docs/s':>7}")
    for corpus in ("TimeBank", "AQUAINT"):
        docs = timeml.read_corpus(eval_dir / "te3" / corpus)
        started = time.perf_counter()
        report = timeml.evaluate(docs, lambda texts: nlp.parse(texts))
        rate = len(docs) / (time.perf_counter() - started)
        s = report.summary()
        print(
            f"{corpus:10} {'timeline':12} "
            + " ".join(f"{s[c]:10.2f}" for c in COLUMNS)
            + f" {s['weekday_accuracy']:8.1f}% {rate:7.1f}"
        )
        if corpus in baseline:
            print(f"{corpus:10} {'HeidelTime':12} " + " ".join(f"{v:10.2f}" for v in baseline[corpus]))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "eval")
