"""`qunma status`: every page's shown group and pool health, as a table for people and JSON for CI.

Built from a Plan; nothing here prints (cli.py does) or reads the clock.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from generator.messages import t
from generator.plan.rotation import Health, IsoTimes, PagePlan, PageState, Plan, Window

# Which health levels `--fail-on` matches: "low" means low or worse.
FAIL_LEVELS = {"low": frozenset({Health.LOW, Health.EMPTY}), "empty": frozenset({Health.EMPTY})}
_COLUMNS = ("campaign", "channel", "group", "seats", "expiry", "expires", "health")
_NUMERIC = frozenset({"seats"})
_NONE = "—"


@dataclass(frozen=True)
class StatusRow:
    """One page's line of the report, every cell already in words."""

    path: str
    cells: tuple[str, ...]  # campaign, channel, shown group, seats left, shown until, code expires, health
    health: Health
    reason: str


def as_of(now: datetime, timezone: str) -> datetime:
    """`now` as an aware time: a naive one is read in the site's time zone."""
    return now.replace(tzinfo=ZoneInfo(timezone)) if now.tzinfo is None else now


def fails(plan: Plan, fail_on: str | None) -> bool:
    """Whether any page's health matches `--fail-on` ("low": low or empty; "empty": empty)."""
    if fail_on is None:
        return False
    levels = FAIL_LEVELS[fail_on]
    return any(page.health.level in levels for page in plan.pages)


def status_rows(plan: Plan, lang: str, tz: ZoneInfo) -> list[StatusRow]:
    """The report's rows, one a page, in plan order."""
    return [_row(page, lang, tz) for page in plan.pages]


def _row(page: PagePlan, lang: str, tz: ZoneInfo) -> StatusRow:
    channel = page.channel.id if page.channel is not None else t(lang, "status_default_page")
    shown = page.shown.id if page.shown is not None else t(lang, f"status_state_{page.state.value}")
    running = page.state in (PageState.OPEN, PageState.EMPTY)
    seats = str(page.health.seats_left) if running else _NONE
    # When the code stops being shown (expiry_margin before it expires) and when it expires, labelled apart.
    expiry, expires = _NONE, _NONE
    if page.shown is not None:
        never = t(lang, "status_never")
        expiry = never if page.health.next_expiry is None else _local(page.health.next_expiry, tz)
        expires = never if page.shown.expires is None else _local(page.shown.expires, tz)
    cells = (page.campaign.id, channel, shown, seats, expiry, expires, _health_cell(page, lang))
    return StatusRow(page.path, cells, page.health.level, page.health.reason)


def _health_cell(page: PagePlan, lang: str) -> str:
    """ok / empty, or low with its cause: a pool with 190 seats is low because its codes run out soon."""
    health = page.health
    if health.level is not Health.LOW:
        return t(lang, f"status_health_{health.level.value}")
    if health.open_groups == 0:
        return t(lang, "status_low_none")
    few = health.seats_left < page.campaign.low_seats
    return t(lang, "status_low_seats" if few else "status_low_expiring")


def status_table(plan: Plan, lang: str, tz: ZoneInfo, *, verbose: bool = False) -> str:
    """The readable report: an aligned table, the reason of every page that is not ok, a summary; verbose:
    also the fingerprint of what customers see (what CI compares; always in the JSON)."""
    rows = status_rows(plan, lang, tz)
    header = tuple(t(lang, f"status_col_{name}") for name in _COLUMNS)
    table = (header, *(row.cells for row in rows))
    widths = [max(_width(cells[i]) for cells in table) for i in range(len(header))]
    lines = [_line(header, widths), _line(tuple("-" * w for w in widths), widths)]
    lines += [_line(row.cells, widths) for row in rows]
    problems = [row for row in rows if row.health is not Health.OK]
    if problems:
        lines.append("")
        lines += [f"{row.path}  {row.cells[-1]}: {row.reason}" for row in problems]
    counts = {level: sum(1 for row in rows if row.health is level) for level in Health}
    lines.append("")
    lines.append(
        t(
            lang,
            "status_summary",
            pages=len(rows),
            ok=counts[Health.OK],
            low=counts[Health.LOW],
            empty=counts[Health.EMPTY],
            now=_local(plan.now, tz),
        )
    )
    if verbose:
        lines.append(t(lang, "status_fingerprint", fingerprint=plan.fingerprint()))
    return "\n".join(lines) + "\n"


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    padded = []
    for name, cell, width in zip(_COLUMNS, cells, widths, strict=True):
        gap = " " * (width - _width(cell))
        padded.append(gap + cell if name in _NUMERIC else cell + gap)
    return "  ".join(padded).rstrip()


def _width(text: str) -> int:
    """Columns the text takes in a terminal: CJK characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def status_document(plan: Plan, tz: ZoneInfo) -> dict[str, object]:
    """The same report as JSON-ready data (times in the site's time zone, ISO 8601)."""
    iso = IsoTimes(tz)
    pages = [_page_document(page, iso) for page in plan.pages]
    summary = {level.value: sum(1 for page in plan.pages if page.health.level is level) for level in Health}
    return {"now": iso(plan.now), "fingerprint": plan.fingerprint(), "summary": summary, "pages": pages}


def status_json(plan: Plan, tz: ZoneInfo) -> str:
    """The JSON report as text: one page a line, so that it stays readable, diffable and quick to write."""
    document = status_document(plan, tz)
    pages = document.pop("pages")
    assert isinstance(pages, list)
    head = json.dumps(document, ensure_ascii=False)[:-1]
    body = ",\n".join("  " + json.dumps(page, ensure_ascii=False) for page in pages)
    return f'{head}, "pages": [\n{body}\n]}}\n' if pages else f'{head}, "pages": []}}\n'


def _page_document(page: PagePlan, iso: IsoTimes) -> dict[str, object]:
    shown = page.shown
    return {
        "path": page.path,
        "campaign": page.campaign.id,
        "channel": page.channel.id if page.channel is not None else None,
        "state": page.state.value,
        "shown": None if shown is None else {"id": shown.id, "name": shown.name, "url": shown.url},
        "health": page.health.level.value,
        "reason": page.health.reason,
        "seats_left": page.health.seats_left,
        "open_groups": page.health.open_groups,
        "next_expiry": iso(page.health.next_expiry),
        "timeline": [_window_document(window, iso) for window in page.timeline],
    }


def _window_document(window: Window, iso: IsoTimes) -> dict[str, object]:
    group = window.group.id if window.group is not None else None
    return {"group": group, "state": window.state.value, "start": iso(window.start), "end": iso(window.end)}


def _local(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
