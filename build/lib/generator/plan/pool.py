"""A campaign's pool of groups as rotation sees it: which groups can be shown, when, and why not.

Member counts are held as they are at build time, so a group closed by its members (or paused, or
marked full) stays closed; every other group is open in one stretch of time, from its issue to its
`show_until`: a Slot. Pure: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from generator.messages import t
from generator.model import Campaign, Channel, Group, PoolStatus

PAST = datetime.min.replace(tzinfo=UTC)  # a group with no `issued` has been open for ever
FOREVER = datetime.max.replace(tzinfo=UTC)  # a permanent code (`expires: never`) closes never

# Beyond this many closed groups an empty page's reason says "and N more" instead of naming them.
MAX_NAMED = 4


@dataclass(frozen=True)
class Slot:
    """A group that may be shown, the stretch [opens, closes) in which it is, and its rank (lower first)."""

    rank: tuple[int, int]
    group: Group
    members: int  # the known member count; 0 when unknown
    opens: datetime
    closes: datetime

    @property
    def seats(self) -> int:
        """Members the group can still take before the page switches away from it."""
        return self.group.switch_at - self.members


def members_and_closure(
    campaign: Campaign, group: Group, status: PoolStatus
) -> tuple[int | None, str | None]:
    """The group's member count (pool status first) and why it is closed for good (None: it is not)."""
    entry = status.get(campaign.id, group.id)
    members = entry.members if entry is not None and entry.members is not None else group.members
    if group.paused:
        return members, "paused"
    if entry is not None and entry.full:
        return members, "full"
    if members is not None and members >= group.switch_at:
        return members, "switched"
    return members, None


def slots(campaign: Campaign, status: PoolStatus, *, by_members: bool) -> list[Slot]:
    """The campaign's groups that can be shown, best first: list order, or fewest members then list order."""
    result: list[Slot] = []
    for index, group in enumerate(campaign.groups):
        members, closure = members_and_closure(campaign, group, status)
        opens = group.issued or PAST
        closes = group.show_until or FOREVER
        if closure is None and opens < closes:
            count = members or 0
            result.append(Slot((count if by_members else 0, index), group, count, opens, closes))
    result.sort(key=lambda slot: slot.rank)
    return result


def served(group: Group, channel: Channel | None) -> bool:
    """Whether the page of `channel` (None: the campaign's default page) may show this group."""
    if group.channels is None:
        return True
    return channel is not None and channel.id in group.channels


def open_at(mine: list[Slot], moment: datetime) -> list[Slot]:
    """The slots open at `moment`, best first."""
    return [slot for slot in mine if slot.opens <= moment < slot.closes]


def runs_dry(mine: list[Slot], moment: datetime, ends: datetime | None) -> datetime | None:
    """The first time from `moment` on when no group is open before the campaign ends (None: never)."""
    covered = moment
    for slot in sorted(mine, key=lambda s: s.opens):
        if slot.opens > covered:
            break
        covered = max(covered, slot.closes)
    if covered is FOREVER or (ends is not None and covered >= ends):
        return None
    return covered


def when(moment: datetime, tz: ZoneInfo) -> str:
    """A time as a marketer reads it: local to the site, to the minute."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def closed_reasons(
    campaign: Campaign, channel: Channel | None, status: PoolStatus, moment: datetime, lang: str, tz: ZoneInfo
) -> str:
    """Why none of the page's groups is open at `moment`, group by group, in the site's language."""
    reasons: list[str] = []
    mine = [group for group in campaign.groups if served(group, channel)]
    for group in mine[:MAX_NAMED]:
        reasons.append(_closed_reason(campaign, group, status, moment, lang, tz))
    if not mine:
        return t(lang, "health_no_groups")
    if len(mine) > MAX_NAMED:
        reasons.append(t(lang, "health_more_groups", count=len(mine) - MAX_NAMED))
    return t(lang, "health_list_sep").join(reasons)


def _closed_reason(
    campaign: Campaign, group: Group, status: PoolStatus, moment: datetime, lang: str, tz: ZoneInfo
) -> str:
    members, closure = members_and_closure(campaign, group, status)
    if closure == "switched":
        return t(lang, "health_group_switched", group=group.id, members=members, switch_at=group.switch_at)
    if closure is not None:
        return t(lang, f"health_group_{closure}", group=group.id)
    if group.issued is not None and group.issued > moment:
        return t(lang, "health_group_later", group=group.id, when=when(group.issued, tz))
    show_until = group.show_until
    assert show_until is not None  # neither closed nor waiting: only expiry can keep it from showing
    return t(lang, "health_group_expired", group=group.id, when=when(show_until, tz))
