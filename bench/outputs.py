"""Every record the pipeline makes over the eval texts, written as JSON lines, and compared with a reference.

A guard for changes that must not change outputs (speed-ups of the parse, say): make a reference with the
code before the change, then compare the code after it with that reference.

The texts: the TimeML documents of ``../shared/eval/te3`` (TimeBank and AQUAINT, their ``TEXT`` and
creation date), the MEANTIME documents of ``../shared/eval/meantime/intra-doc_annotation`` (rebuilt text
and creation date) and the seed articles of ``seeds/``. Each is written as a ``.txt`` file with a
``.meta.json`` sidecar (the publication date) into a temporary folder and read back as ``timeline run``
reads a folder (:func:`timeline.sources.read_articles`: wire leads, dates); each article's ``source`` is
then its name relative to that folder, so that article ids are the same from run to run. The articles go
through :class:`timeline.runner.ParseJob` (one memory zone per batch, as a worker runs them) in batches of
the settings' ``batch_size`` (50), in this process.

Each line of the output is one record: ``{"kind": "article" | "mention" | "event" | "reading" |
"rejection" | "note", "batch": N, ...the record's fields}``, in the order the batches make them (the
inputs refused while reading, duplicates, first, with ``"batch": -1``).
``--compare REF.jsonl`` writes nothing unless ``--out`` is given; it prints the number of records on each
side, the number that differ and the first few differences (record by record, in order), and exits with
status 1 when any differ.

    python bench/outputs.py --out REF.jsonl            # make a reference
    python bench/outputs.py --compare REF.jsonl        # compare this code with it
    python bench/outputs.py --compare REF.jsonl --out NEW.jsonl --show 10

``--limit N`` takes the first N texts only (a quick look; a reference and a comparison must use the
same N).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from timeline import runner
from timeline.evaluation import meantime, timeml
from timeline.records import Article, BatchResult, Rejection
from timeline.settings import load_settings
from timeline.sources import read_articles

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SEEDS = ROOT / "seeds"
KINDS = (("article", "articles"), ("mention", "mentions"), ("event", "events"), ("reading", "readings"),
         ("rejection", "rejections"), ("note", "notes"))  # fmt: skip


def texts() -> list[tuple[str, str, date | None]]:
    """(name, text, creation date) of every eval document: TimeBank, AQUAINT, MEANTIME."""
    out = []
    for corpus in ("TimeBank", "AQUAINT"):
        out += [(f"{corpus}/{d.name}", d.text, d.dct) for d in timeml.read_corpus(EVAL / "te3" / corpus)]
    folder = EVAL / "meantime" / "intra-doc_annotation"
    if folder.is_dir():
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            out += [(f"meantime/{sub.name}/{d.name}", d.text, d.dct) for d in meantime.read_corpus(sub)]
    return out


def articles(folder: Path, limit: int | None = None) -> list[Article | Rejection]:
    """The eval texts and the seeds, written under ``folder`` and read back as a run reads them (a text
    that is another's copy is refused, as a run refuses it)."""
    docs = texts()[:limit] if limit else texts()
    for i, (name, text, dct) in enumerate(docs):
        stem = f"{i:04d}-{name.replace('/', '_')}"
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        if dct is not None:
            (folder / f"{stem}.meta.json").write_text(json.dumps({"published": dct.isoformat()}), encoding="utf-8")
    if not limit:
        for path in sorted(SEEDS.iterdir()):
            (folder / path.name).write_bytes(path.read_bytes())

    def relative(source: str) -> str:
        return str(Path(source).relative_to(folder))

    out: list[Article | Rejection] = []
    for item in read_articles([folder]):
        if isinstance(item, Article):
            out.append(dataclasses.replace(item, source=relative(item.source)))
        else:
            out.append(Rejection(relative(item.source), item.reason.replace(f"{folder}/", "")))
    return out


def records(result: BatchResult, batch: int) -> Iterator[dict[str, Any]]:
    for kind, field in KINDS:
        for record in getattr(result, field):
            row = dataclasses.asdict(record) if not isinstance(record, tuple) else {"value": list(record)}
            yield {"kind": kind, "batch": batch, **row}


def run(limit: int | None = None) -> list[dict[str, Any]]:
    settings = load_settings(workers=1)
    with tempfile.TemporaryDirectory(prefix="timeline-outputs-") as tmp:
        items = articles(Path(tmp), limit)
    job = runner.ParseJob(settings.model, settings.nlp_batch_size, (), settings.date_order)
    refused = [r for r in items if isinstance(r, Rejection)]
    out = list(records(BatchResult(rejections=tuple(refused)), -1))  # refused while reading: "batch" -1
    items = [a for a in items if isinstance(a, Article)]
    for b, batch in enumerate(runner.batched(items, settings.batch_size)):
        out += records(job(batch), b)
    return [json.loads(json.dumps(r, default=str)) for r in out]  # dates as ISO strings, tuples as lists


def compare(now: list[dict[str, Any]], reference: list[dict[str, Any]], show: int) -> int:
    """Print the differences; return how many records differ (one per position, plus the longer side's extra)."""
    differ = [i for i, (a, b) in enumerate(zip(now, reference, strict=False)) if a != b]
    extra = abs(len(now) - len(reference))
    print(f"records: {len(now)} now, {len(reference)} in the reference; {len(differ) + extra} differ")
    for i in differ[:show]:
        a, b = now[i], reference[i]
        fields = {k: (b.get(k), a.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}
        print(f"  #{i} {b.get('kind')} (batch {b.get('batch')}): " + "; ".join(
            f"{k}: {old!r} → {new!r}" for k, (old, new) in fields.items()))  # fmt: skip
    if extra:
        longer, side = (now, "now") if len(now) > len(reference) else (reference, "reference")
        for r in longer[min(len(now), len(reference)) :][: max(0, show - len(differ))]:
            print(f"  only {side}: {r}")
    return len(differ) + extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the records here (JSON lines)")
    parser.add_argument("--compare", type=Path, metavar="REF.jsonl", help="compare with this reference")
    parser.add_argument("--show", type=int, default=5, help="differences to print (default 5)")
    parser.add_argument("--limit", type=int, help="the first N eval texts only (no seeds)")
    args = parser.parse_args()
    if args.out is None and args.compare is None:
        parser.error("give --out, --compare, or both")
    cpu = time.process_time()
    now = run(args.limit)
    print(f"{len(now)} records, {time.process_time() - cpu:.1f} CPU s", file=sys.stderr)
    if args.out is not None:
        with args.out.open("w", encoding="utf-8") as f:
            for r in now:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.compare is not None:
        with args.compare.open(encoding="utf-8") as f:
            reference = [json.loads(line) for line in f if line.strip()]
        if compare(now, reference, args.show):
            sys.exit(1)


if __name__ == "__main__":
    main()
