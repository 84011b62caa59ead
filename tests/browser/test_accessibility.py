"""axe-core, injected from npm, finds no serious or critical problem; text contrast passes."""

from __future__ import annotations

from typing import Any

import pytest
from pagecheck import AXE, assert_clean

pytestmark = pytest.mark.browser

# Every kind of page. The landing, fallback, home and 404 pages are photographed by their own tests.
PAGES = [
    ("autumn/", None, 200),
    ("autumn/store/", None, 200),
    ("autumn/rules/", "rules", 200),
    ("soldout/", None, 200),
    ("spring/", None, 200),
    ("double11/", None, 200),
    ("", None, 200),
    ("autumn/store/typo/", None, 404),
    ("autumn/staff/", None, 200),
]
KINDS = ["landing", "channel", "rules", "fallback", "not-started", "archived", "home", "404", "staff"]


def run_axe(page: Any) -> dict[str, Any]:
    """axe.run on the whole document: violations, passes and incomplete checks by rule."""
    assert AXE.is_file(), f"{AXE} is missing: run ./dev.sh test (npm ci installs axe-core)"
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return result


@pytest.mark.parametrize(("path", "name", "status"), PAGES, ids=KINDS)
def test_no_serious_accessibility_problem(open_page, screenshots, path, name, status) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(path, status=status)
    if name is not None:
        screenshots(visit.page, name)
    results = run_axe(visit.page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    contrast = [v for v in results["violations"] if v["id"] == "color-contrast"]
    assert contrast == []
    checked = {rule["id"] for rule in results["passes"]}
    assert "color-contrast" in checked, "axe could not judge text contrast on this page"
    assert_clean(visit)
