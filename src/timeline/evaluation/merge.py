"""Score cross-article merging against MEANTIME's cross-document event annotation.

Reads: MEANTIME files of ``intra_cross-doc_annotation`` (tokens, EVENT_MENTIONs, the document-level
EVENTs they refer to, and the cross-document instance — ``instance_id`` — an EVENT belongs to). Writes:
pairwise precision and recall of :func:`timeline.events.merge.group_events` and the wrong and missed merges.

From the raw text of every document (the creation time as publication date), the pipeline dates events;
each event is matched to the gold event mention on its trigger's token. A pair of mentions in two
different documents is

- a **gold pair** when both mentions belong to the same cross-document instance;
- a **system pair** when the pipeline put events on those two mentions in one canonical event.

Precision is over the system pairs the gold can judge (both mentions belong to some instance); recall
over the gold pairs whose two mentions the pipeline dated (``recall``), and over every gold pair
(``recall_end_to_end``: what a user gets from the raw text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Event
from .meantime import read_layout


@dataclass(frozen=True)
class GoldMention:
    doc: str
    m_id: str
    start: int
    end: int
    text: str
    instance: str | None  # the cross-document instance, when the annotators gave one


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    dct: date | None
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True)
class Pair:
    a: GoldMention
    b: GoldMention
    events: tuple[Event | None, Event | None]


def read_gold(path: Path) -> GoldDoc:
    layout = read_layout(path)
    root = layout.root
    name = root.get("doc_name") or path.stem
    events = {e.get("m_id", ""): e.get("instance_id") for e in root.iter("EVENT")}
    instance_of: dict[str, str | None] = {}
    for link in root.iter("REFERS_TO"):
        target = link.find("target")
        if target is None or target.get("m_id") not in events:
            continue
        for source in link.findall("source"):
            instance_of[source.get("m_id", "")] = events[target.get("m_id", "")]
    mentions = []
    for m in root.iter("EVENT_MENTION"):
        tids = [a.get("t_id", "") for a in m.findall("token_anchor")]
        spans = [layout.offsets[t] for t in tids if t in layout.offsets]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        m_id = m.get("m_id", "")
        mentions.append(GoldMention(name, m_id, start, end, layout.text[start:end], instance_of.get(m_id)))
    return GoldDoc(name, layout.text, layout.dct, tuple(mentions))


def read_corpus(folders: Sequence[Path]) -> list[GoldDoc]:
    files = []
    for folder in folders:
        if not folder.is_dir():
            raise InputError(f"{folder}: not a folder of MEANTIME files")
        files += sorted(folder.rglob("*.xml"))
    if not files:
        raise InputError("no MEANTIME .xml files in " + ", ".join(str(f) for f in folders))
    return [read_gold(f) for f in files]


def system_events(docs: Sequence[GoldDoc], model: str | None = None) -> list[Event]:
    """The pipeline's events for every document, from the raw text, ``article_id`` = the document name."""
    from .. import nlp
    from ..events import find_events
    from ..temporal import tag

    parsed = nlp.parse([d.text for d in docs], model=model) if model else nlp.parse([d.text for d in docs])
    out: list[Event] = []
    for gold, doc in zip(docs, parsed, strict=True):
        out += find_events(doc, tag(doc, gold.name, gold.dct), gold.dct)
    return out


def _key(m: GoldMention) -> tuple[str, str]:
    return (m.doc, m.m_id)


def score(docs: Sequence[GoldDoc], events: Sequence[Event], groups: Sequence[Sequence[Event]]) -> dict[str, Any]:
    """Pairwise figures of ``groups`` (canonical events as lists of mentions) against the gold."""
    at: dict[tuple[str, str], GoldMention] = {}
    by_doc = {d.name: d for d in docs}
    mention_of: dict[str, GoldMention] = {}  # event id -> gold mention on its trigger
    for e in events:
        doc = by_doc.get(e.article_id)
        if doc is None:
            continue
        m = next((m for m in doc.mentions if m.start <= e.trigger_start < m.end), None)
        if m is not None:
            mention_of[e.event_id] = m
            at[_key(m)] = m
    event_on: dict[tuple[str, str], Event] = {}
    for e in events:
        if e.event_id in mention_of:
            event_on.setdefault(_key(mention_of[e.event_id]), e)
    system: dict[frozenset[tuple[str, str]], Pair] = {}
    for group in groups:
        found = [(mention_of[e.event_id], e) for e in group if e.event_id in mention_of]
        for i, (ma, ea) in enumerate(found):
            for mb, eb in found[i + 1 :]:
                if ma.doc != mb.doc:
                    system.setdefault(frozenset((_key(ma), _key(mb))), Pair(ma, mb, (ea, eb)))
    all_mentions = [m for d in docs for m in d.mentions if m.instance]
    gold: dict[frozenset[tuple[str, str]], Pair] = {}
    by_instance: dict[str, list[GoldMention]] = {}
    for m in all_mentions:
        by_instance.setdefault(m.instance or "", []).append(m)
    for members in by_instance.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.doc != b.doc:
                    gold[frozenset((_key(a), _key(b)))] = Pair(a, b, (event_on.get(_key(a)), event_on.get(_key(b))))
    judged = {k: p for k, p in system.items() if p.a.instance and p.b.instance}
    right = [p for k, p in judged.items() if k in gold]
    wrong = [p for k, p in judged.items() if k not in gold]
    found_gold = {k: p for k, p in gold.items() if all(x in at for x in k)}
    missed = [p for k, p in found_gold.items() if k not in system]
    p = len(right) / len(judged) if judged else None  # no pair the gold can judge: precision is not measured
    r = len([k for k in found_gold if k in system]) / len(found_gold) if found_gold else 0.0
    r_all = len([k for k in gold if k in system]) / len(gold) if gold else 0.0
    return {
        "documents": len(docs),
        "gold_pairs": len(gold),
        "gold_pairs_found": len(found_gold),
        "system_pairs": len(system),
        "system_pairs_judged": len(judged),
        "right": len(right),
        "precision": None if p is None else round(100 * p, 2),
        "recall": round(100 * r, 2),
        "f1": None if p is None else round(200 * p * r / (p + r), 2) if p + r else 0.0,
        "recall_end_to_end": round(100 * r_all, 2),
        "wrong_merges": wrong,
        "missed_merges": missed,
    }


def evaluate(folders: Sequence[Path], model: str | None = None) -> dict[str, Any]:
    """Run the pipeline on the MEANTIME folders, merge its events, and score the merge."""
    from ..events.merge import group_events

    docs = read_corpus(folders)
    events = system_events(docs, model)
    return score(docs, events, group_events(events))


def describe(pair: Pair) -> str:
    """One line per side: document, word, and the pipeline's reading (trigger, date, actors, place)."""
    parts = []
    for m, e in zip((pair.a, pair.b), pair.events, strict=True):
        seen = f"{e.trigger} {e.value} {list(e.actors)} {e.place or ''}".strip() if e is not None else "-"
        parts.append(f"{m.doc[:40]}: {m.text!r} [{m.instance}] {seen}")
    return "  |  ".join(parts)
