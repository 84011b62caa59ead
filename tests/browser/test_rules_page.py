"""The rules page as a customer reaches it: from the landing page's link, light, showing the rules. The group
announcement with its big copy button was a staff tool shown to customers: it lives in the staff kit."""

from __future__ import annotations

import pytest
from pagecheck import assert_clean

pytestmark = pytest.mark.browser


def test_landing_page_links_to_the_rules_and_back(open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/store/")
    page = visit.page
    page.click("a.rules")
    page.wait_for_url("**/autumn/rules/")
    assert page.inner_text("h1") == "秋冬新品福利群 · 群规"
    assert page.title() == "秋冬新品福利群 · 群规 · 拾光咖啡"
    shown = page.inner_text("main")
    assert "禁止发布广告、链接、二维码和其他群的邀请。" in shown and "第三次：移出群聊" in shown
    assert "可直接复制" not in shown and "【群公告】" not in shown
    assert page.query_selector("button") is None and page.query_selector("pre") is None
    page.click("a.back")
    page.wait_for_url("**/autumn/")
    assert_clean(visit)


def test_the_announcement_to_paste_is_in_the_staff_kit(open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/staff/")
    announcement = visit.page.inner_text("#announcement-text")
    assert announcement.startswith("【群公告】秋冬新品福利群") and "1. 禁止发布广告" in announcement
    assert_clean(visit)


def test_rules_page_is_light(site) -> None:  # type: ignore[no-untyped-def]
    import gzip

    html = (site.root / "autumn" / "rules" / "index.html").read_bytes()
    assert len(gzip.compress(html)) < 4_000  # one self-contained file: no stylesheet, font or script to fetch
    assert b"<script" not in html
