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
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.i18n import t
from generator.model import Campaign, Contact, Group, Project, Site
from generator.rotation import PagePlan, PageState, Plan, Window

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_COLOR = "#07c160"
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_PLACEHOLDER = re.compile(r"\{(nickname|group_name)\}")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def environment() -> Environment:
    """The one Jinja2 environment: autoescaped, strict, templates compiled once per process."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def asset(name: str) -> Markup:
    """A template asset (our own CSS/JS) with comment lines and indentation dropped, marked safe."""
    lines = (line.strip() for line in (TEMPLATES / name).read_text(encoding="utf-8").splitlines())
    return Markup("\n".join(line for line in lines if line and not line.startswith("//")))


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


def relative(page_path: str, target: str) -> str:
    """The link from the page at page_path ("autumn/store/") to the site path target ("qr/x.png")."""
    return "../" * page_path.count("/") + target


def brand_colors(site: Site) -> tuple[str, str]:
    """The brand colour (a safe CSS hex value) and a readable text colour on it."""
    color = site.brand.color if _COLOR.fullmatch(site.brand.color) else DEFAULT_COLOR
    digits = color[1:] if len(color) == 7 else "".join(ch * 2 for ch in color[1:])
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    light = 0.299 * red + 0.587 * green + 0.114 * blue > 160
    return color, "#000" if light else "#fff"


def contact_for(campaign: Campaign, site: Site) -> Contact | None:
    """The fallback a page offers: the campaign's text, with the site's customer-service code if it has none."""
    own, shared = campaign.fallback, site.contact
    if own is None or shared is None or own.url is not None:
        return own or shared
    return Contact(text=own.text, url=shared.url, name=own.name or shared.name)


def format_time(moment: datetime, site: Site, now: datetime) -> str:
    """A moment in the site's time zone, e.g. "11月27日 10:00" (the year only when it is not now's)."""
    local = moment.astimezone(ZoneInfo(site.timezone))
    values = {"year": local.year, "month": local.month, "day": local.day, "mon": _MONTHS[local.month - 1]}
    key = "page_date" if local.year == now.astimezone(local.tzinfo).year else "page_date_year"
    return t(site.language, key, time=local.strftime("%H:%M"), **values)


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


def window_state(window: Window, campaign: Campaign) -> PageState:
    """Why a window shows no group: the campaign is archived, not started, ended, or its pool is empty."""
    if campaign.archived:
        return PageState.ARCHIVED
    if campaign.starts is not None and window.start < campaign.starts:
        return PageState.NOT_STARTED
    if campaign.ends is not None and window.start >= campaign.ends:
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


def announcement_text(campaign: Campaign, lang: str) -> str:
    """The group announcement (群公告) as plain text, ready to paste into the group."""
    rules = campaign.rules
    lines = [t(lang, "ann_head", title=campaign.title)]
    for key, text in (("ann_who", rules.who), ("ann_gains", rules.gains), ("ann_admins", rules.admins)):
        if text:
            lines.append(t(lang, key, text=text))
    for key, items in (("ann_rules", rules.rules), ("ann_penalties", rules.penalties)):
        if items:
            lines.append(t(lang, key))
            lines.extend(f"{number}. {item}" for number, item in enumerate(items, 1))
    if rules.nickname:
        lines.append(t(lang, "ann_nickname", text=rules.nickname))
    return "\n".join(lines)


@dataclass(frozen=True)
class _Shown:
    """One window of the page's timeline, as the template and the script see it."""

    start: int  # ms since the epoch
    end: int | None
    group: Group | None
    message: str  # when group is None

    def as_json(self, images: Mapping[str, str], page: PagePlan, site: Site, now: datetime) -> dict[str, object]:
        if self.group is None:
            return {"s": self.start, "e": self.end, "m": self.message}
        return {"s": self.start, "e": self.end, **_group_view(self.group, images, page, site, now)}


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _group_view(group: Group, images: Mapping[str, str], page: PagePlan, site: Site, now: datetime) -> dict[str, str]:
    return {
        "g": group.id,
        "n": group.name,
        "q": relative(page.path, images[group.url]),
        "a": t(site.language, "page_qr_alt", name=group.name),
        "x": expiry_text(group, site, now),
    }


def timeline(page: PagePlan, site: Site, now: datetime) -> tuple[_Shown, ...]:
    """The page's windows, closed by a fallback window when the last one ends, so the script never runs dry."""
    shown: list[_Shown] = []
    for index, window in enumerate(page.timeline):
        state = page.state if index == 0 else window_state(window, page.campaign)
        message = "" if window.group else state_message(state, page.campaign, site, now)
        shown.append(_Shown(_ms(window.start), None if window.end is None else _ms(window.end), window.group, message))
    if not shown:
        message = state_message(page.state, page.campaign, site, now)
        shown.append(_Shown(_ms(now), None, None, message))
    last = page.timeline[-1] if page.timeline else None
    if last is not None and last.end is not None:
        closing = Window(None, last.end, None)
        message = state_message(window_state(closing, page.campaign), page.campaign, site, now)
        shown.append(_Shown(_ms(last.end), None, None, message))
    return tuple(shown)


@dataclass(frozen=True)
class LandingView:
    """Everything the landing template shows, already in the site's language."""

    html_lang: str
    site_title: str
    color: str
    on_color: str
    title: str
    description: str
    group: dict[str, str] | None  # the build-time group (g, n, q, a, x)
    card_present: bool  # some window shows a group: the script may need the card
    message: str  # headline of the fallback card
    contact: dict[str, str] | None  # text, src, name
    benefits: tuple[str, ...]
    welcome: tuple[tuple[str, bool], ...]
    rules_href: str
    timeline: Markup | None  # None: the page never changes, so it carries no script
    hint: str
    contact_hint: str
    contact_alt: str
    benefits_title: str
    welcome_title: str
    rules_link: str


def landing_view(page: PagePlan, project: Project, images: Mapping[str, str], now: datetime) -> LandingView:
    """The view of one landing page at `now`."""
    site, campaign, lang = project.site, page.campaign, project.site.language
    windows = timeline(page, site, now)
    first = windows[0]
    group = None if first.group is None else _group_view(first.group, images, page, site, now)
    fallback = contact_for(campaign, site)
    contact = None
    if fallback is not None:
        src = relative(page.path, images[fallback.url]) if fallback.url else ""
        contact = {"text": fallback.text, "src": src, "name": fallback.name or ""}
    moving = len(windows) > 1
    data = {"w": [w.as_json(images, page, site, now) for w in windows], "m": t(lang, "page_state_empty")}
    color, on_color = brand_colors(site)
    this_group = first.group.name if first.group else t(lang, "page_this_group")
    return LandingView(
        html_lang="en" if lang == "en" else "zh-CN",
        site_title=site.title,
        color=color,
        on_color=on_color,
        title=campaign.title,
        description=campaign.description,
        group=group,
        card_present=any(w.group is not None for w in windows),
        message=first.message,
        contact=contact,
        benefits=campaign.benefits,
        welcome=welcome_parts(campaign.welcome, this_group, lang),
        rules_href=relative(page.path, f"{campaign.id}/rules/"),
        timeline=script_json(data) if moving else None,
        hint=t(lang, "page_hint"),
        contact_hint=t(lang, "page_contact_hint"),
        contact_alt=t(lang, "page_contact_alt"),
        benefits_title=t(lang, "page_benefits"),
        welcome_title=t(lang, "page_welcome"),
        rules_link=t(lang, "page_rules_link"),
    )


def landing_pages(project: Project, plan: Plan, images: Mapping[str, str]) -> dict[str, bytes]:
    """Every landing page as "<path>index.html" → HTML bytes; images maps each link to its PNG's site path."""
    template = environment().get_template("landing.html")
    css, script = asset("landing.css"), asset("rotate.js")
    pages: dict[str, bytes] = {}
    for page in plan.pages:
        view = landing_view(page, project, images, plan.now)
        pages[f"{page.path}index.html"] = template.render(v=view, css=css, script=script).encode("utf-8")
    return pages


def rules_page(campaign: Campaign, lang: str) -> bytes:
    """The rules page of a campaign as Markdown for MkDocs (front matter + one raw, escaped HTML block)."""
    rules = campaign.rules
    heading = t(lang, "rules_title", title=campaign.title)
    sections = [
        (t(lang, key), text)
        for key, text in (("rules_who", rules.who), ("rules_gains", rules.gains), ("rules_admins", rules.admins))
        if text
    ]
    view = {
        "meta_title": json.dumps(plain_title(heading), ensure_ascii=False),
        "heading": heading,
        "sections": sections,
        "rules": rules.rules,
        "rules_title": t(lang, "rules_rules"),
        "penalties": rules.penalties,
        "penalties_title": t(lang, "rules_penalties"),
        "nickname": rules.nickname or "",
        "nickname_title": t(lang, "rules_nickname"),
        "announcement_title": t(lang, "rules_announcement"),
        "announcement": announcement_text(campaign, lang),
        "copy": t(lang, "rules_copy"),
        "copied": t(lang, "rules_copied"),
        "back": t(lang, "rules_back"),
    }
    return environment().get_template("rules.md").render(v=view, script=asset("copy.js")).encode("utf-8")


def rule_pages(project: Project) -> dict[str, bytes]:
    """Every campaign's rules page as "<campaign>/rules/index.md" → Markdown bytes."""
    lang = project.site.language
    return {f"{c.id}/rules/index.md": rules_page(c, lang) for c in project.campaigns}


def root_index(project: Project) -> bytes:
    """A home page listing the live campaigns, for sites whose docs folder has no index.md of its own."""
    lang = project.site.language
    view = {
        "meta_title": json.dumps(plain_title(project.site.title), ensure_ascii=False),
        "heading": project.site.title,
        "campaigns_title": t(lang, "index_campaigns"),
        "campaigns": [(f"{c.id}/", c.title) for c in project.campaigns if not c.archived],
    }
    return environment().get_template("index.md").render(v=view).encode("utf-8")
