"""Pages: what every customer page shares (links, colours, titles, the contact, times), and the rule pages.

Every customer page is complete, self-contained HTML from our own autoescaped templates (inline CSS and
script, no reference to another host) so that a first visit on a slow network stays within a few
kilobytes: landing pages (render/landing.py), rule pages (here), the home and 404 pages
(render/sitepages.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache, partial
from zoneinfo import ZoneInfo

from markupsafe import Markup

from generator.messages import t
from generator.model import Campaign, Contact, Project, Site
from generator.render.templating import asset, environment
from generator.render.thumbs import PageImages, Thumb

DEFAULT_COLOR = "#07c160"
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_SEPARATOR = re.compile(r"\s*[·•|｜]\s*|\s+[-–—]\s+")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def script_json(value: object) -> Markup:
    """JSON that is safe inside <script>: no "<", ">" or "&" can end the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def relative(page_path: str, target: str) -> str:
    """The link from the page at page_path ("autumn/store/") to the site path target ("qr/x.png")."""
    # Both are site paths without "." or ".." segments, so the link is: up to the common folder, then down
    # (posixpath.relpath gives the same link, after normalising that we never need: measured at a fifth of
    # the landing pages' time).
    here = page_path.split("/")[:-1]
    there = target.rstrip("/").split("/")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:])
    if not link:
        return "./"
    return link + "/" if target.endswith("/") else link


def brand_colors(site: Site) -> tuple[str, str]:
    """The brand colour (a safe CSS hex value) and a readable text colour on it."""
    color = site.brand.color if _COLOR.fullmatch(site.brand.color) else DEFAULT_COLOR
    digits = color[1:] if len(color) == 7 else "".join(ch * 2 for ch in color[1:])
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    light = 0.299 * red + 0.587 * green + 0.114 * blue > 160
    return color, "#000" if light else "#fff"


def contact_for(campaign: Campaign, site: Site) -> Contact | None:
    """The fallback a page offers: the campaign's own, completed by the site's customer-service code."""
    own, shared = campaign.fallback, site.contact
    if own is None or shared is None or own.url is not None:
        return own or shared
    return Contact(text=own.text, url=shared.url, name=own.name or shared.name)


def format_time(moment: datetime, site: Site, now: datetime) -> str:
    """A moment in the site's time zone, e.g. "11月27日 10:00" (the year only when it is not now's)."""
    return _format_time(moment, site.timezone, site.language, now)


@lru_cache(maxsize=4096)  # a pool's codes share a few expiry times, shown on every page of its campaign
def _format_time(moment: datetime, timezone: str, lang: str, now: datetime) -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    values = {"year": local.year, "month": local.month, "day": local.day, "mon": _MONTHS[local.month - 1]}
    key = "page_date" if local.year == now.astimezone(local.tzinfo).year else "page_date_year"
    return t(lang, key, time=local.strftime("%H:%M"), **values)


def page_title(title: str, site_title: str) -> str:
    """The <title>: the page's title, then the parts of the site's title it does not already say
    ("秋冬新品福利群" on "拾光咖啡 · 福利群" → "秋冬新品福利群 · 拾光咖啡", never "… · 福利群" twice)."""
    if not site_title or site_title in title:
        return title
    parts = [part.strip() for part in _SEPARATOR.split(site_title) if part.strip()]
    kept = [part for part in parts if part not in title]
    if len(kept) == len(parts):
        return f"{title} · {site_title}"
    return " · ".join([title, *kept])


Href = Callable[[str], str]  # a site path ("qr/x.png", "autumn/") → the link to it from the page


def thumb_ref(thumb: Thumb | None, href: Href) -> dict[str, object] | None:
    """A small image as the template draws it: src, width, height (CSS px); None without one."""
    if thumb is None:
        return None
    return {"src": href(thumb.path), "width": thumb.width, "height": thumb.height}


_LABELS = ("hint", "contact_hint", "contact_alt", "benefits", "rules_link", "help")  # i18n page_<name>


def site_labels(site: Site) -> dict[str, str]:
    """The words every customer page of a site shares (labels, colours, language)."""
    color, on_color = brand_colors(site)
    labels = {name: t(site.language, f"page_{name}") for name in _LABELS}
    html_lang = "en" if site.language == "en" else "zh-CN"
    return {**labels, "site_title": site.title, "color": color, "on_color": on_color, "html_lang": html_lang}


def rules_view(campaign: Campaign, site: Site, logo: dict[str, object] | None) -> dict[str, object]:
    """What the rules page of a campaign shows: its rules (the announcement to paste is in the staff kit)."""
    rules, lang = campaign.rules, site.language
    texts = (("rules_who", rules.who), ("rules_gains", rules.gains), ("rules_admins", rules.admins))
    title = t(lang, "rules_title", title=campaign.title)
    return {
        "title": title,
        "head_title": page_title(title, site.title),
        "meta": rules.who or t(lang, "rules_meta", title=campaign.title),
        "logo": logo,
        "sections": [(t(lang, key), text) for key, text in texts if text],
        "rules": rules.rules,
        "rules_title": t(lang, "rules_rules"),
        "penalties": rules.penalties,
        "penalties_title": t(lang, "rules_penalties"),
        "nickname": rules.nickname or "",
        "nickname_title": t(lang, "rules_nickname"),
        "back": t(lang, "rules_back"),
    }


def rule_pages(project: Project, images: PageImages | None = None) -> dict[str, bytes]:
    """Every campaign's rules page as "<campaign>/rules/index.html": our own light page, like the landing
    pages (customers open it from one, inside WeChat), and no Markdown pass (a thousand campaigns' rules
    pages took ~3.5 s through mkdocs-material)."""
    template = environment().get_template("rules.html")
    shared = {"l": site_labels(project.site), "css": asset("page.css")}
    logo = (images or PageImages()).logo
    pages = {}
    for c in project.campaigns:
        path = f"{c.id}/rules/"
        view = rules_view(c, project.site, thumb_ref(logo, partial(relative, path)))
        pages[f"{path}index.html"] = template.render(v=view, **shared).encode("utf-8")
    return pages
