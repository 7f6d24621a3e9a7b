"""What a run's exit status and final state are, so that a scheduler can trust them.

Reads: the paths a run was given and its summary (:func:`timeline.runner.execute`). Writes: an
:class:`Outcome`. The rules, the same for ``timeline run`` and the Prefect flow (whose run is then
Failed):

- a path that does not exist, or a glob pattern that matches no file, fails the run (exit status 3)
  unless ``allow_empty``: a mistyped inbox must not look healthy forever;
- a run in which every input was refused fails (exit status 4);
- otherwise the run succeeds (0), and refused inputs are a warning, counted in the message.
"""

from __future__ import annotations

import glob
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NO_INPUT, EXIT_ALL_REFUSED = 0, 1, 2, 3, 4
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
EXIT_CODES = {
    EXIT_OK: "done; refused inputs, if any, are a warning (listed, and counted in the run)",
    EXIT_ERROR: "an error: the warehouse is locked or unreadable, a setting is invalid, bad SQL ...",
    EXIT_USAGE: "a usage error: unknown command or option, missing or malformed value",
    EXIT_NO_INPUT: "a path does not exist or a glob matches no file (unless --allow-empty)",
    EXIT_ALL_REFUSED: "every input of the run was refused",
    EXIT_SIGINT: "interrupted by SIGINT (Ctrl-C): the run is recorded as interrupted",
    EXIT_SIGTERM: "interrupted by SIGTERM: the run is recorded as interrupted",
}


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    message: str
    refused: int

    @property
    def failed(self) -> bool:
        return self.exit_code != EXIT_OK


def missing_targets(paths: Sequence[str | Path]) -> list[str]:
    """The paths that name nothing: neither an existing file or folder nor a glob matching a file."""
    missing = []
    for raw in paths:
        text = str(raw)
        if Path(text).exists():
            continue
        if glob.has_magic(text) and next(glob.iglob(text, recursive=True), None) is not None:
            continue
        missing.append(text)
    return missing


def judge(paths: Sequence[str | Path], summary: Mapping[str, Any], allow_empty: bool = False) -> Outcome:
    """The outcome of a run over ``paths`` that ended with ``summary``."""
    refused = int(summary.get("rejected") or 0)
    used = sum(int(summary.get(k) or 0) for k in ("loaded", "unchanged"))
    counts = f"{used} inputs loaded or unchanged, {refused} refused"
    missing = missing_targets(paths)
    if missing and not allow_empty:
        shown = ", ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
        return Outcome(EXIT_NO_INPUT, f"failed: no such file, folder or match: {shown} ({counts})", refused)
    if refused > len(missing) and not used:  # (each missing path is one refused input, allowed here)
        return Outcome(EXIT_ALL_REFUSED, f"failed: every input was refused ({counts})", refused)
    warning = " (a warning: the reasons are in timeline status)" if refused else ""
    return Outcome(EXIT_OK, f"done: {counts}{warning}", refused)
