"""`timeline eval expressions`: reading the JSONL gold, overlap matching, value equivalence, the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.errors import InputError
from timeline.evaluation.expressions import (
    Found,
    GoldExpression,
    GoldRecord,
    evaluate,
    read_gold,
    same_value,
    score_record,
)


def _gold(text: str, start: int, end: int, value: str | None, category="resolved", safe=True) -> GoldExpression:
    return GoldExpression(start, end, text[start:end], "DATE", value, category, safe)


def _record(text: str, *expressions: GoldExpression) -> GoldRecord:
    return GoldRecord(1, text, date(2016, 11, 7), expressions)


@pytest.mark.parametrize(
    ("gold", "ours", "same"),
    [
        ("2016-11-07T08", "2016-11-07T08:00", True),
        ("2019-11-01T15:46:00", "2019-11-01T15:46", True),
        ("2018-11-21T23:59:59", "2018-11-21T23:59", False),
        ("P3M", "P1Q", True),
        ("PT1.5H", "PT1H30M", True),
        ("P1W", "P7D", True),
        ("P2Y6M", "P2.5Y", True),
        ("P1Y", "P1M", False),
        ("XXXX-WXX-1", "XXXX-WXX-1", True),
        ("2016-11-07", "2016-11-08", False),
        (None, None, False),
    ],
)
def test_values_compare_by_meaning(gold, ours, same):
    assert same_value(gold, ours) is same


def test_matching_by_overlap_and_what_counts():
    text = "Meet next week on Tuesday, or 2014-2018, in 2000 boxes."
    record = _record(
        text,
        _gold(text, 5, 25, "2016-11-15"),  # "next week on Tuesday": found with another value
        _gold(text, 30, 39, None, "range", safe=False),  # a range: not scored, but not spurious either
    )
    found = [
        Found(5, 14, "next week", "DATE", "2016-W46", "relative_unit"),
        Found(30, 34, "2014", "DATE", "2014", "year"),
        Found(35, 39, "2018", "DATE", "2018", "year"),
        Found(44, 48, "2000", "DATE", "2000", "year"),
    ]
    cases, spurious = score_record(record, found)
    assert [(c.gold.text, c.found.text if c.found else None, c.right) for c in cases] == [
        ("next week on Tuesday", "next week", False)
    ]
    assert [f.text for f in spurious] == ["2000"]


def test_a_right_value_is_preferred_among_overlapping():
    text = "tomorrow at 8am"
    record = _record(text, _gold(text, 0, 15, "2016-11-08T08:00"))
    found = [Found(0, 8, "tomorrow", "DATE", "2016-11-08", "r"), Found(9, 15, "at 8am", "TIME", "2016-11-08T08", "c")]
    (case,), spurious = score_record(record, found)
    assert case.right and spurious == []


def test_read_gold_and_bad_lines(tmp_path):
    path = tmp_path / "gold.jsonl"
    good = {"text": "on 1/1/2016", "reference": "2018-08-31T00:00:00", "expressions": []}
    path.write_text(json.dumps(good) + "\n\n" + '{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:3"):
        read_gold(path)
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    (record,) = read_gold(path)
    assert record.reference == date(2018, 8, 31) and record.expressions == ()
    with pytest.raises(InputError):
        read_gold(tmp_path / "missing.jsonl")


def test_read_gold_from_a_folder(tmp_path):
    good = {"text": "on 1/1/2016", "reference": "2018-08-31", "expressions": []}
    (tmp_path / "a.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert [r.line for r in read_gold(tmp_path)] == [1, 2, 3]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no JSONL"):
        read_gold(tmp_path / "empty")


SUITE = [
    {
        "text": "The minister resigned yesterday.",
        "reference": "2016-11-07T00:00:00",
        "expressions": [
            {"text": "yesterday", "start": 22, "end": 31, "type": "DATE", "value": "2016-11-06",
             "category": "resolved", "news_safe": True},
        ],
    },
    {
        "text": "The war has lasted three years, since 2013.",
        "reference": "2016-11-07T00:00:00",
        "expressions": [
            {"text": "three years", "start": 19, "end": 30, "type": "DURATION", "value": "P2Y",
             "category": "duration", "news_safe": True},
            {"text": "since 2013", "start": 32, "end": 42, "type": "DATE", "value": None,
             "category": "range", "news_safe": False},
        ],
    },
    {"text": "Prices rose in June 2015.", "reference": "2016-11-07", "expressions": []},
]  # fmt: skip


def test_evaluate_runs_the_pipeline(nlp, tmp_path):
    path = tmp_path / "suite.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in SUITE), encoding="utf-8")
    report = evaluate(read_gold(path), lambda texts: nlp.pipe(texts))
    assert report.figures() == {"gold": 2, "found": 2, "value_right": 1, "value_right_share": 50.0, "spurious": 1}
    assert report.figures("duration") == {"gold": 1, "found": 1, "value_right": 0, "value_right_share": 0.0}

    result = CliRunner().invoke(app, ["eval", "expressions", str(path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["records"], summary["value_right"], summary["spurious"]) == (3, 1, 1)
    assert summary["categories"]["resolved"]["value_right"] == 1

    result = CliRunner().invoke(app, ["eval", "expressions", str(path), "--misses"])
    assert result.exit_code == 0, result.output
    assert "gold 'three years' P2Y" in result.output and "spurious" in result.output
    assert "duration     gold 1  found 1  value right 0" in result.output
