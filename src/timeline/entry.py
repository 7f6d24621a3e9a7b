"""The ``timeline`` program's entry point: Ctrl-C while the command line is still being imported.

Importing :mod:`timeline.cli` (typer, rich, DuckDB, Arrow) takes most of a second, and a Ctrl-C in that
time used to print Python's traceback of whatever module was loading. This module imports nothing heavy:
it imports the command line inside a ``try`` and turns that interrupt into the same one line and exit
status 130 as an interrupt later on (:func:`timeline.cli.main`).
"""

from __future__ import annotations

import sys

INTERRUPTED = "interrupted by SIGINT (Ctrl-C): stopped before anything was written or changed"
EXIT_INTERRUPTED = 130


def main() -> None:
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    cli_main()


if __name__ == "__main__":
    main()
