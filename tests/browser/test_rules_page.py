"""The rules page as a customer reaches it: from the landing page's link, light, and its button copies the
group announcement (by the Clipboard API, or by selecting the text where WeChat's browser has none)."""

from __future__ import annotations

import pytest
from pagecheck import assert_clean

pytestmark = pytest.mark.browser


def test_landing_page_links_to_the_rules_and_the_button_copies_the_announcement(open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/store/")
    page = visit.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("a.rules")
    page.wait_for_url("**/autumn/rules/")
    assert page.inner_text("h1") == "秋冬新品福利群 · 群规"
    announcement = page.inner_text("#announcement")
    assert announcement.startswith("【群公告】秋冬新品福利群") and "1. 禁止发布广告" in announcement
    page.click("button.copy")
    page.wait_for_function("document.querySelector('button.copy').textContent === '已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == announcement
    page.click("a.back")
    page.wait_for_url("**/autumn/")
    assert_clean(visit)


def test_without_the_clipboard_api_the_announcement_is_selected_and_copied(open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/rules/")
    page = visit.page
    page.evaluate("delete Navigator.prototype.clipboard")  # as in older WeChat browsers
    assert page.evaluate("navigator.clipboard") is None
    page.click("button.copy")
    assert page.evaluate("window.getSelection().toString()") == page.inner_text("#announcement")
    assert page.inner_text("button.copy") == "已复制"  # execCommand("copy") succeeded
    assert_clean(visit)


def test_rules_page_is_light(site) -> None:  # type: ignore[no-untyped-def]
    import gzip

    html = (site.root / "autumn" / "rules" / "index.html").read_bytes()
    assert len(gzip.compress(html)) < 4_000  # one self-contained file: no stylesheet, font or script to fetch
