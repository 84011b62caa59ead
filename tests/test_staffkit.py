"""The staff kit: paste-ready copy, WeCom limits, the pool table, and no join link of a group not shown."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.input.load import load_project
from generator.model import Project
from generator.plan.rotation import plan
from generator.render.staffkit import (
    WECOM_WELCOME_MAX_BYTES,
    GroupState,
    announcement,
    next_group_name,
    staff_kit,
    staff_pages,
)

NOW = datetime.fromisoformat("2026-11-23T12:00+08:00")


@pytest.fixture
def project(example_dir: Path) -> Project:
    return load_project(example_dir / "campaigns.yml", now=NOW)


class _Page(HTMLParser):
    """What a staff page refers to and shows: external references, robots meta, pool rows, <pre> texts."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.robots: str | None = None
        self.rows: dict[str, str] = {}
        self.pre: dict[str, str] = {}
        self._pre: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.references += [a[k] or "" for k in ("src", "href") if k in a]
        if tag == "meta" and a.get("name") == "robots":
            self.robots = a.get("content")
        if tag == "tr" and "data-group" in a:
            self.rows[a["data-group"] or ""] = a.get("data-state") or ""
        if tag == "pre":
            self._pre = a.get("id") or ""
            self.pre[self._pre] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = None

    def handle_data(self, data: str) -> None:
        if self._pre is not None:
            self.pre[self._pre] += data


def parsed(html: bytes) -> _Page:
    page = _Page()
    page.feed(html.decode("utf-8"))
    return page


def test_one_noindex_page_per_campaign_with_nothing_external(project: Project) -> None:
    rotation = plan(project, NOW)
    files = staff_pages(project, rotation)
    assert sorted(files) == [
        f"{c.id}/staff/index.html" for c in sorted(project.campaigns, key=lambda c: c.id)
    ]
    shown = {page.shown.url for page in rotation.pages if page.shown is not None}
    for html in files.values():
        page = parsed(html)
        assert page.robots == "noindex, nofollow"
        inline = [ref for ref in page.references if ref.startswith("data:")]
        elsewhere = [ref for ref in page.references if not ref.startswith("../") and ref not in shown]
        assert elsewhere == inline  # only the entry codes beside it, and the shown groups' join links
        assert b"<script src" not in html
        # The tab icon is drawn inline: a page without one makes the browser ask for /favicon.ico, a 404.
        (icon,) = re.findall(rb"<link [^>]*>", html)
        assert re.fullmatch(rb'<link rel="icon" href="data:image/svg\+xml,[^"]*%238b5a2b[^"]*">', icon), icon


def test_join_links_only_for_the_shown_group(project: Project) -> None:
    rotation = plan(project, NOW)
    html = staff_pages(project, rotation)["autumn/staff/index.html"].decode("utf-8")
    autumn = project.campaign("autumn")
    shown = {p.shown.id for p in rotation.pages if p.campaign.id == "autumn" and p.shown is not None}
    assert shown == {"g1", "live-1"}  # the live channel's own group, the others' g1
    for group in autumn.groups:
        assert (group.url in html) == (group.id in shown), group.id
    assert parsed(html.encode()).rows == {
        "g1": "shown", "g2": "open", "g3": "open", "live-1": "shown", "g0": "paused",
    }  # fmt: skip


def test_pool_rows_members_seats_and_local_expiry(project: Project) -> None:
    kit = staff_kit(project, plan(project, NOW), project.campaign("autumn"))
    rows = {row.group.id: row for row in kit.pool}
    assert (rows["g1"].members, rows["g1"].seats_left) == (186, 4)  # pool-status.yml overrides campaigns.yml
    assert rows["g1"].expires == "2026-11-27 10:00"  # issued 11-20 10:00 + 7 days, Asia/Shanghai
    assert rows["g3"].members is None and rows["g3"].seats_left is None
    assert rows["g0"].state is GroupState.PAUSED and rows["g0"].url is None
    vip = staff_kit(project, plan(project, NOW), project.campaign("vip"))
    assert {row.group.id: row.expires for row in vip.pool} == {"wecom-a": "", "wecom-b": ""}


def test_states_follow_time(project: Project) -> None:
    later = datetime.fromisoformat("2026-11-27T00:00+08:00")  # g1 stopped showing at 11-26 22:00
    kit = staff_kit(project, plan(project, later), project.campaign("autumn"))
    states = {row.group.id: row.state for row in kit.pool}
    assert states["g1"] is GroupState.EXPIRED and states["g2"] is GroupState.SHOWN
    early = datetime.fromisoformat("2026-11-22T12:00+08:00")  # g3 is issued on 11-23
    states = {
        row.group.id: row.state
        for row in staff_kit(project, plan(project, early), project.campaign("autumn")).pool
    }
    assert states["g3"] is GroupState.NOT_YET_ISSUED


def test_welcome_is_paste_ready_and_measured_in_bytes(project: Project) -> None:
    rotation = plan(project, NOW)
    autumn = project.campaign("autumn")
    kit = staff_kit(project, rotation, autumn)
    assert kit.welcome.wecom.startswith("欢迎 %NICKNAME% 加入拾光咖啡福利1群！")
    longest = max(len(g.name.encode()) for g in autumn.groups)
    expected = (
        len(autumn.welcome.replace("{nickname}", "%NICKNAME%").replace("{group_name}", "").encode()) + longest
    )
    assert kit.welcome.size == expected and not kit.welcome.too_long
    page = parsed(staff_pages(project, rotation)["autumn/staff/index.html"])
    assert unescape(page.pre["welcome-wecom"]) == kit.welcome.wecom
    assert unescape(page.pre["welcome-raw"]) == autumn.welcome


def test_welcome_over_the_wecom_limit_is_flagged(project: Project) -> None:
    autumn = project.campaign("autumn")
    long_text = "欢迎 {nickname}！" + "福" * 1000  # 3 bytes a character: over 3000 bytes
    changed = replace(project, campaigns=(replace(autumn, welcome=long_text),))
    html = staff_pages(changed, plan(changed, NOW))["autumn/staff/index.html"].decode()
    size = len(long_text.replace("{nickname}", "%NICKNAME%").encode())
    assert size > WECOM_WELCOME_MAX_BYTES == 3000
    assert re.search(
        rf'class="warn" id="welcome-size">长度 {size} / 3000 字节.*超出企业微信上限 {size - 3000} 字节', html
    )


def test_announcement_carries_every_rule(project: Project) -> None:
    autumn = project.campaign("autumn")
    text = announcement(autumn, "zh")
    assert text.startswith("【群公告】秋冬新品福利群")
    for number, rule in enumerate(autumn.rules.rules, 1):
        assert f"{number}. {rule}" in text
    assert all(p in text for p in autumn.rules.penalties) and "城市-昵称" in text
    page = parsed(staff_pages(project, plan(project, NOW))["autumn/staff/index.html"])
    assert unescape(page.pre["announcement-text"]) == text


def test_faq_schedule_and_naming_are_listed(project: Project) -> None:
    html = staff_pages(project, plan(project, NOW))["autumn/staff/index.html"].decode()
    autumn = project.campaign("autumn")
    for entry in autumn.faq:
        assert f"<td>{'、'.join(entry.keywords)}</td><td>{entry.answer}</td>" in html
    assert f"共 {len(autumn.faq)} 条规则；企业微信最多 100 条规则，每条最多 10 个关键词" in html
    for item in autumn.schedule:
        assert f"<td>{item.time}</td><td>{item.content}</td>" in html
    assert next_group_name(autumn) == "拾光咖啡福利4群"  # 1, 2, 3 taken; 0 群 is not the pattern's
    assert "下一个新群请命名为：拾光咖啡福利4群" in html
    assert next_group_name(project.campaign("vip")) is None


def test_marketer_text_is_escaped(project: Project) -> None:
    autumn = project.campaign("autumn")
    hostile = replace(autumn, welcome="<script>alert(1)</script>{nickname}", title="<b>x</b>")
    changed = replace(project, campaigns=(hostile,))
    html = staff_pages(changed, plan(changed, NOW))["autumn/staff/index.html"].decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html


def test_english_site_and_determinism(project: Project) -> None:
    english = replace(project, site=replace(project.site, language="en"))
    first = staff_pages(english, plan(english, NOW))
    assert first == staff_pages(english, plan(english, NOW))
    html = first["autumn/staff/index.html"].decode()
    assert "Welcome message" in html and "Group pool" in html and "入群欢迎语" not in html
