"""Rotation: (project, now) → which group each page shows, its timeline and the pool's health.

Pure: no I/O and no clock; `now` is an argument. Member counts are held as they are at `now`, so a
group's openness over time depends only on its issue and expiry times and the campaign's start and end:
each group is open in one stretch of time (a slot), and a page shows the best-ranked slot open at t.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from generator.messages import t
from generator.model import Campaign, Channel, Group, PoolStatus, Project, Strategy
from generator.plan.pool import FOREVER, Slot, closed_reasons, open_at, runs_dry, served, slots, when


class PageState(StrEnum):
    """What a landing page shows at build time."""

    OPEN = "open"  # a group's code
    EMPTY = "empty"  # no open group: the fallback
    NOT_STARTED = "not-started"
    ENDED = "ended"
    ARCHIVED = "archived"


class Health(StrEnum):
    OK = "ok"
    LOW = "low"
    EMPTY = "empty"


@dataclass(frozen=True)
class Window:
    """A stretch of time in which a page shows one group (None: the fallback)."""

    group: Group | None
    start: datetime  # the first window starts at `now`
    end: datetime | None  # None: until further notice
    state: PageState = PageState.OPEN  # what the page says in this window (a None group: which fallback)


@dataclass(frozen=True)
class PoolHealth:
    level: Health
    reason: str  # in the site's language; "" when ok
    seats_left: int  # members the open groups can still take before switch_at
    open_groups: int
    next_expiry: datetime | None  # when the shown code stops being shown (None: never / nothing shown)


@dataclass(frozen=True)
class PagePlan:
    """One landing page: a campaign's default page (channel None) or a channel's page."""

    campaign: Campaign
    channel: Channel | None
    state: PageState
    shown: Group | None  # the group shown at `now`
    timeline: tuple[Window, ...]  # starts with the window holding `now`; a few windows ahead
    health: PoolHealth

    @property
    def path(self) -> str:
        """The page's URL path relative to the site root, e.g. "autumn/" or "autumn/store/"."""
        if self.channel is None:
            return f"{self.campaign.id}/"
        return f"{self.campaign.id}/{self.channel.id}/"


@dataclass(frozen=True)
class Plan:
    now: datetime
    pages: tuple[PagePlan, ...]  # campaigns in file order; each: default page, then its channels in order

    def fingerprint(self) -> str:
        """A hash of everything a customer can see change: what every page shows and its timeline."""
        iso = IsoTimes(UTC)
        document = [_page_fingerprint(page, iso) for page in self.pages]
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan(project: Project, now: datetime, horizon_windows: int = 5) -> Plan:
    """Which group every page shows at `now`, the next windows, and each pool's health."""
    if now.tzinfo is None:
        raise ValueError("plan() needs a timezone-aware `now`")
    tz = ZoneInfo(project.site.timezone)
    context = _Context(project.status, now, max(1, horizon_windows), project.site.language, tz)
    pages: list[PagePlan] = []
    for campaign in project.campaigns:
        pages.extend(_campaign_pages(campaign, context))
    return Plan(now, tuple(pages))


@dataclass(frozen=True)
class _Context:
    status: PoolStatus
    now: datetime
    horizon: int
    lang: str
    tz: ZoneInfo


def _campaign_pages(campaign: Campaign, context: _Context) -> list[PagePlan]:
    """The default page and every channel page of one campaign; the slots are worked out once."""
    ranked = slots(campaign, context.status, by_members=campaign.strategy is Strategy.BALANCE)
    return [_page(campaign, channel, ranked, context) for channel in (None, *campaign.channels)]


def _page(campaign: Campaign, channel: Channel | None, ranked: list[Slot], context: _Context) -> PagePlan:
    mine = [slot for slot in ranked if served(slot.group, channel)]
    timeline = _timeline(campaign, mine, context.now, context.horizon)
    first = timeline[0]
    pool = _health(campaign, channel, mine, context)
    return PagePlan(campaign, channel, first.state, first.group, timeline, pool)


_QUIET = PoolHealth(Health.OK, "", 0, 0, None)


def _health(campaign: Campaign, channel: Channel | None, mine: list[Slot], context: _Context) -> PoolHealth:
    """ok / low / empty with the reason, in the site's language."""
    moment = _judged_at(campaign, context.now)
    if moment is None:
        return _QUIET
    shown = open_at(mine, moment)
    if not shown:
        return _no_group(campaign, channel, moment, context)
    lang = context.lang
    seats = sum(slot.seats for slot in shown)
    reasons = []
    if seats < campaign.low_seats:
        reasons.append(t(lang, "health_low_seats", seats=seats, threshold=campaign.low_seats))
    dry = runs_dry(mine, moment, campaign.ends)
    if dry is not None and dry - context.now <= campaign.low_within:
        reasons.append(t(lang, "health_runs_dry", when=when(dry, context.tz)))
    level = Health.LOW if reasons else Health.OK
    reason = t(lang, "health_reason_sep").join(reasons)
    return PoolHealth(level, reason, seats, len(shown), shown[0].group.show_until)


def _judged_at(campaign: Campaign, now: datetime) -> datetime | None:
    """When the pool's health is judged: now; its start when that is near; None when nobody can join."""
    if campaign.archived or (campaign.ends is not None and now >= campaign.ends):
        return None
    if campaign.starts is not None and now < campaign.starts:
        # Far from its start a campaign's codes are not made yet; near it, a missing code is urgent.
        return campaign.starts if campaign.starts - now <= campaign.low_within else None
    return now


def _no_group(campaign: Campaign, channel: Channel | None, moment: datetime, context: _Context) -> PoolHealth:
    details = closed_reasons(campaign, channel, context.status, moment, context.lang, context.tz)
    if moment == context.now:
        return PoolHealth(Health.EMPTY, t(context.lang, "health_empty", details=details), 0, 0, None)
    reason = t(context.lang, "health_starts_empty", when=when(moment, context.tz), details=details)
    return PoolHealth(Health.LOW, reason, 0, 0, None)


def _timeline(campaign: Campaign, mine: list[Slot], now: datetime, horizon: int) -> tuple[Window, ...]:
    """Up to `horizon` windows from `now`, each showing something else than the one before.

    Windows never need merging: a segment ends only when a better group opens, the shown one closes,
    or the campaign starts or ends, and each of these changes what the page shows.
    """
    if campaign.archived:
        return (Window(None, now, None, PageState.ARCHIVED),)
    windows: list[Window] = []
    moment: datetime | None = now
    while moment is not None and len(windows) < horizon:
        state, group, until = _segment(campaign, mine, moment)
        windows.append(Window(group, moment, until, state))
        moment = until  # always later than before: every `until` below is a time after `moment`
    return tuple(windows)


def _segment(
    campaign: Campaign, mine: list[Slot], moment: datetime
) -> tuple[PageState, Group | None, datetime | None]:
    """What the page shows at `moment` and until when (None: for good), slots being ranked best first."""
    if campaign.starts is not None and moment < campaign.starts:
        return PageState.NOT_STARTED, None, campaign.starts
    if campaign.ends is not None and moment >= campaign.ends:
        return PageState.ENDED, None, None
    until = campaign.ends
    for slot in mine:
        if slot.opens > moment:
            # A better-ranked group that opens later takes over from whatever is shown until then.
            until = slot.opens if until is None else min(until, slot.opens)
        elif moment < slot.closes:
            closes = None if slot.closes is FOREVER else slot.closes
            end = until if closes is None else closes if until is None else min(until, closes)
            return PageState.OPEN, slot.group, end
    return PageState.EMPTY, None, until


def _page_fingerprint(page: PagePlan, iso: IsoTimes) -> list[object]:
    # Windows are contiguous, so each start is the previous end, and the first starts at `now`: listing
    # the ends alone keeps every boundary yet leaves `now` out, so builds at different times can agree.
    timeline = [[_ref(w.group), w.state, iso(w.end)] for w in page.timeline]
    return [page.path, page.state, _ref(page.shown), timeline]


def _ref(group: Group | None) -> list[str] | None:
    return None if group is None else [group.id, group.url]


class IsoTimes:
    """Times as ISO 8601 in one zone, each distinct time formatted once: thousands of pages share a few."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.done: dict[datetime, str] = {}

    def __call__(self, moment: datetime | None) -> str | None:
        if moment is None:
            return None
        text = self.done.get(moment)
        if text is None:
            text = self.done[moment] = moment.astimezone(self.tz).isoformat()
        return text
