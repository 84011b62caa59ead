"""The dashboard (/staff/) in a real browser on a phone: readable at 360×640 (screenshots), nothing loaded
from another host, axe finds nothing, and its timelines say what `qunma status --json` says."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM_ARGS, VIEWPORT, WECHAT_UA  # noqa: F401 (the browser fixture's settings)
from notify_scene import ISO_NOW, write_scene
from pagecheck import assert_clean
from test_accessibility import run_axe

pytestmark = pytest.mark.browser

QUNMA = Path(sys.executable).with_name("qunma")


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The notification scene (every kind of trouble, a day of counts) built and served: (URL, project)."""
    folder = tmp_path_factory.mktemp("dashboard") / "scene"
    campaigns = write_scene(folder)
    command = [
        str(QUNMA),
        "build",
        "--campaigns",
        str(campaigns),
        "--now",
        ISO_NOW,
        "--site-dir",
        str(folder / "site"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder, timeout=300)
    assert done.returncode == 0, done.stderr
    handler = partial(_Quiet, directory=str(folder / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", campaigns
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _Visit:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.failed: list[
            str
        ] = []  # "404 http://…": requests the server refused (a favicon, a missing image)


@pytest.fixture
def dashboard(browser, scene) -> Iterator[_Visit]:  # type: ignore[no-untyped-def]
    """/staff/ opened in a fresh phone context; every request to another host is blocked and recorded."""
    base, _ = scene
    context = browser.new_context(
        viewport=VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True, user_agent=WECHAT_UA,
        locale="zh-CN",
    )  # fmt: skip
    page = context.new_page()
    visit = _Visit(page)
    local = urlsplit(base).netloc

    def route(route, request) -> None:  # type: ignore[no-untyped-def]
        if urlsplit(request.url).netloc == local:
            route.continue_()
        else:
            visit.blocked.append(request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on(
        "response",
        lambda answer: visit.failed.append(f"{answer.status} {answer.url}") if answer.status >= 400 else None,
    )
    response = page.goto(base + "staff/", wait_until="load")
    assert response is not None and response.status == 200
    yield visit
    context.close()


def test_the_dashboard_reads_on_a_phone(dashboard, screenshots) -> None:  # type: ignore[no-untyped-def]
    page = dashboard.page
    assert page.get_attribute('meta[name="robots"]', "content") == "noindex, nofollow"
    screenshots(page, "dashboard")  # 360×640: the to-do list first
    screenshots(page, "dashboard-full", full_page=True)
    charts = page.eval_on_selector_all(
        "svg.chart",
        """svgs => svgs.map(s => { const r = s.getBoundingClientRect();
              const t = s.querySelector('text'); return {left: r.left, right: r.right, width: r.width,
              font: t ? t.getBoundingClientRect().height : 0}; })""",
    )
    assert len(charts) == 4  # a timeline each for spring, autumn and vip; seats for autumn (it has counts)
    for chart in charts:
        assert chart["left"] >= 0 and chart["right"] <= 360 and chart["width"] >= 280, chart
        assert chart["font"] >= 10, f"chart text too small to read: {chart}"
    todos = page.eval_on_selector_all("#todo li", "items => items.map(i => i.dataset.kind)")
    assert todos == ["empty", "expiring", "low", "sync", "forecast"]
    assert_clean(dashboard)


def test_the_dashboard_passes_axe(dashboard) -> None:  # type: ignore[no-untyped-def]
    page = dashboard.page
    page.click("#pool-0 details summary")  # the timeline as text, opened: checked too
    results = run_axe(page)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in results["violations"]
    ]
    assert problems == [], "\n".join(problems)
    assert dashboard.blocked == []


def test_the_timelines_say_what_qunma_status_says(dashboard, scene) -> None:  # type: ignore[no-untyped-def]
    _, campaigns = scene
    done = subprocess.run(
        [str(QUNMA), "status", "--json", "--campaigns", str(campaigns), "--now", ISO_NOW],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    status = {page["path"]: page["timeline"] for page in json.loads(done.stdout)["pages"]}
    drawn = dashboard.page.eval_on_selector_all(
        "section.pool",
        """sections => sections.map(s => [s.dataset.pages,
            [...s.querySelectorAll('rect.window')].map(r => [r.dataset.start, r.dataset.end,
                r.dataset.group || null, r.dataset.state])])""",
    )
    compared = 0
    for pages, windows in drawn:
        windows.sort()
        for path in pages.split():
            listed = [[w["start"], w["end"] or "", w["group"], w["state"]] for w in status[path]]
            shown = windows[: len(listed)]
            assert shown == listed[: len(shown)], path
            compared += len(shown)
    assert compared >= 6
