"""What to do now: the to-do items that `qunma notify` sends to the chat robots and the dashboard lists.

Pure: (project, plan, history) → items, each naming the campaign, channel and group, the page and the exact
thing to do, in the site's language. An item has a stable key (the same situation gives the same key run
after run, so a robot is told once), a severity (a rise is worth telling again) and the source whose
evaluation can tell that it is over ("pool": every run's plan; "sync": pool-history.json; "deploy" and
"inbox": what CI reports to `qunma notify`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from generator.messages import t
from generator.model import Campaign, Group, PoolHistory, Project, Strategy
from generator.plan.forecast import FORECAST_WITHIN, forecast
from generator.plan.pool import closed_reasons, members_and_closure, open_at, runs_dry, served, slots
from generator.plan.rotation import Health, PagePlan, Plan

DASHBOARD_PATH = "staff/"  # the site-wide staff page that lists these items (render/dashboard.py)
URGENT_WITHIN = timedelta(hours=2)  # a code running out this soon is urgent
UNTRUSTED_IP = 60020  # WeCom: the caller's IP is not in the app's trusted IPs


class TodoKind(StrEnum):
    EMPTY = "empty"  # customers see the fallback now
    LOW = "low"  # few seats left, or the campaign starts with no group
    EXPIRING = "expiring"  # the last shown code stops within the warning time
    FORECAST = "forecast"  # at the recent rate of joins, the seats run out soon
    SYNC = "sync"  # the last `qunma sync` failed
    DEPLOY = "deploy"  # a deploy failed
    INBOX_REFUSED = "inbox-refused"  # an image in qr/inbox/ was refused
    INBOX_APPLIED = "inbox-applied"  # an image in qr/inbox/ was applied (told once)


@dataclass(frozen=True)
class Todo:
    key: str  # stable across runs for the same situation
    kind: TodoKind
    severity: int  # 1 notice, 2 warning, 3 urgent
    source: str  # "pool", "sync", "deploy" or "inbox"
    where: str  # campaign · channel(s), in words
    what: str  # the situation
    do: str  # the exact thing to do ("" for news that needs nothing)
    link: str = ""  # the page concerned (absolute URL)
    deadline: datetime | None = None


def short_time(moment: datetime, now: datetime, tz: ZoneInfo) -> str:
    """11-28 21:00 (with the year when it is another year than now's), in the site's time zone."""
    local = moment.astimezone(tz)
    return local.strftime("%m-%d %H:%M" if local.year == now.astimezone(tz).year else "%Y-%m-%d %H:%M")


def in_words(span: timedelta, lang: str) -> str:
    """A duration as a marketer says it: under an hour, ~N hours (up to 2 days), ~N days."""
    hours = span.total_seconds() / 3600
    if hours < 1:
        return t(lang, "todo_span_minutes")
    if hours < 48:
        return t(lang, "todo_span_hours", count=round(hours))
    return t(lang, "todo_span_days", count=round(hours / 24))


def todo_items(project: Project, plan: Plan, history: PoolHistory) -> list[Todo]:
    """Every to-do item of the pools and the last sync, most severe first."""
    context = _Context(project, plan.now, ZoneInfo(project.site.timezone), project.site.language)
    items: list[Todo] = []
    by_campaign: dict[str, list[PagePlan]] = {}
    for page in plan.pages:
        by_campaign.setdefault(page.campaign.id, []).append(page)
    for campaign in project.campaigns:
        pages = by_campaign.get(campaign.id, [])
        expiring, covered = _expiring(campaign, pages, context)
        items += expiring
        for sharing in pools(pages).values():
            items += [i for i in (_pool_item(sharing, covered, context),) if i is not None]
            items += [i for i in (_forecast_item(sharing, history, context),) if i is not None]
    sync = _sync_item(history, context)
    if sync is not None:
        items.append(sync)
    return sorted(items, key=order)


def pools(pages: list[PagePlan]) -> dict[str, list[PagePlan]]:
    """A campaign's pages by the pool they share: pages that may show the same groups have one pool, so one
    item names them all. An item's key is its first page's path (the campaign's own page first): adding a
    group to a pool keeps it."""
    shared: dict[str, list[PagePlan]] = {}
    if not pages:
        return shared
    # The groups of every page, and those of one channel only: worked out once, not for each page.
    groups = [g for g in pages[0].campaign.groups if not g.paused]
    everywhere = [g.id for g in groups if g.channels is None]
    only: dict[str, list[str]] = {}
    for group in groups:
        for channel in group.channels or ():
            only.setdefault(channel, []).append(group.id)
    for page in pages:
        ids = everywhere + (only.get(page.channel.id, []) if page.channel is not None else [])
        shared.setdefault(",".join(sorted(ids)), []).append(page)
    return shared


def order(item: Todo) -> tuple[int, str, str]:
    """Most severe first, then the nearest deadline, then the key (deterministic)."""
    deadline = item.deadline.isoformat() if item.deadline is not None else "~"
    return (-item.severity, deadline, item.key)


@dataclass(frozen=True)
class _Context:
    project: Project
    now: datetime
    tz: ZoneInfo
    lang: str

    def where(self, campaign: Campaign, pages: list[PagePlan]) -> str:
        names = [self.page_name(page) for page in pages]
        return f"{campaign.title} · {t(self.lang, 'todo_list_sep').join(names)}"

    def page_name(self, page: PagePlan) -> str:
        return page.channel.name if page.channel is not None else t(self.lang, "todo_default_page")

    def link(self, page: PagePlan) -> str:
        return self.project.site.base_url + page.path


def _expiring(campaign: Campaign, pages: list[PagePlan], context: _Context) -> tuple[list[Todo], set[str]]:
    """Codes that stop being shown within warn_before with no successor: one item per group (and time)."""
    if campaign.archived or (campaign.ends is not None and context.now >= campaign.ends):
        return [], set()
    warn = context.project.defaults.warn_before
    if warn <= campaign.low_within:
        # A page that runs dry within warn_before is low (it would within low_within): look at those only.
        pages = [page for page in pages if page.health.level is Health.LOW]
        if not pages:
            return [], set()
    ranked = slots(campaign, context.project.status, by_members=campaign.strategy is Strategy.BALANCE)
    found: dict[tuple[str, datetime], list[PagePlan]] = {}
    groups: dict[str, Group] = {}
    for page in pages:
        mine = [slot for slot in ranked if served(slot.group, page.channel)]
        start = max(context.now, campaign.starts) if campaign.starts is not None else context.now
        dry = runs_dry(mine, start, campaign.ends)
        if dry is None or dry <= context.now or dry - context.now > warn:
            continue
        for slot in mine:
            if slot.closes == dry:
                found.setdefault((slot.group.id, dry), []).append(page)
                groups[slot.group.id] = slot.group
    items = [_expiring_item(campaign, groups[gid], when, hit, context) for (gid, when), hit in found.items()]
    return items, {page.path for hit in found.values() for page in hit}


def _expiring_item(
    campaign: Campaign, group: Group, when: datetime, pages: list[PagePlan], context: _Context
) -> Todo:
    lang, left = context.lang, when - context.now
    at = short_time(when, context.now, context.tz)
    return Todo(
        key=f"expiring:{campaign.id}/{group.id}@{int(when.timestamp())}",
        kind=TodoKind.EXPIRING,
        severity=3 if left <= URGENT_WITHIN else 2,
        source="pool",
        where=context.where(campaign, pages),
        what=t(lang, "todo_expiring_what", group=group.name, when=at, left=in_words(left, lang)),
        do=t(lang, "todo_expiring_do", group=group.name, when=at, campaign=campaign.id, id=group.id),
        link=context.link(pages[0]),
        deadline=when,
    )


def _pool_item(pages: list[PagePlan], covered: set[str], context: _Context) -> Todo | None:
    page = pages[0]  # pages of one pool show the same groups: their health is the same
    health, campaign = page.health, page.campaign
    if health.level is Health.OK:
        return None
    seats_low = health.seats_left < campaign.low_seats
    if health.level is Health.LOW and not seats_low and all(p.path in covered for p in pages):
        return None  # the only trouble is a code running out: its expiring item says what to renew
    kind = TodoKind.EMPTY if health.level is Health.EMPTY else TodoKind.LOW
    return Todo(
        key=f"pool:{page.path}",
        kind=kind,
        severity=3 if kind is TodoKind.EMPTY else 2,
        source="pool",
        where=context.where(campaign, pages),
        what=_pool_situation(page, context),
        do=_pool_action(page, context),
        link=context.link(page),
    )


def _pool_situation(page: PagePlan, context: _Context) -> str:
    """What is wrong, naming the groups by name: none open now, or the open ones nearly full; otherwise
    (a campaign starting with no group, say) the pool's own reason."""
    campaign, status, lang = page.campaign, context.project.status, context.lang
    if page.health.level is Health.EMPTY:
        details = closed_reasons(campaign, page.channel, status, context.now, lang, context.tz, by_name=True)
        return t(lang, "todo_empty_what", details=details)
    if page.health.open_groups and page.health.seats_left < campaign.low_seats:
        ranked = slots(campaign, status, by_members=False)
        names = [s.group.name for s in open_at(ranked, context.now) if served(s.group, page.channel)]
        groups = t(lang, "todo_list_sep").join(names)
        return t(
            lang, "todo_low_what", groups=groups, seats=page.health.seats_left, threshold=campaign.low_seats
        )
    return page.health.reason


def _pool_action(page: PagePlan, context: _Context) -> str:
    """Renew a group whose only fault is an expired code (it still has seats), else add a new group."""
    campaign, status = page.campaign, context.project.status
    for group in campaign.groups:
        members, closure = members_and_closure(campaign, group, status)
        stopped = group.show_until is not None and group.show_until <= context.now
        if served(group, page.channel) and closure is None and stopped:
            return t(context.lang, "todo_renew_do", group=group.name, campaign=campaign.id, id=group.id)
    return t(context.lang, "todo_add_group_do", campaign=campaign.id)


def _forecast_item(pages: list[PagePlan], history: PoolHistory, context: _Context) -> Todo | None:
    page = pages[0]
    seen = forecast(page, history, context.now)
    if seen is None or seen.runs_out is None or seen.runs_out - context.now > FORECAST_WITHIN:
        return None
    lang, left = context.lang, seen.runs_out - context.now
    what = t(
        lang, "todo_forecast_what", seats=seen.seats, rate=f"{seen.per_hour:.1f}",
        span=in_words(seen.span, lang), left=in_words(left, lang),
    )  # fmt: skip
    return Todo(
        key=f"forecast:{page.path}",
        kind=TodoKind.FORECAST,
        severity=2 if left <= timedelta(days=1) else 1,
        source="pool",
        where=context.where(page.campaign, pages),
        what=what,
        do=t(lang, "todo_add_group_do", campaign=page.campaign.id),
        link=context.link(page),
        deadline=seen.runs_out,
    )


def _sync_item(history: PoolHistory, context: _Context) -> Todo | None:
    outcome, lang = history.last_sync, context.lang
    if outcome is None or outcome.ok:
        return None
    code = outcome.errcode
    hint = "todo_sync_ip_do" if code == UNTRUSTED_IP else "todo_sync_do"
    when = short_time(outcome.at, context.now, context.tz)
    return Todo(
        key="sync",
        kind=TodoKind.SYNC,
        severity=2,
        source="sync",
        where=t(lang, "todo_sync_where"),
        what=t(lang, "todo_sync_what", when=when, code="—" if code is None else code, reason=outcome.reason),
        do=t(lang, hint),
    )
