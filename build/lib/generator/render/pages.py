"""Pages: (project, plan, image paths) → {site path: bytes}, rendered with our own Jinja2 templates.

Landing pages are complete, self-contained HTML (inline CSS and script, no external reference) so that the
first visit on a slow network stays within a few kilobytes. Rule pages and the fallback root index are
Markdown files carrying one raw HTML block, so that mkdocs-material renders them while every piece of
marketer text is HTML-escaped by Jinja2 and never read as Markdown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from markupsafe import Markup

from generator.messages import t
from generator.model import Campaign, Contact, Group, Project, Site
from generator.plan.rotation import PagePlan, PageState, Plan
from generator.render.staffkit import announcement
from generator.render.templating import asset, environment

DEFAULT_COLOR = "#07c160"
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_PLACEHOLDER = re.compile(r"\{(nickname|group_name)\}")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def script_json(value: object) -> Markup:
    """JSON that is safe inside <script>: no "<", ">" or "&" can end the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def plain_title(text: str) -> str:
    """A title that is inert in any HTML context: MkDocs themes insert page titles without escaping."""
    table = {"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "\\": "＼"}
    return "".join(table.get(ch, ch) for ch in text if ch >= " ")


def _yaml_string(title: str) -> Markup:
    """A page title for MkDocs front matter: inert (see plain_title) and quoted (JSON is YAML)."""
    return Markup(json.dumps(plain_title(title), ensure_ascii=False))


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


def expiry_text(group: Group, site: Site, now: datetime) -> str:
    """What the page says about the code's validity."""
    if group.expires is None:
        return t(site.language, "page_valid_forever")
    return t(site.language, "page_valid_until", when=format_time(group.expires, site, now))


def state_message(state: PageState, campaign: Campaign, site: Site, now: datetime) -> str:
    """The headline shown instead of a code."""
    if state is PageState.NOT_STARTED and campaign.starts is not None:
        return t(site.language, "page_state_not-started", when=format_time(campaign.starts, site, now))
    if state is PageState.NOT_STARTED:
        state = PageState.EMPTY
    return t(site.language, f"page_state_{state.value}")


def _after(campaign: Campaign, moment: datetime) -> PageState:
    """What a page shows past the planned windows: the plan looks a few windows ahead only."""
    if campaign.ends is not None and moment >= campaign.ends:
        return PageState.ENDED
    return PageState.EMPTY


def welcome_parts(text: str, group_name: str, lang: str) -> tuple[tuple[str, bool], ...]:
    """The welcome copy as (text, is_group_name) pieces, so the page script can rename the group."""
    parts: list[tuple[str, bool]] = []
    for index, piece in enumerate(_PLACEHOLDER.split(text)):
        if index % 2 == 0:
            parts.append((piece, False))
        elif piece == "nickname":
            parts.append((t(lang, "page_nickname"), False))
        else:
            parts.append((group_name, True))
    return tuple(part for part in parts if part[0])


@dataclass(frozen=True)
class _Render:
    """What the windows of one page are rendered against."""

    site: Site
    now: datetime
    path: str  # the page's path, e.g. "autumn/store/"
    images: Mapping[str, str]  # link → the site path of its QR image

    def window(self, group: Group | None, start: datetime, end: datetime | None, message: str) -> _Json:
        """One window as the page script reads it (times in ms since the epoch)."""
        times: _Json = {"s": _ms(start), "e": None if end is None else _ms(end)}
        if group is None:
            return {**times, "m": message}
        lang = self.site.language
        return {
            **times,
            "g": group.id,
            "n": group.name,
            "q": relative(self.path, self.images[group.url]),
            "a": t(lang, "page_qr_alt", name=group.name),
            "x": expiry_text(group, self.site, self.now),
        }


_Json = dict[str, object]


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def timeline(page: PagePlan, render: _Render) -> list[_Json]:
    """The page's windows, closed by a fallback window if the last one ends: the script never runs dry."""
    site, campaign = render.site, page.campaign
    windows = []
    for window in page.timeline:
        message = "" if window.group else state_message(window.state, campaign, site, render.now)
        windows.append(render.window(window.group, window.start, window.end, message))
    last = page.timeline[-1]
    if last.end is not None:
        message = state_message(_after(campaign, last.end), campaign, site, render.now)
        windows.append(render.window(None, last.end, None, message))
    return windows


@dataclass(frozen=True)
class LandingView:
    """What one landing page shows at build time, in the site's language."""

    title: str
    description: str
    group: _Json | None  # the window shown at build time, when it shows a group
    message: str  # otherwise: the headline of the fallback card
    card_present: bool  # some window shows a group, so the script may need the group card
    contact: dict[str, str] | None  # the fallback: text, src (its QR image, may be ""), name
    benefits: tuple[str, ...]
    welcome: tuple[tuple[str, bool], ...]
    rules_href: str
    timeline: Markup | None  # None: the page never changes, so it carries no script


_LABELS = ("hint", "contact_hint", "contact_alt", "benefits", "welcome", "rules_link")  # i18n page_<name>


def site_labels(site: Site) -> dict[str, str]:
    """The words every landing page of a site shares (labels, colours, language)."""
    color, on_color = brand_colors(site)
    labels = {name: t(site.language, f"page_{name}") for name in _LABELS}
    html_lang = "en" if site.language == "en" else "zh-CN"
    return {**labels, "site_title": site.title, "color": color, "on_color": on_color, "html_lang": html_lang}


def landing_view(page: PagePlan, project: Project, images: Mapping[str, str], now: datetime) -> LandingView:
    """The view of one landing page at `now`."""
    site, campaign, lang = project.site, page.campaign, project.site.language
    windows = timeline(page, _Render(site, now, page.path, images))
    first = windows[0]
    fallback = contact_for(campaign, site)
    contact = None
    if fallback is not None:
        src = relative(page.path, images[fallback.url]) if fallback.url else ""
        contact = {"text": fallback.text, "src": src, "name": fallback.name or ""}
    data = {"w": windows, "m": t(lang, "page_state_empty")}
    this_group = str(first.get("n") or t(lang, "page_this_group"))
    over = page.state in (PageState.ENDED, PageState.ARCHIVED)  # a finished campaign offers no benefits
    return LandingView(
        title=campaign.title,
        description=campaign.description,
        group=first if "g" in first else None,
        message=str(first.get("m", "")),
        card_present=any("g" in window for window in windows),
        contact=contact,
        benefits=() if over else campaign.benefits,
        welcome=() if over else welcome_parts(campaign.welcome, this_group, lang),
        rules_href=relative(page.path, f"{campaign.id}/rules/"),
        timeline=script_json(data) if len(windows) > 1 else None,
    )


def landing_pages(project: Project, plan: Plan, images: Mapping[str, str]) -> dict[str, bytes]:
    """Every landing page as "<path>index.html" → HTML bytes; images maps each link to its PNG's site path."""
    template = environment().get_template("landing.html")
    shared = {"l": site_labels(project.site), "css": asset("page.css"), "script": asset("rotate.js")}
    pages: dict[str, bytes] = {}
    for page in plan.pages:
        view = landing_view(page, project, images, plan.now)
        pages[f"{page.path}index.html"] = template.render(v=view, **shared).encode("utf-8")
    return pages


def rules_view(campaign: Campaign, lang: str) -> dict[str, object]:
    """What the rules page of a campaign shows: its rule set and the announcement ready to copy."""
    rules = campaign.rules
    texts = (("rules_who", rules.who), ("rules_gains", rules.gains), ("rules_admins", rules.admins))
    return {
        "title": t(lang, "rules_title", title=campaign.title),
        "sections": [(t(lang, key), text) for key, text in texts if text],
        "rules": rules.rules,
        "rules_title": t(lang, "rules_rules"),
        "penalties": rules.penalties,
        "penalties_title": t(lang, "rules_penalties"),
        "nickname": rules.nickname or "",
        "nickname_title": t(lang, "rules_nickname"),
        "announcement_title": t(lang, "rules_announcement"),
        "announcement": announcement(campaign, lang),
        "copy_label": t(lang, "rules_copy"),
        "copied": t(lang, "rules_copied"),
        "back": t(lang, "rules_back"),
    }


def rule_pages(project: Project) -> dict[str, bytes]:
    """Every campaign's rules page as "<campaign>/rules/index.html": our own light page, like the landing
    pages (customers open it from one, inside WeChat), and no Markdown pass (a thousand campaigns' rules
    pages took ~3.5 s through mkdocs-material)."""
    template = environment().get_template("rules.html")
    shared = {"l": site_labels(project.site), "css": asset("page.css"), "script": asset("copy.js")}
    lang = project.site.language
    return {
        f"{c.id}/rules/index.html": template.render(v=rules_view(c, lang), **shared).encode("utf-8")
        for c in project.campaigns
    }


def root_index(project: Project) -> bytes:
    """A home page listing the live campaigns, for sites whose docs folder has no index.md of its own."""
    lang = project.site.language
    view = {
        "meta_title": _yaml_string(project.site.title),
        "heading": project.site.title,
        "campaigns_title": t(lang, "index_campaigns"),
        "campaigns": [(f"{c.id}/", c.title) for c in project.campaigns if not c.archived],
    }
    return environment().get_template("index.md").render(v=view).encode("utf-8")
