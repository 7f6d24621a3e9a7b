"""The SemEval-2015 Task 4 timeline score: temporal awareness (UzZaman and Allen, 2011) over timeline graphs.

Reads: timelines as :class:`Timeline` (lines of ordinal, date, event mentions). Writes: precision, recall
and F1. Each timeline becomes a graph, as the task defines it:

- each time anchor is a TIMEX node; each event is SIMULTANEOUS with the TIMEX of its date (an
  unknown date, ``XXXX-XX-XX``, gives no TIMEX);
- events at the same position are SIMULTANEOUS; an event at an earlier position is BEFORE one at a
  later position (position 0 holds unordered events: no ordering relation);
- the mentions on one line are one event: they are SIMULTANEOUS with each other.

Precision = |reduced(system) ∩ closure(gold)| / |reduced(system)|, recall = |reduced(gold) ∩
closure(system)| / |reduced(gold)|, micro-averaged over the timelines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

BEFORE, SIMULTANEOUS = "BEFORE", "SIMULTANEOUS"


@dataclass(frozen=True)
class TimelineLine:
    position: int
    date: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    entity: str
    lines: tuple[TimelineLine, ...] = field(default=())

    def to_text(self) -> str:
        rows = [self.entity] + [f"{ln.position}\t{ln.date}\t" + "\t".join(ln.mentions) for ln in self.lines]
        return "\n".join(rows) + "\n"


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


def normal_date(value: str) -> str:
    """``2008-03-XX`` and ``2008-03`` are the same anchor."""
    while value.endswith("-XX") or value.endswith("-XXX"):
        value = value.rsplit("-", 1)[0]
    return value


def _known(value: str) -> bool:
    return bool(value) and not value.startswith("XXX")


def relations(timeline: Timeline) -> set[tuple[str, str, str]]:
    """The graph of a timeline as ``(a, relation, b)`` triples."""
    rels: set[tuple[str, str, str]] = set()
    by_position: dict[int, list[str]] = {}
    for line in timeline.lines:
        first = line.mentions[0] if line.mentions else None
        for other in line.mentions[1:]:
            rels.add((first or other, SIMULTANEOUS, other))
        if first is None:
            continue
        if _known(line.date):
            rels.add((first, SIMULTANEOUS, "TIMEX:" + normal_date(line.date)))
        if line.position > 0:
            by_position.setdefault(line.position, []).append(first)
    positions = sorted(by_position)
    for p in positions:
        group = by_position[p]
        rels.update((group[0], SIMULTANEOUS, x) for x in group[1:])
    for earlier, later in zip(positions, positions[1:], strict=False):
        rels.add((by_position[earlier][0], BEFORE, by_position[later][0]))
    return rels


class Closure:
    """The closure of BEFORE/SIMULTANEOUS relations: equivalence classes ordered by reachability."""

    def __init__(self, rels: Iterable[tuple[str, str, str]]):
        rels = list(rels)
        self.parent: dict[str, str] = {}
        for a, r, b in rels:
            self._find(a)
            self._find(b)
            if r == SIMULTANEOUS:
                self.parent[self._find(a)] = self._find(b)
        self.after: dict[str, set[str]] = {}
        for a, r, b in rels:
            if r == BEFORE:
                self.after.setdefault(self._find(a), set()).add(self._find(b))
        self._reach: dict[str, set[str]] = {}

    def _find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def reach(self, cls: str) -> set[str]:
        if cls not in self._reach:
            seen: set[str] = set()
            stack = list(self.after.get(cls, ()))
            while stack:
                c = stack.pop()
                if c not in seen:
                    seen.add(c)
                    stack.extend(self.after.get(c, ()))
            self._reach[cls] = seen
        return self._reach[cls]

    def holds(self, a: str, r: str, b: str) -> bool:
        if a not in self.parent or b not in self.parent:
            return False
        ca, cb = self._find(a), self._find(b)
        if r == SIMULTANEOUS:
            return ca == cb
        return cb in self.reach(ca)

    def reduced(self) -> set[tuple[str, str, str]]:
        """A minimal relation set with the same closure: chains inside classes, the reduction between them."""
        members: dict[str, list[str]] = {}
        for x in self.parent:
            members.setdefault(self._find(x), []).append(x)
        out: set[tuple[str, str, str]] = set()
        for group in members.values():
            group.sort()
            out.update((a, SIMULTANEOUS, b) for a, b in zip(group, group[1:], strict=False))
        for cls in members:
            direct = self.reach(cls)
            implied = set().union(*(self.reach(c) for c in direct)) if direct else set()
            for nxt in direct - implied:
                out.add((min(members[cls]), BEFORE, min(members[nxt])))
        return out


@dataclass
class Tally:
    sys_total: int = 0
    sys_ok: int = 0
    gold_total: int = 0
    gold_ok: int = 0

    def add(self, gold: Timeline, system: Timeline) -> None:
        g, s = Closure(relations(gold)), Closure(relations(system))
        s_red, g_red = s.reduced(), g.reduced()
        self.sys_total += len(s_red)
        self.sys_ok += sum(g.holds(*rel) for rel in s_red)
        self.gold_total += len(g_red)
        self.gold_ok += sum(s.holds(*rel) for rel in g_red)

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
