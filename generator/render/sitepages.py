"""The home page and the 404 page, light like the landing pages and in the site's language.

The home page says what the site is and lists the campaigns still running or to come; a site whose
site_src/ has an index page of its own keeps it (the plugin leaves it in place). The 404 page is where a
mistyped address or a damaged printed code lands, at any depth of the site: its links and images are
absolute from the site's own path (site.base_url), and it offers the site's contact.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from generator.messages import t
from generator.model import Project
from generator.plan.rotation import PageState, Plan
from generator.render.pages import format_time, page_title, relative, site_labels, thumb_ref
from generator.render.templating import asset, environment
from generator.render.thumbs import PageImages

HOME = "index.html"
NOT_FOUND = "404.html"
_GONE = (PageState.ENDED, PageState.ARCHIVED)


def home_page(project: Project, plan: Plan, images: PageImages | None = None) -> bytes:
    """The site's home page: its title and description, and a card per campaign running or to come."""
    site, lang = project.site, project.site.language
    lead = site.description or t(lang, "index_lead")
    campaigns = []
    for page in plan.pages:
        if page.channel is not None or page.state in _GONE:
            continue
        campaign = page.campaign
        note = ""
        if page.state is PageState.NOT_STARTED and campaign.starts is not None:
            note = t(lang, "index_starts", when=format_time(campaign.starts, site, plan.now))
        campaigns.append(
            {
                "href": relative(HOME, page.path),
                "title": campaign.title,
                "note": note,
                "text": campaign.description,
            }
        )
    view = {
        "title": site.title,
        "head_title": site.title,
        "meta": lead,
        "logo": thumb_ref((images or PageImages()).logo, lambda path: relative(HOME, path)),
        "lead": lead,
        "campaigns_title": t(lang, "index_campaigns"),
        "campaigns": campaigns,
        "none": t(lang, "index_none"),
    }
    return _render("home.html", project, view)


def not_found_page(project: Project, codes: Mapping[str, str], images: PageImages | None = None) -> bytes:
    """The 404 page; codes maps each link to the site path of its QR image (the contact's among them)."""
    site, lang = project.site, project.site.language
    root = urlsplit(site.base_url).path or "/"  # "/" or "/sub/": the site's pages wherever it is served

    def absolute(path: str) -> str:
        return root + path

    contact = site.contact
    view = {
        "title": t(lang, "notfound_title"),
        "head_title": page_title(t(lang, "notfound_title"), site.title),
        "meta": t(lang, "notfound_text"),
        "logo": thumb_ref((images or PageImages()).logo, absolute),
        "text": t(lang, "notfound_text"),
        "contact": None,
        "home": root,
        "home_label": t(lang, "notfound_home"),
    }
    if contact is not None:
        src = absolute(codes[contact.url]) if contact.url else ""
        view["contact"] = {"src": src, "name": contact.name or "", "text": t(lang, "notfound_contact")}
    return _render("notfound.html", project, view)


def _render(template: str, project: Project, view: Mapping[str, object]) -> bytes:
    shared = {"l": site_labels(project.site), "css": asset("page.css")}
    return environment().get_template(template).render(v=view, **shared).encode("utf-8")
