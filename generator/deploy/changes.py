"""What one deploy does, decided before anything is sent: pure (site files, live state, now) → DeployPlan.

Order is what keeps the live site consistent at every instant, and after a failure at any point:
1. every changed non-HTML file (QR images, entry codes, styles), so no page can point at a missing one;
2. the changed HTML pages;
3. qunma-manifest.json, whose fingerprint tells CI the site is up to date: only once every page is;
4. deleting files unneeded for longer than the grace period (longer than any HTML cache time);
5. the state (qunma-deploy.json), written only after all of that succeeded.
A file that is back after being retired is uploaded again whatever the state says: a deploy that failed
after deleting it, before writing the state, leaves the state naming a file that is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from generator.deploy.sitefiles import IMMUTABLE, SiteFile, cache_control, content_type, is_html
from generator.deploy.state import Live, Retired
from generator.render.manifest import MANIFEST_PATH


@dataclass(frozen=True)
class Upload:
    path: str
    sha256: str
    size: int
    content_type: str
    cache_control: str


@dataclass(frozen=True)
class DeployPlan:
    assets: tuple[Upload, ...]  # phase 1: non-HTML
    pages: tuple[Upload, ...]  # phase 2: HTML
    manifest: tuple[Upload, ...]  # phase 3: qunma-manifest.json (when it changed)
    deletes: tuple[str, ...]  # phase 4: retired longer than the grace period
    kept: tuple[str, ...]  # retired, still within the grace period
    purge: tuple[str, ...]  # URLs to purge from the CDN afterwards
    state: Live  # phase 5: what will be live
    unchanged: int  # site files already live with the same content
    first: bool  # nothing was deployed here before

    @property
    def uploads(self) -> tuple[Upload, ...]:
        return self.assets + self.pages + self.manifest

    @property
    def upload_bytes(self) -> int:
        return sum(u.size for u in self.uploads)

    def changes_nothing(self) -> bool:
        return not self.uploads and not self.deletes


def make_plan(
    site: dict[str, SiteFile], live: Live, now: datetime, *, grace: int, html_max_age: int, base_url: str
) -> DeployPlan:
    """The deploy that makes the bucket hold `site`, given what is live."""
    uploads = [
        _upload(f, html_max_age)
        for path, f in sorted(site.items())
        if live.files.get(path) != f.sha256 or path in live.retired
    ]
    retired = dict(live.retired)
    for path, sha in live.files.items():
        if path not in site:
            retired[path] = Retired(sha, now)
    for path in site:
        retired.pop(path, None)
    expired = now - timedelta(seconds=grace)
    deletes = tuple(sorted(p for p, r in retired.items() if r.since <= expired))
    kept = {p: r for p, r in retired.items() if r.since > expired}
    state = Live({p: f.sha256 for p, f in site.items()}, kept, now)
    first = live.deployed is None and not live.files
    purge = () if first else _purge_urls(uploads, base_url)
    return DeployPlan(
        assets=tuple(u for u in uploads if not is_html(u.path) and u.path != MANIFEST_PATH),
        pages=tuple(u for u in uploads if is_html(u.path)),
        manifest=tuple(u for u in uploads if u.path == MANIFEST_PATH),
        deletes=deletes,
        kept=tuple(sorted(kept)),
        purge=purge,
        state=state,
        unchanged=len(site) - len(uploads),
        first=first,
    )


def _upload(f: SiteFile, html_max_age: int) -> Upload:
    return Upload(f.path, f.sha256, f.size, content_type(f.path), cache_control(f.path, html_max_age))


def _purge_urls(uploads: list[Upload], base_url: str) -> tuple[str, ...]:
    """The URLs a CDN may hold an old copy of: every replaced file that is not cached forever under a
    content-hashed name. A page is purged under the address customers use: /autumn/, not
    /autumn/index.html (a CDN keys its cache by the URL asked for)."""
    urls = [page_url(base_url, u.path) for u in uploads if u.cache_control != IMMUTABLE]
    return tuple(sorted(set(urls)))


def page_url(base_url: str, path: str) -> str:
    """The public URL of a site file: `index.html` as its folder's address, the rest percent-encoded."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path.removesuffix("index.html")
    return base_url + quote(path, safe="/")
