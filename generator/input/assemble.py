"""Read records → the typed model: settings inherited (defaults → campaign → group) and the checks that
span several places: unique ids, channels and rule sets that exist, limits and links that agree.

Objects are built even from a document with problems (with placeholders), so that every problem is
found in one pass; the caller throws the project away when there were any.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.input.assemble_groups import Settings, check_settings, groups, inherit, join_link, unique
from generator.input.joinlinks import check_entry_links
from generator.input.shapes import Ctx, Record, shorten, suggest
from generator.input.timechecks import TimeCheck
from generator.model import (
    Brand,
    Campaign,
    CampaignType,
    Channel,
    Contact,
    Defaults,
    FaqEntry,
    Project,
    RuleSet,
    ScheduleItem,
    Site,
    StateTexts,
    Strategy,
)

STATE_KEYS = ("not_started", "ended")  # campaign.messages
POOL_KEYS = ("capacity", "switch_at", "qr_valid_days", "expiry_margin", "strategy", "low_seats", "low_within")


def build_project(doc: Record, ctx: Ctx, source: Path) -> Project:
    """The Project of a read document (to be used only when ctx holds no problems)."""
    site = _site(_sub(doc, "site"), ctx)
    defaults_record = _sub(doc, "defaults")
    settings: Settings = {key: (getattr(Defaults, key), None) for key in POOL_KEYS}
    settings = inherit(settings, defaults_record, POOL_KEYS)
    check_settings(settings, defaults_record, ctx)
    rule_sets_record = _sub(doc, "rule_sets")
    rule_sets = {name: _rule_set(name, rec) for name, rec in rule_sets_record.values.items()}
    records: list[Record] = list(doc.get("campaigns", ()))
    campaigns = [
        _campaign(rec, ctx, site, settings, rule_sets, set(rule_sets_record.nodes)) for rec in records
    ]
    unique(ctx, [(rec.get("id"), rec.at("id")) for rec in records], "duplicate_id", "noun_campaign")
    chats = [(g.get("chat_id"), g.at("chat_id")) for rec in records for g in rec.get("groups", ())]
    unique(ctx, chats, "duplicate_chat_id", "noun_group")
    _check_entry_links(ctx, site, _sub(doc, "site"), records)
    defaults = Defaults(
        **{key: settings[key][0] for key in POOL_KEYS if key != "strategy"},
        strategy=Strategy(settings["strategy"][0]),
        status_max_age=defaults_record.get("status_max_age", Defaults.status_max_age),
        warn_before=defaults_record.get("warn_before", Defaults.warn_before),
        digest_at=defaults_record.get("digest_at", Defaults.digest_at),
    )
    return Project(site, defaults, rule_sets, tuple(campaigns), source)


def _sub(record: Record, key: str) -> Record:
    """The record under key, or an empty one standing at the parent's place."""
    value = record.get(key)
    return value if isinstance(value, Record) else Record(record.node)


def _site(record: Record, ctx: Ctx) -> Site:
    brand = _sub(record, "brand")
    return Site(
        title=record.get("title", ""),
        base_url=record.get("base_url", ""),
        language=record.get("language", "zh"),
        timezone=record.get("timezone", "Asia/Shanghai"),
        brand=Brand(color=brand.get("color", Brand.color), logo=brand.get("logo")),
        contact=_contact(record.get("contact"), None, ctx, record.get("base_url", "")),
        description=record.get("description", ""),
    )


def _check_entry_links(ctx: Ctx, site: Site, record: Record, campaigns: list[Record]) -> None:
    """Every page's permanent entry code must fit a QR code (level H when the logo sits in the middle)."""
    pages = [
        (
            (f"{cmp.get('id', '')}/", cmp.at("id")),
            [(f"{cmp.get('id', '')}/{ch.get('id', '')}/", ch.at("id")) for ch in cmp.get("channels", ())],
        )
        for cmp in campaigns
    ]
    check_entry_links(ctx, site.base_url, record.at("base_url"), pages, logo=site.brand.logo is not None)


def _contact(record: Record | None, inherited: Contact | None, ctx: Ctx, site_url: str) -> Contact | None:
    """A contact; a campaign's fallback without url or qr takes the site contact's link and name."""
    if not isinstance(record, Record):
        return None
    url, name = join_link(record, ctx, site_url, contact=True), record.get("name")
    if not record.given("url") and not record.given("qr") and inherited is not None:
        url, name = inherited.url, name or inherited.name
    return Contact(text=record.get("text", ""), url=url, name=name)


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
        if "rules" in record.missing:  # the fix names a rule set that exists, or shows how to write one
            name = next(iter(rule_sets), None) or next(iter(sorted(written)), None)
            if name is None:
                ctx.error(record.node, "rules_missing_no_sets")
            else:
                ctx.error(record.node, "rules_missing", name=name, known=ctx.listing(sorted(written)))
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
) -> Campaign:
    settings = inherit(parent, record, POOL_KEYS)
    check_settings(settings, record, ctx)
    starts, ends = record.get("starts"), record.get("ends")
    if starts is not None and ends is not None and ends <= starts:
        ctx.error(record.at("ends"), "ends_before_starts")
    channels, declared = _channels(record, ctx)
    found = groups(record, ctx, settings, declared, (ends, record.get("archived", False)), site.base_url)
    if not found and not record.get("archived", False):
        ctx.time_checks.append(_empty(record, starts, ends))
    return Campaign(
        id=record.get("id", ""),
        title=record.get("title", ""),
        rules=_rules(record, ctx, rule_sets, written_rule_sets),
        channels=channels,
        groups=found,
        strategy=Strategy(settings["strategy"][0]),
        fallback=_contact(record.get("fallback"), site.contact, ctx, site.base_url),
        low_seats=settings["low_seats"][0],
        low_within=settings["low_within"][0],
        **_texts(record),
    )


def _empty(record: Record, starts: Any, ends: Any) -> TimeCheck:
    """A campaign with no group: while it runs, each of its pages shows the fallback (a warning per build)."""
    at = record.at("groups")
    position = (at.start_mark.line + 1, at.start_mark.column + 1)
    return TimeCheck(
        group=record.get("id", ""),
        issued=None,
        expires=None,
        issued_at=position,
        expires_at=position,
        campaign_ends=ends,
        campaign_archived=False,
        empty_campaign=True,
        campaign_starts=starts,
    )


def _texts(record: Record) -> dict[str, Any]:
    """The campaign fields that are taken as they are written."""
    return {
        "type": CampaignType(record.get("type")) if "type" in record else None,
        "starts": record.get("starts"),
        "ends": record.get("ends"),
        "archived": record.get("archived", False),
        "description": record.get("description", ""),
        "benefits": tuple(record.get("benefits", ())),
        "welcome": record.get("welcome", ""),
        "naming": record.get("naming"),
        "avatar": record.get("avatar"),
        "show_members": record.get("show_members", False),
        "messages": StateTexts(**{key: _sub(record, "messages").get(key, "") for key in STATE_KEYS}),
        "faq": tuple(
            FaqEntry(tuple(f.get("keywords", ())), f.get("answer", "")) for f in record.get("faq", ())
        ),
        "schedule": tuple(
            ScheduleItem(s.get("time", ""), s.get("content", "")) for s in record.get("schedule", ())
        ),
    }


def _channels(record: Record, ctx: Ctx) -> tuple[tuple[Channel, ...], set[str] | None]:
    """The campaign's channels, and the ids groups may name (None: unknown, a channel had a problem)."""
    items: list[Record] = list(record.get("channels", ()))
    unique(ctx, [(item.get("id"), item.at("id")) for item in items], "duplicate_id", "noun_channel")
    channels = tuple(Channel(item.get("id", ""), item.get("name", "")) for item in items)
    complete = "channels" in record or not record.given("channels")
    complete = (
        complete and all("id" in item for item in items) and len(items) == _written_items(record, "channels")
    )
    return channels, {channel.id for channel in channels} if complete else None


def _written_items(record: Record, key: str) -> int:
    node = record.nodes.get(key)
    return len(node.value) if node is not None and isinstance(node.value, list) else 0
