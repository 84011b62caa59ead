"""No flash of a dead code. Found as: after a rotation between builds, on a slow network, the page painted the
build-time (expired) code for 33-730 ms before the script chose the right one, and the phone downloaded both
images (7 of 8 throttled runs, at 800 ms / 30 KB/s and at 150 ms / 200 KB/s). Reproduced the same way: the
example built at BUILD_NOW, opened on a phone whose clock is past the first window, the network throttled
through the DevTools protocol, the screen photographed while it loads."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from urllib.parse import urljoin

import pytest
from conftest import VIEWPORT, WECHAT_UA
from pagecheck import assert_fully_in_view, decoded

pytestmark = pytest.mark.browser

# (latency ms, throughput bytes/s): the two networks of the report
NETWORKS = [(800, 30 * 1024), (150, 200 * 1024)]
MAX_SHOTS = 80  # screenshots taken while the page loads, at most
MAX_SECONDS = 40.0

_LCP = """() => new Promise(done => {
  const seen = [];
  new PerformanceObserver(list => { for (const e of list.getEntries()) seen.push(e.url || ""); })
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => done(seen), 500);
})"""

_LOADED = """() => { const i = document.getElementById('group-qr');
  return document.readyState === 'complete' && !!i && i.complete && i.naturalWidth > 0; }"""


def _codes(site, path: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The absolute URLs of the page's first two group codes (the build-time one, the next one)."""
    html = (site.root / path / "index.html").read_text(encoding="utf-8")
    windows = json.loads(html.split('id="qm-tl">', 1)[1].split("</script>", 1)[0])["w"]
    here = urljoin(site.base, path)
    return urljoin(here, windows[0]["q"]), urljoin(here, windows[1]["q"])


@pytest.mark.parametrize(("latency", "throughput"), NETWORKS, ids=["800ms-30KBps", "150ms-200KBps"])
def test_after_a_rotation_between_builds_the_expired_code_is_never_fetched_nor_painted(  # type: ignore[no-untyped-def]
    browser, site, latency: int, throughput: int
) -> None:
    planned = site.page("autumn/")
    expired, current = planned.timeline[0].group, planned.timeline[1].group
    assert expired is not None and current is not None and planned.timeline[0].end is not None
    expired_png, current_png = _codes(site, "autumn/")
    context = browser.new_context(
        viewport=VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True, user_agent=WECHAT_UA,
        locale="zh-CN",
    )  # fmt: skip
    try:
        page = context.new_page()
        requested: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": latency,
                "downloadThroughput": throughput,
                "uploadThroughput": throughput,
            },
        )
        page.clock.install(time=planned.timeline[0].end + timedelta(minutes=1))
        page.goto(site.base + "autumn/", wait_until="commit")
        seen: set[str] = set()
        shots, deadline = 0, time.monotonic() + MAX_SECONDS
        while shots < MAX_SHOTS and time.monotonic() < deadline:
            loaded = page.evaluate(_LOADED)
            seen.update(decoded(page.screenshot()))
            shots += 1
            if loaded:
                break
        assert page.evaluate(_LOADED), f"the page did not load within {shots} screenshots"
        assert expired_png not in requested, "the expired code was downloaded"
        assert current_png in requested
        assert expired.url not in seen, f"the expired code was painted (in {shots} screenshots)"
        assert seen == {current.url}, seen
        assert page.get_attribute("#group-qr", "data-group") == current.id
        painted = page.evaluate(_LCP)
        assert not any(expired_png in url for url in painted), painted
        assert_fully_in_view(page, "#group-qr")
        assert errors == []
    finally:
        context.close()


def test_without_script_the_build_time_code_shows_with_a_note_and_help_that_works(open_page, site) -> None:  # type: ignore[no-untyped-def]
    expected = site.page("autumn/").shown
    visit = open_page("autumn/", js=False)
    page = visit.page
    assert page.get_attribute("#group-qr", "data-group") == expected.id
    note = page.inner_text("main")
    assert "此页生成于 11月23日 12:00" in note and "可能不是最新的二维码" in note
    # The way to the contact the note names works without script: <details> opens by itself.
    page.click("details.help summary")
    page.wait_for_function("() => document.getElementById('help-qr').naturalWidth > 0")
    assert site.project.site.contact.url in decoded(page.screenshot(full_page=True))
