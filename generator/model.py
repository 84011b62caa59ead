"""The typed model that every stage after loading works on: frozen dataclasses, no I/O.

All times are timezone-aware datetimes. Inheritance (site defaults → campaign → group) is already
resolved by the loader: a Group carries its effective capacity, switch_at and expiry cut-off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from generator.errors import Problem

# WeCom's auto-reply takes at most 100 rules of at most 10 keywords each: the loader holds a campaign's faq
# to these, and the staff kit says them.
MAX_FAQ = 100
MAX_KEYWORDS = 10


class Strategy(StrEnum):
    """How a campaign picks the open group to show."""

    FILL_FIRST = "fill-first"  # the first open group in list order
    BALANCE = "balance"  # the open group with the fewest members (ties: list order)


class CampaignType(StrEnum):
    """The marketing role of a campaign's groups."""

    POND = "pond"  # 鱼塘群
    TRANSIT = "transit"  # 中转群
    CORE = "core"  # 核心群


@dataclass(frozen=True)
class Brand:
    color: str = "#07c160"
    logo: Path | None = None  # absolute path, resolved against the campaigns.yml folder


@dataclass(frozen=True)
class Contact:
    """A fallback: text and an optional customer-service link shown as a QR code."""

    text: str
    url: str | None = None  # https link (read out of `qr` when an image was given)
    name: str | None = None


@dataclass(frozen=True)
class Site:
    title: str
    base_url: str  # absolute, always ends with "/"
    language: str = "zh"  # "zh" or "en"
    timezone: str = "Asia/Shanghai"
    brand: Brand = field(default_factory=Brand)
    contact: Contact | None = None
    description: str = ""  # what the site is: the home page's lead and meta description ("": a default)


@dataclass(frozen=True)
class Defaults:
    capacity: int = 200
    switch_at: int = 190
    qr_valid_days: int = 7
    expiry_margin: timedelta = timedelta(hours=12)
    strategy: Strategy = Strategy.FILL_FIRST
    low_seats: int = 50  # a pool is low when its open groups can take fewer members than this
    low_within: timedelta = timedelta(hours=24)  # ... or its last open code expires within this
    status_max_age: timedelta = timedelta(hours=6)  # warn when pool-status.yml is older than this
    warn_before: timedelta = timedelta(hours=24)  # `qunma notify`: a code with no successor stops this soon
    digest_at: str = "09:00"  # `qunma notify`: the daily digest, local time of day "HH:MM"


@dataclass(frozen=True)
class RuleSet:
    """Group rules (群规): who we are, what members gain, who runs it, rules and the penalty ladder."""

    id: str
    who: str = ""
    gains: str = ""
    admins: str = ""
    rules: tuple[str, ...] = ()
    penalties: tuple[str, ...] = ()
    nickname: str | None = None  # nickname format, e.g. "城市-昵称"


@dataclass(frozen=True)
class Channel:
    id: str
    name: str


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    url: str  # the join link inside the QR code (https)
    issued: datetime | None  # when the QR was generated
    expires: datetime | None  # when the code stops working; None = never (permanent WeCom code)
    capacity: int
    switch_at: int
    expiry_margin: timedelta
    members: int | None = None  # from campaigns.yml; pool-status.yml overrides it
    paused: bool = False
    channels: tuple[str, ...] | None = None  # None = every channel and the campaign's default page
    chat_id: str | None = None  # WeCom customer-group id, for `qunma sync`
    qr_image: Path | None = None  # the saved image the link was read from, if any

    @property
    def show_until(self) -> datetime | None:
        """The moment the code stops being shown: expiry minus the margin (None = never)."""
        return None if self.expires is None else self.expires - self.expiry_margin


@dataclass(frozen=True)
class FaqEntry:
    """An auto-reply rule: any of the keywords → the answer."""

    keywords: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class ScheduleItem:
    """One line of the daily operations timetable."""

    time: str  # "HH:MM"
    content: str


@dataclass(frozen=True)
class StateTexts:
    """What a page says under its headline when it shows no code ("": the default of the site's language).
    With no open group it says the fallback's text."""

    not_started: str = ""
    ended: str = ""  # also when archived


@dataclass(frozen=True)
class Campaign:
    id: str
    title: str
    rules: RuleSet
    channels: tuple[Channel, ...]
    groups: tuple[Group, ...]
    strategy: Strategy = Strategy.FILL_FIRST
    type: CampaignType | None = None
    starts: datetime | None = None
    ends: datetime | None = None
    archived: bool = False
    description: str = ""  # what the group is for
    benefits: tuple[str, ...] = ()
    welcome: str = ""  # with placeholders {nickname}, {group_name}
    fallback: Contact | None = None  # None: the site's contact
    faq: tuple[FaqEntry, ...] = ()
    schedule: tuple[ScheduleItem, ...] = ()
    naming: str | None = None  # group naming pattern, e.g. "拾光福利{n}群"
    low_seats: int = 50
    low_within: timedelta = timedelta(hours=24)
    messages: StateTexts = field(default_factory=StateTexts)
    avatar: Path | None = None  # the group avatar shown on the page (absolute path), if the campaign has one
    show_members: bool = False  # the page says how many have joined the shown group

    def channel(self, channel_id: str) -> Channel:
        """The channel with this id (KeyError when there is none)."""
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        raise KeyError(channel_id)


@dataclass(frozen=True)
class GroupStatus:
    members: int | None = None
    full: bool = False


@dataclass(frozen=True)
class PoolStatus:
    """Contents of pool-status.yml: live member counts keyed by "<campaign id>/<group id>"."""

    updated: datetime | None = None
    groups: dict[str, GroupStatus] = field(default_factory=dict)

    def get(self, campaign_id: str, group_id: str) -> GroupStatus | None:
        return self.groups.get(f"{campaign_id}/{group_id}")


@dataclass(frozen=True)
class Project:
    """Everything loaded from campaigns.yml (+ pool-status.yml)."""

    site: Site
    defaults: Defaults
    rule_sets: dict[str, RuleSet]
    campaigns: tuple[Campaign, ...]
    source: Path  # the campaigns.yml file (absolute)
    status: PoolStatus = field(default_factory=PoolStatus)
    warnings: tuple[Problem, ...] = ()  # e.g. a stale pool-status.yml: shown, but nothing stops

    @property
    def root(self) -> Path:
        """The folder of campaigns.yml: relative paths in it are resolved against this."""
        return self.source.parent

    def campaign(self, campaign_id: str) -> Campaign:
        """The campaign with this id (KeyError when there is none)."""
        for campaign in self.campaigns:
            if campaign.id == campaign_id:
                return campaign
        raise KeyError(campaign_id)


@dataclass(frozen=True)
class CountSample:
    """A group's member count as `qunma sync` read it at a moment."""

    at: datetime
    members: int


@dataclass(frozen=True)
class SyncOutcome:
    """How the last `qunma sync` went: its time, and for a failure WeCom's errcode (if any) and the reason."""

    at: datetime
    ok: bool
    errcode: int | None = None
    reason: str = ""  # in the site's language, remote text already escaped


@dataclass(frozen=True)
class PoolHistory:
    """pool-history.json: recent synced member counts per "<campaign id>/<group id>", oldest first."""

    groups: dict[str, tuple[CountSample, ...]] = field(default_factory=dict)
    last_sync: SyncOutcome | None = None

    def samples(self, campaign_id: str, group_id: str) -> tuple[CountSample, ...]:
        return self.groups.get(f"{campaign_id}/{group_id}", ())
