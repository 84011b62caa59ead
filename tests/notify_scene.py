"""A project for the notification tests, written as a marketer would: campaigns.yml, pool-status.yml and the
pool-history.json that `qunma sync` keeps, at a moment when every kind of trouble is there at once.

At NOW (2026-11-28 12:00, Beijing time):
- autumn: g1's code stopped showing on 11-26 22:00; g2 (100 members) is the last open code and stops at
  11-28 21:30, so the pages run dry then (an expiring item, no pool item: 90 seats are plenty), and g2 filled
  from 40 to 100 in the last day, so at that rate its 90 seats last ~36 hours (a forecast);
- vip: two permanent WeCom groups with 30 seats left between them (low: fewer than 50);
- spring: its only group is marked full in pool-status.yml (empty: customers see the contact);
- the last `qunma sync` failed with WeCom's 60020.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.input.poolhistory import HISTORY_FILE, write_history
from generator.model import CountSample, PoolHistory, SyncOutcome

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=TZ)
ISO_NOW = NOW.isoformat()

CAMPAIGNS = """\
site:
  title: 拾光咖啡 · 福利群
  base_url: https://qun.example.com/
  language: {language}
  contact:
    text: 请添加客服
    url: https://work.weixin.qq.com/kfid/kfc0123456789
defaults:
  warn_before: 24h
  digest_at: "09:00"
rule_sets:
  standard:
    who: 官方福利群
campaigns:
  - id: autumn
    title: 秋冬新品福利群
    rules: standard
    channels:
      - id: store
        name: 门店桌贴
      - id: live
        name: 直播间
    groups:
      - id: g1
        name: 福利1群
        url: https://weixin.qq.com/g/AQYAAAm3Zx9kLpQ2vN8rT5yU1wE4aS7dF0gH
        issued: 2026-11-20 10:00
        chat_id: wrG1
      - id: g2
        name: 福利2群
        url: https://weixin.qq.com/g/AQYAAB2cXv7nMkR4tP9sW3qZ6yE8uI1oL5jK
        issued: 2026-11-22 09:30
        chat_id: wrG2
  - id: vip
    title: 黑金会员群
    rules: standard
    strategy: balance
    capacity: 500
    switch_at: 480
    groups:
      - id: a
        name: 黑金A群
        url: https://work.weixin.qq.com/gm/3f8a2c1e9b7d6a5f4e3d2c1b0a9f8e7d
        expires: never
      - id: b
        name: 黑金B群
        url: https://work.weixin.qq.com/gm/7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f
        expires: never
  - id: spring
    title: 春季预约群
    rules: standard
    groups:
      - id: s1
        name: 樱花预约1群
        url: https://weixin.qq.com/g/AQYAAE5fAy4oPlU7wS2vZ6tC9bH1xQ5rO8mN
        issued: 2026-11-27 08:00
"""

STATUS = """\
updated: 2026-11-28 11:50
groups:
  autumn/g2:
    members: 100
  vip/a:
    members: 470
  vip/b:
    members: 460
  spring/s1:
    full: true
"""


def history(now: datetime = NOW, sync_ok: bool = False) -> PoolHistory:
    """g2 went from 40 to 100 members over the last 24 hours; the last sync failed with 60020 (or worked)."""
    samples = tuple(CountSample(now - timedelta(hours=24 - h), 40 + h * 60 // 24) for h in range(0, 25, 2))
    outcome = (
        SyncOutcome(now - timedelta(minutes=10), True)
        if sync_ok
        else SyncOutcome(
            now - timedelta(minutes=10),
            False,
            60020,
            "群“福利2群”（autumn/g2，chat_id wrG2）的人数读取失败："
            "企业微信返回错误 60020（not allow to access from your ip）",
        )
    )
    g1 = (CountSample(now - timedelta(days=2), 188),)
    return PoolHistory({"autumn/g2": samples, "autumn/g1": g1}, outcome)


def write_scene(folder: Path, language: str = "zh", status: str = STATUS, steady: bool = False) -> Path:
    """The project in folder; returns its campaigns.yml. steady: without autumn, whose code runs out, so that
    what is wrong stays the same for days."""
    folder.mkdir(parents=True, exist_ok=True)
    campaigns = folder / "campaigns.yml"
    text = CAMPAIGNS.format(language=language)
    if steady:
        text = text[: text.index("  - id: autumn")] + text[text.index("  - id: vip") :]
        status = status.replace("  autumn/g2:\n    members: 100\n", "")
    campaigns.write_text(text, encoding="utf-8")
    (folder / "pool-status.yml").write_text(status, encoding="utf-8")
    write_history(folder / HISTORY_FILE, history())
    return campaigns
