"""How wire services and newsrooms open and close a story: bylines, datelines, agency credits, sign-offs.

Reads: the text of an article (or of a feed entry's story). Writes: a :class:`Lead` with what the lead
says (the dateline's city and date as written, the agency, the authors) and the character ranges that
are not the story's own words (``masked``): the byline lines, the dateline with its credit and dash, and
the sign-off lines ("(Reporting by ...; Editing by ...)"). The pipeline blanks those ranges before the
parse (same length, so every offset still points into the article's text): they never become events,
actors or parts of an event's text, and the dateline's date never dates a row.

The patterns are general, not a list of agencies: a dateline is one to four capitalised place words
(any script: "SÃO PAULO", "ZÜRICH", "МОСКВА"), optionally a region ("LA PAZ, Bolivia") and a day and
month in either order with an optional year ("April 30", "3 March", "Oct. 3, 2024"), optionally a credit
in parentheses or slashes ("(Reuters)", "(dpa)", "/PRNewswire/"), then a dash of any style (``-``, ``--``,
``–``, ``—``, EFE's ``.-``, old AP copy's ``_``). Without a credit or a date the place must be in
capitals ("BERLIN —"), so that "Apple - the iPhone maker - said" is not read as a dateline. A credit
alone opens a story too ("(Bloomberg) --"). A byline is a line "By" + one or more names (two to four
capitalised words each, joined by "and", "&" or commas), optionally followed by a title or an agency
name (``resources/sources/agencies.tsv``), which are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import resources

_WORD = r"[^\W\d_][\w'’.\-]*"
_PLACE = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_DAY_MONTH = (
    r"(?:[^\W\d_]{3,}\.?[ \t]+\d{1,2}|\d{1,2}\.?[ \t]+(?:de[ \t]+)?[^\W\d_]{3,}\.?)(?:,?[ \t]+(?:de[ \t]+)?\d{4})?"
    r"|\d{1,2}[ \t]*[月월][ \t]*\d{1,2}[ \t]*[日일]"  # "5 de marzo", "3 MAG"; Chinese, Japanese and Korean "5月3日"
)
_COMMA = r"[ \t]*[,，、][ \t]*"  # the ideographic commas too
_PARTICLES = {"de", "del", "da", "das", "do", "dos", "di", "du", "des", "la", "le", "el", "am", "an", "im", "upon"}
_CREDIT = r"(?:\([ \t]*(?P<agency>[^()\n\d]{2,40}?)[ \t]*\)|/[ \t]*(?P<wire>[^/\n\d]{2,30}?)[ \t]*/)"
_DASH = r"\.?[ \t]*(?:--?|[–—―_])"  # "_": AP's dash in the 1990s ("O'SMACH, Cambodia (AP)_ The")
_HEAD = rf"(?P<city>{_PLACE})(?:{_COMMA}(?P<region>{_PLACE}))?(?:{_COMMA}(?P<date>{_DAY_MONTH}))?"
# a dash then a space; an em or en dash may touch the story ("BERLIN—Germany's", "北京，5月3日电—")
DATELINE = re.compile(rf"{_HEAD}[ \t]*{_CREDIT}?(?:[ \t]*{_DASH}[ \t]+|[ \t]*[–—―][ \t]*)(?=\S)")
# Indian agencies write no dash: "NEW DELHI, Jan 10 (PTI) The Centre ...", "New Delhi (IANS): The ..." (a
# known agency's name only, so that "Apple (AAPL) shares rose" is no dateline)
DATELINE_NO_DASH = re.compile(rf"{_HEAD}[ \t]*\([ \t]*(?P<agency>[^()\n\d]{{2,40}}?)[ \t]*\)[ \t]*:?[ \t]+(?=\S)")
CREDIT_ONLY = re.compile(rf"{_CREDIT}[ \t]*{_DASH}[ \t]+(?=\S)")
BYLINE = re.compile(r"[ \t]*By[ \t]+(?P<names>[^\n]{3,120}?)[ \t]*(?:\n|$)")
SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:\(|--?[ \t]*|—[ \t]*)?(?:additional[ \t]+)?(?:reporting|writing|editing|compiled|"
    r"edited|reported)[ \t]+by\b[^\n]*$"
    r"|^[ \t]*(?:--?|—)?[ \t]*with[ \t]+assistance[ \t]+(?:from|by)\b[^\n]*$"  # Bloomberg's "--With assistance from"
    r"|^[^\n]{0,160}\bcontributed[ \t]+(?:to[ \t]+)?(?:this[ \t]+)?report(?:ing)?\.?[ \t]*$"
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*$")
_ROLES = {
    "correspondent", "writer", "reporter", "editor", "staff", "chief", "columnist", "contributor",
    "producer", "journalist", "analyst", "bureau", "desk",
}  # fmt: skip


@dataclass(frozen=True)
class Lead:
    """What the opening (and the sign-off) of a story says about it; offsets into the text read."""

    city: str | None = None
    region: str | None = None
    date_text: str | None = None
    agency: str | None = None
    byline: str | None = None
    end: int = 0  # just past the byline and dateline: where the story's own words begin
    masked: tuple[tuple[int, int], ...] = ()  # ranges that are not the story's words (lead, sign-offs)


def agencies() -> dict[str, str]:
    return resources.table("sources/agencies.tsv")


def _capitalised(words: list[str]) -> bool:
    """Every word capitalised, or in a script without capitals ("東京", "القاهرة"); a particle inside a name
    may be lower-case ("Ciudad de México", "Rio de Janeiro")."""
    inner = range(1, len(words) - 1)
    return bool(words) and all(
        w[:1].isupper() or not w[:1].islower() or (i in inner and w in _PARTICLES) for i, w in enumerate(words)
    )


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _display(place: str) -> str:
    """A place as a name: "SÃO PAULO" → "São Paulo" (words written in capitals only)."""
    words = [w.title() if _all_caps(w) else w for w in place.split()]
    return " ".join(w.lower() if 0 < i < len(words) - 1 and w.lower() in _PARTICLES else w for i, w in enumerate(words))


def _person(words: list[str]) -> str | None:
    """A person's name of two to four capitalised words, without a trailing agency name or title."""
    table = agencies()
    for size in (3, 2, 1):  # "JOSH BOAK Associated Press": the agency after the name is not the name
        if len(words) > size and " ".join(words[-size:]).lower() in table:
            words = words[:-size]
            break
    while words and words[-1].lower().strip(".") in _ROLES:
        words = words[:-1]
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) and w[:1].isupper() for w in words):
        return None
    return " ".join(w.title() if _all_caps(w) else w for w in words)


def _byline(names: str) -> str | None:
    """The authors of a byline ("Andrea Shalal and David Lawder"), or None if it is not one."""
    people: list[str] = []
    parts = [p.strip() for p in re.split(r",", names)]
    for number, part in enumerate(parts):
        words = part.split()
        if number > 0 and (any(w.lower().strip(".") in _ROLES for w in words) or part.lower() in agencies()):
            break  # "By Sam Blewett, PA Political Correspondent": a title, not a second author
        for piece in re.split(r"[ \t]+(?:and|&)[ \t]+", part):
            person = _person(piece.split())
            if person is None:
                return None
            people.append(person)
    return "; ".join(people) if people else None


def _dateline(line: str) -> tuple[dict[str, str | None], int] | None:
    """The parts of a dateline at the start of ``line`` and where it ends, or None."""
    credit = CREDIT_ONLY.match(line)
    if credit is not None:
        agency = (credit.group("agency") or credit.group("wire") or "").strip()
        return {"city": None, "region": None, "date": None, "agency": agency}, credit.end()
    found = DATELINE.match(line)
    if found is None:
        found = DATELINE_NO_DASH.match(line)
        if found is None or found.group("agency").strip().lower() not in agencies():
            return None
        if line[found.end() : found.end() + 1].islower():  # "India (PTI) is ...": a sentence, not a lead
            return None
    city, region, when = found.group("city"), found.group("region"), found.group("date")
    agency = (found.group("agency") or found.group("wire") or "").strip() or None
    if not _capitalised(city.split()) or (region is not None and not _capitalised(region.split())):
        return None
    if agency is not None and len(agency.split()) > 4:
        return None
    if agency is None and when is None:
        after = line[found.end() :]
        if not _all_caps(city) or not after[:1].isupper() and after[:1] not in "\"'“‘":
            return None  # "Apple - the iPhone maker - said": a capitalised word before a dash is no dateline
    return {"city": _display(city), "region": region, "date": when, "agency": agency}, found.end()


def _skip_blank(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


HEAD_LINES = 4  # a lead may follow a headline, a standfirst or a date line (web pages as extracted)
HEAD_LINE_CHARS = 200


def read_lead(text: str) -> Lead:
    """The byline, dateline and sign-offs of ``text`` (see the module docstring).

    The lead is looked for at the start of the text, and else at the start of each of the next few short
    lines (a page's headline or date line comes first in the extracted text)."""
    at = _skip_blank(text, 0)
    for _ in range(HEAD_LINES):
        lead = _lead_at(text, at)
        if lead.end or lead.byline:
            return lead
        line_end = text.find("\n", at)
        if line_end < 0 or line_end - at > HEAD_LINE_CHARS:
            break
        at = _skip_blank(text, line_end)
    return _lead_at(text, len(text), _skip_blank(text, 0))


def _lead_at(text: str, at: int, sign_offs_from: int | None = None) -> Lead:
    """The lead starting at offset ``at`` (none if the story does not open there), and the sign-offs."""
    masked: list[tuple[int, int]] = []
    byline = None
    found = BYLINE.match(text, at)
    if found is not None and (names := _byline(found.group("names"))) is not None:
        byline = names
        masked.append((at, found.end("names")))
        at = _skip_blank(text, found.end())
        line_end = text.find("\n", at)
        line = text[at : line_end if line_end >= 0 else len(text)].strip()
        if line.lower() in agencies():  # "By JOSH BOAK" then "Associated Press" on a line of its own
            masked.append((at, at + len(line)))
            at = _skip_blank(text, at + len(line))
    parts: dict[str, str | None] = {}
    dateline = _dateline(text[at : at + 300])
    end = at if byline else 0
    if dateline is not None:
        parts, length = dateline
        masked.append((at, at + length))
        end = at + length
    for sign_off in SIGN_OFF.finditer(text, end if sign_offs_from is None else sign_offs_from):
        masked.append((sign_off.start(), sign_off.end()))
    return Lead(
        city=parts.get("city"),
        region=parts.get("region"),
        date_text=parts.get("date"),
        agency=parts.get("agency"),
        byline=byline,
        end=end,
        masked=tuple(masked),
    )


def credited(agency: str | None, byline: str | None) -> frozenset[str]:
    """The names of who wrote a story — its agency under each of its names ("AP", "Associated Press", "The
    Associated Press") and its authors: they report the news, they are not parties to it ("told Reuters")."""
    names: set[str] = set()
    table = agencies()
    if agency:
        short = table.get(agency.lower(), agency)
        names.update({agency, short})
        names.update(full for full, s in table.items() if s == short)
    if byline:
        names.update(byline.split("; "))
    return frozenset(n.lower() for n in names)
