"""Draw the timeline: events on a date axis, one lane per actor, the status shown by colour and outline.

Reads: the events that :class:`~timeline.export.Filters` keep (read-only). Writes: a self-contained HTML
page (inline SVG and CSS; no script, font or style from the network, which its content security policy
forbids) or a PNG of the same SVG, rendered by resvg (no browser, no system library).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import warehouse
from .errors import ExportError
from .export import Filters, select_events

PLOT_COLUMNS = ["date", "date_start", "date_end", "granularity", "status", "event", "time_text", "article", "event_id"]
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
WIDTH, LEFT, RIGHT, TOP, ROW, LANE_PAD, AXIS = 1200, 190, 30, 86, 22, 8, 44
CHAR_PX = 6.3  # average width of a character of the 11px label font
LABEL_CHARS = 46
MAX_ROWS = 12  # rows of marks in one lane before they overlap
NO_ACTOR, OTHERS = "(no actor named)", "(other actors)"


@dataclass(frozen=True)
class Style:
    fill: str
    stroke: str
    dash: str = ""


STATUS_STYLES = {
    "occurred": Style("#1f6fb4", "#1f6fb4"),
    "planned": Style("#ffffff", "#e8710a", "4 2"),
    "reported": Style("#9b59b6", "#6c3483"),
    "negated": Style("#ffffff", "#7f7f7f", "1 2"),
    "hypothetical": Style("#ffffff", "#2e9e44", "2 2"),
}
UNKNOWN_STYLE = Style("#bbbbbb", "#555555")


@dataclass(frozen=True)
class Mark:
    """One event drawn in one lane: a dot for a day, a bar for a longer date, and its label."""

    lane: int
    row: int
    x0: float
    x1: float
    status: str
    label: str
    label_at: str  # right, left or inside (of a bar)
    tooltip: str


@dataclass(frozen=True)
class Picture:
    lanes: list[tuple[str, int]]  # (actor, rows used)
    marks: list[Mark]
    ticks: list[tuple[float, float, str]]  # (grid line x, label x, label)
    title: str
    note: str
    height: int


def _actor_lists(path: Path, filters: Filters) -> dict[str, list[str]]:
    where, params = filters.where()
    sql = (
        "SELECT x.event_id, list(x.actor ORDER BY x.actor) FROM events_by_actor x "
        f"WHERE x.event_id IN (SELECT t.event_id FROM timeline_entries t WHERE {where}) GROUP BY x.event_id"
    )
    _, rows = warehouse.query(path, sql, params)
    return {event_id: list(actors) for event_id, actors in rows}


def _ticks(first: date, last: date, x: Any) -> list[tuple[float, float, str]]:
    """Grid lines and labels: days, Mondays, months or years, whichever gives a readable count; a day's label
    is centred on the day."""
    span = (last - first).days
    if span <= 16:
        days = [first + timedelta(days=i) for i in range(span + 1)]
        return [(x(d), (x(d) + x(d + timedelta(days=1))) / 2, d.strftime("%a %d %b")) for d in days]
    if span <= 120:
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        return [(x(d), x(d), d.strftime("%d %b")) for d in _every(monday, last, timedelta(days=7))]
    if span <= 1500:
        step = 1 if span <= 400 else 3
        months, d = [], date(first.year, first.month, 1)
        while d <= last:
            if d >= first and (d.month - 1) % step == 0:
                months.append((x(d), x(d), d.strftime("%b %Y")))
            d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return months
    years = last.year - first.year
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if years / s <= 12)
    return [(x(date(y, 1, 1)), x(date(y, 1, 1)), str(y)) for y in range(first.year + 1, last.year + 1) if y % step == 0]


def _every(start: date, stop: date, step: timedelta) -> list[date]:
    out = []
    while start <= stop:
        out.append(start)
        start += step
    return out


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _lanes(dated: list[dict[str, Any]], actors: dict[str, list[str]], max_lanes: int) -> tuple[list[str], int]:
    """Lane names: the actors with most events, in order of first appearance, then the shared lanes."""
    counts: dict[str, int] = {}
    first_seen: dict[str, date] = {}
    for e in dated:
        for a in actors.get(e["event_id"], []):
            counts[a] = counts.get(a, 0) + 1
            first_seen[a] = min(first_seen.get(a, e["date_start"]), e["date_start"])
    top = sorted(counts, key=lambda a: (-counts[a], a))[:max_lanes]
    names = sorted(top, key=lambda a: (first_seen[a], a))
    return names + [OTHERS, NO_ACTOR], len(counts)


def _place(e: dict[str, Any], x: Any) -> tuple[float, float, str, str, float, float]:
    """Where one event is drawn: ``(x0, x1, label place, label, occupied from, occupied to)``."""
    text = e["event"] or e["date"]
    label = _short(text)
    if e["granularity"] == "day":  # a dot in the middle of its day
        x0 = x1 = (x(e["date_start"]) + x(e["date_start"] + timedelta(days=1))) / 2
    else:  # a bar from the first to the last day
        x0 = x(e["date_start"])
        x1 = max(x((e["date_end"] or e["date_start"]) + timedelta(days=1)), x0 + 8)
    label_w = len(label) * CHAR_PX
    if x1 - x0 >= label_w + 16:  # inside the bar, as much of the text as fits
        label = _short(text, min(int((x1 - x0 - 16) / CHAR_PX), 2 * LABEL_CHARS))
        return x0, x1, "inside", label, x0 - 2, x1 + 4
    if x1 + 9 + label_w <= WIDTH - 4:
        return x0, x1, "right", label, x0 - 7, x1 + 12 + label_w
    # no room on the right: on the left, shortened to stay clear of the lane names
    label = _short(label, max(int((x0 - 9 - LEFT) / CHAR_PX), 8))
    return x0, x1, "left", label, x0 - 12 - len(label) * CHAR_PX, x1 + 7


def _pack(spans: list[tuple[float, float]]) -> list[int]:
    """A row for each ``(start, stop)`` span, in order, so that spans in one row do not overlap; past
    ``MAX_ROWS`` rows the marks share the last row (the HTML page lists every event anyway)."""
    ends: list[float] = []
    rows = []
    for start, stop in spans:
        row = next((i for i, end in enumerate(ends) if end <= start), len(ends))
        if row == len(ends) and row >= MAX_ROWS:
            row = MAX_ROWS - 1
        elif row == len(ends):
            ends.append(stop)
        ends[row] = max(ends[row], stop) if row == MAX_ROWS - 1 else stop
        rows.append(row)
    return rows


def _overflows(items: Sequence[tuple[dict[str, Any], tuple[Any, ...]]], rows: list[int]) -> bool:
    """Whether two labelled marks of the last row overlap (the lane had more than ``MAX_ROWS`` rows)."""
    last = sorted((p[4], p[5]) for (_, p), row in zip(items, rows, strict=True) if row == MAX_ROWS - 1)
    return any(b[0] < a[1] for a, b in zip(last, last[1:], strict=False))


def layout(events: list[dict[str, Any]], actors: dict[str, list[str]], max_lanes: int = 20) -> Picture:
    """Place every dated event in the lane of each of its actors, stacking marks that would overlap."""
    dated = [e for e in events if e["date_start"] is not None]
    if not dated:
        raise ExportError("no dated events to plot (check the filters, or run 'timeline run' first)")
    names, n_actors = _lanes(dated, actors, max_lanes)
    lane_of = {a: i for i, a in enumerate(names[:-2])}
    first = min(e["date_start"] for e in dated)
    last = max(e["date_end"] or e["date_start"] for e in dated)
    pad = max(1, (last - first).days // 30)
    lo, span = first - timedelta(days=pad), (last - first).days + 2 * pad + 1

    def x(d: date) -> float:
        return LEFT + (d - lo).days / span * (WIDTH - LEFT - RIGHT)

    by_lane: dict[int, list[tuple[dict[str, Any], tuple[float, float, str, str, float, float]]]] = {}
    for e in dated:
        named = actors.get(e["event_id"], [])
        lanes = sorted({lane_of[a] for a in named if a in lane_of}) or [names.index(OTHERS if named else NO_ACTOR)]
        place = _place(e, x)
        for lane in lanes:
            by_lane.setdefault(lane, []).append((e, place))
    lanes_out, marks = [], []
    for k, lane in enumerate(sorted(by_lane)):  # lanes with at least one mark
        items = sorted(by_lane[lane], key=lambda item: item[1][4])
        rows = _pack([(p[4], p[5]) for _, p in items])
        crowded = max(rows) == MAX_ROWS - 1 and _overflows(items, rows)
        if crowded:  # too many to label legibly: marks only (hover and the event list tell what they are)
            rows = _pack([(p[0] - 7, p[1] + 7) for _, p in items])
        lanes_out.append((names[lane], max(rows) + 1))
        for (e, (x0, x1, where, label, _, _)), row in zip(items, rows, strict=True):
            tip = f"{e['date']} ({e['status']}): {e['event']} [{e['time_text']}] · {e['article'] or ''}"
            marks.append(Mark(k, row, x0, x1, e["status"], "" if crowded else label, where, tip))
    height = TOP + sum(r * ROW + 2 * LANE_PAD for _, r in lanes_out) + AXIS
    undated = len(events) - len(dated)
    title = (
        f"Timeline: {_plural(len(dated), 'event')}, {_plural(n_actors, 'actor')}, "
        f"{first.strftime('%d %b %Y')} to {last.strftime('%d %b %Y')}"
    )
    note = f"{_plural(undated, 'event')} without a resolved date not shown." if undated else ""
    return Picture(lanes_out, marks, _ticks(first, last, x), title, note, height)


# ---- drawing -------------------------------------------------------------------------------------


def _attrs(**values: Any) -> str:
    return " ".join(f'{k.rstrip("_").replace("_", "-")}="{html.escape(str(v))}"' for k, v in values.items() if v != "")


def svg(picture: Picture, standalone: bool = True) -> str:
    """The picture as SVG markup; ``standalone`` adds the namespace a file (or resvg) needs."""
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [
        f'<svg{ns} width="{WIDTH}" height="{picture.height}" viewBox="0 0 {WIDTH} {picture.height}" '
        f'font-family="{FONT}" font-size="11" role="img" aria-label="{html.escape(picture.title)}">',
        f'<rect width="{WIDTH}" height="{picture.height}" fill="#ffffff"/>',
        f'<text x="16" y="26" font-size="16" font-weight="bold" fill="#222">{html.escape(picture.title)}</text>',
    ]
    if picture.note:
        out.append(f'<text x="16" y="46" fill="#666">{html.escape(picture.note)}</text>')
    out += _legend()
    bottom = picture.height - AXIS
    for gx, lx, label in picture.ticks:
        out.append(f'<line x1="{gx:.1f}" y1="{TOP - 6}" x2="{gx:.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{lx:.1f}" y="{bottom + 18}" text-anchor="middle" fill="#444">{html.escape(label)}</text>')
    out.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#888"/>')
    tops, y = [], TOP
    for i, (name, rows) in enumerate(picture.lanes):
        h = rows * ROW + 2 * LANE_PAD
        tops.append(y)
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{h}" fill="#f5f7fa"/>')
        muted = "#888" if name.startswith("(") else "#222"
        out.append(
            f'<text x="{LEFT - 10}" y="{y + LANE_PAD + ROW / 2 + 4:.1f}" text-anchor="end" font-weight="bold" '
            f'fill="{muted}">{html.escape(_short(name, 28))}</text>'
        )
        y += h
    for m in picture.marks:
        out.append(_mark(m, tops[m.lane] + LANE_PAD + m.row * ROW + ROW / 2))
    out.append("</svg>")
    return "\n".join(out)


def _shape(status: str, x0: float, x1: float, cy: float) -> str:
    style = STATUS_STYLES.get(status, UNKNOWN_STYLE)
    paint = _attrs(fill=style.fill, stroke=style.stroke, stroke_width=2, stroke_dasharray=style.dash)
    if x1 - x0 < 1:
        return f'<circle cx="{x0:.1f}" cy="{cy:.1f}" r="6" {paint}/>'
    return f'<rect x="{x0:.1f}" y="{cy - 6:.1f}" width="{x1 - x0:.1f}" height="12" rx="4" {paint}/>'


def _mark(m: Mark, cy: float) -> str:
    anchor, tx, ink = {
        "left": ("end", m.x0 - 9, "#333"),
        "inside": (
            "start",
            m.x0 + 8,
            "#ffffff" if STATUS_STYLES.get(m.status, UNKNOWN_STYLE).fill != "#ffffff" else "#333",
        ),
        "right": ("start", m.x1 + 9, "#333"),
    }[m.label_at]
    return (
        f"<g><title>{html.escape(m.tooltip)}</title>{_shape(m.status, m.x0, m.x1, cy)}"
        f'<text x="{tx:.1f}" y="{cy + 4:.1f}" text-anchor="{anchor}" fill="{ink}">{html.escape(m.label)}</text></g>'
    )


def _legend() -> list[str]:
    out, x = [], 16.0
    for status in STATUS_STYLES:
        out.append(_shape(status, x + 6, x + 6, 64))
        out.append(f'<text x="{x + 16:.0f}" y="68" fill="#333">{status}</text>')
        x += 30 + len(status) * CHAR_PX
    out.append(_shape("occurred", x + 10, x + 10, 64) + f'<text x="{x + 20:.0f}" y="68" fill="#333">a day</text>')
    x += 70
    out.append(_shape("occurred", x, x + 34, 64))
    out.append(f'<text x="{x + 42:.0f}" y="68" fill="#333">a week, month or longer (from first to last day)</text>')
    return out


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: {font}; margin: 16px; color: #222; }}
svg {{ max-width: 100%; height: auto; }}
svg g:hover circle, svg g:hover rect {{ stroke-width: 3; }}
table {{ border-collapse: collapse; margin-top: 18px; font-size: 13px; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #ddebf7; }}
td:first-child, td:nth-child(2) {{ white-space: nowrap; }}
</style>
</head>
<body>
{svg}
<details open><summary>Events ({count})</summary>
{table}
</details>
</body>
</html>
"""


def _table(events: list[dict[str, Any]], actors: dict[str, list[str]]) -> str:
    cols = ["date", "status", "event", "actors", "time_text", "article"]
    head = "".join(f"<th>{c}</th>" for c in cols)
    body = []
    for e in events:
        cells = {**e, "actors": "; ".join(actors.get(e["event_id"], []))}
        body.append("<tr>" + "".join(f"<td>{html.escape(str(cells[c] or ''))}</td>" for c in cols) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>"


def plot(path: Path, out: Path, filters: Filters | None = None, max_lanes: int = 20) -> int:
    """Draw the events ``filters`` keep into ``out`` (``.html`` or ``.png``); return how many are drawn."""
    filters = filters or Filters()
    kind = out.suffix.lower()
    if kind not in (".html", ".htm", ".png", ".svg"):
        raise ExportError(f"cannot tell the picture format of {out.name}: name it .html, .png or .svg")
    if out.exists() and out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    table = select_events(path, filters, PLOT_COLUMNS)
    events = table.to_pylist()
    actors = _actor_lists(path, filters)
    picture = layout(events, actors, max_lanes)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if kind == ".png":
            out.write_bytes(png(picture))
        elif kind == ".svg":
            out.write_text(svg(picture), encoding="utf-8")
        else:
            page = PAGE.format(
                title=html.escape(picture.title), font=FONT, svg=svg(picture, standalone=False),
                count=len(events), table=_table(events, actors),
            )  # fmt: skip
            out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return sum(1 for e in events if e["date_start"] is not None)


def png(picture: Picture, zoom: float = 1.5) -> bytes:
    """The picture rendered to PNG by resvg (the only place that knows resvg)."""
    import resvg_py

    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg(picture), background="#ffffff", zoom=zoom))
    except ValueError as exc:
        raise ExportError(f"cannot render the PNG: {exc}") from exc
