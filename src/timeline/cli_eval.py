"""``timeline eval ...``: score the pipeline on gold corpora. Each command calls one evaluation function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

eval_app = typer.Typer(help="Score the pipeline on gold corpora.", no_args_is_help=True)


# ---- timeline eval timeml / weekdays -------------------------------------------------------------


def _timeml_report(folders: list[Path], out_dir: Path | None = None, fmt: str = "timeml"):
    from . import nlp
    from .errors import InputError
    from .evaluation import meantime, timeml

    readers = {"timeml": timeml.read_corpus, "meantime": meantime.read_corpus}
    if fmt not in readers:
        raise InputError(f"unknown gold format {fmt!r}: use timeml or meantime")
    docs = [d for folder in folders for d in readers[fmt](folder)]
    return timeml.evaluate(docs, lambda texts: nlp.parse(texts), out_dir)


@eval_app.command("timeml")
def timeml_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of TimeML .tml files (gold TIMEX3, DCT).")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Write our output as TimeML files here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    misses: Annotated[bool, typer.Option("--misses", help="Also list every disagreement with gold.")] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="Gold format: timeml (.tml files) or meantime (NAF/CAT .xml files).")
    ] = "timeml",
) -> None:
    """Score TIMEX3 tagging and normalisation on TimeML files, as the TempEval-3 scorer does."""
    report = _timeml_report([gold_dir], out_dir, fmt)
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
    typer.echo(
        f"weekdays: {summary['weekday_accuracy']:.2f}% of {summary['weekdays']} resolved to the gold value, "
        f"{summary['weekday_day_accuracy']:.2f}% to the gold day"
    )


@eval_app.command("weekdays")
def weekdays_cmd(
    gold_dirs: Annotated[list[Path], typer.Argument(help="Folders of TimeML .tml files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="Gold format: timeml (.tml files) or meantime (NAF/CAT .xml files).")
    ] = "timeml",
) -> None:
    """Accuracy over gold weekday mentions ("Friday", "Monday morning"), with every miss listed."""
    report = _timeml_report(gold_dirs, None, fmt)
    cases = report.weekdays
    right, same_day = sum(w.right for w in cases), sum(w.same_day for w in cases)
    off_weekday = sum(w.gold_on_weekday is False for w in cases)
    if as_json:
        figures = {"weekdays": len(cases), "correct": right, "accuracy": round(report.weekday_accuracy(), 2)}
        figures |= {"same_day": same_day, "day_accuracy": round(report.weekday_accuracy(same_day=True), 2)}
        typer.echo(json.dumps(figures | {"gold_not_on_weekday": off_weekday}))
        return
    for w in cases:
        if not w.right:
            note = "\tsame day" if w.same_day else "\tgold not on that weekday" if w.gold_on_weekday is False else ""
            typer.echo(f"{w.doc}\t{w.text!r}\tgold {w.gold}\tours {w.system}{note}")
    typer.echo(f"weekdays: {right}/{len(cases)} = {report.weekday_accuracy():.2f}% resolved to the gold value")
    typer.echo(
        f"          {same_day}/{len(cases)} = {report.weekday_accuracy(same_day=True):.2f}% to the gold day "
        "(a part of day the gold span leaves out is not counted against us)"
    )
    typer.echo(f"          {off_weekday} gold values do not fall on the weekday they name")


# ---- timeline eval expressions ---------------------------------------------------------------------


@eval_app.command("expressions")
def expressions_cmd(
    gold: Annotated[
        Path, typer.Argument(help="JSONL gold file, or a folder of them (e.g. ../shared/eval/recognizers-text).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list every gold expression missed or wrong, and every spurious one.")
    ] = False,
) -> None:
    """Found and right values over the news-safe gold expressions of a JSONL file, matched by overlap."""
    from . import nlp
    from .evaluation import expressions

    report = expressions.evaluate(expressions.read_gold(gold), lambda texts: nlp.parse(texts))
    if as_json:
        typer.echo(json.dumps(report.summary()))
        return
    if misses:
        for case in report.cases:
            if not case.right:
                f = case.found
                ours = f"{f.text!r} {f.value} ({f.rule})" if f else "-"
                typer.echo(
                    f"{case.record.line}\t{case.gold.category}\tgold {case.gold.text!r} {case.gold.value}"
                    f"\tours {ours}\t{case.record.text!r}"
                )
        for record, f in report.spurious:
            typer.echo(f"{record.line}\tspurious\tours {f.text!r} {f.value} ({f.rule})\t{record.text!r}")
    rows = [("all", report.figures())] + ([(c, report.figures(c)) for c in report.categories()] if misses else [])
    typer.echo(f"{gold}: {report.records} records, news-safe gold expressions only")
    for name, fig in rows:
        spurious = f"  spurious {fig['spurious']}" if "spurious" in fig else ""
        typer.echo(
            f"{name:12} gold {fig['gold']}  found {fig['found']}  "
            f"value right {fig['value_right']} ({fig['value_right_share']:.2f}% of gold){spurious}"
        )


_out = Console(markup=False, emoji=False)  # file names and texts are data, never markup

JsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]


def _print_scores(report: dict[str, dict[str, Any]], as_json: bool, title: str) -> None:
    """One row per corpus (nested score groups become their own rows), or JSON."""
    if as_json:
        typer.echo(json.dumps(report if len(report) > 1 else next(iter(report.values())), indent=2))
        return
    rows: list[tuple[str, dict[str, Any]]] = []
    for name, scores in report.items():
        rows.append((name, {k: v for k, v in scores.items() if not isinstance(v, dict)}))
        rows += [(f"{name} ({k})", v) for k, v in scores.items() if isinstance(v, dict)]
    columns = list(rows[0][1])
    table = Table(title=title, header_style="bold")
    for c in ["corpus", *columns]:
        table.add_column(c, justify="left" if c == "corpus" else "right")
    for name, scores in rows:
        table.add_row(name, *("n/a" if c in scores and scores[c] is None else str(scores.get(c, "")) for c in columns))
    _out.print(table)


@eval_app.command()
def anchoring(
    gold_dirs: Annotated[list[Path], typer.Argument(help="TimeML folders (e.g. ../shared/eval/te3/TimeBank).")],
    as_json: JsonOption = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list every missed gold anchoring and every wrong one (TSV).")
    ] = False,
) -> None:
    """Does the pipeline date each TLINK-anchored gold EVENT, on its token, to the gold DATE value?"""
    from .evaluation.anchoring import Miss, evaluate

    found: list[Miss] | None = [] if misses else None
    report = evaluate(gold_dirs, misses=found)
    for m in found or []:
        typer.echo("\t".join((m.doc_id, m.kind, m.event, m.value, m.timex, m.reason, m.sentence)))
    _print_scores(report, as_json, "event anchoring")


@eval_app.command()
def semeval2015(
    corpus_dir: Annotated[Path, typer.Argument(help="CAT XML documents (e.g. .../trial-corpus).")],
    timelines_dir: Annotated[Path, typer.Argument(help="Gold timelines, one .txt per target entity.")],
    as_json: JsonOption = False,
    out: Annotated[Path | None, typer.Option("--out", help="Also write the system timelines to this folder.")] = None,
) -> None:
    """Build each target entity's timeline from raw text (SemEval-2015 Task 4, track A) and score it."""
    from .evaluation.semeval2015 import evaluate

    _print_scores({corpus_dir.name: evaluate(corpus_dir, timelines_dir, out_dir=out)}, as_json, "SemEval-2015 TimeLine")


@eval_app.command("merge")
def merge_cmd(
    gold_dirs: Annotated[
        list[Path], typer.Argument(help="MEANTIME folders with cross-document annotation (intra_cross-doc_annotation).")
    ],
    as_json: JsonOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Only the figures, not the wrong and missed merges.")] = False,
) -> None:
    """Score cross-article merging against MEANTIME's cross-document event instances (pairwise)."""
    from .evaluation.merge import describe, evaluate

    report = evaluate(gold_dirs)
    if not quiet and not as_json:
        for kind in ("wrong", "missed"):
            for pair in report[f"{kind}_merges"]:
                typer.echo(f"{kind}\t{describe(pair)}")
    figures = {k: v for k, v in report.items() if not isinstance(v, list)}
    _print_scores({"MEANTIME": figures}, as_json, "cross-article merging")
