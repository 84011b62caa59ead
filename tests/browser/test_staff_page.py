"""The staff kit page: reachable by its address, marked noindex, readable on a phone, nothing external."""

from __future__ import annotations

import pytest
from pagecheck import assert_clean

pytestmark = pytest.mark.browser


def test_staff_page_on_a_phone(open_page, site, screenshots) -> None:  # type: ignore[no-untyped-def]
    visit = open_page("autumn/staff/")
    page = visit.page
    assert page.get_attribute('meta[name="robots"]', "content") == "noindex, nofollow"
    states = dict(
        page.eval_on_selector_all(
            "#pool tr[data-group]", "rows => rows.map(r => [r.dataset.group, r.dataset.state])"
        )
    )
    assert states == {"g1": "shown", "g2": "open", "g3": "open", "live-1": "open", "g0": "paused"}
    screenshots(page, "staff", full_page=True)
    assert_clean(visit)
