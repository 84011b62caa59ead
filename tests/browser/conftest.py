"""Real-browser fixtures: the example site built once, served on 127.0.0.1, opened in Debian's Chromium
as a phone in WeChat's in-app browser (360×640, WeChat user agent), with every request that would leave
the local server blocked and recorded, and every console error collected.

Screenshots of each kind of page are written to $QUNMA_SCREENSHOTS (default: test-output/screenshots/).
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.input.load import load_project
from generator.model import Project
from generator.plan.rotation import Plan, plan

REPO = Path(__file__).resolve().parents[2]
BUILD_NOW = datetime.fromisoformat("2026-11-23T12:00+08:00")
CHROMIUM = Path(os.environ.get("QUNMA_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(os.environ.get("QUNMA_SCREENSHOTS", REPO / "test-output" / "screenshots"))
VIEWPORT = {"width": 360, "height": 640}
WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 14; V2307A Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.103 Mobile Safari/537.36 XWEB/1300289 "
    "MMWEBSDK/20240404 MMWEBID/6170 MicroMessenger/8.0.50.2701(0x28003237) WeChat/arm64 Weixin "
    "NetType/4G Language/zh_CN ABI/arm64"
)
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in CI containers, where Chromium's sandbox cannot start
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# A campaign whose only group has reached switch_at: its page must show the contact code, never a dead one.
SOLD_OUT = """
  - id: soldout
    title: 售罄测试群
    benefits:
      - 测试福利
    welcome: 欢迎 {nickname}！
    rules: standard
    channels:
      - id: store
        name: 门店桌贴
    groups:
      - id: full-1
        name: 售罄测试1群
        url: https://weixin.qq.com/g/AQYAAG7hCz6qRnW9yU4xB8vE1dJ3zS7tQ0oP
        issued: 2026-11-22 10:00
        members: 199
"""


@dataclass(frozen=True)
class Site:
    """The built site being served: its folder, address, and the project and plan it was built from."""

    root: Path
    base: str  # http://127.0.0.1:PORT/
    project: Project
    plan: Plan

    def page(self, path: str):  # type: ignore[no-untyped-def]
        """The PagePlan of the landing page at path ("autumn/store/")."""
        return next(p for p in self.plan.pages if p.path == path)


@dataclass
class Visit:
    """One opened page and what happened while it was open."""

    page: object  # playwright Page (typed loosely: playwright's types are not needed here)
    status: int  # HTTP status of the page itself
    blocked: list[str] = field(default_factory=list)  # requests to anything but the local server
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)  # "404 http://…": requests the server refused
    fetched: list[str] = field(default_factory=list)  # every URL the page requested, in order


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")


@pytest.fixture(scope="session")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example project with one extra, sold-out campaign."""
    target = tmp_path_factory.mktemp("browser") / "example"
    target.mkdir()
    for name in ("campaigns.yml", "pool-status.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, target / name)
    for folder in ("qr", "site_src"):
        shutil.copytree(REPO / folder, target / folder)
    with (target / "campaigns.yml").open("a", encoding="utf-8") as file:
        file.write(SOLD_OUT)
    return target


@pytest.fixture(scope="session")
def site(project_dir: Path) -> Iterator[Site]:
    """The site built by `qunma build --now 2026-11-23T12:00+08:00`, served on 127.0.0.1 in a thread."""
    root = project_dir / "site"
    qunma = Path(sys.executable).with_name("qunma")
    command = [str(qunma), "build", "--campaigns", str(project_dir / "campaigns.yml")]
    command += ["--now", BUILD_NOW.isoformat(), "--site-dir", str(root)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=project_dir, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"qunma build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    project = load_project(project_dir / "campaigns.yml", now=BUILD_NOW)
    server, thread, base = serve_folder(root)
    try:
        yield Site(root, base, project, plan(project, BUILD_NOW))
    finally:
        stop(server, thread)


@pytest.fixture
def serve_files(tmp_path: Path) -> Iterator[Callable[[dict[str, bytes]], str]]:
    """serve_files(files): a hand-made site's files ({site path: bytes}) served on 127.0.0.1; its base URL."""
    running = []

    def serve(files: dict[str, bytes]) -> str:
        root = tmp_path / f"site-{len(running)}"
        for path, content in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content)
        server, thread, base = serve_folder(root)
        running.append((server, thread))
        return base

    yield serve
    for server, thread in running:
        stop(server, thread)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as static hosts do (GitHub Pages, object storage): a missing page gets 404.html."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve_folder(root: Path) -> tuple[http.server.ThreadingHTTPServer, threading.Thread, str]:
    """A static server of root on 127.0.0.1 in a thread: (server, thread, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_address[1]}/"


def stop(server: http.server.ThreadingHTTPServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")  # one sync Playwright at a time: others' tests start their own
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download: executable_path)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: run ./dev.sh test (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser, site: Site) -> Iterator[Callable[..., Visit]]:  # type: ignore[no-untyped-def]
    """open_page(path, js=True, clock=BUILD_NOW, status=200, base=the example): a fresh phone context showing
    the site page at path.

    With script on, the page's clock is installed at `clock` before it loads, so that what it shows never
    depends on the real date.
    """
    contexts = []

    def open_(
        path: str, *, js: bool = True, clock: datetime | None = BUILD_NOW, status: int = 200, base: str = ""
    ) -> Visit:
        base = base or site.base
        local = urlsplit(base).netloc
        context = browser.new_context(
            viewport=VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True,
            user_agent=WECHAT_UA, locale="zh-CN", java_script_enabled=js,
        )  # fmt: skip
        contexts.append(context)
        context.set_default_timeout(10_000)
        page = context.new_page()
        visit = Visit(page, 0)

        def route(route, request) -> None:  # type: ignore[no-untyped-def]
            visit.fetched.append(request.url)
            if urlsplit(request.url).netloc == local:
                route.continue_()
            else:
                visit.blocked.append(request.url)
                route.abort()

        context.route("**/*", route)
        page.on(
            "console", lambda message: visit.errors.append(message.text) if message.type == "error" else None
        )
        page.on("pageerror", lambda error: visit.errors.append(str(error)))
        page.on(
            "response",
            lambda answer: (
                visit.failed.append(f"{answer.status} {answer.url}") if answer.status >= 400 else None
            ),
        )
        if js and clock is not None:
            page.clock.install(time=clock)
        response = page.goto(base + path, wait_until="load")
        visit.status = response.status if response is not None else 0
        assert visit.status == status, f"{path} answered HTTP {visit.status}"
        if status >= 400:  # the page itself, as asked (Chromium logs it): only what it loads must not fail
            visit.failed.remove(f"{status} {base + path}")
            visit.errors = [e for e in visit.errors if f"status of {status}" not in e]
        return visit

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Callable[..., bytes]:
    """shoot(page, name, full_page=False): a PNG of the viewport (or whole page), also saved as
    <screenshots>/<name>.png for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str, full_page: bool = False) -> bytes:  # type: ignore[no-untyped-def]
        png: bytes = page.screenshot(full_page=full_page)
        (SCREENSHOTS / f"{name}.png").write_bytes(png)
        return png

    return shoot
