"""CPU seconds of each process of a whole ``timeline run``, by what it is, against a baseline checkout.

Builds N articles as ``bench/throughput.py`` does, then runs ``timeline run FOLDER --quiet --warehouse
FRESH.duckdb`` (its defaults: one worker per core, a Prefect server of the run's own unless
``PREFECT_API_URL`` is set) and samples every 0.25 s the CPU time (user + system) of every process of
its tree, by :func:`wall.role`: ``main`` (the run's own process), ``worker``, ``prefect_server``,
``watcher``, ``resource_tracker``, ``other``; a process's last sample is its figure. On a machine shared
with other jobs the wall clock means little, the CPU seconds of one process much more.

``--baseline DIR`` also runs ``DIR/.venv/bin/timeline`` (another checkout, ``main`` say) on the same
folder, alternating the order round by round (baseline first, then this checkout first, ...), so that a
busier stretch of the machine weighs on both. Every run gets the same ``PREFECT_HOME`` (made by a first
untimed run when it is new: a new one's database migrations cost its server ~8 CPU s once).

    python bench/run_cpu.py --articles 1000 [--rounds 2] [--baseline /path/to/other/checkout] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import build  # noqa: E402
from wall import role  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def sampled(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """CPU seconds of each role of ``command``'s process tree, and its wall clock (``wall_s``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    seen: dict[int, tuple[str, float]] = {}
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            tree = []
        for p in tree:
            try:
                times = p.cpu_times()
                name = role(p, root.pid)  # "other" for a moment between fork and exec, and once gone
                if name == "other" and p.pid in seen:
                    name = seen[p.pid][0]
                seen[p.pid] = (name, times.user + times.system)
            except psutil.Error:
                pass
        time.sleep(0.25)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{tail}")
    out: dict[str, float] = {}
    for name, cpu in seen.values():
        out[name] = round(out.get(name, 0.0) + cpu, 2)
    return {**out, "wall_s": round(wall, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", type=Path, help="another checkout (with its .venv) to run beside this one")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="timeline-run-cpu-") as tmp:
        work = Path(tmp)
        (work / "articles").mkdir()
        build(work / "articles", args.articles, 1)
        folder = work / "articles" / "part0"
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env["PREFECT_HOME"] = str(work / "prefect")
        sides = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})

        def once(side: str, n: int) -> dict[str, float]:
            wh = work / f"{side}-{n}.duckdb"
            return sampled([str(sides[side] / ".venv/bin/timeline"), "run", str(folder), "--quiet", "--warehouse",
                            str(wh)], env)  # fmt: skip

        once("this", -1)  # makes PREFECT_HOME's database (untimed)
        results: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
        for n in range(args.rounds):
            order = list(sides) if n % 2 else list(sides)[::-1]
            for side in order:
                results[side].append(once(side, n))
                if not args.json:
                    print(side, n, results[side][-1], flush=True)
        shutil.rmtree(work / "articles")
    summary = {"articles": args.articles, "rounds": args.rounds, **results}
    print(json.dumps(summary, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
