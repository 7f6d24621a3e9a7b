"""The TimeML scorer: reading TimeML, TempEval-3 style counts, our output as TimeML, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import InputError
from timeline.evaluation import meantime
from timeline.evaluation.timeml import (
    Counts,
    TimeMLDoc,
    Timex,
    WeekdayCase,
    evaluate,
    is_weekday_mention,
    read_corpus,
    read_timeml,
    score_doc,
    write_timeml,
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>doc1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-02-25" functionInDocument="CREATION_TIME">20250225</TIMEX3></DCT>
<TEXT>
Macron <EVENT eid="e1">visited</EVENT> Washington on <TIMEX3 tid="t1" type="DATE" value="2025-02-24">Monday\
</TIMEX3> &amp; Starmer will follow on <TIMEX3 tid="t2" type="DATE" value="2025-02-27">Thursday</TIMEX3>. \
The war has lasted <TIMEX3 tid="t3" type="DURATION" value="P3Y">three years</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0" />
</TimeML>
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "doc1.tml").write_text(TML, encoding="utf-8")
    return folder


def test_read_timeml_keeps_offsets_and_dct(corpus):
    doc = read_timeml(corpus / "doc1.tml")
    assert doc.dct == date(2025, 2, 25)
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2025-02-24"),
        ("Thursday", "DATE", "2025-02-27"),
        ("three years", "DURATION", "P3Y"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert "&" in doc.text and "<EVENT" not in doc.text


def _doc(*timexes: Timex) -> TimeMLDoc:
    return TimeMLDoc("d", date(2025, 2, 25), "x" * 100, tuple(timexes), "")


G1 = Timex(10, 16, "Monday", "DATE", "2025-02-24")
G2 = Timex(30, 41, "three years", "DURATION", "P3Y")

# (system output, expected counts: gold, system, strict, relaxed, value, type)
SCORING = [
    pytest.param([G1, G2], Counts(2, 2, 2, 2, 2, 2), id="perfect"),
    pytest.param([Timex(7, 16, "on Monday", "DATE", "2025-02-24")], Counts(2, 1, 0, 1, 1, 1), id="overlap-only"),
    pytest.param([Timex(10, 16, "Monday", "DATE", "2025-02-17")], Counts(2, 1, 1, 1, 0, 1), id="wrong-value"),
    pytest.param([G1, Timex(50, 55, "today", "DATE", "2025-02-25")], Counts(2, 2, 1, 1, 1, 1), id="spurious"),
    pytest.param([Timex(30, 41, "three years", "DATE", "P3Y")], Counts(2, 1, 1, 1, 1, 0), id="wrong-type"),
    pytest.param([], Counts(2, 0, 0, 0, 0, 0), id="nothing"),
]


@pytest.mark.parametrize(("system", "expected"), SCORING)
def test_score_doc_counts_like_tempeval3(system, expected):
    assert score_doc(_doc(G1, G2), system).counts == expected


def test_one_system_timex_matches_one_gold_timex():
    wide = Timex(5, 45, "...", "DATE", "2025-02-24")
    assert score_doc(_doc(G1, G2), [wide]).counts.relaxed == 1


def test_f1_is_in_percent():
    c = Counts(gold=10, system=5, relaxed=5)
    assert c.f1(c.relaxed) == pytest.approx(100 * 2 * 1.0 * 0.5 / 1.5)
    assert Counts().f1(0) == 0.0


@pytest.mark.parametrize(
    ("text", "counted"),
    [("Friday", True), ("last Monday", True), ("on Friday", False), ("Friday night", False), ("May 5", False)],
)
def test_weekday_mentions(text, counted):
    assert is_weekday_mention(text) is counted


def test_written_timeml_reads_back_with_our_tags(corpus, tmp_path):
    gold = read_timeml(corpus / "doc1.tml")
    ours = (Timex(gold.timexes[0].start, gold.timexes[0].end, "Monday", "DATE", "2025-02-24"),)
    out = tmp_path / "doc1.tml"
    out.write_text(write_timeml(gold, ours), encoding="utf-8")
    back = read_timeml(out)
    assert back.dct == gold.dct and back.text == gold.text
    assert [(t.text, t.value) for t in back.timexes] == [("Monday", "2025-02-24")]
    assert "TLINK" not in out.read_text(encoding="utf-8")


def test_evaluate_tags_with_the_pipeline(nlp, corpus, tmp_path):
    report = evaluate(read_corpus(corpus), nlp.pipe, tmp_path / "sys")
    summary = report.summary()
    assert (summary["docs"], summary["gold"]) == (1, 3)
    assert summary["value_f1"] == 100.0 and summary["strict_f1"] == 100.0
    assert report.weekday_accuracy() == 100.0
    assert (tmp_path / "sys" / "doc1.tml").exists()


def test_eval_timeml_command_json(corpus, tmp_path):
    result = CliRunner().invoke(app, ["eval", "timeml", str(corpus), "--json", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["docs", "gold", "system", "strict_f1", "relaxed_f1", "value_f1", "type_f1"]
    assert data["docs"] == 1 and data["gold"] == 3
    assert read_timeml(tmp_path / "o" / "doc1.tml").timexes


def test_eval_weekdays_command(corpus):
    result = CliRunner().invoke(app, ["eval", "weekdays", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "weekdays": 2,
        "correct": 2,
        "accuracy": 100.0,
        "same_day": 2,
        "day_accuracy": 100.0,
        "gold_not_on_weekday": 0,
    }


@pytest.mark.parametrize(
    ("text", "gold", "system", "right", "same_day", "on_weekday"),
    [
        ("Friday", "1998-10-23", "1998-10-23", True, True, True),
        # "Friday night" tagged whole, the gold tagging "Friday": the day is right, the value is not
        ("Friday", "1998-10-23", "1998-10-23TNI", False, True, True),
        ("Friday", "1998-10-23", "1998-10-16", False, False, True),
        ("Friday", "1998-10-23", None, False, False, True),
        # a gold value that is a Thursday cannot be what "Friday" means
        ("Friday", "1998-10-22", "1998-10-23", False, False, False),
        ("Monday", "XXXX-WXX-1", "XXXX-WXX-1", True, True, None),
    ],
)
def test_weekday_cases(text, gold, system, right, same_day, on_weekday):
    case = WeekdayCase("d", text, gold, system)
    assert (case.right, case.same_day, case.gold_on_weekday) == (right, same_day, on_weekday)


def test_missing_corpus_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        read_corpus(tmp_path / "nope")
    with pytest.raises(InputError):
        read_corpus(tmp_path)


# A MEANTIME (NAF/CAT) document: title, dateline (the creation time), two annotated sentences, one sentence
# beyond the annotated part, and a TIMEX3 without tokens (it only anchors a value).
def _naf(sentences: list[list[str]], markables: str) -> str:
    tokens, tid = [], 0
    for n, words in enumerate(sentences):
        for w in words:
            tid += 1
            tokens.append(f'<token number="{tid - 1}" sentence="{n}" t_id="{tid}">{w}</token>')
    body = "".join(tokens)
    return f'<?xml version="1.0" ?><Document doc_name="m1">{body}<Markables>{markables}</Markables></Document>'


MEANTIME_XML = _naf(
    [
        ["GM", "reports", "losses"],
        ["April", "01", ",", "2009"],
        ["GM", "said", "on", "Wednesday", "that", "sales", "fell", "(", "by", "45", "%", ")", "."],
        ["It", "'s", "the", "worst", "in", "27", "years", "."],
        ["Nothing", "here", "is", "annotated", "today", "."],
    ],
    '<TIMEX3 functionInDocument="CREATION_TIME" type="DATE" value="2009-04-01">'
    '<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/></TIMEX3>'
    '<TIMEX3 functionInDocument="NONE" type="DATE" value="2009-04-01"><token_anchor t_id="11"/></TIMEX3>'
    '<TIMEX3 functionInDocument="NONE" type="DURATION" value="P27Y">'
    '<token_anchor t_id="26"/><token_anchor t_id="27"/></TIMEX3>'
    '<TIMEX3 functionInDocument="NONE" type="DATE" value="2058"/>',
)


def test_read_meantime_rebuilds_text_and_offsets(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "m1.xml").write_text(MEANTIME_XML, encoding="utf-8")
    [doc] = meantime.read_corpus(tmp_path)
    assert doc.dct == date(2009, 4, 1)
    assert doc.text == "GM reports losses\nGM said on Wednesday that sales fell (by 45%).\nIt's the worst in 27 years."
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Wednesday", "DATE", "2009-04-01"),
        ("27 years", "DURATION", "P27Y"),
    ]


def test_eval_timeml_command_reads_meantime(tmp_path):
    (tmp_path / "m1.xml").write_text(MEANTIME_XML, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "timeml", str(tmp_path), "--format", "meantime", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["gold"] == 2
    result = CliRunner().invoke(app, ["eval", "weekdays", str(tmp_path), "--format", "meantime", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["weekdays"] == 1
