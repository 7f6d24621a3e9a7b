"""CPU seconds of each stage of :func:`timeline.pipeline.process_batch`, over ``bench/throughput.py``'s articles.

Builds N articles as ``bench/throughput.py`` does (the TimeML documents of ``../shared/eval/te3``, reused
beyond 256 with a "Copy k of DOCID." line), reads them as ``timeline run`` reads a folder, and runs
:class:`timeline.runner.ParseJob` on batches of ``--batch`` (default 50) in this process, after one
untimed batch of two articles (the model and the rules loaded). Each stage is wrapped in
``time.process_time``: the regex finder (``find``), the choice of what to parse (``segments_with_time``),
the parse (``parse_where``), the tagger (``tag``), reading events (``read_events``, ``from_the_lead``) and
dating them (``resolve_events``). Prints ``{"articles", "total_s", "stages_s": {stage: CPU s}}``. Compare
two versions of the code by running this alternately with each (``PYTHONPATH=OTHER/src``), on a shared
machine twice each at least: the figures are CPU seconds of one process, which other jobs still tilt.

    python bench/stages.py [--articles N] [--batch B]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import throughput

from timeline import nlp, pipeline, runner
from timeline.records import Article
from timeline.settings import load_settings

STAGES = ("find", "segments_with_time", "tag", "read_events", "from_the_lead", "resolve_events")


def timed(spent: dict[str, float], name: str, work: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return work(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()

    spent: dict[str, float] = {}
    for name in STAGES:
        setattr(pipeline, name, timed(spent, name, getattr(pipeline, name)))
    nlp.parse_where = timed(spent, "parse_where", nlp.parse_where)  # type: ignore[method-assign]
    settings = load_settings()
    with tempfile.TemporaryDirectory() as folder:
        ((part, _),) = throughput.build(Path(folder), args.articles, 1)
        articles = sorted((a for a in runner.read_inputs([part], settings) if isinstance(a, Article)),
                          key=lambda a: a.source)  # fmt: skip
    job = runner.ParseJob(settings.model, settings.nlp_batch_size)
    job(articles[:2])
    spent.clear()
    start = time.process_time()
    for batch in runner.batched(articles, args.batch):
        job(batch)
    total = time.process_time() - start
    stages = {k: round(v, 3) for k, v in spent.items()}
    print(json.dumps({"articles": len(articles), "total_s": round(total, 3), "stages_s": stages}))


if __name__ == "__main__":
    main()
