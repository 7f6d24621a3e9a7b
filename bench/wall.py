"""Wall-clock throughput of the whole ``timeline run`` process against a whole bare spaCy process.

Builds N articles as ``bench/throughput.py`` does (the TimeML documents of ``../shared/eval/te3``, reused
with a "Copy k of DOCID." line beyond 256), then times, as a user waits for them, whole processes:

- ``pipeline_wall_s``: ``timeline run FOLDER --warehouse FRESH.duckdb --quiet`` with its defaults (one
  worker process per core, Prefect's flow on an ephemeral API unless ``PREFECT_API_URL`` is set), into a
  fresh warehouse: start-up, imports, reading, planning, parsing, loading, merged events, the run record;
- ``spacy_wall_s``: ``python -c`` loading the same model (every component of en_core_web_sm) and running
  a bare single-process ``nlp.pipe`` over the same texts, read from the same files;
- ``rerun_wall_s``: ``timeline run`` again over the unchanged folder into the last round's warehouse.

``--rounds`` rounds (default 3) alternate the order (spaCy first, then the pipeline first, ...), so that
a slower stretch of a shared machine weighs on both; each side's figure is the median of its rounds.
``peak_rss_mb`` is the peak of the summed resident memory of each process and all its children (sampled
every 50 ms), per side; ``peak_rss_by_process_mb`` gives, per side (of its round with the highest peak),
each process's own peak by what it is: ``main`` (the run's own process), ``worker`` (the parsing
processes), ``prefect_server`` (Prefect's ephemeral API server), ``resource_tracker`` (multiprocessing's),
``watcher`` (``timeline.lifeline``), ``other``; one figure for ``main``, a list in order of start for the
others. ``--trace FILE`` writes the pipeline's summed memory by role, once a second, to a CSV file (where
a process grows, and when). ``--quiet`` keeps the timeline table off the terminal (printing thousands of
rows is the terminal's time, not the pipeline's). Prints
``{"articles", "words", "workers", "pipeline_wall_s", "spacy_wall_s", "ratio", "rerun_wall_s",
"rerun_ratio", "peak_rss_mb", "peak_rss_by_process_mb", "rounds", "load"}`` (``ratio`` = spacy /
pipeline: above 1 the pipeline is faster; ``rerun_ratio`` = rerun / pipeline; ``load`` = the 1-minute
load average before and after).

``--pipeline-only`` times the pipeline's side alone (``spacy_wall_s`` and ``ratio`` null): its peak memory
on a large N without the hour of bare spaCy beside it.

    python bench/wall.py --articles 1000 [--rounds 3] [--workers N] [--pipeline-only] [--json] [--trace CSV]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import build  # noqa: E402  (the same articles as the CPU-time bench)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SPACY = """
import sys
from pathlib import Path
import {model} as package
nlp = package.load()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def role(proc: psutil.Process, root: int) -> str:
    """What a process of the run's tree is: the run itself, a parsing worker, Prefect's ephemeral server,
    multiprocessing's resource tracker, the descendants' watcher (``timeline.lifeline``), or other."""
    if proc.pid == root:
        return "main"
    try:
        command = " ".join(proc.cmdline())
    except psutil.Error:
        return "other"
    if "resource_tracker" in command:
        return "resource_tracker"
    if "spawn_main" in command:
        return "worker"
    if "uvicorn" in command or "prefect" in command:
        return "prefect_server"
    if "timeline.lifeline" in command:
        return "watcher"
    return "other"


class Tree:
    """Samples of the resident memory of a process and all its descendants: the peak of their sum, and each
    process's own peak by its :func:`role`."""

    def __init__(self, root: psutil.Process) -> None:
        self.root = root
        self.peak = 0
        self.peaks: dict[int, int] = {}  # pid -> its own peak RSS
        self.roles: dict[int, str] = {}
        self.trace: list[tuple[float, dict[str, int]]] = []  # (seconds, summed RSS by role)

    def sample(self, at: float) -> None:
        total, by_role = 0, {}
        for p in [self.root, *self.root.children(recursive=True)]:
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            if p.pid not in self.roles:
                self.roles[p.pid] = role(p, self.root.pid)
            total += rss
            self.peaks[p.pid] = max(self.peaks.get(p.pid, 0), rss)
            by_role[self.roles[p.pid]] = by_role.get(self.roles[p.pid], 0) + rss
        self.peak = max(self.peak, total)
        self.trace.append((at, by_role))

    def by_process(self) -> dict[str, float | list[float]]:
        """Each process's peak in MB, by role: one figure for the run's own process, a list (in order of
        start) for the others."""
        out: dict[str, list[float]] = {}
        for pid in sorted(self.peaks, key=lambda p: (list(self.roles).index(p), p)):
            out.setdefault(self.roles[pid], []).append(round(self.peaks[pid] / 2**20, 1))
        return {k: v[0] if k == "main" else v for k, v in out.items()}


def timed(command: list[str], env: dict[str, str], trace: Path | None = None) -> tuple[float, float, dict]:
    """(wall seconds, peak summed RSS in MB of the process tree, each process's peak by role) of one whole
    process; with ``trace``, the summed RSS of each role every second goes to that CSV file."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree = Tree(psutil.Process(proc.pid))
    while proc.poll() is None:
        try:
            tree.sample(time.perf_counter() - start)
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{tail}")
    if trace is not None:
        write_trace(tree, trace)
    return wall, tree.peak / 2**20, tree.by_process()


def write_trace(tree: Tree, path: Path) -> None:
    """One row a second: seconds, then the summed RSS in MB of each role."""
    roles = sorted({r for _, by_role in tree.trace for r in by_role})
    rows, last = [["seconds", *roles]], -1.0
    for at, by_role in tree.trace:
        if at - last >= 1.0:
            rows.append([f"{at:.1f}", *(f"{by_role.get(r, 0) / 2**20:.1f}" for r in roles)])
            last = at
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per side, in alternating order")
    parser.add_argument("--workers", type=int, help="timeline run --workers (default: its own, one per core)")
    parser.add_argument("--pipeline-only", action="store_true", help="time the pipeline alone (memory at large N)")
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    parser.add_argument("--trace", type=Path, help="write the pipeline's memory by role, every second, to this CSV")
    args = parser.parse_args()
    from timeline.settings import load_settings

    settings = load_settings()
    workers = args.workers or settings.workers
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="timeline-wall-") as tmp:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
        env.setdefault("PREFECT_HOME", str(Path(tmp) / "prefect"))  # a Prefect home of its own, made before timing
        folder = Path(tmp) / "articles"
        folder.mkdir()
        ((part, texts),) = build(folder, args.articles, 1)
        run = [str(BIN / "timeline"), "run", str(part), "--quiet"]
        run += ["--workers", str(workers)] if args.workers else []
        warm = Path(tmp) / "warm"
        warm.mkdir()
        (warm / "a.txt").write_text("The council met on Monday.", encoding="utf-8")
        timed([str(BIN / "timeline"), "run", str(warm), "--quiet", "--warehouse", str(Path(tmp) / "warm.duckdb")], env)
        bare = [sys.executable, "-c", SPACY.format(model=settings.model), str(part)]
        walls: dict[str, list[float]] = {"pipeline": [], "spacy": []}
        peaks: dict[str, float] = {"pipeline": 0.0, "spacy": 0.0, "rerun": 0.0}
        by_process: dict[str, dict] = {}  # per side, the round with the highest peak
        last = Path(tmp) / "wh0.duckdb"
        for r in range(args.rounds):
            order = ("spacy", "pipeline") if r % 2 == 0 else ("pipeline", "spacy")
            for side in [s for s in order if not (args.pipeline_only and s == "spacy")]:
                if side == "spacy":
                    wall, peak, processes = timed(bare, env)
                else:
                    last = Path(tmp) / f"wh{r}.duckdb"
                    wall, peak, processes = timed([*run, "--warehouse", str(last)], env, args.trace)
                walls[side].append(wall)
                if peak >= peaks[side]:
                    by_process[side] = processes
                peaks[side] = max(peaks[side], peak)
                if not args.json:
                    print(f"round {r + 1} {side}: {wall:.2f} s, {peak:.0f} MB", file=sys.stderr)
        rerun_wall, peaks["rerun"], by_process["rerun"] = timed([*run, "--warehouse", str(last)], env)
    pipeline_wall = statistics.median(walls["pipeline"])
    spacy_wall = statistics.median(walls["spacy"]) if walls["spacy"] else None
    figures = {
        "articles": args.articles,
        "words": sum(len(t.split()) for t in texts),
        "workers": workers,
        "pipeline_wall_s": round(pipeline_wall, 2),
        "spacy_wall_s": None if spacy_wall is None else round(spacy_wall, 2),
        "ratio": None if spacy_wall is None else round(spacy_wall / pipeline_wall, 3),
        "rerun_wall_s": round(rerun_wall, 2),
        "rerun_ratio": round(rerun_wall / pipeline_wall, 4),
        "peak_rss_mb": {k: round(v, 1) for k, v in peaks.items()},
        "peak_rss_by_process_mb": by_process,
        "rounds": {k: [round(w, 2) for w in v] for k, v in walls.items()},
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
