"""Pages with no group to show (empty pool, archived, not started) offer the contact code, which scans."""

from __future__ import annotations

import pytest
from pagecheck import assert_clean, assert_fully_in_view, box, decoded

from generator.plan.rotation import PageState

pytestmark = pytest.mark.browser

FALLBACKS = [
    ("soldout/", PageState.EMPTY, "fallback-empty"),
    ("double11/", PageState.ARCHIVED, "fallback-archived"),
    ("spring/", PageState.NOT_STARTED, "fallback-not-started"),
]


@pytest.mark.parametrize(("path", "state", "name"), FALLBACKS, ids=[f[2] for f in FALLBACKS])
def test_fallback_page_shows_the_contact_code(open_page, site, screenshots, path, state, name) -> None:  # type: ignore[no-untyped-def]
    assert site.page(path).state is state, f"the test data should make {path} {state.value}"
    contact = site.project.site.contact
    assert contact is not None and contact.url
    visit = open_page(path)
    group_code = box(visit.page, "#group-qr")
    assert group_code is None or not group_code["shown"], "a fallback page must not show a group code"
    assert_fully_in_view(visit.page, "#contact-qr")
    assert decoded(screenshots(visit.page, name)) == [contact.url]
    assert_clean(visit)


def test_fallback_without_script_shows_the_contact_code(open_page, site) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("soldout/", js=False)
    assert_fully_in_view(visit.page, "#contact-qr")
    assert decoded(visit.page.screenshot()) == [site.project.site.contact.url]
    assert_clean(visit)
