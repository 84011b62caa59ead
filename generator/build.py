"""Build: campaigns.yml → every file the generator adds to the site (load → plan → QR images → pages).

Knows nothing of MkDocs: the result is a plain {site path: bytes} mapping, sorted and deterministic
(same input and `now` → same bytes). Each distinct link is rendered to a PNG once, however many pages
show it; images live at content-hashed paths because hosts cache HTML for minutes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.common.beside import beside
from generator.errors import InputError, Problem, display_path
from generator.input.load import load_project
from generator.input.modelcache import FOLDER as MODEL_FOLDER
from generator.input.modelcache import cache_dir as model_cache_dir
from generator.input.poolhistory import HISTORY_FILE, read_history
from generator.messages import t
from generator.model import Project
from generator.plan.rotation import Plan, plan
from generator.qr.cache import CodeRequest, QrImages
from generator.render.compiled import FOLDER as TEMPLATES_FOLDER
from generator.render.compiled import kept_in
from generator.render.landing import landing_pages
from generator.render.manifest import MANIFEST_PATH, manifest_json
from generator.render.pages import contact_for, rule_pages
from generator.render.sitepages import HOME, NOT_FOUND, home_page, not_found_page
from generator.render.templating import environments
from generator.render.thumbs import PageImages, page_images

ROOT_INDEX = HOME  # the home page and the 404 page are added only when the site has none of its own
NOT_FOUND_PAGE = NOT_FOUND
SITE_OWN = (ROOT_INDEX, NOT_FOUND_PAGE)
GROUP_QR_SCALE = 8  # pixels a module: ~330 px for a typical join link, sharp at 224 CSS px on a 1.5x phone
ENTRY_QR_SCALE = 10  # the printed permanent code
BESIDE_FROM = 100  # campaigns from which forking for the pages without codes pays (~20 ms a fork)


@dataclass(frozen=True)
class Output:
    """What one build produced: the loaded project, its rotation plan and the generated files."""

    project: Project
    plan: Plan
    files: dict[str, bytes]  # site path ("autumn/index.html", "qr/….png") → content, sorted by path

    @property
    def landing_pages(self) -> int:
        """How many landing pages were generated."""
        return len(self.plan.pages)


def aware(now: datetime, timezone: str) -> datetime:
    """now with a time zone: a time written without an offset means the site's local time."""
    return now if now.tzinfo is not None else now.replace(tzinfo=ZoneInfo(timezone))


def build_files(
    campaigns: Path,
    *,
    now: datetime,
    status_path: Path | None = None,
    posters: bool = False,
    font: Path | None = None,
    cache_dir: Path | None = None,
) -> Output:
    """Load campaigns.yml (+ pool status), plan the rotation at `now` and generate every file.

    posters: also the printable posters ("<page>/poster-a6.png", "-a4.png") in `font` or a system CJK font.
    cache_dir: where QR images, the checked campaigns.yml and compiled templates are kept between builds
    (default: .qunma-cache beside campaigns.yml).
    """
    cache = model_cache_dir(campaigns, cache_dir)
    project = load_project(campaigns, now=now, status_path=status_path, cache=cache / MODEL_FOLDER)
    rotation = plan(project, aware(now, project.site.timezone))
    with kept_in(environments(), cache / TEMPLATES_FOLDER):  # compiled templates, for the next build
        files = generate(project, rotation, qr_cache=cache / "qr")
    if posters:
        from generator.render.poster import poster_files  # Pillow's drawing and fonts: posters only
        from generator.render.typeset import find_font

        font = find_font(font, project.site.language)
        files = dict(sorted((files | poster_files(project, rotation, font)).items()))
    return Output(project, rotation, files)


def generate(project: Project, rotation: Plan, *, qr_cache: Path | None = None) -> dict[str, bytes]:
    """Every generated file of the site but posters, sorted by path; QR images kept in qr_cache if given."""
    # Pages that show no code are made beside, on another core, while this process makes the landing
    # pages; started before the QR workers, whose pool runs a thread (no fork after that).
    worth_it = len(project.campaigns) >= BESIDE_FROM
    thumbs, files = page_images(project)  # the logo and avatars: small, and every kind of page shows them
    with beside(lambda: _pages_without_codes(project, rotation, thumbs), worth_it=worth_it) as others:
        with QrImages(qr_cache) as codes:
            try:  # cache hits read, misses rendered on every core: the pages' codes first, and the entry
                # codes (which no page shows) go on rendering in the workers while the pages are made here
                codes.render_all(_group_requests(project, rotation), later=_entry_requests(project).values())
            except OSError as exc:
                raise _logo_unreadable(project, exc) from None
            images, code_files = group_images(project, rotation, codes)
            files.update(code_files)
            files.update(_landing_pages(project, rotation, images, thumbs, worth_it=worth_it))
            files[NOT_FOUND_PAGE] = not_found_page(project, images, thumbs)
            files.update(others.result())
            files.update(entry_codes(project, codes))
    return dict(sorted(files.items()))


def _landing_pages(
    project: Project, rotation: Plan, images: dict[str, str], thumbs: PageImages, *, worth_it: bool
) -> dict[str, bytes]:
    """The landing pages; half of them beside when no QR worker is still running (a rebuild has every code
    cached): this process has more to do after them than the one making the pages without codes."""
    half = len(rotation.pages) // 2
    second = replace(rotation, pages=rotation.pages[half:])
    with beside(lambda: landing_pages(project, second, images, thumbs), worth_it=worth_it) as other:
        pages = landing_pages(project, replace(rotation, pages=rotation.pages[:half]), images, thumbs)
        pages.update(other.result())
    return pages


def _pages_without_codes(project: Project, rotation: Plan, thumbs: PageImages) -> dict[str, bytes]:
    """Rule pages, staff kits, the dashboard, the home page and the manifest: none waits for a QR image."""
    # Imported here, in the process that makes them beside the landing pages: not before the fork.
    from generator.render.dashboard import dashboard_files
    from generator.render.staffkit import staff_pages

    files = {**rule_pages(project, thumbs), **staff_pages(project, rotation)}
    history, _ = read_history(project.root / HISTORY_FILE, project.site.language)  # damaged: no charts
    files.update(dashboard_files(project, rotation, history))
    files[ROOT_INDEX] = home_page(project, rotation, thumbs)
    files[MANIFEST_PATH] = manifest_json(project, rotation)
    return files


def _links(project: Project, rotation: Plan) -> Iterator[str]:
    """Every link a page may show as a code: each landing page's groups and contact, the 404's contact."""
    if project.site.contact is not None and project.site.contact.url:
        yield project.site.contact.url
    for page in rotation.pages:
        for window in page.timeline:
            if window.group is not None:
                yield window.group.url
        contact = contact_for(page.campaign, project.site)
        if contact is not None and contact.url:
            yield contact.url


def _group_requests(project: Project, rotation: Plan) -> list[CodeRequest]:
    return [CodeRequest(link, GROUP_QR_SCALE) for link in sorted(set(_links(project, rotation)))]


def group_images(
    project: Project, rotation: Plan, codes: QrImages | None = None
) -> tuple[dict[str, str], dict[str, bytes]]:
    """The QR image of every link shown: (link → site path, site path → PNG), one PNG per distinct link."""
    codes = codes or QrImages()
    paths: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for request in _group_requests(project, rotation):
        png = codes.png(request)
        path = f"qr/{hashlib.sha256(png).hexdigest()[:12]}.png"
        paths[request.link] = path
        files[path] = png
    return paths, files


def _entry_requests(project: Project) -> dict[str, CodeRequest]:
    """Every campaign and channel page ("<page>/") → the request for its permanent entry code."""
    site = project.site
    pages = [
        p for cmp in project.campaigns for p in [f"{cmp.id}/", *(f"{cmp.id}/{ch.id}/" for ch in cmp.channels)]
    ]
    return {page: CodeRequest(site.base_url + page, ENTRY_QR_SCALE, logo=site.brand.logo) for page in pages}


def entry_codes(project: Project, codes: QrImages | None = None) -> dict[str, bytes]:
    """The permanent entry code of every campaign and channel page: "<page>/entry.png" → PNG of its URL."""
    codes = codes or QrImages()
    try:
        return {f"{page}entry.png": codes.png(request) for page, request in _entry_requests(project).items()}
    except OSError as exc:  # the logo is missing or not an image Pillow can read
        raise _logo_unreadable(project, exc) from None


def _logo_unreadable(project: Project, exc: OSError) -> InputError:
    site = project.site
    detail = exc.strerror or str(exc)
    message = t(site.language, "poster_logo_unreadable", path=site.brand.logo, detail=detail)
    return InputError([Problem(display_path(project.source), 0, 0, message)])
