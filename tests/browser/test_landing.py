"""The landing pages on a phone in WeChat: the shown code is in view and scans to the right group, the page
rotates on time by itself, and without script the build-time group shows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from pagecheck import assert_clean, assert_fully_in_view, decoded

pytestmark = pytest.mark.browser

SHOWN_PAGES = ["autumn/", "autumn/store/", "autumn/live/", "vip/card/"]


def timeline(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """The page's windows as its inline script reads them (times in ms since the epoch)."""
    data = json.loads(page.text_content("#qm-tl"))
    windows: list[dict] = data["w"]
    return windows


def group_url(site, group_id: str, campaign_id: str) -> str:  # type: ignore[no-untyped-def]
    return next(g.url for g in site.project.campaign(campaign_id).groups if g.id == group_id)


@pytest.mark.parametrize("path", SHOWN_PAGES)
def test_shown_code_is_in_view_and_scans_to_the_shown_group(open_page, site, screenshots, path: str) -> None:  # type: ignore[no-untyped-def]
    expected = site.page(path).shown
    assert expected is not None, f"the example should show a group on {path}"
    visit = open_page(path)
    page = visit.page
    assert page.get_attribute("#group-qr", "data-group") == expected.id
    assert_fully_in_view(page, "#group-qr")
    name = "landing" if path == "autumn/" else "channel-" + path.strip("/").replace("/", "-")
    assert decoded(screenshots(page, name)) == [expected.url]
    assert_clean(visit)


def test_script_rotates_to_the_next_group_when_the_window_ends(open_page, site, screenshots) -> None:  # type: ignore[no-untyped-def]
    plan_page = site.page("autumn/")
    visit = open_page("autumn/")
    windows = timeline(visit.page)
    assert windows[0]["g"] == plan_page.shown.id
    assert len(windows) > 1 and windows[1].get("g"), "the example's autumn page should have a next group"
    nxt = windows[1]["g"]
    assert nxt == plan_page.timeline[1].group.id and nxt != windows[0]["g"]
    # The page stays open while the window ends: its timer must swap the code.
    visit.page.clock.fast_forward(windows[0]["e"] - windows[0]["s"] + 60_000)
    visit.page.wait_for_function(
        "(g) => { const i = document.getElementById('group-qr');"
        " return i && i.dataset.group === g && i.complete && i.naturalWidth > 0; }",
        arg=nxt,
        timeout=5000,
    )
    assert_fully_in_view(visit.page, "#group-qr")
    assert decoded(screenshots(visit.page, "rotated-live")) == [group_url(site, nxt, "autumn")]
    assert_clean(visit)


def test_page_opened_after_the_window_shows_the_next_group(open_page, site, screenshots) -> None:  # type: ignore[no-untyped-def]
    plan_page = site.page("autumn/")
    first = plan_page.timeline[0]
    assert first.end is not None and plan_page.timeline[1].group is not None
    later = first.end + timedelta(minutes=1)
    visit = open_page("autumn/", clock=later)
    nxt = plan_page.timeline[1].group
    assert visit.page.get_attribute("#group-qr", "data-group") == nxt.id
    visit.page.wait_for_function("() => document.getElementById('group-qr').naturalWidth > 0", timeout=5000)
    assert_fully_in_view(visit.page, "#group-qr")
    assert decoded(screenshots(visit.page, "rotated-on-load")) == [nxt.url]
    assert_clean(visit)


def test_without_script_the_build_time_group_shows(open_page, site, screenshots) -> None:  # type: ignore[no-untyped-def]
    expected = site.page("autumn/").shown
    visit = open_page("autumn/", js=False)
    assert visit.page.get_attribute("#group-qr", "data-group") == expected.id
    assert_fully_in_view(visit.page, "#group-qr")
    assert decoded(screenshots(visit.page, "landing-no-script")) == [expected.url]
    assert_clean(visit)


def test_timeline_matches_the_plan(open_page, site) -> None:  # type: ignore[no-untyped-def]
    plan_page = site.page("autumn/")
    windows = timeline(open_page("autumn/").page)
    for window, planned in zip(windows, plan_page.timeline, strict=False):
        assert window.get("g") == (planned.group.id if planned.group else None)
        start = datetime.fromtimestamp(window["s"] / 1000, UTC)
        assert start == planned.start
