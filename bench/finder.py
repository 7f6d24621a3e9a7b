"""The regex time-expression finder (``temporal.find``) alone: its CPU time, and what it finds, over every
text of ``../shared/eval``.

The texts: the TimeML documents (TimeBank, AQUAINT), the MEANTIME documents, the SemEval-2015 trial
corpus (its tokens joined as the evaluation joins them) and the recognizers-text sentences. ``find`` runs
over each, ``--rounds`` times (default 3; the figure is the fastest round's CPU seconds, so that other
jobs on a shared machine tilt it less), after one untimed call that compiles the rules.

``--dump FILE`` writes what it found (every candidate of every text, as its ``repr``) to FILE;
``--check FILE`` compares what it finds now with such a file and exits 1 at the first difference, naming
the text and the candidates: a change meant to make the finder cheaper is checked with a dump made before
it (``tests/test_prefilter.py`` runs the same comparison, on a sample, against a full scan of every rule).

    python bench/finder.py [--rounds R] [--dump FILE | --check FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def texts() -> list[tuple[str, str]]:
    """(name, text) of every evaluation text, in a fixed order."""
    from timeline.evaluation import expressions, meantime, semeval2015, timeml_reader

    out: list[tuple[str, str]] = []
    for corpus in ("TimeBank", "AQUAINT"):
        out += [(f"te3/{corpus}/{d.doc_id}", d.text) for d in timeml_reader.read_folder(EVAL / "te3" / corpus)]
    out += [(f"meantime/{d.name}", d.text) for d in meantime.read_corpus(EVAL / "meantime")]
    trial = EVAL / "semeval2015-timeline" / "trial-corpus"
    out += [(f"semeval/{p.name}", semeval2015.read_cat(p).text) for p in sorted(trial.glob("*.xml"))]
    out += [(f"recognizers/{r.line}", r.text) for r in expressions.read_gold(EVAL / "recognizers-text")]
    return out


def found(all_texts: list[tuple[str, str]]) -> list[list[str]]:
    from timeline.temporal.extract import find

    return [[repr(c) for c in find(text)] for _, text in all_texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--check", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from timeline.temporal.extract import find

    all_texts = texts()
    find("compile the rules on 3 May 2024")
    seconds = []
    for _ in range(max(1, args.rounds)):
        start = time.process_time()
        for _, text in all_texts:
            find(text)
        seconds.append(time.process_time() - start)
    result = found(all_texts)
    summary = {
        "texts": len(all_texts),
        "characters": sum(len(t) for _, t in all_texts),
        "candidates": sum(map(len, result)),
        "find_cpu_s": round(min(seconds), 3),
        "rounds_cpu_s": [round(s, 3) for s in seconds],
    }
    if args.dump:
        dump = [[name, cands] for (name, _), cands in zip(all_texts, result, strict=True)]
        args.dump.write_text(json.dumps(dump), encoding="utf-8")
    if args.check:
        before = json.loads(args.check.read_text(encoding="utf-8"))
        if [n for n, _ in before] != [n for n, _ in all_texts]:
            sys.exit("the texts differ from those of the dump")
        for (name, old), new in zip(before, result, strict=True):
            if old != new:
                print(f"{name}: differs\n  before: {sorted(set(old) - set(new))}\n  now: {sorted(set(new) - set(old))}")
                sys.exit(1)
        summary["same_as_dump"] = True
    print(json.dumps(summary) if args.json else "\n".join(f"{k}: {v}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
