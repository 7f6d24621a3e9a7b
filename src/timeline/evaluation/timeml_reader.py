"""Read TimeML ``.tml`` files: the raw text, the creation date, TIMEX3s, EVENTs and TLINKs with offsets.

Reads: a TempEval-3 style TimeML file. Writes: one :class:`TimeMLDocument` whose offsets index the
text of its ``<TEXT>`` element with every tag removed (the text the pipeline sees).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class Timex:
    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    function: str  # CREATION_TIME for the document date, NONE otherwise


@dataclass(frozen=True)
class GoldEvent:
    eid: str
    start: int
    end: int
    text: str
    event_class: str


@dataclass(frozen=True)
class TLink:
    rel_type: str
    source: tuple[str, str]  # ("event", eid) or ("time", tid); instances are resolved to their event
    target: tuple[str, str]


@dataclass(frozen=True)
class TimeMLDocument:
    doc_id: str
    text: str
    dct: date | None
    timexes: tuple[Timex, ...]
    events: tuple[GoldEvent, ...]
    tlinks: tuple[TLink, ...]

    def timex(self, tid: str) -> Timex | None:
        return next((t for t in self.timexes if t.tid == tid), None)

    def event(self, eid: str) -> GoldEvent | None:
        return next((e for e in self.events if e.eid == eid), None)


def _walk(elem: ET.Element, parts: list[str], pos: list[int], timexes: list[Timex], events: list[GoldEvent]) -> None:
    start = pos[0]
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        _walk(child, parts, pos, timexes, events)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    text = "".join(parts)[start : pos[0]]
    if elem.tag == "TIMEX3":
        a = elem.attrib
        timexes.append(
            Timex(
                a.get("tid", ""),
                start,
                pos[0],
                text,
                a.get("type", ""),
                a.get("value", ""),
                a.get("functionInDocument", "NONE"),
            )
        )
    elif elem.tag == "EVENT":
        events.append(GoldEvent(elem.attrib.get("eid", ""), start, pos[0], text, elem.attrib.get("class", "")))


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read(path: Path) -> TimeMLDocument:
    """Parse one TimeML file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"cannot read TimeML file {path}: {exc}") from exc
    text_elem = root.find("TEXT")
    if text_elem is None:
        raise InputError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[Timex] = []
    events: list[GoldEvent] = []
    text_elem.tail = None
    _walk(text_elem, parts, [0], timexes, events)
    text = "".join(parts)
    dct = None
    dct_elem = root.find("DCT/TIMEX3")
    if dct_elem is not None:
        a = dct_elem.attrib
        dct = _date(a.get("value", ""))
        timexes.append(
            Timex(
                a.get("tid", "t0"),
                -1,
                -1,
                dct_elem.text or "",
                a.get("type", "DATE"),
                a.get("value", ""),
                "CREATION_TIME",
            )
        )
    instances = {m.attrib.get("eiid", ""): m.attrib.get("eventID", "") for m in root.iter("MAKEINSTANCE")}

    def node(attrs: dict[str, str], event_key: str, time_key: str) -> tuple[str, str] | None:
        if attrs.get(event_key):
            return ("event", instances.get(attrs[event_key], attrs[event_key]))
        if attrs.get(time_key):
            return ("time", attrs[time_key])
        return None

    links = []
    for link in root.iter("TLINK"):
        a = link.attrib
        source = node(a, "eventInstanceID", "timeID")
        target = node(a, "relatedToEventInstance", "relatedToTime")
        if source and target:
            links.append(TLink(a.get("relType", ""), source, target))
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    return TimeMLDocument(doc_id, text, dct, tuple(timexes), tuple(events), tuple(links))


def read_folder(folder: Path) -> list[TimeMLDocument]:
    """Every ``.tml`` file under ``folder`` (or the file itself), in name order."""
    if folder.is_file():
        return [read(folder)]
    if not folder.is_dir():
        raise InputError(f"no such TimeML folder: {folder}")
    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise InputError(f"no .tml files in {folder}")
    return [read(f) for f in files]
