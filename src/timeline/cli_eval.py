"""``timeline eval ...``: score the pipeline on gold corpora. Each command calls one evaluation function."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Score the pipeline on gold corpora.", no_args_is_help=True)
