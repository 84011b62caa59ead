"""Checks shared by the browser tests: what a customer's phone would show, measured in the page."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.qr.image import decode_png

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

_BOX = """(selector) => {
  const e = document.querySelector(selector);
  if (!e) return null;
  const r = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
          vw: window.innerWidth, vh: window.innerHeight,
          loaded: e.tagName !== "IMG" || (e.complete && e.naturalWidth > 0),
          shown: r.width > 0 && r.height > 0 && style.visibility !== "hidden" && !e.closest("[hidden]")};
}"""


def box(page: Any, selector: str) -> dict[str, Any] | None:
    """Where the element is in the viewport (CSS px), whether it is shown and, for an image, loaded."""
    result: dict[str, Any] | None = page.evaluate(_BOX, selector)
    return result


def assert_fully_in_view(page: Any, selector: str, min_side: float = 160) -> None:
    """The element is shown, loaded and entirely inside the viewport without scrolling, and not tiny."""
    found = box(page, selector)
    assert found is not None, f"{selector} is not on the page"
    assert found["shown"] and found["loaded"], f"{selector} is hidden or did not load: {found}"
    assert page.evaluate("() => [window.scrollX, window.scrollY]") == [0, 0]
    inside = found["left"] >= 0 and found["top"] >= 0
    inside = inside and found["right"] <= found["vw"] and found["bottom"] <= found["vh"]
    assert inside, f"{selector} is not fully in the {found['vw']}×{found['vh']} viewport: {found}"
    assert min(found["width"], found["height"]) >= min_side, f"{selector} is too small to scan: {found}"


def assert_clean(visit: Any) -> None:
    """Nothing left the local server, nothing it asked for was missing, the console has no error, and the
    page does not scroll sideways."""
    assert visit.blocked == [], f"requests to other hosts: {visit.blocked}"
    assert visit.failed == [], f"requests the server refused: {visit.failed}"
    assert visit.errors == [], f"console errors: {visit.errors}"
    scroll, inner = visit.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"the page scrolls sideways: {scroll} px wide in a {inner} px viewport"


def decoded(png: bytes) -> list[str]:
    """The links of every QR code in a screenshot."""
    return decode_png(png)


# The first contentful paint may be recorded after "load" on a busy machine: wait for it (3 s at most).
_FCP = """() => new Promise(done => {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") done(e.startTime);
  }).observe({type: "paint", buffered: true});
  setTimeout(() => done(null), 3000);
})"""


def first_visit(site: Any, visit: Any) -> dict[str, Any]:
    """What the first visit cost: gzip-compressed bytes of everything the page fetched (a missing page's
    answer is 404.html), how many requests, and the first contentful paint (ms) from the Performance API."""
    weight = 0
    for url in visit.fetched:
        path = urlsplit(url).path.lstrip("/")
        file = site.root / path / "index.html" if path == "" or path.endswith("/") else site.root / path
        weight += len(gzip.compress((file if file.is_file() else site.root / "404.html").read_bytes(), 6))
    fcp = visit.page.evaluate(_FCP)
    return {"gzip_bytes": weight, "requests": len(visit.fetched), "fcp_ms": fcp}
