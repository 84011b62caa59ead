"""Rotation: (project, now) → which group each page shows, its timeline and the pool's health.

Pure: no I/O and no clock; `now` is an argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from generator.model import Campaign, Channel, Group, Project


class PageState(str, Enum):
    """What a landing page shows at build time."""

    OPEN = "open"  # a group's code
    EMPTY = "empty"  # no open group: the fallback
    NOT_STARTED = "not-started"
    ENDED = "ended"
    ARCHIVED = "archived"


class Health(str, Enum):
    OK = "ok"
    LOW = "low"
    EMPTY = "empty"


@dataclass(frozen=True)
class Window:
    """A stretch of time in which a page shows one group (None: the fallback)."""

    group: Group | None
    start: datetime  # the first window starts at `now`
    end: datetime | None  # None: until further notice


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
        raise NotImplementedError


def plan(project: Project, now: datetime, horizon_windows: int = 5) -> Plan:
    """Which group every page shows at `now`, the next windows, and each pool's health."""
    raise NotImplementedError
