"""The landing page's inline script: which window it shows at a time and when it next looks again.

The pure functions qmPick/qmNext of generator/render/templates/rotate.js run in node, exactly as shipped (the
DOM part is skipped where there is no document); then the whole script runs in Chromium on a built page
with a fake clock.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from handmade import NOW, at, campaign, group, project

from generator.build import generate
from generator.plan.rotation import plan
from generator.render.templating import asset

SCRIPT = Path(__file__).resolve().parent.parent / "generator" / "render" / "templates" / "rotate.js"
CHROMIUM = Path(os.environ.get("QUNMA_CHROMIUM", "/usr/bin/chromium"))

# Three windows: A [100, 200), B [200, 300), fallback [300, ∞).
CONTIGUOUS = [{"s": 100, "e": 200, "g": "A"}, {"s": 200, "e": 300, "g": "B"}, {"s": 300, "e": None, "m": "x"}]
# A gap between A and B, and a last window that ends.
GAPPY = [{"s": 100, "e": 200, "g": "A"}, {"s": 250, "e": 300, "g": "B"}]


def run_node(source: str, calls: list[tuple[str, list[dict[str, object]], int]]) -> list[object]:
    """Evaluate the script's source in node without a document, then call each (function, windows, t)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run ./dev.sh test")
    program = (
        "const vm = require('vm'); const ctx = {}; vm.createContext(ctx);"
        "vm.runInContext(process.argv[1], ctx);"
        "const calls = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify(calls.map(([f, w, t]) => ctx[f](w, t))));"
    )
    done = subprocess.run(
        [node, "-e", program, source, json.dumps(calls)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    results: list[object] = json.loads(done.stdout)
    return results


@pytest.mark.parametrize("source", ["file", "shipped"])
@pytest.mark.parametrize(
    ("windows", "t", "index", "next_change"),
    [
        (CONTIGUOUS, 50, 0, 100),  # the phone's clock is behind the build: the build-time window
        (CONTIGUOUS, 100, 0, 200),
        (CONTIGUOUS, 199, 0, 200),
        (CONTIGUOUS, 200, 1, 300),  # a window's end belongs to the next one
        (CONTIGUOUS, 299, 1, 300),
        (CONTIGUOUS, 300, 2, None),
        (CONTIGUOUS, 10**13, 2, None),
        (GAPPY, 220, -1, 250),  # in no window: the fallback
        (GAPPY, 250, 1, 300),
        (GAPPY, 300, -1, None),  # after a last window that ends: the fallback, never its dead code
        ([{"s": 100, "e": None, "g": "A"}], 10**13, 0, None),
    ],
)
def test_window_logic(source: str, windows, t: int, index: int, next_change: int | None) -> None:  # type: ignore[no-untyped-def]
    text = SCRIPT.read_text(encoding="utf-8") if source == "file" else str(asset("rotate.js"))
    assert run_node(text, [("qmPick", windows, t), ("qmNext", windows, t)]) == [index, next_change]


def test_picks_agree_with_the_plan_at_every_boundary() -> None:
    proj = project()
    page = plan(proj, NOW).pages[0]
    html = generate(proj, plan(proj, NOW))["autumn/index.html"].decode()
    data = json.loads(html.split('id="qm-tl">', 1)[1].split("</script>", 1)[0])
    calls: list[tuple[str, list[dict[str, object]], int]] = []
    expected: list[object] = []
    for index, window in enumerate(page.timeline):
        for moment in (window.start, window.end):
            if moment is None:
                continue
            t = int(moment.timestamp() * 1000)
            calls.append(("qmPick", data["w"], t))
            expected.append(index if moment == window.start else index + 1)
    assert run_node(str(asset("rotate.js")), calls) == expected


# --- the whole script, in Chromium ---------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Path]:
    """A hand-made site (two groups one after the other) written out as files."""
    proj = project(campaign(groups=(group("g1", at(20)), group("g2", at(22)))))
    for path, content in generate(proj, plan(proj, NOW)).items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    yield tmp_path


@pytest.mark.browser
def test_script_swaps_the_code_then_falls_back_in_chromium(served: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: run ./dev.sh test")
    from playwright.sync_api import sync_playwright

    state = (
        "() => { const $ = id => document.getElementById(id), i = $('group-qr');"
        " const shown = e => !!e && getComputedStyle(e).display !== 'none';"
        " return [i && shown($('qm-card')) ? i.dataset.group : null, $('group-name').textContent,"
        " $('group-exp').textContent, shown($('qm-fallback')), $('contact-qr').getAttribute('src')]; }"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 360, "height": 640})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.clock.install(time=NOW)
            page.goto((served / "autumn" / "index.html").as_uri())
            assert page.evaluate(state) == ["g1", "福利g1群", "11月27日 10:00 前有效", False, None]
            page.clock.fast_forward((at(26, 22) - NOW).total_seconds() * 1000 + 1000)
            page.wait_for_function("() => document.getElementById('group-qr').dataset.group === 'g2'")
            assert page.evaluate(state) == ["g2", "福利g2群", "11月29日 10:00 前有效", False, None]
            assert page.evaluate("() => document.getElementById('group-qr').naturalWidth") > 0
            page.clock.fast_forward(2 * 24 * 3600 * 1000)
            page.wait_for_function(f"() => ({state})()[3]")
            shown = page.evaluate(state)
            assert shown[0] is None and shown[3] is True and shown[4].endswith(".png")
            assert page.text_content("#state-msg") == "暂时没有可加入的群"
            assert errors == []
        finally:
            browser.close()
