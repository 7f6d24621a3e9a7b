"""Reading articles: metadata, front matter, and a clear reason for every input that is refused."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.records import Article, Rejection
from timeline.sources import read_articles

from .conftest import SEEDS


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


@pytest.mark.parametrize(
    ("name", "content", "meta", "reason"),
    [
        ("empty.txt", b"", None, "empty article"),
        ("blank.txt", b"  \n\n ", None, "empty article"),
        ("latin1.txt", "Caf\xe9 talks on Monday.".encode("latin-1"), None, "not valid UTF-8"),
        ("binary.txt", b"\x00\x01\x02PNG", None, "binary file"),
        ("baddate.txt", b"Talks on Monday.", {"published": "last Tuesday"}, "malformed publication date"),
        ("absurd.txt", b"Talks on Monday.", {"published": "0001-01-01"}, "implausible publication date"),
        ("badmeta.txt", b"Talks on Monday.", "{not json", "malformed metadata"),
        ("front.md", b"---\ntitle: [unclosed\n---\nText", None, "malformed front matter"),
    ],
)
def test_bad_inputs_are_refused_with_a_reason(tmp_path: Path, name, content, meta, reason):
    (tmp_path / name).write_bytes(content)
    if meta is not None:
        sidecar = tmp_path / (name.rsplit(".", 1)[0] + ".meta.json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta))
    (tmp_path / "good.txt").write_text("The minister resigned on Monday.")
    results = list(read_articles([tmp_path]))
    refused = [r for r in results if isinstance(r, Rejection)]
    loaded = [r for r in results if isinstance(r, Article)]
    assert len(refused) == 1 and reason in refused[0].reason, refused
    assert [Path(a.source).name for a in loaded] == ["good.txt"]


def test_declared_encoding_is_used(tmp_path: Path):
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks on Monday.".encode("latin-1"))
    (tmp_path / "latin1.meta.json").write_text(json.dumps({"encoding": "latin-1", "published": "2025-01-01"}))
    (article,) = list(read_articles([tmp_path]))
    assert article.text.startswith("Café")


def test_missing_date_is_loaded_without_anchor(tmp_path: Path):
    (tmp_path / "nodate.txt").write_text("The minister resigned on Monday.")
    (article,) = list(read_articles([tmp_path]))
    assert isinstance(article, Article) and article.published is None


def test_missing_path_is_reported(tmp_path: Path):
    (rejection,) = list(read_articles([tmp_path / "nope"]))
    assert isinstance(rejection, Rejection) and "no such file" in rejection.reason
