"""Every page of the site on a phone, not only the group pages: the 404 page a mistyped address or a damaged
printed code lands on (it was the docs theme's English "404 - Not found", 267 KiB, no way back), the home
page, help under a working code, the brand logo; and every kind of page within the first-visit budget."""

from __future__ import annotations

import pytest
from pagecheck import assert_clean, assert_fully_in_view, box, decoded, first_visit

pytestmark = pytest.mark.browser

BUDGET = 15 * 1024
# One page of each kind, as a first visit: (path, HTTP status)
KINDS = {
    "landing": ("autumn/", 200),
    "channel": ("autumn/store/", 200),
    "empty": ("soldout/", 200),
    "not-started": ("spring/", 200),
    "archived": ("double11/", 200),
    "rules": ("autumn/rules/", 200),
    "home": ("", 200),
    "404": ("autumn/store/typo/", 404),
}


@pytest.mark.parametrize("depth", ["nothing-here", "autumn/store/typo/deeper/", "qr/missing.png"])
def test_404_page_in_the_sites_language_with_the_contact_at_any_depth(
    open_page, site, screenshots, depth
) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(depth, status=404)
    page = visit.page
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.inner_text("h1") == "找不到这个页面"
    assert page.title() == "找不到这个页面 · 拾光咖啡 · 福利群"
    assert "链接可能输错了，或者二维码印得不清楚。" in page.inner_text("main")
    logo = box(page, "header img.logo")
    assert logo is not None and logo["loaded"]  # absolute from the site's root: found at any depth
    assert_fully_in_view(page, "#contact-qr")
    assert decoded(screenshots(page, "404")) == [site.project.site.contact.url]
    page.click("a.back")
    page.wait_for_url(site.base)
    assert page.inner_text("h1") == "拾光咖啡 · 福利群"
    assert_clean(visit)


def test_home_page_says_what_the_site_is_and_leads_to_the_campaigns(open_page, screenshots) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("")
    page = visit.page
    shown = page.inner_text("main")
    assert "扫描门店桌贴、快递包裹卡或直播间里的二维码" in shown
    assert "秋冬新品福利群" in shown and "黑金会员专属群" in shown and "双十一中转群" not in shown
    screenshots(page, "home", full_page=True)
    page.click("text=秋冬新品福利群")
    page.wait_for_url("**/autumn/")
    assert page.get_attribute("#group-qr", "data-group") == "g1"
    assert_clean(visit)


def test_help_under_the_code_opens_the_contact_code_only_when_asked(open_page, site, screenshots) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/store/")
    page = visit.page
    help_src = page.get_attribute("#help-qr", "src")
    assert help_src is not None and not any(url.endswith(help_src.lstrip("./")) for url in visit.fetched)
    assert page.inner_text("details.help summary") == "无法识别？添加客服"
    page.click("details.help summary")
    page.wait_for_function("() => document.getElementById('help-qr').naturalWidth > 0")
    page.locator("#help-qr").scroll_into_view_if_needed()
    assert site.project.site.contact.url in decoded(screenshots(page, "help-opened"))
    assert_clean(visit)


def test_brand_logo_in_the_header_of_every_customer_page(open_page) -> None:  # type: ignore[no-untyped-def]
    for path, status in KINDS.values():
        visit = open_page(path, status=status)
        logo = box(visit.page, "header img.logo")
        assert logo is not None and logo["shown"] and logo["loaded"], path
        assert (logo["width"], logo["height"]) == (24, 24), path
        assert_clean(visit)


def test_every_kind_of_page_is_light(open_page, site) -> None:  # type: ignore[no-untyped-def]
    costs = {}
    for kind, (path, status) in KINDS.items():
        visit = open_page(path, status=status)
        costs[kind] = first_visit(site, visit)
        # Playwright's fake clock hides paint timings: the first paint is read on a visit at the real time
        # (what the page then shows may differ; its cost is measured above, at the build's time).
        costs[kind]["fcp_ms"] = first_visit(site, open_page(path, status=status, clock=None))["fcp_ms"]
        assert visit.blocked == []
    print("first visit (gzip bytes, requests, FCP ms on this shared machine):", costs)
    assert all(cost["gzip_bytes"] <= BUDGET for cost in costs.values()), costs
    assert costs["home"]["gzip_bytes"] < 4 * 1024 and costs["404"]["gzip_bytes"] < 5 * 1024, costs
    assert all(cost["requests"] <= 3 for cost in costs.values()), costs  # the page, its code, the logo
    assert all(isinstance(cost["fcp_ms"], int | float) for cost in costs.values()), costs  # it painted
