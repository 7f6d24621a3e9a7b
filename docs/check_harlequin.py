"""Manual check (not a test): open a warehouse in the real harlequin TUI, headless and read-only, run a
query on a view and save a screenshot. Needs a Python with harlequin==2.17.0 (it installs beside
duckdb==2.0.1); harlequin is not a dependency of this project.

    python docs/check_harlequin.py warehouse/timeline.duckdb harlequin.svg
"""

import asyncio
import sys

from harlequin.app import Harlequin
from harlequin_duckdb import DuckDbAdapter

SQL = "SELECT day, events, occurred, planned FROM events_by_day"


async def main(path: str, shot: str) -> None:
    adapter = DuckDbAdapter((path,), read_only=True, no_init=True)
    app = Harlequin(adapter=adapter, record_history=False, no_download_tzdata=True)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(3)
        app.editor.text = SQL
        await pilot.pause(0.5)
        await pilot.press("ctrl+j")  # run the query
        await pilot.pause(4)
        app.save_screenshot(shot)
    print(f"saved {shot}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
