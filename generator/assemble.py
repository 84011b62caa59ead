"""Read records → the typed model: settings inherited (defaults → campaign → group) and the checks that
span several places: unique ids, channels and rule sets that exist, limits and links that agree.

Objects are built even from a document with problems (with placeholders), so that every problem is
found in one pass; the caller throws the project away when there were any.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from generator.model import (
    Brand,
    Campaign,
    CampaignType,
    Channel,
    Contact,
    Defaults,
    FaqEntry,
    Group,
    Project,
    RuleSet,
    ScheduleItem,
    Site,
    Strategy,
)
from generator.shapes import Ctx, Record, Seq, shorten, suggest

POOL_KEYS = ("capacity", "switch_at", "qr_valid_days", "expiry_margin", "strategy", "low_seats", "low_within")
GROUP_KEYS = ("capacity", "switch_at")
Settings = dict[str, tuple[Any, Node | None]]  # key → (value, where it was written; None: built in)


def build_project(doc: Record, ctx: Ctx, source: Path, now: datetime) -> Project:
    """The Project of a read document (to be used only when ctx holds no problems)."""
    site = _site(_sub(doc, "site"), ctx)
    defaults_record = _sub(doc, "defaults")
    settings: Settings = {key: (getattr(Defaults, key), None) for key in POOL_KEYS}
    settings = _inherit(settings, defaults_record, POOL_KEYS)
    _check_settings(settings, defaults_record, ctx)
    rule_sets_record = _sub(doc, "rule_sets")
    rule_sets = {name: _rule_set(name, rec) for name, rec in rule_sets_record.values.items()}
    records: list[Record] = list(doc.get("campaigns", ()))
    campaigns = [_campaign(rec, ctx, site, settings, rule_sets, set(rule_sets_record.nodes), now) for rec in records]
    _unique(ctx, [(rec.get("id"), rec.at("id")) for rec in records], "duplicate_id", "noun_campaign")
    chats = [(g.get("chat_id"), g.at("chat_id")) for rec in records for g in rec.get("groups", ())]
    _unique(ctx, chats, "duplicate_chat_id", "noun_group")
    defaults = Defaults(
        **{key: settings[key][0] for key in POOL_KEYS if key != "strategy"},
        strategy=Strategy(settings["strategy"][0]),
        status_max_age=defaults_record.get("status_max_age", Defaults.status_max_age),
    )
    return Project(site, defaults, rule_sets, tuple(campaigns), source)


def _sub(record: Record, key: str) -> Record:
    """The record under key, or an empty one standing at the parent's place."""
    value = record.get(key)
    return value if isinstance(value, Record) else Record(record.node)


def _inherit(parent: Settings, record: Record, keys: Iterable[str]) -> Settings:
    settings = dict(parent)
    for key in keys:
        if key in record:
            settings[key] = (record.get(key), record.at(key))
    return settings


def _check_settings(settings: Settings, record: Record, ctx: Ctx) -> None:
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


def _unique(ctx: Ctx, items: Iterable[tuple[Any, Node]], message: str, noun: str) -> None:
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


def _site(record: Record, ctx: Ctx) -> Site:
    brand = _sub(record, "brand")
    return Site(
        title=record.get("title", ""),
        base_url=record.get("base_url", ""),
        language=record.get("language", "zh"),
        timezone=record.get("timezone", "Asia/Shanghai"),
        brand=Brand(color=brand.get("color", Brand.color), logo=brand.get("logo")),
        contact=_contact(record.get("contact"), None, ctx),
    )


def _contact(record: Record | None, inherited: Contact | None, ctx: Ctx) -> Contact | None:
    """A contact; a campaign's fallback without url or qr takes the site contact's link and name."""
    if not isinstance(record, Record):
        return None
    url, name = _link(record, ctx), record.get("name")
    if not record.given("url") and not record.given("qr") and inherited is not None:
        url, name = inherited.url, name or inherited.name
    return Contact(text=record.get("text", ""), url=url, name=name)


def _link(record: Record, ctx: Ctx) -> str | None:
    """The join link: url, or the one read out of the qr image; both must agree when both are given."""
    url, image = record.get("url"), record.get("qr")
    if url is not None and image is not None and image.link != url:
        path = record.nodes["qr"].value
        ctx.error(record.at("qr"), "qr_url_differ", path=path, link=shorten(image.link, 60), url=shorten(url, 60))
    if url is not None:
        return str(url)
    return None if image is None else str(image.link)


def _rule_set(name: str, record: Record) -> RuleSet:
    return RuleSet(
        id=name,
        who=record.get("who", ""),
        gains=record.get("gains", ""),
        admins=record.get("admins", ""),
        rules=tuple(record.get("rules", ())),
        penalties=tuple(record.get("penalties", ())),
        nickname=record.get("nickname"),
    )


def _rules(record: Record, ctx: Ctx, rule_sets: dict[str, RuleSet], written: set[str]) -> RuleSet:
    value = record.get("rules")
    if isinstance(value, Record):
        return _rule_set(record.get("id", ""), value)
    if value is None:
        return RuleSet(id="")
    if value in rule_sets:
        return rule_sets[value]
    if value not in written:  # a rule set written with a problem was reported already
        guess = suggest(value, written)
        known = ctx.listing(sorted(written)) or "—"
        key = "rule_set_unknown_suggest" if guess else "rule_set_unknown"
        ctx.error(record.at("rules"), key, name=shorten(value), suggestion=guess, known=known)
    return RuleSet(id=str(value))


def _campaign(
    record: Record,
    ctx: Ctx,
    site: Site,
    parent: Settings,
    rule_sets: dict[str, RuleSet],
    written_rule_sets: set[str],
    now: datetime,
) -> Campaign:
    settings = _inherit(parent, record, POOL_KEYS)
    _check_settings(settings, record, ctx)
    starts, ends = record.get("starts"), record.get("ends")
    if starts is not None and ends is not None and ends <= starts:
        ctx.error(record.at("ends"), "ends_before_starts")
    channels, declared = _channels(record, ctx)
    live = not record.get("archived", False) and (ends is None or ends > now)
    return Campaign(
        id=record.get("id", ""),
        title=record.get("title", ""),
        rules=_rules(record, ctx, rule_sets, written_rule_sets),
        channels=channels,
        groups=_groups(record, ctx, settings, declared, now if live else None),
        strategy=Strategy(settings["strategy"][0]),
        type=CampaignType(record.get("type")) if "type" in record else None,
        starts=starts,
        ends=ends,
        fallback=_contact(record.get("fallback"), site.contact, ctx),
        low_seats=settings["low_seats"][0],
        low_within=settings["low_within"][0],
        **_texts(record),
    )


def _texts(record: Record) -> dict[str, Any]:
    """The campaign fields that are copied as they are."""
    return {
        "archived": record.get("archived", False),
        "description": record.get("description", ""),
        "benefits": tuple(record.get("benefits", ())),
        "welcome": record.get("welcome", ""),
        "naming": record.get("naming"),
        "faq": tuple(FaqEntry(tuple(f.get("keywords", ())), f.get("answer", "")) for f in record.get("faq", ())),
        "schedule": tuple(ScheduleItem(s.get("time", ""), s.get("content", "")) for s in record.get("schedule", ())),
    }


def _channels(record: Record, ctx: Ctx) -> tuple[tuple[Channel, ...], set[str] | None]:
    """The campaign's channels, and the ids groups may name (None: unknown, a channel had a problem)."""
    items: list[Record] = list(record.get("channels", ()))
    _unique(ctx, [(item.get("id"), item.at("id")) for item in items], "duplicate_id", "noun_channel")
    channels = tuple(Channel(item.get("id", ""), item.get("name", "")) for item in items)
    complete = "channels" in record or not record.given("channels")
    complete = complete and all("id" in item for item in items) and len(items) == _written_items(record, "channels")
    return channels, {channel.id for channel in channels} if complete else None


def _written_items(record: Record, key: str) -> int:
    node = record.nodes.get(key)
    return len(node.value) if node is not None and isinstance(node.value, list) else 0


def _groups(record: Record, ctx: Ctx, settings: Settings, declared: set[str] | None, now: datetime | None) -> tuple[Group, ...]:
    items: list[Record] = list(record.get("groups", ()))
    groups = tuple(_group(item, ctx, settings, declared, now) for item in items)
    _unique(ctx, [(item.get("id"), item.at("id")) for item in items], "duplicate_id", "noun_group")
    links = [(item.get("url"), item.at("url")) for item in items]
    _unique(ctx, links, "duplicate_link", "noun_group")
    return groups


def _group(record: Record, ctx: Ctx, parent: Settings, declared: set[str] | None, now: datetime | None) -> Group:
    settings = _inherit(parent, record, GROUP_KEYS)
    _check_settings(settings, record, ctx)
    issued = record.get("issued")
    image = record.get("qr")
    group = Group(
        id=record.get("id", ""),
        name=record.get("name", ""),
        url=_link(record, ctx) or "",
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
    if now is not None and not group.paused:
        _time_warnings(group, record, ctx, now)
    return group


def _expiry(record: Record, ctx: Ctx, issued: datetime | None, valid_days: int) -> datetime | None:
    if not record.given("expires"):
        return None if issued is None else issued + timedelta(days=valid_days)
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


def _time_warnings(group: Group, record: Record, ctx: Ctx, now: datetime) -> None:
    """Worth a look, but nothing stops: a code already expired, a code issued in the future."""
    if group.expires is not None and group.expires <= now:
        where = record.at("expires" if record.given("expires") else "issued")
        ctx.warn(where, "group_expired", group=group.id, expires=group.expires.strftime("%Y-%m-%d %H:%M"))
    if group.issued is not None and group.issued > now:
        ctx.warn(record.at("issued"), "group_issued_future", group=group.id)
