"""``timeline eval ...``: score the pipeline on gold corpora. Each command calls one evaluation function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

eval_app = typer.Typer(help="Score the pipeline on gold corpora.", no_args_is_help=True)
_out = Console()

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
        table.add_row(name, *(str(scores.get(c, "")) for c in columns))
    _out.print(table)


@eval_app.command()
def anchoring(
    gold_dirs: Annotated[list[Path], typer.Argument(help="TimeML folders (e.g. ../shared/eval/te3/TimeBank).")],
    as_json: JsonOption = False,
) -> None:
    """Does the pipeline date each TLINK-anchored gold EVENT, on its token, to the gold DATE value?"""
    from .evaluation.anchoring import evaluate

    _print_scores(evaluate(gold_dirs), as_json, "event anchoring")


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
