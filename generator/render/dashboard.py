"""The dashboard: one staff page for the whole site (/staff/, noindex, linked from no public page) that a
marketer opens on a phone, more willingly than a table: what to do now (the very items `qunma notify`
sends), and for each pool (the pages that show the same groups) the next 7 days as a timeline, the seats left
over the last days and when, at the recent rate, they run out.

It is built with the site, so it shows the state of the last build (its header says when).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from markupsafe import Markup

from generator.messages import t
from generator.model import PoolHistory, Project
from generator.plan.forecast import CHART_DAYS, Forecast, ahead, forecast, seats_over_time
from generator.plan.rotation import Health, PagePlan, PageState, Plan, Window, windows_until
from generator.plan.todo import DASHBOARD_PATH, pools, short_time, todo_items
from generator.render.staffkit import favicon
from generator.render.svgchart import Axis, Bar, Row, seats_chart, timeline
from generator.render.templating import environment

DAYS_AHEAD = 7
MAX_POOLS = 60  # timelines drawn; a site with more lists the rest by name (their staff kits have the detail)
MAX_NAMED = 200  # pools named beyond those drawn
MAX_TODOS = 300
FORECAST_SHOWN = timedelta(days=3)  # how far past now the seats chart goes


@dataclass(frozen=True)
class PoolView:
    """One pool: its campaign, the pages that share it, its timeline and seats charts."""

    ident: str
    campaign_title: str
    campaign_id: str
    pages: tuple[PagePlan, ...]
    page_names: str
    health: Health
    reason: str
    timeline: Markup
    windows: tuple[tuple[str, str, str], ...]  # what, from, until (words), for those who read no chart
    seats: Markup | None
    seats_words: str


def dashboard_files(project: Project, plan: Plan, history: PoolHistory) -> dict[str, bytes]:
    """{"staff/index.html": the page} (deterministic for the same project, history and plan)."""
    lang, tz = project.site.language, ZoneInfo(project.site.timezone)
    say = partial(t, lang)
    todos = todo_items(project, plan, history)
    views, skipped, more = _pools(project, plan, history)
    levels = [page.health.level for page in plan.pages]
    html = (
        environment()
        .get_template("dashboard.html")
        .render(
            site=project.site,
            lang=lang,
            _=say,
            favicon=favicon(project.site.brand.color),
            generated=plan.now.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            todos=todos[:MAX_TODOS],
            more_todos=max(0, len(todos) - MAX_TODOS),
            counts={level.value: levels.count(level) for level in Health},
            pages=len(levels),
            pools=views,
            skipped=skipped,
            more_pools=more,
        )
    )
    return {f"{DASHBOARD_PATH}index.html": html.encode("utf-8")}


def _pools(project: Project, plan: Plan, history: PoolHistory) -> tuple[list[PoolView], list[str], int]:
    """A view of each pool of a running campaign, troubled pools first; the names of (some of) those not
    drawn, and how many are not drawn."""
    by_campaign: dict[str, list[PagePlan]] = {}
    for page in plan.pages:
        by_campaign.setdefault(page.campaign.id, []).append(page)
    found: list[list[PagePlan]] = []
    for campaign in project.campaigns:
        if not campaign.archived:
            found += pools(by_campaign.get(campaign.id, [])).values()
    rank = {Health.EMPTY: 0, Health.LOW: 1, Health.OK: 2}
    found.sort(key=lambda pages: rank[pages[0].health.level])  # stable: file order within a level
    views = [_view(project, pages, history, plan.now, n) for n, pages in enumerate(found[:MAX_POOLS])]
    lang, rest = project.site.language, found[MAX_POOLS:]
    named = [_names(lang, pages) for pages in rest[:MAX_NAMED]]
    if len(rest) > MAX_NAMED:
        named.append(t(lang, "dash_more_names", count=len(rest) - MAX_NAMED))
    return views, named, len(rest)


def _names(lang: str, pages: list[PagePlan]) -> str:
    names = [p.channel.name if p.channel else t(lang, "todo_default_page") for p in pages]
    return f"{pages[0].campaign.title} · {t(lang, 'todo_list_sep').join(names)}"


def _view(project: Project, pages: list[PagePlan], history: PoolHistory, now: datetime, n: int) -> PoolView:
    page, lang, tz = pages[0], project.site.language, ZoneInfo(project.site.timezone)
    until = ahead(now, timedelta(days=DAYS_AHEAD))
    windows = windows_until(project, page, now, until)
    axis = Axis(now, until, tz)
    rows = _rows(windows, lang, tz, now)
    title = t(lang, "dash_timeline_title", pool=_names(lang, pages), days=DAYS_AHEAD)
    said = tuple(_said(w, lang, tz, now) for w in windows)
    desc = t(lang, "todo_list_sep").join(f"{what} {start}–{end}" for what, start, end in said)
    seats, words = _seats(project, page, history, now, f"seats-{n}")
    return PoolView(
        ident=f"pool-{n}",
        campaign_title=page.campaign.title,
        campaign_id=page.campaign.id,
        pages=tuple(pages),
        page_names=_names(lang, pages).split(" · ", 1)[1],
        health=page.health.level,
        reason=page.health.reason,
        timeline=timeline(f"timeline-{n}", rows, axis, title, desc),
        windows=said,
        seats=seats,
        seats_words=words,
    )


def _rows(windows: tuple[Window, ...], lang: str, tz: ZoneInfo, now: datetime) -> list[Row]:
    """A row per group in order of appearance, then one for the contact (and one for not started/ended)."""
    rows: dict[str, list[Bar]] = {}
    labels: dict[str, str] = {}
    expiry: dict[str, datetime | None] = {}
    for window in windows:
        what, start, end = _said(window, lang, tz, now)
        label = f"{what}：{start}–{end}"
        if window.group is not None:
            key = f"group:{window.group.id}"
            labels[key], expiry[key] = window.group.name, window.group.expires
            bar = Bar(window.start, window.end, "open", window.group.id, label)
        else:
            key = "fallback" if window.state is PageState.EMPTY else "quiet"
            labels[key] = t(lang, f"dash_row_{key}")
            bar = Bar(window.start, window.end, window.state.value, None, label)
        rows.setdefault(key, []).append(bar)
    ordered = sorted(rows, key=lambda key: (key == "quiet", key == "fallback"))  # groups first, stable
    return [_row(key, labels[key], rows[key], expiry.get(key), lang, tz, now) for key in ordered]


def _row(
    key: str, label: str, bars: list[Bar], expires: datetime | None, lang: str, tz: ZoneInfo, now: datetime
) -> Row:
    if expires is None:
        return Row(label, tuple(bars))
    when = short_time(expires, now, tz)
    text = t(lang, "dash_expires", when=when)
    return Row(f"{label} · {text}", tuple(bars), expires, text)


def _said(window: Window, lang: str, tz: ZoneInfo, now: datetime) -> tuple[str, str, str]:
    if window.group is not None:
        what = window.group.name
    else:
        what = t(lang, f"dash_state_{window.state.value}")
    end = t(lang, "dash_open_end") if window.end is None else short_time(window.end, now, tz)
    return what, short_time(window.start, now, tz), end


def _seats(
    project: Project, page: PagePlan, history: PoolHistory, now: datetime, ident: str
) -> tuple[Markup | None, str]:
    lang, tz = project.site.language, ZoneInfo(project.site.timezone)
    points = seats_over_time(page, project.status, history, now)
    if points is None:
        return None, t(lang, "dash_no_history")
    seen: Forecast | None = forecast(page, history, now)
    runs_out = None if seen is None else seen.runs_out
    axis = Axis(points[0][0], ahead(now, FORECAST_SHOWN), tz)
    if runs_out is None:
        words = t(lang, "dash_seats_steady", seats=points[-1][1], first=points[0][1])
    else:
        words = t(lang, "dash_seats_runs_out", seats=points[-1][1], first=points[0][1],
                  when=short_time(runs_out, now, tz))  # fmt: skip
    title = t(lang, "dash_seats_title", days=CHART_DAYS)
    return seats_chart(ident, points, runs_out, axis, title, words, t(lang, "dash_now")), words
