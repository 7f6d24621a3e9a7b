"""Reading articles: every input format with a real-looking sample, metadata precedence, and a clear
reason for every input that is refused."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from timeline.records import Article, Rejection
from timeline.sources import coerce_date, read_articles

from .conftest import SEEDS

SAMPLES = Path(__file__).parent / "samples"


def read(*paths) -> tuple[dict[str, Article], dict[str, str]]:
    """Articles and rejections by the last part of their source (file name, or name#entry)."""
    loaded, refused = {}, {}
    for item in read_articles(paths):
        key = Path(item.source).name
        if isinstance(item, Article):
            loaded[key] = item
        else:
            refused[key] = item.reason
    return loaded, refused


def test_seed_article_with_sidecar():
    (article,) = list(read_articles([SEEDS]))
    assert isinstance(article, Article)
    assert article.published == date(2025, 2, 25)
    assert article.title.startswith("Macron Hails")
    assert article.text.startswith("Macron Hails")  # offsets of the gold are into the raw text


def test_markdown_front_matter(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\ntitle: Talks\npublished: 2024-05-02\n---\nTalks resumed on Monday.\n")
    (article,) = list(read_articles([tmp_path]))
    assert article.published == date(2024, 5, 2) and article.title == "Talks"
    assert article.text == "Talks resumed on Monday.\n"


def test_sidecar_wins_over_front_matter(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\npublished: 2024-05-02\n---\nTalks resumed on Monday.\n")
    (tmp_path / "a.meta.json").write_text('{"published": "2024-05-03"}')
    (article,) = list(read_articles([tmp_path]))
    assert article.published == date(2024, 5, 3)


def test_html_page_text_and_original_date():
    loaded, refused = read(SAMPLES / "harbour-strike.html")
    page = loaded["harbour-strike.html"]
    assert not refused
    assert page.published == date(2024, 9, 12)  # article:published_time, not the later modified_time
    assert page.title == "Dock workers vote to strike at Felixstowe"
    assert page.url == "https://coastal-herald.example/business/2024/09/felixstowe-strike"
    assert "voted on Wednesday to walk out" in page.text
    assert "Most read" not in page.text and "Cookie settings" not in page.text and "Subscribe" not in page.text


def test_html_sidecar_date_wins(tmp_path: Path):
    shutil.copy(SAMPLES / "harbour-strike.html", tmp_path / "page.html")
    (tmp_path / "page.meta.json").write_text('{"published": "2024-09-13"}')
    loaded, _ = read(tmp_path)
    assert loaded["page.html"].published == date(2024, 9, 13)


def test_rss_feed_one_article_per_entry():
    loaded, refused = read(SAMPLES / "world-news.rss")
    eu = loaded["world-news.rss#ledger-2025-03-06-eu-defence"]
    assert eu.published == date(2025, 3, 6)
    assert eu.url == "https://daily-ledger.example/world/2025/03/06/eu-defence-summit"
    assert "€800bn" in eu.text and "<p>" not in eu.text  # content:encoded, entities and markup resolved
    assert "next week" in eu.text.split("\n\n")[1]  # one paragraph per <p>
    floods = loaded["world-news.rss#ledger-2025-03-05-italy-floods"]
    assert floods.published == date(2025, 3, 5) and floods.text.startswith("Schools in Emilia-Romagna")
    assert list(refused.values()) == ["empty article: the entry has no content or summary"]
    assert len(loaded) == 2


def test_atom_feed_published_then_updated():
    loaded, refused = read(SAMPLES / "science-desk.atom")
    assert not refused
    flyby, delay = (loaded[k] for k in sorted(loaded))
    assert flyby.published == date(2024, 11, 19)  # <published>, not <updated>
    assert delay.published == date(2024, 11, 18)  # no <published>: <updated>
    assert flyby.text.startswith("The probe passed 350km") and delay.title == "Telescope upgrade delayed"


def test_jsonl_export_one_article_per_line():
    loaded, refused = read(SAMPLES / "gazette-export.jsonl")
    rates = loaded["gazette-export.jsonl#cms-48211"]
    assert rates.published == date(2024, 12, 19) and rates.url.endswith("/rates-hold")
    assert loaded["gazette-export.jsonl#cms-48212"].published == date(2024, 12, 17)  # RFC 2822 date
    assert "empty article" in refused["gazette-export.jsonl#cms-48213"]
    assert "impossible publication date" in refused["gazette-export.jsonl#cms-48214"]
    assert "malformed JSON line" in refused["gazette-export.jsonl#line 5"]


def test_jsonl_sidecar_date_is_only_a_default(tmp_path: Path):
    lines = [{"id": "a", "text": "Talks on Monday.", "published": "2024-01-10"}, {"id": "b", "text": "Vote on Friday."}]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in lines))
    (tmp_path / "x.meta.json").write_text('{"published": "2024-01-01"}')
    loaded, _ = read(tmp_path)
    assert loaded["x.jsonl#a"].published == date(2024, 1, 10)
    assert loaded["x.jsonl#b"].published == date(2024, 1, 1)


def test_glob_patterns(tmp_path: Path):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(f"Text of {name} on Monday.")
    loaded, _ = read(str(tmp_path / "*.txt"))
    assert sorted(loaded) == ["a.txt", "b.txt"]


ATOM_ENTRY = (
    b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
    b"<entry><title>A</title><id>urn:a</id>%s<summary>Talks resumed on Monday.</summary></entry></feed>"
)
RSS_ITEM = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    b"<item><title>A</title><link>http://x.test/a</link>%s<description>Talks on Monday.</description></item>"
    b"</channel></rss>"
)


@pytest.mark.parametrize(
    ("name", "content", "meta", "reason"),
    [
        ("empty.txt", b"", None, "empty article"),
        ("blank.txt", b"  \n\n ", None, "empty article"),
        ("binary.txt", b"\x00\x01\x02PNG", None, "binary file"),
        ("noise.txt", bytes(range(128, 256)) * 40, None, "not valid UTF-8"),
        ("baddate.txt", b"Talks on Monday.", {"published": "last Tuesday"}, "malformed publication date"),
        ("feb31.txt", b"Talks on Monday.", {"published": "2025-02-31"}, "impossible publication date"),
        ("year0.txt", b"Talks on Monday.", {"published": "0000-01-01"}, "impossible publication date"),
        ("absurd.txt", b"Talks on Monday.", {"published": "0001-01-01"}, "implausible publication date"),
        ("far.txt", b"Talks on Monday.", {"published": "9999-12-31"}, "implausible publication date"),
        ("week.txt", b"Talks on Monday.", {"published": "2025-W09"}, "a week, not a day"),
        ("tomorrow.txt", b"Talks on Monday.", {"published": "tomorrow"}, "malformed publication date"),
        ("number.txt", b"Talks on Monday.", {"published": 1740441600}, "malformed publication date"),
        ("future.txt", b"Talks on Monday.", {"published": "2300-01-01"}, "implausible publication date"),
        ("badmeta.txt", b"Talks on Monday.", "{not json", "malformed metadata"),
        ("front.md", b"---\ntitle: [unclosed\n---\nText", None, "malformed front matter"),
        ("open.md", b"---\ntitle: x\nText on Monday", None, "no closing"),
        ("wrongcodec.txt", "Caf\xe9 on Monday".encode("latin-1"), {"encoding": "utf-32"}, "declared encoding"),
        ("notafeed.xml", b"<config><a>1</a></config>", None, "not an RSS/Atom feed"),
        ("quiet.rss", b'<rss version="2.0"><channel><title>x</title></channel></rss>', None, "a feed without entries"),
        ("nav.html", b"<html><head><title>Login</title></head><body></body></html>", None, "no article text"),
        ("huge.txt", b"Talks on Monday. " * 70_000, None, "over the 1 MiB limit"),
        ("month13.md", b"---\ndate: 2025-13-01\n---\nTalks on Monday.", None, "impossible publication date"),
        ("tab.md", b"---\ndate:\t2025-02-25\n---\nTalks on Monday.", None, "cannot start any token (line 2)"),
        ("feb30.atom", ATOM_ENTRY % b"<updated>2025-02-30T10:00:00Z</updated>", None, "impossible publication date"),
        ("feb32.rss", RSS_ITEM % b"<pubDate>Tue, 32 Feb 2025 10:00:00 GMT</pubDate>", None, "malformed publication"),
        ("offset.rss", RSS_ITEM % b"<pubDate>Tue, 25 Feb 2025 10:00:00 +2500</pubDate>", None, "malformed publication"),
    ],
)
def test_bad_inputs_are_refused_with_a_reason(tmp_path: Path, name, content, meta, reason):
    (tmp_path / name).write_bytes(content)
    if meta is not None:
        sidecar = tmp_path / (name.rsplit(".", 1)[0] + ".meta.json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta))
    (tmp_path / "good.txt").write_text("The minister resigned on Monday.")
    results = list(read_articles([tmp_path], max_bytes=2**20))
    refused = [r for r in results if isinstance(r, Rejection)]
    loaded = [r for r in results if isinstance(r, Article)]
    assert len(refused) == 1 and reason in refused[0].reason, refused
    assert [Path(a.source).name for a in loaded] == ["good.txt"]


@pytest.mark.parametrize(
    ("raw", "meta", "expected", "note"),
    [
        ("Café talks on Monday in Zürich.".encode("latin-1"), {}, "Café talks on Monday in Zürich.", "as cp1252"),
        ("Café talks on Monday.".encode("latin-1"), {"encoding": "latin-1"}, "Café talks on Monday.", "declared"),
        ("Talks on Monday — “finally”.".encode("utf-16"), {}, "Talks on Monday — “finally”.", "byte-order mark"),
        ("\ufeffTalks on Monday.".encode(), {}, "Talks on Monday.", None),
        ("Talks on Monday — “finally”.".encode("utf-16-le"), {}, "Talks on Monday — “finally”.", "no byte-order"),
        ("Talks on Monday in Zürich.".encode("utf-16-be"), {}, "Talks on Monday in Zürich.", "utf-16-be"),
        # UTF-8 with one stray byte: the byte replaced, not the whole text read as another code page
        ("Le président à Zürich lundi.".encode() + b" \xff", {}, "Le président à Zürich lundi. \ufffd", "U+FFFD"),
        ("Café talks — “finally”.".encode() + b"\xe9!", {}, "Café talks — “finally”.\ufffd!", "invalid byte"),
    ],
)
def test_encodings_are_tried_before_refusing(tmp_path: Path, raw, meta, expected, note):
    (tmp_path / "a.txt").write_bytes(raw)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-01-01", **meta}))
    (article,) = list(read_articles([tmp_path]))
    assert isinstance(article, Article), article
    assert article.text == expected
    decoded = dict(article.meta).get("decoded")
    assert (note is None and decoded is None) or note in decoded


def test_control_characters_become_spaces_and_keep_offsets(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Talks\x07 resumed\x1b on Monday.\x0c\nVote on Friday.")
    (article,) = list(read_articles([tmp_path]))
    assert article.text == "Talks  resumed  on Monday. \nVote on Friday."


def test_duplicate_text_under_another_name_is_refused(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The minister resigned on Monday.")
    (tmp_path / "copy of a.txt").write_text("The minister resigned on Monday.")
    loaded, refused = read(tmp_path)
    assert list(loaded) == ["a.txt"]
    assert "duplicate article" in refused["copy of a.txt"] and "a.txt" in refused["copy of a.txt"]


def test_missing_date_is_loaded_without_anchor(tmp_path: Path):
    (tmp_path / "nodate.txt").write_text("The minister resigned on Monday.")
    (article,) = list(read_articles([tmp_path]))
    assert isinstance(article, Article) and article.published is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-02-25", date(2025, 2, 25)),
        ("2025-02-25T23:30:00-05:00", date(2025, 2, 25)),
        ("2025-02-25T10:00:00Z", date(2025, 2, 25)),
        ("Tue, 25 Feb 2025 10:00:00 GMT", date(2025, 2, 25)),
        (date(2025, 2, 25), date(2025, 2, 25)),
    ],
)
def test_date_formats(raw, expected):
    assert coerce_date(raw) == expected


def test_missing_path_is_reported(tmp_path: Path):
    (rejection,) = list(read_articles([tmp_path / "nope"]))
    assert isinstance(rejection, Rejection) and "no such file" in rejection.reason


def test_links_that_lead_nowhere_are_refused_named_or_in_a_folder(tmp_path: Path):
    (tmp_path / "good.txt").write_text("The minister resigned on Monday.")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "folder.txt").mkdir()  # a folder named like a file is a folder: searched, holding nothing
    reasons = {Path(r.source).name: r.reason for r in read_articles([tmp_path]) if isinstance(r, Rejection)}
    assert reasons == {
        "broken.txt": f"broken symbolic link: its target {tmp_path / 'gone.txt'} does not exist",
        "loop1.txt": "symbolic link loop: the link leads back to itself",
        "loop2.txt": "symbolic link loop: the link leads back to itself",
    }
    (named,) = list(read_articles([tmp_path / "broken.txt"]))
    assert isinstance(named, Rejection) and named.reason.startswith("broken symbolic link")
    assert list(read_articles([tmp_path / "folder.txt"])) == []


def test_a_folder_that_cannot_be_listed_is_refused(tmp_path: Path, monkeypatch):
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "a.txt").write_text("The minister resigned on Monday.")
    (tmp_path / "good.txt").write_text("The council met on Tuesday.")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p).name != "closed" and real(p, mode))  # as if chmod 000
    results = list(read_articles([tmp_path]))
    refused = {Path(r.source).name: r.reason for r in results if isinstance(r, Rejection)}
    assert refused == {"closed": "cannot read folder: permission denied"}
    assert "good.txt" in [Path(a.source).name for a in results if isinstance(a, Article)]


def test_an_unreadable_sidecar_is_named(tmp_path: Path, monkeypatch):
    (tmp_path / "a.txt").write_text("The minister resigned on Monday.")
    (tmp_path / "a.meta.json").write_text('{"published": "2025-02-25"}')
    real = Path.read_text

    def read_text(self, *args, **kwargs):
        if self.name == "a.meta.json":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    (rejection,) = list(read_articles([tmp_path]))
    assert rejection.reason == "cannot read its sidecar a.meta.json: Permission denied"


INPUTS = Path(__file__).parent / "inputs"


def test_a_cp1252_file_is_read_as_cp1252():
    (article,) = list(read_articles([INPUTS / "cp1252-sao-paulo.txt"]))
    assert isinstance(article, Article), article
    assert "São Paulo" in article.text and "fête" in article.text and "“the talks" in article.text
    assert "Săo" not in article.text and "fęte" not in article.text
    assert "decoded as cp1252 (Western European letters)" in dict(article.meta)["decoded"]


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("A delegação chegou a São Paulo; não comentou. La fête à Genève.", "cp1252"),
        ("Der Außenminister traf sich in München; Færøerne, Søren.", "cp1252"),
        ("El presidente llegó a Cádiz; ¿qué pasó? 3½ años, 1.000 €.", "cp1252"),
        ("Předseda vlády řekl, že příští týden navštíví Brno.", "cp1250"),  # ø beside í: not Danish
        ("Prezydent powiedział, że odwiedzi Łódź i spotka się z władzami.", "cp1250"),  # "powiedzia³"
        ("Preşedintele a declarat că săptămâna viitoare va vizita Timişoara.", "cp1250"),  # "sãptãmâna"
        ("A miniszterelnök kedden Győrben találkozott a vezetőkkel.", "cp1250"),  # "Gyõrben"
    ],
)
def test_western_european_text_is_cp1252_and_the_rest_is_detected(text, codec):
    from timeline.sources.common import decode

    decoded, note = decode((text + " ").encode(codec) * 4)
    assert decoded == (text + " ") * 4
    assert ("Western European" in note) == (codec == "cp1252")
    if codec != "cp1252":
        assert "detected, a guess" in note


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", (INPUTS / "inbox" / "press-release.pdf").read_bytes(), "PDF document"),
        ("report.txt", (INPUTS / "inbox" / "press-release.pdf").read_bytes(), "PDF document"),  # by its bytes
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        ("chart.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("memo.docx", b"PK\x03\x04\x14\x00\x06\x00", "office document or zip archive"),
        ("memo.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "legacy office document"),
        ("memo.xlsx", b"not really a spreadsheet", ".xlsx file"),
    ],
)
def test_unsupported_file_types_are_refused_passed_explicitly_or_in_a_folder(tmp_path, name, content, kind):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(content)
    for target in (tmp_path / "in" / name, tmp_path / "in"):
        (refused,) = list(read_articles([target]))
        assert isinstance(refused, Rejection), refused
        assert refused.reason.startswith(f"unsupported file type: {kind}"), refused.reason


def test_a_pdf_in_a_folder_is_logged_as_refused():
    results = list(read_articles([INPUTS / "inbox"]))
    by_name = {Path(r.source).name: r for r in results}
    assert isinstance(by_name["talks.txt"], Article)
    assert isinstance(by_name["press-release.pdf"], Rejection)
    assert "PDF document" in by_name["press-release.pdf"].reason


def test_a_text_that_starts_like_a_magic_number_is_still_text(tmp_path):
    (tmp_path / "bm.txt").write_text("BM announced on Monday that talks resumed.", encoding="utf-8")
    (article,) = list(read_articles([tmp_path / "bm.txt"]))
    assert isinstance(article, Article)


def test_a_utf8_page_with_a_stray_byte_is_loaded_with_the_byte_replaced(tmp_path: Path):
    body = "Le président a visité Paris lundi. The minister resigned on Monday after talks in Zürich. " * 3
    (tmp_path / "p.html").write_bytes(
        b'<html><head><meta charset="utf-8"><title>T</title></head><body><article><p>'
        + body.encode() + b" caf\xe9 ouvert</p></article></body></html>"
    )
    (page,) = list(read_articles([tmp_path]))
    assert isinstance(page, Article), page
    assert "Le président a visité Paris" in page.text and "caf\ufffd ouvert" in page.text
    assert "byte 0xe9" in dict(page.meta)["decoded"] and "replaced by U+FFFD" in dict(page.meta)["decoded"]


def test_lone_surrogates_and_undecodable_file_names_never_stop_the_read(tmp_path: Path):
    # a JSON "\\ud800" escape decodes to a lone surrogate, which UTF-8 (and so the warehouse) cannot hold
    (tmp_path / "a.jsonl").write_text(
        '{"id": "k\\ud800", "title": "T\\udc00", "text": "Talks on Monday.\\ud800"}\n'
        '{"id": "ok", "text": "The minister resigned on Monday."}\n'
    )
    name = os.fsdecode(b"caf\xe9.txt")  # a file name in Latin-1: Python keeps the byte as a surrogate
    try:
        (tmp_path / name).write_text("Talks resumed on Tuesday.")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses file names in no UTF-8")
    results = list(read_articles([tmp_path]))
    assert all(isinstance(r, Article) for r in results), results
    for r in results:  # every stored string encodes as UTF-8, and the ids can be computed
        for value in (r.source, r.text, r.title, r.article_id, r.content_hash):
            value.encode("utf-8")
    by_name = {Path(r.source).name: r for r in results}
    assert by_name["a.jsonl#k\\ud800"].text == "Talks on Monday.\ufffd"
    assert by_name["a.jsonl#k\\ud800"].title == "T\ufffd"
    assert "caf\\xe9.txt" in by_name and "a.jsonl#ok" in by_name


def test_a_utf16_jsonl_export_is_read_line_by_line(tmp_path: Path):
    lines = [
        {"id": "a", "text": "Talks resumed on Monday.", "published": "2025-02-25"},
        {"id": "b", "text": "The minister resigned on Tuesday\u2028after talks."},
    ]
    (tmp_path / "x.jsonl").write_bytes("\r\n".join(json.dumps(r, ensure_ascii=False) for r in lines).encode("utf-16"))
    loaded, refused = read(tmp_path)
    assert not refused
    assert loaded["x.jsonl#a"].published == date(2025, 2, 25)
    assert loaded["x.jsonl#b"].text == "The minister resigned on Tuesday\u2028after talks."


@pytest.mark.parametrize(
    "stamp",
    [
        b"<pubDate>Tue, 25 Feb 2025 23:30:00 -0500</pubDate>",  # feedparser alone says the 26th (UTC)
        b"<pubDate>2025-02-25T23:30:00-05:00</pubDate>",
        b"<pubDate>Tue, 25 Feb 2025 00:30:00 +0100</pubDate>",  # feedparser alone says the 24th
        b"<pubDate>25 February 2025</pubDate>",  # a form only feedparser reads: its day is the one written
    ],
)
def test_a_feed_entry_is_dated_by_its_local_day_as_every_format_is(tmp_path: Path, stamp):
    (tmp_path / "f.rss").write_bytes(RSS_ITEM % stamp)
    (entry,) = list(read_articles([tmp_path]))
    assert isinstance(entry, Article), entry
    assert entry.published == date(2025, 2, 25)


def test_a_file_of_another_extension_is_read_by_what_it_holds(tmp_path: Path):
    """Named as an input, a file of an unknown extension was read as plain text: a JSON export or an XHTML
    page became an article made of its JSON syntax or its markup."""
    (tmp_path / "export.json").write_text(json.dumps([
        {"id": "a", "text": "Talks resumed on Monday.", "published": "2025-02-25"},
        {"title": "no text"},
        "not an object",
    ]))
    (tmp_path / "one.json").write_text(json.dumps({"text": "The minister resigned on Tuesday."}))
    (tmp_path / "page.xhtml").write_text(
        "<html><head><title>T</title></head><body><article><p>"
        + "The harbour strike ended on Friday after talks with the port authority. " * 4
        + "</p></article></body></html>"
    )
    (tmp_path / "download").write_text("Prices rose on Wednesday.")
    (tmp_path / "bracket").write_text("[Reuters] Prices fell on Thursday.")
    (tmp_path / "table.csv").write_text("date,text\n2025-02-25,Talks resumed on Monday.\n")
    names = ["export.json", "one.json", "page.xhtml", "download", "bracket", "table.csv"]
    loaded, refused = read(*(tmp_path / n for n in names))
    assert loaded["export.json#a"].text == "Talks resumed on Monday."
    assert loaded["export.json#a"].published == date(2025, 2, 25)
    assert "no text" in refused["export.json#item 2"] and "expected an object" in refused["export.json#item 3"]
    assert loaded["one.json#item 1"].text == "The minister resigned on Tuesday."
    assert "<" not in loaded["page.xhtml"].text and "harbour strike ended" in loaded["page.xhtml"].text
    assert loaded["download"].text == "Prices rose on Wednesday."
    assert loaded["bracket"].text == "[Reuters] Prices fell on Thursday."
    assert "a CSV table, not an article" in refused["table.csv"]
    assert not any(n in loaded for n in ("export.json", "table.csv"))
