"""The publication date of an article from every piece of evidence it offers, with its source and conflicts.

Reads: the dates a reader found (``Article.date_evidence``, in the reader's order), the article's URL and
its dateline (:mod:`.wire`). Writes: the article with ``published``, ``date_source`` (which evidence
gave the date), ``date_conflict`` (the evidence that disagrees, e.g. ``markup 2020-06-07, dateline
2020-06-08``), ``date_low_confidence`` and ``dateline_date``. This module is also the htmldate adapter.

Evidence, from the strongest (the first present wins; a disagreement never changes the winner, it is
recorded as a conflict):

1. ``user``: what the user says — a one-article file's sidecar, or a date set with ``timeline reanchor``
   (:func:`redate`; the same evidence either way, so a re-anchored article is the article a fresh run
   with that date reads);
2. the metadata inside the file: ``front matter``, a JSONL ``record``, a ``feed`` entry's date;
2b. ``updated``: an HTML page's modification date (htmldate's latest date of its metadata), when it is a
   later day than the publication date there and it is the date the page shows its readers (htmldate's fast
   mode on the page without its head, scripts and HTML comments, :func:`shown_date`): the page presents
   itself as of that day (an updated, republished article), and it is flagged low-confidence (the page's
   own dates disagree);
3. ``url``: a full year-month-day in the article's URL (htmldate's URL extractor): fixed when the story
   was first published, where a page's markup is rendered again; a number that begins the slug after the
   year and month folders ("/2023/10/3-fragen-an-...") is no day;
4. an HTML page's ``markup`` (meta tags, Open Graph ``article:published_time``, JSON-LD
   ``datePublished``: htmldate in its fast mode on those elements only, original date, after dropping
   the elements that give a modification date, but not WordPress's ``<time class="entry-date published
   updated">``), when htmldate reading the whole page agrees (else the ``page`` date is taken: the
   metadata date came from elsewhere than a publication tag);
5. ``sidecar default``: a many-article file's sidecar date, for its entries without one;
6. ``page``: a date htmldate's fast mode finds elsewhere in the page's markup (``<time datetime>``, a
   date-classed element, the title); where the page's metadata (``markup``, ``meta date``) gives another
   day, the page contradicts itself and the date is taken only when independent evidence decides
   (:func:`decide`: the dateline's day, else the URL's year and month, picks one of the two, which is
   taken, flagged); otherwise the article is loaded *without* a date, the candidates in ``date_conflict``;
7. ``meta date``: a date the page's metadata gives only in a generic date tag (``<meta name="date">``,
   ``DC.date``, ``dcterms.date``), which content systems fill with the day the page last changed as often
   as with its first day: the page is then read again without its metadata, and a date found there
   (``page``) comes first (and disputes it, above); alone, the generic tag's date is taken only when the
   dateline's day or the URL's year and month agrees with it, else the article is loaded without a date
   and the candidate is named in the run's log (``date_declined``);
8. ``dateline``: the dateline's date, when it gives its year ("NEW YORK, Oct. 3, 2024 /PRNewswire/");
9. weak evidence only — a date htmldate's extensive mode finds in the page's ``text``
   (:func:`weak_date`): taken when independent evidence agrees with it — the dateline's day and month
   (``text+dateline``), the URL's year and month (``text+url``) — or, *flagged as low-confidence*
   (``text``, ``date_low_confidence``), when nothing contradicts it and it is the only date the page
   gives (htmldate asked for the latest date, ``original_date=False``, finds the same one) and it is not
   the 1st of January (most often a year alone); otherwise the article is loaded *without* a date and the
   candidate is named in the run's log (``ingest_log.reason``, from the article's ``date_weak``
   metadata). A wrong date shifts every relative date of the article, which is worse than none.

Where the page's own strong evidence disagrees — its URL, its metadata, the rest of its markup, a generic
date tag — the date taken by this order is flagged low-confidence too (``date_low_confidence``; the
disagreement is in ``date_conflict``): it is the likelier date, not a sure one (a ``page`` date against
the metadata is declined unless decided, above). A dateline, a user's or a file's own date against the
page is no such disagreement.

A ``markup`` or ``page`` date read from a UTC timestamp is the day in the page's own time zone, when the
page's other timestamps give its offset (:func:`local_day`). A dateline's day and month without a year
("TOKYO, April 30") take the year that puts them nearest to the chosen date; a dateline day that differs
from the chosen date is a conflict.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from .. import resources
from ..records import Article
from .wire import MARKS

USER = ("user",)
METADATA = ("front matter", "record", "feed")
# a URL is fixed when a story is first published; a page's markup is rendered again (measured on htmldate's
# 800 evaluation pages: the URL date right for 119 of 123 pages that have one, the markup for 471 of 516)
GENERIC_DATE = "meta date"  # the page's metadata gives a date only in a generic date tag
# the page's modification date, when it is the date the page shows its readers (a later day than its publication
# date in the metadata): the page presents itself as of that day (measured on htmldate's 800 evaluation pages:
# where the date shown is the modification date, htmldate's truth is that date on 9 pages, the publication date
# on 1; where it is not, the publication date on 74 of 78)
UPDATED = "updated"
PRECEDENCE = (*USER, *METADATA, UPDATED, "url", "markup", "sidecar default", "page", GENERIC_DATE, "dateline")
WEAK = "text"
# what a web page itself says of its date (URL, metadata, the rest of its markup): when these disagree, the date
# taken is flagged low-confidence (measured on htmldate's 800 evaluation pages: 17 dates right and 6 wrong
# where they disagree, 682 right and 45 wrong among the other dates but the text's)
PAGE_EVIDENCE = (UPDATED, "url", "markup", "page", GENERIC_DATE)
LATEST = "text latest"  # the latest date htmldate's extensive mode finds in the page (original_date=False)
NOT_WINNERS = (WEAK, LATEST)
_DAY = re.compile(r"\d{1,2}")
_IDEOGRAPHIC = re.compile(r"(?P<month>\d{1,2})[ \t]*[月월][ \t]*(?P<day>\d{1,2})[ \t]*[日일]")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")

for _noisy in ("htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


# ---- htmldate ------------------------------------------------------------------------------------------


def url_date(url: str) -> date | None:
    """The year-month-day in a URL ("/2024/06/07/..."), by htmldate's URL extractor; nothing is fetched."""
    if not url or not re.search(r"\d{4}", url):
        return None
    from htmldate import find_date

    found = _iso(find_date("<html><body></body></html>", extensive_search=False, url=url))
    if found is not None and _SLUG_DAY.search(url):
        return None  # "/2023/10/3-questions-for-tina": the URL gives its year and month, the slug's number no day
    return found


# a number that begins the slug after year and month folders ("/%year%/%monthnum%/%postname%/" permalinks, the
# commonest WordPress pattern): "/2023/10/3-fragen-an-...", "/2021/05/10-things-to-know"; a URL's day is a folder
# of its own ("/2023/10/03/slug") or part of a written date ("/2019-12-22-slug", "/20191222/")
_SLUG_DAY = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/\d{1,2}[-_+][^/]*[^\W\d_]")


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0[1-9]|1[0-2])(?:[/-]|$)")


def url_month(url: str) -> tuple[int, int] | None:
    """(year, month) of a URL's date folders ("/2019/06/slug", "/2019-06/"), whether or not a day follows."""
    found = _URL_MONTH.search(url or "")
    return (int(found.group("year")), int(found.group("month"))) if found else None


def page_dates(page: str) -> dict[str, date]:
    """The dates an HTML page gives: ``markup`` (meta and JSON-LD elements only), ``page`` (htmldate's fast
    mode over the whole page) and ``text`` (its extensive mode), each the original publication date,
    never from the URL (that is :func:`url_date`)."""
    import lxml.html
    from htmldate import find_date

    try:  # an XHTML page's XML declaration ("<?xml ... encoding=...?>") makes lxml refuse a decoded string
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", page, count=1))
    except Exception:  # lxml raises several unrelated types on broken markup
        return {}
    latest = _metadata_date(tree.xpath(METADATA_XPATH), original=False)  # a modification date, if any
    for element in tree.xpath(MODIFIED):  # a page that says only when it changed says nothing of its first day
        element.drop_tree()
    found: dict[str, date] = {}
    kept = tree.xpath(METADATA_XPATH)
    value = _metadata_date(kept)
    specific = tree.xpath(f"({METADATA_XPATH})[not({GENERIC_TEST})]")
    generic = bool(tree.xpath(GENERIC)) and _metadata_date(specific) is None
    if value is not None:
        found[GENERIC_DATE if generic else "markup"] = local_day(value, kept, tree)
    if value is not None and not generic and latest is not None and latest > value and shown_date(page) == latest:
        found[UPDATED] = latest
    if generic:  # the page read apart from its metadata, so that the generic tag cannot win there too
        for element in kept:
            element.drop_tree()
    cleaned = lxml.html.tostring(tree, encoding="unicode")
    for name, extensive, original in (("page", False, True), (WEAK, True, True), (LATEST, True, False)):
        # the page's text is read only when its markup gives no date (weak evidence counts only then, see
        # ``settle``), and read for its latest date only when it gives a date
        if (name == WEAK and found) or (name == LATEST and WEAK not in found):
            continue
        value = _iso(find_date(cleaned, extensive_search=extensive, original_date=original, url=""))
        if value is not None:
            found[name] = local_day(value, tree.xpath(STAMPED), tree) if name == "page" else value
    return found


def _metadata_date(elements: list, original: bool = True) -> date | None:
    """htmldate's fast mode on these metadata elements alone (the original date, or the latest)."""
    import lxml.html
    from htmldate import find_date

    if not elements:
        return None
    head = "".join(lxml.html.tostring(e, encoding="unicode") for e in elements)
    return _iso(find_date(f"<html><head>{head}</head><body></body></html>", extensive_search=False,
                          original_date=original, url=""))  # fmt: skip


# what a reader of the page does not see: its head (metadata), scripts, styles, HTML comments
UNSEEN = "//head | //script | //style | //noscript | //comment()"


def shown_date(page: str) -> date | None:
    """The date the page shows its readers: htmldate's fast mode on the page without its head, scripts and
    HTML comments (the byline's ``<time>``, a date-classed element), the original date."""
    import lxml.html
    from htmldate import find_date

    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", page, count=1))
    except Exception:  # lxml raises several unrelated types on broken markup
        return None
    for element in tree.xpath(UNSEEN):
        if element.getparent() is not None:
            element.drop_tree()  # its tail, the text after it, stays
    return _iso(find_date(lxml.html.tostring(tree, encoding="unicode"), extensive_search=False, original_date=True,
                          url=""))  # fmt: skip


METADATA_XPATH = "//meta | //script[@type='application/ld+json']"
_KEY = "translate(concat(@name, @property, @itemprop), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# a meta element that says "date" and nothing more (name="date", "DC.date", "dcterms.date"): content systems
# fill it with the day the page last changed (TYPO3 does by default) as often as with its first day
GENERIC_TEST = f"self::meta and ({_KEY} = 'date' or {_KEY} = 'dc.date' or {_KEY} = 'dcterms.date')"
GENERIC = f"//meta[{_KEY} = 'date' or {_KEY} = 'dc.date' or {_KEY} = 'dcterms.date']"


_CLASS = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"  # "LastUpdatedDateTime"
# meta elements and time elements that give a modification date ("article:modified_time", "og:updated_time",
# "dateModified", <time class="updated">)
MODIFIED = (
    "//meta[contains(translate(concat(@property, @name, @itemprop), 'MODIFEDUPAT', 'modifedupat'), 'modif')"
    " or contains(translate(concat(@property, @name, @itemprop), 'MODIFEDUPAT', 'modifedupat'), 'updat')]"
    f" | //time[(contains({_CLASS}, 'updat') or contains({_CLASS}, 'modif') or contains(@itemprop, 'dateModified'))"
    f" and not(contains({_CLASS}, 'publish'))]"  # WordPress's <time class="entry-date published updated">: both
)


# an ISO timestamp with its offset: "2023-11-09T02:11:03+00:00", "2019-10-19T03:00:00.000Z", "...-0500"
_STAMP = re.compile(
    r"(?P<day>\d{4}-\d\d-\d\d)[T ](?P<time>\d\d:\d\d(?::\d\d)?)(?:\.\d+)?[ \t]*(?P<offset>Z|[+-]\d\d:?\d\d)"
)
STAMPED = "//meta/@content | //script[@type='application/ld+json']/text() | //*[@datetime]/@datetime"


def local_day(value: date, elements: list, tree) -> date:
    """The day of ``value`` in the page's own time zone, when the markup wrote it in UTC.

    A page that writes its publication time in UTC ("2023-11-09T02:11:03+00:00") and its other times with
    the offset of its newsroom ("2023-11-08T21:11:03-05:00") was published, as its readers and its own
    "yesterday" count, on the local day (the 8th). The local offset is the one the page's other timestamps
    share (within an hour: summer time); none, or several, and the day stays as written. A UTC midnight is
    a day written without its time, and stays too."""
    stamps = [m for e in elements for m in _STAMP.finditer(e if isinstance(e, str) else _source(e))]
    if not stamps or any(_offset(m) != timedelta(0) for m in stamps if m.group("day") == value.isoformat()):
        return value
    utc = [m for m in stamps if m.group("day") == value.isoformat() and not m.group("time").startswith("00:00")]
    offsets = [o for o in (_offset(m) for text in tree.xpath(STAMPED) for m in _STAMP.finditer(str(text))) if o]
    if not utc or not offsets or max(offsets) - min(offsets) > timedelta(hours=1):
        return value
    offset = max(set(offsets), key=offsets.count)
    moment = datetime.fromisoformat(f"{utc[0].group('day')}T{utc[0].group('time')}").replace(tzinfo=UTC)
    return moment.astimezone(timezone(offset)).date()


def _source(element) -> str:
    import lxml.html

    return lxml.html.tostring(element, encoding="unicode")


def _offset(stamp: re.Match) -> timedelta | None:
    raw = stamp.group("offset").replace(":", "")
    if raw == "Z":
        return timedelta(0)
    hours, minutes = int(raw[1:3]), int(raw[3:5])
    if hours > 14 or minutes >= 60:
        return None
    return (1 if raw[0] == "+" else -1) * timedelta(hours=hours, minutes=minutes)


def _iso(found: str | None) -> date | None:
    if not found:
        return None
    try:
        return date.fromisoformat(found[:10])
    except ValueError:
        return None


# ---- the decision --------------------------------------------------------------------------------------


def day_and_month(text: str | None) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a dateline's date as written ("April 30", "3 March", "Sept. 1")."""
    if not text:
        return None
    ideographic = _IDEOGRAPHIC.search(text)  # "5月3日" (Chinese, Japanese), "5월 3일" (Korean)
    if ideographic is not None:
        number, day = int(ideographic.group("month")), int(ideographic.group("day"))
        return (number, day, None) if 1 <= number <= 12 and 1 <= day <= 31 else None
    months = {**resources.table("sources/dateline_months.tsv"), **resources.table("temporal/months.tsv")}
    month: int | None = None
    for word in re.findall(rf"[^\W\d_](?:[^\W\d_]|[{MARKS}])*\.?", text):  # "जनवरी": its vowel signs are marks
        key = word.lower()
        value = months.get(key) or months.get(key.rstrip(".")) or months.get(key.rstrip(".") + ".")
        if value and value.isdigit():
            month = int(value)
            break
    days = [int(d) for d in _DAY.findall(_YEAR.sub("", text))]
    if month is None or not days or not 1 <= days[0] <= 31:
        return None
    year = _YEAR.search(text)
    return month, days[0], int(year.group(1)) if year else None


def _nearest(month: int, day: int, near: date) -> date | None:
    """The date with this month and day nearest to ``near``."""
    best = None
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs(candidate - near) < abs(best - near):
            best = candidate
    return best


def redate(article: Article, published: date) -> Article:
    """``article`` dated by the user (``timeline reanchor``, or a date set earlier that way): the user's date
    replaces a sidecar's, the rest of its evidence is weighed again."""
    from .wire import read_lead

    kept = tuple((s, v) for s, v in article.date_evidence if s not in USER)
    return settle(
        replace(article, date_evidence=(("user", published.isoformat()), *kept)), read_lead(article.text).date_text
    )


def settle(article: Article, dateline_text: str | None) -> Article:
    """``article`` with its publication date decided from all its evidence (see the module docstring)."""
    evidence: dict[str, date] = {}
    for kind, value in article.date_evidence:
        evidence.setdefault(kind, date.fromisoformat(value))
    from_url = url_date(article.url)
    if from_url is not None:
        evidence.setdefault("url", from_url)
    parsed = day_and_month(dateline_text)
    if parsed is not None and parsed[2] is not None:
        try:
            evidence.setdefault("dateline", date(parsed[2], parsed[0], parsed[1]))
        except ValueError:
            pass
    # htmldate reading the whole page starts with the same metadata elements: when it settles on another
    # date, the metadata date came from elsewhere (a date inside an image's address, a site-wide tag)
    demoted = {"markup"} if "page" in evidence and evidence.get("markup") not in (None, evidence["page"]) else set()
    source = next((s for s in PRECEDENCE if s in evidence and s not in demoted), None)
    published = evidence[source] if source is not None else None
    near = published or evidence.get(WEAK)
    dateline = evidence.get("dateline")
    if dateline is None and parsed is not None and near is not None:
        dateline = _nearest(parsed[0], parsed[1], near)
        if dateline is not None and abs(dateline - near) > timedelta(days=31):
            dateline = None
    low = False
    declined = None
    if source in DECLINED_UNLESS_DECIDED and published is not None:
        source, declined = decide(source, published, evidence, dateline, url_month(article.url))
        if source is None and "dateline" in evidence:  # a dateline with its year, next in the order
            source, declined = "dateline", None
        published = evidence[source] if source is not None else None
    if published is None and WEAK in evidence:
        published, source, low = weak_date(evidence[WEAK], evidence.get(LATEST), dateline, url_month(article.url))
        if published is None:
            source = None
    others = {s: v for s, v in evidence.items() if s not in (source, *NOT_WINNERS)}
    if dateline is not None and source != "dateline":
        others["dateline"] = dateline
    conflict = [f"{s} {v.isoformat()}" for s, v in others.items() if published is not None and v != published]
    if conflict and published is not None:
        conflict.insert(0, f"{source} {published.isoformat()}")
    if source in PAGE_EVIDENCE and any(v != published for s, v in others.items() if s in PAGE_EVIDENCE):
        low = True  # the page's own strong evidence disagrees: the date taken is the likelier, not a sure one
    meta = article.meta
    if published is None and WEAK in evidence:  # said in the run's log, never taken for the date
        meta = tuple(sorted((*meta, ("date_weak", evidence[WEAK].isoformat()))))
    if declined is not None:  # the candidates not used: in the run's log, and in date_conflict when they disagree
        meta = tuple(sorted((*meta, ("date_declined", declined[0]))))
        conflict = declined[1]
    return replace(
        article,
        meta=meta,
        published=published,
        date_source=source or "none",
        date_conflict=", ".join(conflict) or None,
        dateline_date=dateline,
        date_low_confidence=low if published is not None else None,
    )


# the dates taken only when independent evidence decides them (:func:`decide`): a ``page`` date that the page's
# metadata disputes, and a date the metadata gives only in a generic date tag
DECLINED_UNLESS_DECIDED = ("page", GENERIC_DATE)
METADATA_KINDS = ("markup", GENERIC_DATE)


def decide(
    source: str, taken: date, evidence: dict[str, date], dateline: date | None, month: tuple[int, int] | None
) -> tuple[str | None, tuple[str, list[str]] | None]:
    """(the source whose date is taken, None), or (None, (why, the candidates)) when the date is declined.

    Two kinds of page evidence are too weak to stand alone, so the article is loaded without a date unless
    independent evidence — the dateline's day, else the URL's year and month — picks one candidate and only
    one (then that candidate is taken):

    - a ``page`` date (the page's body: a ``<time>``, a date-classed element) against the page's own metadata
      (``markup``, ``meta date``) on another day: the page contradicts itself, and neither side is the likelier
      (on htmldate's 800 evaluation pages the body's date was right on 9 of 14 such pages, the metadata's on
      the other 5: a date wrong on a third of its pages, and each wrong one shifts every relative date);
    - a generic date tag alone (``meta date``, nothing else in the page): content systems fill it with the
      day the page last changed as often as with its first day (right for 3 of the 5 such pages there).
    """
    candidates = {source: taken}
    candidates.update({s: evidence[s] for s in METADATA_KINDS if s in evidence and s != source})
    days = sorted(set(candidates.values()))
    if source == "page" and len(days) == 1:
        return source, None  # the page's body and its metadata agree (or it has none)
    for agrees in (lambda d: d == dateline, lambda d: (d.year, d.month) == month):
        picked = [s for s, d in candidates.items() if agrees(d)]
        if len({candidates[s] for s in picked}) == 1:
            return picked[0], None
    return None, _declined(candidates)


def _declined(candidates: dict[str, date]) -> tuple[str, list[str]]:
    listed = [f"{s} {d.isoformat()}" for s, d in candidates.items()]
    if len(set(candidates.values())) > 1:
        return f"the page's dates disagree, not used: {', '.join(listed)}", listed
    return f"only a generic date tag, not used: {listed[0]}", []


def weak_date(
    weak: date, latest: date | None, dateline: date | None, month: tuple[int, int] | None
) -> tuple[date | None, str | None, bool]:
    """(date, source, low confidence) from a date found only in a page's text, or (None, None, False).

    Taken when independent evidence agrees with it — the dateline's day and month (``text+dateline``), the
    URL's year and month (``text+url``) — or, flagged as low-confidence (``text``), when nothing contradicts
    it and it is the only date the page gives: htmldate's extensive reading asked for the latest date
    (``original_date=False``) finds the same one, so it is no first date of a page updated since, and it is
    not the 1st of January, which is most often a year alone ("© 2016", "2022") completed to a day."""
    if dateline is not None and dateline == weak:
        return weak, f"{WEAK}+dateline", False
    if month is not None and month == (weak.year, weak.month):
        return weak, f"{WEAK}+url", False
    contradicted = dateline is not None or month is not None
    if latest == weak and (weak.month, weak.day) != (1, 1) and not contradicted:
        return weak, WEAK, True
    return None, None, False
