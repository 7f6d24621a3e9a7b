"""The timeline picture: lanes per actor, stacked marks, self-contained HTML, PNG, and a real browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zlib
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from timeline import warehouse
from timeline.cli import app
from timeline.errors import ExportError
from timeline.export import Filters
from timeline.plot import NO_ACTOR, OTHERS, STATUS_STYLES, WIDTH, _pack, _ticks, layout, plot

runner = CliRunner()
OCCURRED = tuple(int(STATUS_STYLES["occurred"].fill[i : i + 2], 16) for i in (1, 3, 5))
PLANNED = tuple(int(STATUS_STYLES["planned"].stroke[i : i + 2], 16) for i in (1, 3, 5))

EVENTS = [
    # (event_id, actors, status, date, granularity, first day, last day, text)
    ("e1", ["Macron", "Starmer"], "occurred", "2025-02-24", "day", date(2025, 2, 24), date(2025, 2, 24), "met"),
    ("e2", ["Starmer"], "planned", "2025-02-27", "day", date(2025, 2, 27), date(2025, 2, 27), "will visit"),
    ("e3", ["Macron"], "occurred", "2025-W09", "week", date(2025, 2, 24), date(2025, 3, 2), "talks this week"),
    ("e4", [], "reported", "2025-02-24", "day", date(2025, 2, 24), date(2025, 2, 24), "prices rose"),
    ("e5", ["Trump"], "hypothetical", "2025", "year", None, None, "might sign"),
]


def _event(row) -> dict:
    event_id, _, status, value, grain, start, end, text = row
    return {"event_id": event_id, "status": status, "date": value, "granularity": grain, "date_start": start,
            "date_end": end, "event": text, "time_text": value, "article": "A"}  # fmt: skip


@pytest.fixture()
def drawn(warehouse_path) -> Path:
    """The events above, written straight into a warehouse."""
    with warehouse.connect(warehouse_path):
        pass
    con = duckdb.connect(str(warehouse_path))
    con.execute(
        "INSERT INTO articles (article_id, source, title, published, content_hash, text, loaded_at) "
        "VALUES ('a1', 'a.txt', 'A <b>&</b>', DATE '2025-02-25', 'h', '', now())"
    )
    for event_id, actors, status, value, grain, start, end, text in EVENTS:
        con.execute(
            "INSERT INTO events (event_id, article_id, timex_id, trigger, description, actors, status, value, "
            "granularity, date_start, date_end) VALUES (?, 'a1', ?, 'x', ?, ?, ?, ?, ?, ?, ?)",
            [event_id, event_id, text, actors, status, value, grain, start, end],
        )
    warehouse.update_timeline(con)  # rows written by hand: the timeline table made from them
    con.close()
    return warehouse_path


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGBA pixels of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += [body] if kind == b"IDAT" else []
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6)
    bpp = 4 if color == 6 else 3
    raw, stride, rows, prev = zlib.decompress(b"".join(chunks)), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a, b = line[i - bpp] if i >= bpp else 0, prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pred = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
            line[i] = (line[i] + (0, a, b, (a + b) // 2, pred)[kind]) & 0xFF
        rows.append(bytes(line) if bpp == 4 else bytes(x for i in range(0, stride, 3) for x in (*line[i : i + 3], 255)))
        prev = line
    return width, height, rows


def count_colour(rows: list[bytes], rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    return sum(
        1 for row in rows for i in range(0, len(row), 4) if all(abs(row[i + k] - rgb[k]) <= tolerance for k in range(3))
    )


# ---- layout --------------------------------------------------------------------------------------


def test_layout_puts_each_event_in_the_lane_of_each_actor():
    events = [_event(r) for r in EVENTS]
    picture = layout(events, {r[0]: r[1] for r in EVENTS})
    assert [name for name, _ in picture.lanes] == ["Macron", "Starmer", NO_ACTOR]
    by_lane = {picture.lanes[m.lane][0]: [] for m in picture.marks}
    for m in picture.marks:
        by_lane[picture.lanes[m.lane][0]].append(m.tooltip.split(":")[1].strip().split(" [")[0])
    assert {k: sorted(v) for k, v in by_lane.items()} == {
        "Macron": ["met", "talks this week"], "Starmer": ["met", "will visit"], NO_ACTOR: ["prices rose"],
    }  # fmt: skip
    assert picture.note == "1 event without a resolved date not shown."


def test_overlapping_marks_are_stacked_and_bars_span_their_days():
    picture = layout([_event(r) for r in EVENTS], {r[0]: r[1] for r in EVENTS})
    macron = sorted((m for m in picture.marks if m.lane == 0), key=lambda m: m.row)
    assert [m.row for m in macron] == [0, 1] and picture.lanes[0] == ("Macron", 2)
    day, week = sorted(macron, key=lambda m: m.x1 - m.x0)
    assert day.x0 == day.x1  # a dot
    assert week.x0 < day.x0 < week.x1  # the week's bar covers the Monday
    assert (week.x1 - week.x0) == pytest.approx(7 * (day.x0 - week.x0) * 2)


def test_actors_beyond_the_limit_share_one_lane():
    rows = [(f"e{i}", [f"Actor {i}"], "occurred", "", "day", date(2025, 1, 1) + timedelta(days=i), None, "x")
            for i in range(5)]  # fmt: skip
    rows += [("e9", ["Actor 0"], "occurred", "", "day", date(2025, 1, 9), None, "y")]
    picture = layout([_event(r) for r in rows], {r[0]: r[1] for r in rows}, max_lanes=2)
    assert [name for name, _ in picture.lanes] == ["Actor 0", "Actor 1", OTHERS]


def test_nothing_to_draw_is_an_error():
    with pytest.raises(ExportError, match="no dated events"):
        layout([_event(EVENTS[-1])], {})


@pytest.mark.parametrize(
    ("days", "first_label", "count"),
    [(6, "Mon 24 Feb", 7), (40, "24 Feb", 6), (200, "Mar 2025", 7), (900, "Apr 2025", 10), (4000, "2026", 11)],
)
def test_ticks_match_the_span(days, first_label, count):
    first = date(2025, 2, 24)
    ticks = _ticks(first, first + timedelta(days=days), lambda d: float((d - first).days))
    assert ticks[0][2] == first_label and len(ticks) == count
    assert [t[0] for t in ticks] == sorted(t[0] for t in ticks)


# ---- files ---------------------------------------------------------------------------------------


def test_html_is_self_contained(drawn, tmp_path):
    out = tmp_path / "t.html"
    assert plot(drawn, out) == 4
    page = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in page  # the page may not load anything, even if it tried
    assert not re.search(r"<(script|link|img|iframe)\b|url\(|@import|(src|href)\s*=", page, re.IGNORECASE)
    assert not re.search(r"https?:", page)
    assert page.count("<svg") == 1 and all(status in page for status in STATUS_STYLES)
    assert "A &lt;b&gt;&amp;&lt;/b&gt;" in page and "<b>&" not in page  # text is escaped, never markup
    for text in ("met", "will visit", "talks this week", "prices rose", "might sign"):
        assert f"<td>{text}</td>" in page  # every event is listed, undated ones too


def test_svg_is_well_formed(drawn, tmp_path):
    out = tmp_path / "t.svg"
    plot(drawn, out, Filters(actors=("starmer",)))
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("width") == str(WIDTH)
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Starmer" in labels and "Macron" in labels and NO_ACTOR not in labels


def test_png_shows_the_status_colours(drawn, tmp_path):
    out = tmp_path / "t.png"
    plot(drawn, out)
    width, height, rows = read_png(out.read_bytes())
    assert width == WIDTH * 1.5 and height > 300
    assert count_colour(rows, OCCURRED) > 500 and count_colour(rows, PLANNED) > 20


def test_only_known_picture_formats(drawn, tmp_path):
    with pytest.raises(ExportError, match="name it .html, .png or .svg"):
        plot(drawn, tmp_path / "t.pdf")


def test_plot_command(drawn, tmp_path):
    out = tmp_path / "p.html"
    result = runner.invoke(app, ["plot", "--out", str(out), "-w", str(drawn), "--status", "planned"])
    assert result.exit_code == 0, result.output
    assert "drew 1 event to" in result.output and "will visit" in out.read_text(encoding="utf-8")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed (apt-get install chromium)")
def test_html_renders_in_headless_chromium_without_network(drawn, tmp_path):
    page, shot = tmp_path / "t.html", tmp_path / "shot.png"
    plot(drawn, page)
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}",
             f"--screenshot={shot}", "--window-size=1400,900", page.as_uri()],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
    assert shot.exists(), proc.stderr[-2000:]
    width, height, rows = read_png(shot.read_bytes())
    assert (width, height) == (1400, 900)
    assert count_colour(rows, OCCURRED) > 300 and count_colour(rows, PLANNED) > 10


@pytest.mark.parametrize(
    ("spans", "rows"),
    [
        ([(0, 10), (5, 15), (12, 20)], [0, 1, 0]),
        ([(0, 10), (10, 20)], [0, 0]),
        ([(i, 100) for i in range(20)], [*range(12), *[11] * 8]),  # past MAX_ROWS the last row is shared
    ],
)
def test_pack(spans, rows):
    assert _pack(spans) == rows


def test_a_crowded_lane_drops_its_labels_but_not_its_marks():
    rows = [(f"e{i}", ["Busy"], "occurred", "", "day", date(2025, 1, 1) + timedelta(days=i % 3), None, f"event {i}")
            for i in range(40)]  # fmt: skip
    rows.append(("q", ["Quiet"], "planned", "", "day", date(2025, 1, 2), None, "alone"))
    picture = layout([_event(r) for r in rows], {r[0]: r[1] for r in rows})
    busy = [m for m in picture.marks if picture.lanes[m.lane][0] == "Busy"]
    assert len(busy) == 40 and {m.label for m in busy} == {""}
    assert max(m.row for m in busy) < 12
    assert [m.label for m in picture.marks if picture.lanes[m.lane][0] == "Quiet"] == ["alone"]
