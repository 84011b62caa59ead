"""The staff kit page: reachable by its address, marked noindex, readable on a phone, nothing external,
and linked from no public page."""

from __future__ import annotations

import re

import pytest
from pagecheck import assert_clean

pytestmark = pytest.mark.browser


def test_staff_page_on_a_phone(open_page, site, screenshots) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/staff/")
    page = visit.page
    assert page.get_attribute('meta[name="robots"]', "content") == "noindex, nofollow"
    rows = page.eval_on_selector_all(
        "#pool tr[data-group]", "rows => rows.map(r => [r.dataset.group, r.dataset.state])"
    )
    assert dict(rows) == {"g1": "shown", "g2": "open", "g3": "open", "live-1": "shown", "g0": "paused"}
    screenshots(page, "staff", full_page=True)
    assert_clean(visit)


def test_no_public_page_links_to_the_staff_kit(site) -> None:  # type: ignore[no-untyped-def]
    link = re.compile(r"""href=["'][^"']*staff/""")
    public = [p for p in site.root.rglob("*.html") if "staff" not in p.relative_to(site.root).parts]
    assert public, "the built site has no pages"
    assert [str(p) for p in public if link.search(p.read_text(encoding="utf-8"))] == []
    sitemap = site.root / "sitemap.xml"
    if sitemap.exists():
        assert "/staff/" not in sitemap.read_text(encoding="utf-8")


def test_staff_copy_buttons_work_without_the_clipboard_api(open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/staff/")
    page = visit.page
    page.evaluate("delete Navigator.prototype.clipboard")  # WeChat's browser on older phones
    for target in ("welcome-wecom", "announcement-text"):
        button = f'button[data-qunma-copy="{target}"]'
        page.click(button)
        assert page.evaluate("window.getSelection().toString()") == page.inner_text(f"#{target}")
        assert page.inner_text(button) == "已复制"
    assert_clean(visit)
