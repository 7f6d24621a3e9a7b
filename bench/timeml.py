"""Time expressions on every corpus we have, beside the last release and HeidelTime, so a gain on one corpus
and a loss on another show side by side.

Usage: python bench/timeml.py [EVAL_DIR]   (default ../shared/eval: te3/TimeBank, te3/AQUAINT, meantime/,
recognizers-text/)

Our figures are measured in this run with ``timeline.evaluation.timeml`` (the same code as
``timeline eval timeml``) and ``timeline.evaluation.expressions`` (``timeline eval expressions``). The last
release's figures are those of ``bench/last_release.json`` (measured with this program on the release);
HeidelTime's are those of ``EVAL_DIR/README.md`` (official TempEval-3 scorer) and of
``EVAL_DIR/recognizers-text/README.md``. MEANTIME has no published HeidelTime figure.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from timeline import nlp
from timeline.evaluation import expressions, meantime, timeml

COLUMNS = ("strict_f1", "relaxed_f1", "value_f1", "type_f1")
RELEASE = Path(__file__).with_name("last_release.json")


def heideltime_figures(readme: Path) -> dict[str, tuple[float, ...]]:
    """``{corpus: (strict, relaxed, value, type)}`` from the HeidelTime rows of the eval README."""
    rows: dict[str, tuple[float, ...]] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("HeidelTime") and re.fullmatch(r"[\d.]+", cells[2]):
            rows[cells[1]] = tuple(float(c) for c in cells[2:])
    return rows


def heideltime_expressions(readme: Path) -> dict[str, float] | None:
    """HeidelTime's figures on the recognizers-text suite, from its README ("179 of the 420 ... finding 325")."""
    if not readme.is_file():
        return None
    text = " ".join(readme.read_text(encoding="utf-8").split())
    match = re.search(r"value of (\d+) of the (\d+) news-safe expressions right.*?finding (\d+)", text)
    if match is None:
        return None
    right, gold, found = (int(g) for g in match.groups())
    return {"gold": gold, "found": found, "value_right": right, "value_right_share": round(100 * right / gold, 2)}


def _row(corpus: str, system: str, values: list[float | int | None], extra: str = "") -> str:
    cells = " ".join(f"{'':10}" if v is None else f"{v:10d}" if isinstance(v, int) else f"{v:10.2f}" for v in values)
    return f"{corpus:16} {system:13} {cells}{extra}".rstrip()


def _delta(now: list[float | int], before: list[float | int] | None) -> str:
    if not before:
        return ""
    return "   Δ " + " ".join(
        f"{a - b:+d}" if isinstance(a - b, int) else f"{a - b:+.2f}" for a, b in zip(now, before, strict=True)
    )


def timeml_corpora(eval_dir: Path, release: dict[str, dict[str, float]]) -> None:
    baseline = heideltime_figures(eval_dir / "README.md")
    print(f"{'corpus':16} {'system':13} " + " ".join(f"{c:>10}" for c in COLUMNS) + f" {'weekdays':>9} {'docs/s':>7}")
    corpora = [("TimeBank", lambda: timeml.read_corpus(eval_dir / "te3" / "TimeBank"))]
    corpora.append(("AQUAINT", lambda: timeml.read_corpus(eval_dir / "te3" / "AQUAINT")))
    if (eval_dir / "meantime" / "intra-doc_annotation").is_dir():
        corpora.append(("MEANTIME", lambda: meantime.read_corpus(eval_dir / "meantime" / "intra-doc_annotation")))
    for corpus, read in corpora:
        docs = read()
        started = time.perf_counter()
        report = timeml.evaluate(docs, lambda texts: nlp.parse(texts))
        rate = len(docs) / (time.perf_counter() - started)
        s = report.summary()
        now = [float(s[c]) for c in COLUMNS]
        print(_row(corpus, "timeline", list(now), f" {s['weekday_accuracy']:8.1f}% {rate:7.1f}"))
        before = [release[corpus][c] for c in COLUMNS] if corpus in release else None
        if before:
            print(_row(corpus, "last release", list(before), _delta(now, before)))
        if corpus in baseline:
            print(_row(corpus, "HeidelTime", list(baseline[corpus])))


EXPRESSION_COLUMNS = ("gold", "found", "value_right", "value_right_share", "spurious")


def recognizers_text(eval_dir: Path, release: dict[str, dict[str, float]]) -> None:
    folder = eval_dir / "recognizers-text"
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        return
    records = [r for f in files for r in expressions.read_gold(f)]
    report = expressions.evaluate(records, lambda texts: nlp.parse(texts))
    print()
    print(
        f"{'recognizers-text':16} {'system':13} "
        + " ".join(f"{c.replace('value_right', 'right'):>10}" for c in EXPRESSION_COLUMNS)
    )
    rows = [("all", report.figures())] + [(c, report.figures(c)) for c in report.categories()]
    for name, figures in rows:
        key = "recognizers-text" if name == "all" else f"recognizers-text {name}"
        now = [figures.get(c) for c in EXPRESSION_COLUMNS]
        print(_row(f"  {name}", "timeline", now))
        if key in release:
            before = [release[key].get(c) for c in EXPRESSION_COLUMNS]
            share = [n for n, b in zip(now, before, strict=True) if n is not None and b is not None]
            print(_row(f"  {name}", "last release", before, _delta(share, [b for b in before if b is not None])))
    heideltime = heideltime_expressions(folder / "README.md")
    if heideltime:
        print(_row("  all", "HeidelTime", [heideltime.get(c) for c in EXPRESSION_COLUMNS]))


def main(eval_dir: Path) -> None:
    release = json.loads(RELEASE.read_text(encoding="utf-8"))["figures"] if RELEASE.is_file() else {}
    timeml_corpora(eval_dir, release)
    recognizers_text(eval_dir, release)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "eval")
