"""The staff kit: one page per campaign for the people running its groups, out of the public navigation.

It carries what they paste into WeCom (welcome copy, group announcement, auto-replies), the daily timetable,
the naming pattern, the permanent entry codes and the pool table. Join links appear only for the group a
page shows right now: the others' links must not leak before their turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import partial
from zoneinfo import ZoneInfo

from generator.messages import Labels, t
from generator.model import MAX_FAQ, MAX_KEYWORDS, Campaign, Group, Project
from generator.plan.pool import members_and_closure
from generator.plan.rotation import PagePlan, Plan
from generator.render.poster_layout import on_color, parse_color
from generator.render.templating import asset, staff_environment

# WeCom server API "入群欢迎语素材管理" (developer.work.weixin.qq.com/document/path/92366), add/edit:
# "text.content 消息文本内容，最长为3000字节" — the limit is in UTF-8 bytes (a Chinese character is 3).
WECOM_WELCOME_MAX_BYTES = 3000
# WeCom writes the customer's nickname in welcome text as %NICKNAME% (case-sensitive), same document.
WECOM_NICKNAME = "%NICKNAME%"


class GroupState(StrEnum):
    """A group's place in the pool at build time, as the staff see it."""

    SHOWN = "shown"  # a page shows its code now
    OPEN = "open"  # could be shown; waiting its turn
    FULL = "full"
    PAUSED = "paused"
    EXPIRED = "expired"  # past its show-until time (expiry minus margin)
    NOT_YET_ISSUED = "not-yet-issued"  # issued after the build time


@dataclass(frozen=True)
class PoolRow:
    group: Group
    state: GroupState
    members: int | None
    seats_left: int | None  # before switch_at; None when the member count is unknown
    expires: str  # in the site's time zone; "" for a permanent code
    url: str | None  # the join link, only for a shown group


@dataclass(frozen=True)
class Welcome:
    text: str  # as written, with {nickname} / {group_name}
    wecom: str  # paste-ready for WeCom: %NICKNAME%, the example group's name filled in
    example_group: str  # the shown group, else the first
    size: int  # UTF-8 bytes of the longest WeCom version (the longest group name)
    limit: int = WECOM_WELCOME_MAX_BYTES

    @property
    def too_long(self) -> bool:
        return self.size > self.limit


@dataclass(frozen=True)
class Entry:
    label: str
    url: str  # the page the permanent code points at
    png: str  # the entry code image, relative to the staff page


@dataclass(frozen=True)
class StaffKit:
    campaign: Campaign
    page: PagePlan  # the campaign's default page
    welcome: Welcome
    announcement: str
    next_group_name: str | None
    entries: tuple[Entry, ...]
    pool: tuple[PoolRow, ...]
    generated: str  # build time in the site's time zone


def local_time(value: datetime, timezone: str) -> str:
    """value as "YYYY-MM-DD HH:MM" in timezone."""
    return value.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def group_state(
    project: Project, campaign: Campaign, group: Group, now: datetime, shown: set[str]
) -> GroupState:
    """Where group stands at now; `shown` holds the ids of the groups that pages show."""
    _, closure = members_and_closure(campaign, group, project.status)
    if closure == "paused":
        return GroupState.PAUSED
    if closure is not None:  # marked full, or members reached switch_at
        return GroupState.FULL
    if group.issued is not None and group.issued > now:
        return GroupState.NOT_YET_ISSUED
    if group.show_until is not None and now >= group.show_until:
        return GroupState.EXPIRED
    return GroupState.SHOWN if group.id in shown else GroupState.OPEN


def pool_rows(
    project: Project, campaign: Campaign, pages: list[PagePlan], now: datetime
) -> tuple[PoolRow, ...]:
    """One row per group of the campaign, in file order."""
    shown = {page.shown.id for page in pages if page.shown is not None}
    rows = []
    for group in campaign.groups:
        state = group_state(project, campaign, group, now, shown)
        members, _ = members_and_closure(campaign, group, project.status)
        seats = None if members is None else max(0, group.switch_at - members)
        if state in (GroupState.FULL, GroupState.EXPIRED, GroupState.PAUSED):
            seats = 0
        expires = "" if group.expires is None else local_time(group.expires, project.site.timezone)
        url = group.url if state is GroupState.SHOWN else None
        rows.append(PoolRow(group, state, members, seats, expires, url))
    return tuple(rows)


def welcome(campaign: Campaign, shown: Group | None) -> Welcome:
    """The welcome copy as written and as pasted into WeCom, with its size against WeCom's limit."""
    example = shown or (campaign.groups[0] if campaign.groups else None)

    def for_wecom(name: str) -> str:
        return campaign.welcome.replace("{nickname}", WECOM_NICKNAME).replace("{group_name}", name)

    names = [group.name for group in campaign.groups] or [""]
    size = max(len(for_wecom(name).encode("utf-8")) for name in names)
    name = example.name if example else ""
    return Welcome(campaign.welcome, for_wecom(name), name, size)


def announcement(campaign: Campaign, lang: str) -> str:
    """The group announcement (群公告), plain text ready to paste: who, gains, admins, rules, penalties."""
    rules = campaign.rules
    say = partial(t, lang)
    parts = [say("staff_ann_head", title=campaign.title)]
    parts += [text for text in (rules.who, _labelled(say("staff_ann_gains"), rules.gains)) if text]
    parts += [_labelled(say("staff_ann_admins"), rules.admins)] if rules.admins else []
    if rules.rules:
        parts.append(
            say("staff_ann_rules") + "\n" + "\n".join(f"{i}. {r}" for i, r in enumerate(rules.rules, 1))
        )
    if rules.penalties:
        parts.append(say("staff_ann_penalties") + "\n" + "\n".join(f"· {p}" for p in rules.penalties))
    if rules.nickname:
        parts.append(_labelled(say("staff_ann_nickname"), rules.nickname))
    return "\n\n".join(parts)


def _labelled(label: str, text: str) -> str:
    return f"{label}{text}" if text else ""


def next_group_name(campaign: Campaign) -> str | None:
    """The name the next new group should get from the naming pattern ("福利{n}群" → one past the highest)."""
    if not campaign.naming or "{n}" not in campaign.naming:
        return None
    head, _, tail = campaign.naming.partition("{n}")
    # ASCII digits, a few: a name numbered with 5,000 digits is not in the series (and int() refuses it).
    pattern = re.compile(re.escape(head) + r"([0-9]{1,9})" + re.escape(tail))
    numbers = [int(m.group(1)) for g in campaign.groups if (m := pattern.fullmatch(g.name))]
    return campaign.naming.replace("{n}", str(max(numbers, default=0) + 1))


def entries(project: Project, pages: list[PagePlan], lang: str) -> tuple[Entry, ...]:
    """The campaign's permanent entry codes: where each points and its image, relative to the staff page."""
    result = []
    for page in pages:
        label = t(lang, "staff_entry_main") if page.channel is None else page.channel.name
        png = "../entry.png" if page.channel is None else f"../{page.channel.id}/entry.png"
        result.append(Entry(label, project.site.base_url + page.path, png))
    return tuple(result)


def staff_kit(
    project: Project, plan: Plan, campaign: Campaign, pages: list[PagePlan] | None = None
) -> StaffKit:
    """Everything the staff page of campaign shows (pages: the campaign's pages of plan, if known)."""
    lang = project.site.language
    if pages is None:
        pages = [page for page in plan.pages if page.campaign.id == campaign.id]
    main = next(page for page in pages if page.channel is None)
    return StaffKit(
        campaign=campaign,
        page=main,
        welcome=welcome(campaign, main.shown),
        announcement=announcement(campaign, lang),
        next_group_name=next_group_name(campaign),
        entries=entries(project, pages, lang),
        pool=pool_rows(project, campaign, pages, plan.now),
        generated=local_time(plan.now, project.site.timezone),
    )


def favicon(color: str) -> str:
    """A tab icon drawn inline (a square of the brand colour): staff keep many tabs open, and a page without
    one makes the browser ask the host for /favicon.ico, a 404 in every log."""
    fill = "%23{:02x}{:02x}{:02x}".format(*parse_color(color))
    square = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>"
    square += f"<rect width='16' height='16' rx='3' fill='{fill}'/></svg>"
    return "data:image/svg+xml," + square.replace("<", "%3C").replace(">", "%3E")


def staff_pages(project: Project, plan: Plan) -> dict[str, bytes]:
    """{"<campaign>/staff/index.html": bytes} for every campaign (deterministic)."""
    template = staff_environment().get_template("staff.html")
    lang = project.site.language
    header_fg = "#{:02x}{:02x}{:02x}".format(*on_color(parse_color(project.site.brand.color)))
    files = {}
    by_campaign: dict[str, list[PagePlan]] = {}  # one pass: scanning every page per campaign is quadratic
    for page in plan.pages:
        by_campaign.setdefault(page.campaign.id, []).append(page)
    labels = Labels(lang)
    for campaign in project.campaigns:
        kit = staff_kit(project, plan, campaign, by_campaign.get(campaign.id, []))
        html = template.render(
            kit=kit,
            site=project.site,
            lang=lang,
            _=partial(t, lang),
            L=labels,
            limit=WECOM_WELCOME_MAX_BYTES,
            max_faq=MAX_FAQ,
            max_keywords=MAX_KEYWORDS,
            header_fg=header_fg,
            copy_script=asset("copy.js"),  # with a fallback for browsers without the Clipboard API
            favicon=favicon(project.site.brand.color),
        )
        files[f"{campaign.id}/staff/index.html"] = html.encode("utf-8")
    return files
