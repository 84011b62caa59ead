"""Settings inherited from defaults to campaign to group, the limits that must agree, and each group's
model: its join link (url and/or the qr image, which must agree), expiry, channels and time warnings.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from yaml.nodes import Node

from generator.input.bounds import LAST_YEAR, later
from generator.input.joinlinks import check_link
from generator.input.shapes import Ctx, Record, Seq, shorten, suggest
from generator.input.timechecks import TimeCheck
from generator.model import Group

CampaignTimes = tuple[datetime | None, bool]  # when the campaign ends, and whether it is archived

GROUP_KEYS = ("capacity", "switch_at")
Settings = dict[str, tuple[Any, Node | None]]  # key → (value, where it was written; None: built in)


def inherit(parent: Settings, record: Record, keys: Iterable[str]) -> Settings:
    settings = dict(parent)
    for key in keys:
        if key in record:
            settings[key] = (record.get(key), record.at(key))
    return settings


def check_settings(settings: Settings, record: Record, ctx: Ctx) -> None:
    """Limits that must agree, checked where one of them is written: an inherited mistake shows once."""
    if _written_here(record, "capacity", "switch_at"):
        capacity, switch_at = settings["capacity"][0], settings["switch_at"][0]
        if switch_at > capacity:
            where = record.at("switch_at" if "switch_at" in record else "capacity")
            ctx.error(where, "switch_above_capacity", switch_at=switch_at, capacity=capacity)
    if _written_here(record, "qr_valid_days", "expiry_margin"):
        days, margin = settings["qr_valid_days"][0], settings["expiry_margin"][0]
        if margin >= timedelta(days=days):
            where = record.at("expiry_margin" if "expiry_margin" in record else "qr_valid_days")
            ctx.error(where, "margin_too_long", margin=duration_text(margin), days=days)


def _written_here(record: Record, *keys: str) -> bool:
    # Some of keys written at this level, and none written with a problem (already reported).
    return any(key in record for key in keys) and all(key in record or not record.given(key) for key in keys)


def duration_text(span: timedelta) -> str:
    """A duration the way campaigns.yml writes it: 1d12h, 30m, 0."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    text = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text or "0"


def unique(ctx: Ctx, items: Iterable[tuple[Any, Node]], message: str, noun: str) -> None:
    """An error at every repetition of a value (None values are skipped)."""
    first: dict[Any, Node] = {}
    for value, node in items:
        if value is None:
            continue
        if value in first:
            line = first[value].start_mark.line + 1
            ctx.error(node, message, value=shorten(str(value), 60), line=line, owner=ctx.text(noun))
        else:
            first[value] = node


def join_link(record: Record, ctx: Ctx, site_url: str, *, contact: bool = False) -> str | None:
    """The join link: url, or the one read out of the qr image; both must agree when both are given.

    A group's must be a group-join link, a contact's a way to reach someone (generator.input.joinlinks).
    """
    url, image = record.get("url"), record.get("qr")
    if url is not None and image is not None and image.link != url:
        path = record.nodes["qr"].value
        ctx.error(
            record.at("qr"), "qr_url_differ", path=path, link=shorten(image.link, 60), url=shorten(url, 60)
        )
    if url is not None:
        check_link(ctx, record.at("url"), str(url), None, site_url=site_url, contact=contact)
        return str(url)
    if image is None:
        return None
    written = str(record.nodes["qr"].value)
    check_link(ctx, record.at("qr"), str(image.link), written, site_url=site_url, contact=contact)
    return str(image.link)


def groups(
    record: Record,
    ctx: Ctx,
    settings: Settings,
    declared: set[str] | None,
    campaign: CampaignTimes,
    site_url: str,
) -> tuple[Group, ...]:
    items: list[Record] = list(record.get("groups", ()))
    groups = tuple(_group(item, ctx, settings, declared, campaign, site_url) for item in items)
    unique(ctx, [(item.get("id"), item.at("id")) for item in items], "duplicate_id", "noun_group")
    # The same group pasted twice, whether as url or as a saved image.
    pairs = zip(groups, items, strict=True)
    links = [(group.url or None, item.at("url" if "url" in item else "qr")) for group, item in pairs]
    unique(ctx, links, "duplicate_link", "noun_group")
    return groups


def _group(
    record: Record,
    ctx: Ctx,
    parent: Settings,
    declared: set[str] | None,
    campaign: CampaignTimes,
    site_url: str,
) -> Group:
    settings = inherit(parent, record, GROUP_KEYS)
    check_settings(settings, record, ctx)
    issued = record.get("issued")
    image = record.get("qr")
    group = Group(
        id=record.get("id", ""),
        name=record.get("name", ""),
        url=join_link(record, ctx, site_url) or "",
        issued=issued,
        expires=_expiry(record, ctx, issued, settings["qr_valid_days"][0]),
        capacity=settings["capacity"][0],
        switch_at=settings["switch_at"][0],
        expiry_margin=settings["expiry_margin"][0],
        members=record.get("members"),
        paused=record.get("paused", False),
        channels=_group_channels(record, ctx, declared),
        chat_id=record.get("chat_id"),
        qr_image=None if image is None else image.path,
    )
    if not group.paused:
        ctx.time_checks.append(_time_check(group, record, campaign))
    return group


def _expiry(record: Record, ctx: Ctx, issued: datetime | None, valid_days: int) -> datetime | None:
    if not record.given("expires"):
        if issued is None:
            return None
        expiry = later(issued, timedelta(days=valid_days))
        if expiry is None:
            ctx.error(record.at("issued"), "issued_too_late", days=valid_days, last=LAST_YEAR)
        return expiry
    expires: datetime | None = record.get("expires")  # None: never
    if issued is not None and expires is not None and expires <= issued:
        ctx.error(record.at("expires"), "expires_before_issued")
    return expires


def _group_channels(record: Record, ctx: Ctx, declared: set[str] | None) -> tuple[str, ...] | None:
    if "channels" not in record:
        return None
    ids: Seq = record.get("channels")
    for channel_id, node in zip(ids, ids.nodes, strict=True):
        if declared is None or channel_id in declared:
            continue
        guess = suggest(channel_id, declared)
        if not declared:
            ctx.error(node, "group_channel_none_declared", value=channel_id)
        elif guess is not None:
            ctx.error(node, "group_channel_unknown_suggest", value=channel_id, suggestion=guess)
        else:
            ctx.error(node, "group_channel_unknown", value=channel_id, known=ctx.listing(sorted(declared)))
    return tuple(ids)


def _time_check(group: Group, record: Record, campaign: CampaignTimes) -> TimeCheck:
    """What each build checks at its own moment: a code already expired, a code issued in the future."""
    expires = record.at("expires" if record.given("expires") else "issued")
    issued = record.at("issued")
    return TimeCheck(
        group=group.id,
        issued=group.issued,
        expires=group.expires,
        issued_at=(issued.start_mark.line + 1, issued.start_mark.column + 1),
        expires_at=(expires.start_mark.line + 1, expires.start_mark.column + 1),
        campaign_ends=campaign[0],
        campaign_archived=campaign[1],
    )
