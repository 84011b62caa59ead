"""The dashboard's two charts as inline SVG, drawn here (no JavaScript, nothing from another host):

- a timeline (Gantt-like) of one pool's next days: a row per group with a bar while a page shows it and a
  mark where its code expires, a row for the stretches the page shows the contact, day lines with dates;
- seats left over the last days, and a dashed forecast down to zero at the recent rate.

Both scale to the width of a phone (a viewBox 320 units wide, text 12 units: ~12 px on a 360 px screen) and
carry a <title> and <desc> saying in words what they show; the page lists the same facts as text, too.
Coordinates are rounded, so the same input draws the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

WIDTH = 320
_LEFT, _RIGHT = 4, 300  # the plotting area, leaving room for the last date label
_ROW, _BAR, _LABEL = 34, 12, 16  # a row: its label line, then its bar
COLORS = {"open": "#2e7d32", "empty": "#c62828", "quiet": "#8a8a8a", "line": "#1565c0", "grid": "#d0d0d0"}


@dataclass(frozen=True)
class Bar:
    """A stretch of a row: from start to end (None: past the chart's end), and what it stands for."""

    start: datetime
    end: datetime | None
    state: str  # "open", "empty", "not-started", "ended", "archived"
    group: str | None  # the group id, for an open stretch
    label: str  # the stretch in words, for its <title>


@dataclass(frozen=True)
class Row:
    label: str
    bars: tuple[Bar, ...]
    expires: datetime | None = None  # a mark where the group's code expires, when within the chart
    expires_label: str = ""


@dataclass(frozen=True)
class Axis:
    """The time axis: where it starts and ends, and the site's time zone (for day lines and labels)."""

    start: datetime
    end: datetime
    tz: ZoneInfo

    def x(self, moment: datetime) -> float:
        if self.end <= self.start:  # a moment at the very end of time: nothing to spread out
            return _LEFT
        share = (moment - self.start) / (self.end - self.start)
        return round(_LEFT + max(0.0, min(1.0, share)) * (_RIGHT - _LEFT), 1)

    def days(self) -> list[datetime]:
        """Local midnights after the start, up to the end."""
        local = self.start.astimezone(self.tz)
        day = local.replace(hour=0, minute=0, second=0, microsecond=0)
        found: list[datetime] = []
        while True:
            try:  # a DST day is 23 or 25 hours long; past the year 9999 there is no next day
                day = (day + timedelta(days=1, hours=2)).replace(hour=0)
            except OverflowError:
                return found
            if day >= self.end:
                return found
            found.append(day)


def timeline(ident: str, rows: Sequence[Row], axis: Axis, title: str, desc: str, iso: str = "") -> Markup:
    """A timeline chart; `iso` formats times for data attributes (the same as `qunma status --json`)."""
    height = len(rows) * _ROW + 22
    parts = [_open(ident, height, title, desc), _day_lines(axis, height - 18)]
    for index, row in enumerate(rows):
        top = index * _ROW + 16
        parts.append(_text(_LEFT, top + 12, row.label))
        for bar in row.bars:
            parts.append(_bar(bar, axis, top + _LABEL, iso))
        if row.expires is not None and axis.start <= row.expires <= axis.end:
            x = axis.x(row.expires)
            y = top + _LABEL + _BAR
            parts.append(
                f'<path class="expiry" d="M{x} {y - 2}l-4 6h8z" fill="#222">'
                f"<title>{escape(row.expires_label)}</title></path>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _open(ident: str, height: float, title: str, desc: str) -> str:
    name = escape(ident)
    return (
        f'<svg id="{name}" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{name}-t {name}-d" font-size="12" font-family="sans-serif">'
        f'<title id="{name}-t">{escape(title)}</title><desc id="{name}-d">{escape(desc)}</desc>'
    )


def _day_lines(axis: Axis, bottom: float) -> str:
    parts = [f'<line x1="{_LEFT}" y1="4" x2="{_LEFT}" y2="{bottom}" stroke="#222" stroke-width="1.5"/>']
    for day in axis.days():
        x = axis.x(day)
        parts.append(f'<line x1="{x}" y1="4" x2="{x}" y2="{bottom}" stroke="{COLORS["grid"]}"/>')
        label = day.strftime("%m-%d")
        parts.append(f'<text x="{x}" y="{bottom + 13}" text-anchor="middle" fill="#333">{label}</text>')
    return "".join(parts)


def _bar(bar: Bar, axis: Axis, y: float, iso: str) -> str:
    x1 = axis.x(bar.start)
    x2 = axis.x(bar.end) if bar.end is not None else _RIGHT
    color = (
        COLORS["open"]
        if bar.state == "open"
        else COLORS["empty"]
        if bar.state == "empty"
        else COLORS["quiet"]
    )
    width = max(1.0, round(x2 - x1, 1))
    data = f' data-state="{bar.state}" data-start="{_iso(bar.start, iso, axis)}"'
    data += f' data-end="{_iso(bar.end, iso, axis)}"' if bar.end is not None else ' data-end=""'
    if bar.group is not None:
        data += f' data-group="{escape(bar.group)}"'
    return (
        f'<rect class="window"{data} x="{x1}" y="{y}" width="{width}" height="{_BAR}" rx="2" fill="{color}">'
        f"<title>{escape(bar.label)}</title></rect>"
    )


def _iso(moment: datetime | None, fmt: str, axis: Axis) -> str:
    return "" if moment is None else moment.astimezone(axis.tz).isoformat()


def _text(x: float, y: float, text: str) -> str:
    # A white halo keeps a label readable where a day line crosses it.
    halo = 'stroke="#fff" stroke-width="3" paint-order="stroke"'
    return f'<text x="{x}" y="{y}" fill="#222" {halo}>{escape(text)}</text>'


# --- seats over time -----------------------------------------------------------------------------------

_PLOT_TOP, _PLOT_BOTTOM = 10, 110


def seats_chart(
    ident: str,
    points: Sequence[tuple[datetime, int]],
    runs_out: datetime | None,
    axis: Axis,
    title: str,
    desc: str,
    now_label: str,
) -> Markup:
    """Seats left at each point, a dashed line from now down to zero where they run out (if they do)."""
    top = max([seats for _, seats in points] + [1])

    def y(seats: float) -> float:
        return round(_PLOT_BOTTOM - seats / top * (_PLOT_BOTTOM - _PLOT_TOP), 1)

    parts = [_open(ident, 140, title, desc), _day_lines(axis, _PLOT_BOTTOM)]
    parts.append(f'<line x1="{_LEFT}" y1="{_PLOT_BOTTOM}" x2="{_RIGHT}" y2="{_PLOT_BOTTOM}" stroke="#222"/>')
    parts.append(_text(_LEFT + 3, _PLOT_TOP + 9, str(top)))
    line = " ".join(f"{axis.x(at)},{y(seats)}" for at, seats in points)
    parts.append(
        f'<polyline class="seats" points="{line}" fill="none" stroke="{COLORS["line"]}" stroke-width="2"/>'
    )
    now, seats = points[-1]
    if runs_out is not None:
        end = min(runs_out, axis.end)
        left = seats * (1 - (end - now) / (runs_out - now)) if runs_out > now else 0
        parts.append(
            f'<line class="forecast" x1="{axis.x(now)}" y1="{y(seats)}" x2="{axis.x(end)}" y2="{y(left)}" '
            f'stroke="{COLORS["empty"]}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
    x = axis.x(now)
    parts.append(
        f'<line x1="{x}" y1="{_PLOT_TOP}" x2="{x}" y2="{_PLOT_BOTTOM}" stroke="#222" stroke-dasharray="2 2"/>'
    )
    parts.append(
        f'<text x="{x}" y="{_PLOT_BOTTOM + 26}" text-anchor="middle" fill="#222">{escape(now_label)}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
