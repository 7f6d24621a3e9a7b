"""The SemEval-2015 Task 4 timeline score: temporal awareness (UzZaman and Allen, 2011), as the task's tool computes it.

Reads: timelines as :class:`Timeline` (lines of position, date, event mentions). Writes: precision, recall
and F1. The graphs are built the way the official tool (``evaluation_tool/evaluation_timeline.py`` of the
task, run on Python 2.7) builds them, so that the figures agree:

- the lines are sorted by the natural order of their text (position, then date, then mentions);
  lines at position 0 (unordered) are left out;
- every event *mention* is a node, SIMULTANEOUS with the TIMEX node of its date string; the date
  strings are compared as written (``2008`` and ``2008-XX-XX`` are two TIMEX nodes; ``XXXX-XX-XX`` is
  one TIMEX like any other);
- consecutive mentions in that order are related: BEFORE when the position grows, else SIMULTANEOUS;
- a system mention or date string that the gold has takes the gold node's id (a mention listed twice
  takes the gold's next occurrence, as the tool does), anything else a new node;
- each graph is reduced as it is built, in that order: a relation already implied is dropped, a
  relation that contradicts the graph is kept (counted) but not added.

Precision = reduced system relations that the gold states or implies / reduced system relations; recall
the converse; both micro-averaged over the timelines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

BEFORE, SIMULTANEOUS = "BEFORE", "SIMULTANEOUS"
Relation = tuple[str, str, str]


@dataclass(frozen=True)
class TimelineLine:
    position: int
    date: str
    mentions: tuple[str, ...]

    def text(self) -> str:
        return f"{self.position}\t{self.date}\t" + "\t".join(self.mentions)


@dataclass(frozen=True)
class Timeline:
    entity: str
    lines: tuple[TimelineLine, ...] = field(default=())

    def to_text(self) -> str:
        return "\n".join([self.entity] + [ln.text() for ln in self.lines]) + "\n"


def parse_timeline(text: str) -> Timeline:
    """A timeline file: the entity on the first line, then ``position<TAB>date<TAB>mention...`` lines."""
    rows = [r for r in text.splitlines() if r.strip()]
    if not rows:
        return Timeline("")
    lines = []
    for row in rows[1:]:
        cells = row.split("\t")
        if len(cells) >= 3 and cells[0].strip().isdigit():
            lines.append(
                TimelineLine(int(cells[0]), cells[1].strip(), tuple(c.strip() for c in cells[2:] if c.strip()))
            )
    return Timeline(rows[0].strip(), tuple(lines))


def _natural(text: str) -> list[int | str]:
    # re.split with a group alternates text and digits, so the types line up when two keys are compared
    return [int(c) if c.isdigit() else c for c in re.split(r"(\d+)", text)]


def ordered_lines(timeline: Timeline) -> list[TimelineLine]:
    """The ordered lines the tool reads: sorted by their text's natural order, position 0 left out."""
    rows = sorted((ln.text().rstrip() for ln in timeline.lines), key=_natural)
    out = []
    for row in rows:
        cells = row.split("\t")
        if len(cells) >= 3 and int(cells[0]) != 0:
            out.append(TimelineLine(int(cells[0]), cells[1], tuple(cells[2:])))
    return out


@dataclass(frozen=True)
class Nodes:
    """The gold's node ids: its date strings (TIMEX ``t0``...) and event mentions (``ei1``...) in order."""

    times: tuple[str, ...]
    events: tuple[str, ...]


def _chain(events: list[tuple[str, int]]) -> list[Relation]:
    return [
        (a, BEFORE if pa < pb else SIMULTANEOUS, b) for (a, pa), (b, pb) in zip(events, events[1:], strict=False)
    ]


def gold_graph(gold: Timeline) -> tuple[list[Relation], Nodes]:
    times: list[str] = []
    events: list[tuple[str, int]] = []
    anchors: list[Relation] = []
    mentions: list[str] = []
    for line in ordered_lines(gold):
        if line.date not in times:
            times.append(line.date)
        for mention in line.mentions:
            mentions.append(mention)
            node = f"ei{len(mentions)}"
            events.append((node, line.position))
            anchors.append((node, SIMULTANEOUS, f"t{times.index(line.date)}"))
    return anchors + _chain(events), Nodes(tuple(times), tuple(mentions))


def system_graph(system: Timeline, gold: Nodes) -> list[Relation]:
    next_time, next_event = len(gold.times) + 1, len(gold.events) + 1
    time_ids: dict[str, str] = {}
    seen: list[str] = []
    events: list[tuple[str, int]] = []
    anchors: list[Relation] = []
    for line in ordered_lines(system):
        if line.date not in time_ids:
            if line.date in gold.times:
                time_ids[line.date] = f"t{gold.times.index(line.date)}"
            else:
                time_ids[line.date], next_time = f"t{next_time}", next_time + 1
        for mention in line.mentions:
            earlier = seen.count(mention)
            if mention in gold.events and earlier < gold.events.count(mention):
                # the tool's own lookup: the first gold occurrence at or after (first + times seen)
                node = f"ei{gold.events.index(mention, gold.events.index(mention) + earlier) + 1}"
            else:
                node, next_event = f"ei{next_event}", next_event + 1
            seen.append(mention)
            events.append((node, line.position))
            anchors.append((node, SIMULTANEOUS, time_ids[line.date]))
    return anchors + _chain(events)


class Graph:
    """A graph of BEFORE/SIMULTANEOUS relations, reduced while it is built (see the module docstring)."""

    def __init__(self, rels: Sequence[Relation]):
        self.parent: dict[str, str] = {}
        self.edges: list[tuple[str, str]] = []  # BEFORE, between nodes
        self.stated: set[Relation] = set()
        self.final: list[Relation] = []
        for rel in dict.fromkeys(rels):  # a relation stated twice is one relation
            a, r, b = rel
            self.stated.update({rel, (b, r if r == SIMULTANEOUS else "AFTER", a)})
            if self._new(a) | self._new(b) or not self.holds(a, r, b):
                if not self._contradicts(a, r, b):
                    self._add(a, r, b)
                self.final.append(rel)

    def _new(self, x: str) -> bool:
        if x in self.parent:
            return False
        self.parent[x] = x
        return True

    def _find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _reaches(self, a: str, b: str) -> bool:
        after: dict[str, set[str]] = {}
        for x, y in self.edges:
            after.setdefault(self._find(x), set()).add(self._find(y))
        start, goal = self._find(a), self._find(b)
        seen, stack = set(), list(after.get(start, ()))
        while stack:
            c = stack.pop()
            if c == goal:
                return True
            if c not in seen:
                seen.add(c)
                stack.extend(after.get(c, ()))
        return False

    def holds(self, a: str, r: str, b: str) -> bool:
        if a not in self.parent or b not in self.parent:
            return False
        if r == SIMULTANEOUS:
            return self._find(a) == self._find(b)
        return self._reaches(a, b)

    def _contradicts(self, a: str, r: str, b: str) -> bool:
        if r == SIMULTANEOUS:
            return self._reaches(a, b) or self._reaches(b, a)
        return self._find(a) == self._find(b) or self._reaches(b, a)

    def _add(self, a: str, r: str, b: str) -> None:
        if r == SIMULTANEOUS:
            self.parent[self._find(a)] = self._find(b)
        else:
            self.edges.append((a, b))

    def verifies(self, rel: Relation) -> bool:
        return rel in self.stated or self.holds(*rel)


@dataclass
class Tally:
    sys_total: int = 0
    sys_ok: int = 0
    gold_total: int = 0
    gold_ok: int = 0

    def add(self, gold: Timeline, system: Timeline) -> None:
        gold_rels, nodes = gold_graph(gold)
        g, s = Graph(gold_rels), Graph(system_graph(system, nodes))
        self.sys_total += len(s.final)
        self.sys_ok += sum(g.verifies(rel) for rel in s.final)
        self.gold_total += len(g.final)
        self.gold_ok += sum(s.verifies(rel) for rel in g.final)

    def scores(self) -> dict[str, float | int]:
        p = 100 * self.sys_ok / self.sys_total if self.sys_total else 0.0
        r = 100 * self.gold_ok / self.gold_total if self.gold_total else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2)}


def score(pairs: Sequence[tuple[Timeline, Timeline]]) -> dict[str, float | int]:
    """Micro-averaged temporal awareness over ``(gold, system)`` timeline pairs."""
    tally = Tally()
    for gold, system in pairs:
        tally.add(gold, system)
    return tally.scores()
