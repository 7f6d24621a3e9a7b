"""``timeline eval ...``: score the pipeline on gold corpora. Each command calls one evaluation function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

eval_app = typer.Typer(help="Score the pipeline on gold corpora.", no_args_is_help=True)


# ---- timeline eval timeml / weekdays -------------------------------------------------------------


def _timeml_report(folders: list[Path], out_dir: Path | None = None):  # type: ignore[no-untyped-def]
    from . import nlp
    from .evaluation import timeml

    docs = [d for folder in folders for d in timeml.read_corpus(folder)]
    return timeml.evaluate(docs, lambda texts: nlp.parse(texts), out_dir)


@eval_app.command("timeml")
def timeml_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of TimeML .tml files (gold TIMEX3, DCT).")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Write our output as TimeML files here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    misses: Annotated[bool, typer.Option("--misses", help="Also list every disagreement with gold.")] = False,
) -> None:
    """Score TIMEX3 tagging and normalisation on TimeML files, as the TempEval-3 scorer does."""
    report = _timeml_report([gold_dir], out_dir)
    summary = report.summary()
    if as_json:
        keys = ("docs", "gold", "system", "strict_f1", "relaxed_f1", "value_f1", "type_f1")
        typer.echo(json.dumps({k: summary[k] for k in keys}))
        return
    if misses:
        for doc in report.docs:
            for g, s in doc.misses:
                gold = f"{g.text!r} {g.type} {g.value}" if g else "-"
                ours = f"{s.text!r} {s.type} {s.value}" if s else "-"
                typer.echo(f"{doc.name}\tgold {gold}\tours {ours}")
    c = report.counts
    typer.echo(f"{gold_dir}: {summary['docs']} docs, {c.gold} gold TIMEX3, {c.system} system")
    typer.echo(
        f"strict F1 {summary['strict_f1']:.2f}  relaxed F1 {summary['relaxed_f1']:.2f} "
        f"(P {summary['relaxed_precision']:.2f} R {summary['relaxed_recall']:.2f})  "
        f"value F1 {summary['value_f1']:.2f}  type F1 {summary['type_f1']:.2f}"
    )
    typer.echo(f"weekdays: {summary['weekday_accuracy']:.2f}% of {summary['weekdays']} resolved to the gold value")


@eval_app.command("weekdays")
def weekdays_cmd(
    gold_dirs: Annotated[list[Path], typer.Argument(help="Folders of TimeML .tml files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Accuracy over gold weekday mentions ("Friday", "Monday morning"), with every miss listed."""
    report = _timeml_report(gold_dirs)
    cases = report.weekdays
    right = sum(w.system == w.gold for w in cases)
    if as_json:
        typer.echo(
            json.dumps({"weekdays": len(cases), "correct": right, "accuracy": report.summary()["weekday_accuracy"]})
        )
        return
    for w in cases:
        if w.system != w.gold:
            typer.echo(f"{w.doc}\t{w.text!r}\tgold {w.gold}\tours {w.system}")
    typer.echo(f"weekdays: {right}/{len(cases)} = {report.weekday_accuracy():.2f}% resolved to the gold value")
