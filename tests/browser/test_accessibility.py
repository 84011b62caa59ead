"""axe-core, injected from npm, finds no serious or critical problem; text contrast passes."""

from __future__ import annotations

from typing import Any

import pytest
from pagecheck import AXE, assert_clean

pytestmark = pytest.mark.browser

# The landing and fallback pages are photographed by their own tests; the rules page only here.
PAGES = [("autumn/", None), ("autumn/store/", None), ("autumn/rules/", "rules"), ("soldout/", None)]


def run_axe(page: Any) -> dict[str, Any]:
    """axe.run on the whole document: violations, passes and incomplete checks by rule."""
    assert AXE.is_file(), f"{AXE} is missing: run ./dev.sh test (npm ci installs axe-core)"
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return result


@pytest.mark.parametrize(("path", "name"), PAGES, ids=["landing", "channel", "rules", "fallback"])
def test_no_serious_accessibility_problem(open_page, screenshots, path: str, name: str | None) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(path)
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
