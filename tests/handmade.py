"""Small projects built by hand from the model, for page and script tests that need exact control."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.model import Brand, Campaign, Channel, Contact, Defaults, Group, Project, RuleSet, Site

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=TZ)
CONTACT_URL = "https://work.weixin.qq.com/kfid/kfc0123456789"


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    """A moment in November 2026, Beijing time."""
    return datetime(2026, month, day, hour, tzinfo=TZ)


def group(ident: str, issued: datetime | None, members: int | None = None, **changes: object) -> Group:
    """A WeChat group whose code is valid 7 days from issued, shown until 12 hours before that."""
    base = Group(
        id=ident,
        name=f"福利{ident}群",
        url=f"https://weixin.qq.com/g/AQYA{ident}Zx9kLpQ2vN8rT5yU1wE4aS7dF0gH",
        issued=issued,
        expires=None if issued is None else issued + timedelta(days=7),
        capacity=200,
        switch_at=190,
        expiry_margin=timedelta(hours=12),
        members=members,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


RULES = RuleSet(
    "standard",
    who="我们是拾光咖啡官方福利群。",
    gains="每周新品试饮名额。",
    admins="群主“拾光小助手”。",
    rules=("禁止发广告。", "互相尊重。"),
    penalties=("第一次：提醒", "第二次：移出群聊"),
    nickname="城市-昵称",
)


def campaign(ident: str = "autumn", groups: tuple[Group, ...] | None = None, **changes: object) -> Campaign:
    """A campaign with two channels and, by default, two groups that follow each other."""
    base = Campaign(
        id=ident,
        title="秋冬新品福利群",
        rules=RULES,
        channels=(Channel("store", "门店桌贴"), Channel("live", "直播间")),
        groups=groups if groups is not None else (group("g1", at(20)), group("g2", at(22))),
        description="每周三发新品试饮名额。",
        benefits=("进群领 10 元券", "周五抽奖"),
        welcome="欢迎 {nickname} 加入{group_name}！\n请先看群公告。",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def site(**changes: object) -> Site:
    base = Site(
        title="拾光咖啡 · 福利群",
        base_url="https://qun.example.com/",
        brand=Brand(color="#8b5a2b"),
        contact=Contact("现在暂时没有可加入的群，请添加客服。", CONTACT_URL, "拾光咖啡客服"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def project(*campaigns: Campaign, **site_changes: object) -> Project:
    """A project of these campaigns (default: one) on the hand-made site."""
    return Project(
        site=site(**site_changes),
        defaults=Defaults(),
        rule_sets={"standard": RULES},
        campaigns=campaigns or (campaign(),),
        source=Path("/nowhere/campaigns.yml"),
    )
