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
alone opens a story too ("(Bloomberg) --"), and may come before the dateline (ANSA's "(ANSA) - ROME, MAR 10
-"); a date with a credit needs no place (UPI's "Nov. 5 (UPI) --"). The agencies of China, Japan and Korea
write their own forms, read with a known agency's name only: "新华社北京5月3日电（记者张三）" (agency, city,
date, reporters), "【ワシントン共同】" (place and agency), "(서울=연합뉴스) 김철수 기자 =" (place=agency,
reporter). A byline is a line "By" + one or more names (two to four
capitalised words each, joined by "and", "&" or commas), optionally followed by a title or an agency
name (``resources/sources/agencies.tsv``), which are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .. import resources


def _marks() -> str:
    """A character class of the combining marks (Unicode category M) of the Basic Multilingual Plane: the
    vowel signs of Devanagari and other Indic scripts ("दिल्ली") are no word characters for ``re``."""
    ranges: list[str] = []
    run: tuple[int, int] | None = None  # the first and last code of the current run of marks
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if run is not None and code == run[1] + 1:
                run = (run[0], code)
                continue
            if run is not None:
                ranges.append(f"{chr(run[0])}-{chr(run[1])}")
            run = (code, code)
    if run is not None:
        ranges.append(f"{chr(run[0])}-{chr(run[1])}")
    return "".join(ranges)


MARKS = _marks()
# a place word: a letter, then letters, marks, apostrophes, dots, hyphens and a slash ("Frankfurt/Main")
_WORD = rf"[^\W\d_][\w{MARKS}'’.\-]*(?:/[^\W\d_][\w{MARKS}'’.\-]*)?"
_PLACE = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_MONTH = rf"[^\W\d_](?:[^\W\d_]|[{MARKS}])+\.?"  # "Sept.", "MAG", "जनवरी" (its vowel signs are marks)
_DAY_MONTH = (
    rf"(?:{_MONTH}[ \t]+\d{{1,2}}|\d{{1,2}}\.?[ \t]+(?:de[ \t]+)?{_MONTH})(?:,?[ \t]+(?:de[ \t]+)?\d{{4}})?"
    r"|\d{1,2}[ \t]*[月월][ \t]*\d{1,2}[ \t]*[日일]"  # "5 de marzo", "3 MAG"; Chinese, Japanese and Korean "5月3日"
)
_COMMA = r"[ \t]*[,，、][ \t]*"  # the ideographic commas too
_PARTICLES = {"de", "del", "da", "das", "do", "dos", "di", "du", "des", "la", "le", "el", "am", "an", "im", "upon"}
_CREDIT = r"(?:\([ \t]*(?P<agency>[^()\n\d]{2,40}?)[ \t]*\)|/[ \t]*(?P<wire>[^/\n\d]{2,30}?)[ \t]*/)"
_DASH = r"\.?[ \t]*(?:--?|[–—―_])"  # "_": AP's dash in the 1990s ("O'SMACH, Cambodia (AP)_ The")
# the date after a comma, or after a full stop (Interfax's "MOSCOW. Nov 12 (Interfax) -"), and a full stop may
# end it (TASS's "MOSCOW, October 15. /TASS/.")
_HEAD = (
    rf"(?P<city>{_PLACE})(?:{_COMMA}(?P<region>{_PLACE}))?"
    rf"(?:(?:{_COMMA}|[ \t]*\.[ \t]+)(?P<date>{_DAY_MONTH})\.?)?"
)
# a dash then a space; an em or en dash may touch the story ("BERLIN—Germany's", "北京，5月3日电—"), and so may a
# double hyphen (Jiji's "Tokyo, Jan. 20 (Jiji Press)--The"); a full stop closes a credit in slashes (TASS's
# "/TASS/. Russian")
DATELINE = re.compile(
    rf"{_HEAD}[ \t]*{_CREDIT}?(?:[ \t]*{_DASH}[ \t]+|[ \t]*[–—―][ \t]*|[ \t]*--(?=[^\W\d_])|(?<=/)\.[ \t]+)(?=\S)"
)
# a place then a colon, as papers of South Asia and the Gulf write ("NEW DELHI: The Union Cabinet", "Dubai: The
# UAE will"); read only where the paragraph it opens is a sentence (see _colon_dateline)
DATELINE_COLON = re.compile(rf"(?P<city>{_PLACE}):[ \t]+(?=[^\W\d_\s]|[\"'“‘])")
# Indian agencies write no dash: "NEW DELHI, Jan 10 (PTI) The Centre ...", "New Delhi (IANS): The ..." (a
# known agency's name only, so that "Apple (AAPL) shares rose" is no dateline)
DATELINE_NO_DASH = re.compile(rf"{_HEAD}[ \t]*\([ \t]*(?P<agency>[^()\n\d]{{2,40}}?)[ \t]*\)[ \t]*:?[ \t]+(?=\S)")
CREDIT_ONLY = re.compile(rf"{_CREDIT}[ \t]*{_DASH}[ \t]+(?=\S)")
# a date and a credit with no place: UPI's "Nov. 5 (UPI) -- The House ..."
DATE_CREDIT = re.compile(rf"(?P<date>{_DAY_MONTH})[ \t]*{_CREDIT}[ \t]*{_DASH}[ \t]+(?=\S)")
# Chinese agencies: "新华社北京5月3日电（记者张三）" (agency, city, date, 电 "wired", the reporters)
CHINESE = re.compile(
    r"(?P<agency>[^\W\d_]{1,5}[社网])(?P<city>[^\W\d_]{1,8}?)(?P<date>\d{1,2}月\d{1,2}日)电"
    r"(?:[ \t]*[（(][ \t]*(?:记者)?(?P<byline>[^）)\n]{1,40})[）)])?[ \t]*"
)
# Japanese papers: "【ワシントン共同】" (the place and the agency in lenticular brackets)
BRACKETED = re.compile(r"【(?P<body>[^】\n]{1,24})】[ \t]*")
# Korean agencies: "(서울=연합뉴스) 김철수 기자 = " (place=agency, then the reporter and his title)
KOREAN = re.compile(
    r"[(（][ \t]*(?P<city>[^\W\d_=()]{1,12})[ \t]*=[ \t]*(?P<agency>[^\W_=()]{2,12})[ \t]*[)）][ \t]*"
    r"(?:(?P<byline>[^\W\d_][^=\n]{0,40}?)[ \t]*(?:기자|특파원)[ \t]*=[ \t]*)?"
)
BYLINE = re.compile(r"[ \t]*By[ \t]+(?P<names>[^\n]{3,120}?)[ \t]*(?:\n|$)")
SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:\(|--?[ \t]*|—[ \t]*)?(?:additional[ \t]+)?(?:reporting|writing|editing|compiled|"
    r"edited|reported)[ \t]+by\b[^\n]*$"
    r"|^[ \t]*(?:--?|—)?[ \t]*with[ \t]+assistance[ \t]+(?:from|by)\b[^\n]*$"  # Bloomberg's "--With assistance from"
    r"|^[^\n]{0,160}\bcontributed[ \t]+(?:to[ \t]+)?(?:this[ \t]+)?report(?:ing)?\.?[ \t]*$"
)
# Notes a newsroom adds to a story that are no part of it: what a correction or an update changed, when it
# was updated, the copyright, how to reach the reporter. They never become events and never date a row.
EDITORIAL_NOTE = re.compile(
    # Reuters' and AP's notes in parentheses: "(Corrects day of week in paragraph 3 to Tuesday)", "(Updates
    # with details)", "(Adds quotes in paragraphs 4-5)"
    r"(?im)^[ \t]*\([ \t]*(?:corrects|corrected|updates|adds|recasts|refiles|removes|changes|fixes|repeats|"
    r"rewrites|clarifies|deletes|inserts|replaces|restores|moves)\b[^\n]*\)[ \t]*$"
    # "This story has been corrected to show ...", "An earlier version of this article misstated the date"
    r"|^[ \t]*(?:\*[ \t]*)?this[ \t]+(?:story|article|report|item|post)[ \t]+(?:has[ \t]+been|was|is[ \t]+being)"
    r"[ \t]+(?:corrected|updated|amended|changed|clarified)\b[^\n]*$"
    r"|^[ \t]*(?:\*[ \t]*)?(?:an[ \t]+earlier|a[ \t]+previous|a[ \t]+prior)[ \t]+version\b[^\n]*$"
    # Reuters' "(This Nov. 6 story corrects the name of the minister in paragraph 2)", "(This story has been
    # refiled to add ...)": a note in parentheses on "this story", whatever date it gives the story
    r"|^[ \t]*\([ \t]*this[ \t]+(?:[^\n()]{1,30}?[ \t]+)?(?:story|article|report|item|version)[ \t]+"
    r"(?:of[ \t]+the[ \t]+story[ \t]+)?(?:corrects|corrected|refiles|refiled|updates|adds|clarifies|removes|"
    r"has[ \t]+been|was|is[ \t]+being)\b[^\n]*\)[ \t]*$"
    # where a story was first printed: "This report by The Canadian Press was first published June 4, 2025.",
    # "This article was originally published on The Conversation.", "This article is republished from ..."
    r"|^[ \t]*this[ \t]+(?:story|article|report|item|post)\b[^\n]{0,80}?[ \t]+(?:was|is|has[ \t]+been)[ \t]+"
    r"(?:(?:first|originally)[ \t]+(?:published|posted|printed|appeared)|republished)\b[^\n]*$"
    # a photo's caption, by its credit: "FILE PHOTO: A Boeing 737 MAX ... June 25, 2024. REUTERS/Jason
    # Redmond/File Photo", AP's "FILE - ... (AP Photo/Evan Vucci, File)"
    r"|^[ \t]*(?-i:FILE(?:[ \t]+PHOTO)?)[ \t]*(?::|[-–—])[ \t][^\n]*$"
    r"|^[^\n]*(?-i:\bREUTERS/[^\n]{2,60}|\((?:AP|AFP|Reuters)[ \t]+Photo/[^\n)]{2,60}\))[ \t]*$"
    r"|^[ \t]*(?:correction|corrections|clarification|editor[’']s[ \t]+note)[ \t]*:[^\n]*$"
    r"|^[ \t]*(?:copyright[ \t]*(?:©|\(c\))?[ \t]*\d{4}|©[ \t]*(?:\d{4}|copyright)|\(c\)[ \t]*\d{4})[^\n]*$"
    r"|^[^\n]{0,40}\ball[ \t]+rights[ \t]+reserved\b[^\n]*$"
    # Bloomberg's "To contact the reporter on this story:" and the lines under it, up to a blank line
    r"|^[ \t]*to[ \t]+contact[ \t]+the[ \t]+(?:reporters?|editors?|authors?)\b[^\n]*(?:\n[ \t]*\S[^\n]*)*"
    r"|^[^\n]{0,80}\bcan[ \t]+be[ \t]+reached[ \t]+at\b[^\n]*$"
    r"|^[ \t]*follow[ \t]+[^\n]{2,60}?[ \t]+on[ \t]+(?:x|twitter|bluesky|threads|instagram|facebook|mastodon)\b[^\n]*$"
)
# a date line of a web page or a live blog: "Updated at 14:05 GMT", "Published 23 November 2024", "Last
# updated: Tue 4 March 2025, 2:15 PM EST", after a credit and a bar ("TNN | Updated: Jan 14, 2025, 22:14 IST")
# (its words are names of days, months and zones: see _date_line)
DATE_LINE = re.compile(
    r"(?im)^[ \t]*(?:[^\n|]{1,40}\|[ \t]*)?(?:last[ \t]+|first[ \t]+)?(?:updated|published|posted|modified)"
    r"(?:[ \t]+(?:at|on))?[ \t]*:?"
    r"[ \t]+(?P<rest>[^\n]{1,60}?)[ \t]*$"
)
_DATE_LINE_WORDS = {"at", "on", "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "ago", "hours", "hour", "minutes", "mins"}
# Xinhua's "Enditem" closing the last paragraph
END_MARK = re.compile(r"\bEnditem\b[ \t]*$", re.M)
# a role under a byline, on a line of its own: "Staff Writer", "Senior Correspondent"
ROLE_LINE = re.compile(r"(?i)[ \t]*(?:(?:staff|senior|chief|special|political|foreign|business|sports|contributing|"
                       r"news|investigative|associate)[ \t]+)*(?:writer|reporter|correspondent|editor|columnist|"
                       r"contributor|journalist)s?[ \t]*(?:\n|$)")
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


_OUTLET_WORDS = {"news", "press", "media", "times", "post", "journal", "herald", "tribune", "gazette", "radio", "tv"}


def _outlet(words: list[str]) -> bool:
    """Whether the words after a byline's comma name a news outlet, not an author: an agency's name, alone or
    with its desk ("BBC News", "BBC Scotland News", "Reuters Breakingviews"), or words ending in an outlet's
    noun ("Fresno Bee News", "Kyiv Post")."""
    table = agencies()
    lowered = [w.lower().strip(".") for w in words]
    starts = any(" ".join(lowered[:size]) in table for size in (1, 2, 3) if len(lowered) >= size)
    return bool(lowered) and (starts or lowered[-1] in _OUTLET_WORDS)


def _byline(names: str) -> str | None:
    """The authors of a byline ("Andrea Shalal and David Lawder"), or None if it is not one."""
    people: list[str] = []
    parts = [p.strip() for p in re.split(r",", names)]
    for number, part in enumerate(parts):
        words = part.split()
        if number > 0 and (any(w.lower().strip(".") in _ROLES for w in words) or _outlet(words)):
            break  # "By Sam Blewett, PA Political Correspondent": a title, not a second author
        for piece in re.split(r"[ \t]+(?:and|&)[ \t]+", part):
            person = _person(piece.split())
            if person is None:
                return None
            people.append(person)
    return "; ".join(people) if people else None


def _dateline(line: str) -> tuple[dict[str, str | None], int] | None:
    """The parts of a dateline at the start of ``line`` and where it ends, or None."""
    east = _east_asian(line)
    if east is not None:
        return east
    credit = CREDIT_ONLY.match(line)
    if credit is not None:
        agency = (credit.group("agency") or credit.group("wire") or "").strip()
        after = _dateline(line[credit.end() :]) if not line.startswith(("(", "/"), credit.end()) else None
        if after is not None and after[0]["agency"] is None:  # ANSA's "(ANSA) - ROMA, 3 MAG - Il governo"
            return {**after[0], "agency": agency}, credit.end() + after[1]
        return {"city": None, "region": None, "date": None, "agency": agency}, credit.end()
    dated = DATE_CREDIT.match(line)
    if dated is not None and _is_date(dated.group("date")):
        agency = (dated.group("agency") or dated.group("wire") or "").strip()
        return {"city": None, "region": None, "date": dated.group("date"), "agency": agency}, dated.end()
    found = DATELINE.match(line)
    if found is None and (colon := _colon_dateline(line)) is not None:
        return colon
    if found is None:
        found = DATELINE_NO_DASH.match(line) or _bare_credit().match(line)
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
        rest = line[found.end() :]
        if not _all_caps(city) or not rest[:1].isupper() and rest[:1] not in "\"'“‘":
            return None  # "Apple - the iPhone maker - said": a capitalised word before a dash is no dateline
    return {"city": _display(city), "region": region, "date": when, "agency": agency}, found.end()


_SENTENCE_WORDS = 8  # a paragraph a colon dateline opens: at least so many words, then a full stop


def _colon_dateline(line: str) -> tuple[dict[str, str | None], int] | None:
    """A place and a colon opening a paragraph that is a sentence ("RIYADH: Saudi Crown Prince ... on Tuesday.",
    "Abu Dhabi: The UAE will ..."), the place in capitals or a capital city's name: not a headline's kicker
    ("WATCH: Biden speaks", "Trump: We will win", which end with no sentence's end), a wire slug ("ANALYSIS:
    ..."), a label ("Note:", "Q:") or a transcript's speaker ("BLITZER: ..." with more speakers below)."""
    found = DATELINE_COLON.match(line)
    if found is None:
        return None
    city = found.group("city")
    if not _capitalised(city.split()) or city.lower() in resources.table("sources/slugs.tsv"):
        return None
    # a word in capitals ("RIYADH:"), or a capital city by name ("Abu Dhabi:"): "Note:", "Q:", "Smith:" are
    # no places
    known = city.lower() in resources.table("events/capitals.tsv")
    if not known and (not _all_caps(city) or sum(c.isalpha() for c in city) < 3):
        return None
    rest = line[found.end() :]
    if re.search(r"\n[ \t]*(?:[^\W\d_a-z][\w'’.\-]*[ \t]?){1,3}:[ \t]", rest):
        return None  # "BLITZER: ... \nTRUMP: ...": a transcript's speakers, not a dateline
    paragraph = rest.split("\n\n", 1)[0].strip()
    if len(paragraph.split()) < _SENTENCE_WORDS or re.search(r"\w[.!?][\"”’]?(?:\s|$)", paragraph) is None:
        return None
    return {"city": _display(city), "region": None, "date": None, "agency": None}, found.end()


_BARE: list[re.Pattern[str]] = []


def _bare_credit() -> re.Pattern[str]:
    """A dateline whose credit is a known agency's name without parentheses, on the same line or on lines
    of its own: Kyodo's "OSAKA, April 13 Kyodo - The", CNN's web pages' "Hong Kong\nCNN\n —\n\nThe"."""
    if not _BARE:
        names = sorted((a for a in agencies() if a.isascii()), key=len, reverse=True)
        credit = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+") for n in names)
        _BARE.append(re.compile(
            rf"{_HEAD}[ \t]*\n?[ \t]*(?P<agency>(?i:{credit}))[ \t]*\n?[ \t]*{_DASH}[ \t]*(?:\n[ \t]*)*(?=\S)"
        ))
    return _BARE[0]


def _is_date(text: str) -> bool:
    from .dates import day_and_month

    return day_and_month(text) is not None


def _east_asian(line: str) -> tuple[dict[str, str | None], int] | None:
    """A Chinese, Japanese or Korean agency's dateline ("新华社北京5月3日电（记者张三）", "【ワシントン共同】",
    "(서울=연합뉴스) 김철수 기자 ="), whose agency must be a known one (``agencies.tsv``)."""
    table = agencies()
    found = CHINESE.match(line)
    if found is not None and found.group("agency").lower() in table:
        return {
            "city": found.group("city"), "region": None, "date": found.group("date"),
            "agency": found.group("agency"), "byline": _names(found.group("byline")),
        }, found.end()  # fmt: skip
    found = BRACKETED.match(line)
    if found is not None:
        body = found.group("body").strip()
        # an agency named in its own script ("共同", "時事"), so that "【Matt】" is not the agency "TT"
        names = sorted((a for a in table if not a.isascii()), key=len, reverse=True)
        agency = next((a for a in names if body.lower().endswith(a)), None)
        if agency is not None:
            place = re.split(r"[=＝]", body[: len(body) - len(agency)])[0]  # "パリAFP=時事": Paris, via AFP
            city = re.sub(r"[A-Za-z]+$", "", place).strip() or None
            return {"city": city, "region": None, "date": None, "agency": body[len(body) - len(agency) :]}, found.end()
    found = KOREAN.match(line)
    if found is not None and found.group("agency").lower() in table:
        return {
            "city": found.group("city"), "region": None, "date": None, "agency": found.group("agency"),
            "byline": _names(found.group("byline")),
        }, found.end()  # fmt: skip
    return None


def _names(names: str | None) -> str | None:
    """Reporters named in an East Asian credit ("张三、李四", "김철수 이영희"), separated by ``; ``."""
    if not names:
        return None
    people = [n for n in re.split(r"[、,，\s]+", names.strip()) if n]
    return "; ".join(people) or None


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
    newsroom = notes(text)  # wherever the story opens
    for _ in range(HEAD_LINES):
        lead = _lead_at(text, at, newsroom)
        if lead.end or lead.byline:
            return lead
        line_end = text.find("\n", at)
        if line_end < 0 or line_end - at > HEAD_LINE_CHARS:
            break
        at = _skip_blank(text, line_end)
    return _lead_at(text, len(text), newsroom, _skip_blank(text, 0))


def _lead_at(
    text: str, at: int, newsroom: list[tuple[int, int]], sign_offs_from: int | None = None
) -> Lead:  # fmt: skip
    """The lead starting at offset ``at`` (none if the story does not open there), the sign-offs, and the
    ``newsroom`` notes (:func:`notes`) of the text."""
    masked: list[tuple[int, int]] = []
    byline = None
    found = BYLINE.match(text, at)
    if found is not None and (names := _byline(found.group("names"))) is not None:
        byline = names
        masked.append((at, found.end("names")))
        at = _skip_blank(text, found.end())
        line_end = text.find("\n", at)
        line = text[at : line_end if line_end >= 0 else len(text)].strip()
        role = ROLE_LINE.match(text, at)
        if line.lower() in agencies():  # "By JOSH BOAK" then "Associated Press" on a line of its own
            masked.append((at, at + len(line)))
            at = _skip_blank(text, at + len(line))
        elif role is not None:  # "By Jennifer Ortiz" then "Staff Writer"
            masked.append((at, role.end()))
            at = _skip_blank(text, role.end())
    parts: dict[str, str | None] = {}
    dateline = _dateline(text[at : at + 300])
    end = at if byline else 0
    if dateline is not None:
        parts, length = dateline
        masked.append((at, at + length))
        end = at + length
        byline = byline or parts.get("byline")
    for sign_off in SIGN_OFF.finditer(text, end if sign_offs_from is None else sign_offs_from):
        masked.append((sign_off.start(), sign_off.end()))
    masked += newsroom
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


def _slug_words() -> list[str]:
    return sorted(resources.table("sources/slugs.tsv"), key=len, reverse=True)


@cache
def _slug_run() -> re.Pattern[str]:
    """One or more slugs of ``sources/slugs.tsv`` in a row, each with its number and its hyphen or colon."""
    words = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in _slug_words())
    one = rf"(?:{words})(?:[ \t]*\d{{1,2}})?[ \t]*(?:-(?=\S)|:[ \t]+|[ \t]+-[ \t]+)"
    return re.compile(rf"(?:{one})+", re.I)


def slugs(text: str) -> list[tuple[int, int]]:
    """The wire slugs before the first headlines of ``text`` ("UPDATE 2-", "EXCLUSIVE-", "CORRECTED-UPDATE
    1-", "LIVE: "), written in capitals and joined to the headline by a hyphen or a colon: no story words."""
    found: list[tuple[int, int]] = []
    at = _skip_blank(text, 0)
    for _ in range(HEAD_LINES):
        match = _slug_run().match(text, at)
        if match is not None and _all_caps(match.group()):
            found.append((match.start(), match.end()))
        line_end = text.find("\n", at)
        if line_end < 0 or line_end - at > HEAD_LINE_CHARS:
            break
        at = _skip_blank(text, line_end)
    return found


def notes(text: str) -> list[tuple[int, int]]:
    """The ranges of ``text`` that are newsroom notes, not the story: wire slugs before a headline,
    correction and update notes, web pages' date lines, copyright lines, contact lines (``EDITORIAL_NOTE``),
    Xinhua's "Enditem"."""
    found = slugs(text)
    found += [(m.start(), m.end()) for m in EDITORIAL_NOTE.finditer(text)]
    found += [(m.start(), m.end()) for m in END_MARK.finditer(text)]
    found += [(m.start(), m.end()) for m in DATE_LINE.finditer(text) if _date_line(m.group("rest"))]
    return found


def _date_line(rest: str) -> bool:
    """Whether the words after "Updated"/"Published" are a date and a time only ("at 14:05 GMT", "23
    November 2024"): a digit, and every word a number, a capitalised name (a day, a month, a zone) or a
    word of clock times, so that "Published reports on March 3 said ..." stays a sentence."""
    words = re.findall(r"[^\s,|·–—-]+", rest)
    return any(c.isdigit() for c in rest) and all(
        any(c.isdigit() for c in w) or w[:1].isupper() or w.lower() in _DATE_LINE_WORDS for w in words
    )
