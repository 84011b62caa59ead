"""Landing pages: (project, plan, images) → "<page>/index.html", the page a printed code opens.

A page shows one thing at a time: the shown group's code, or, when there is none, one message for its state
(not started, no open group, ended) with the contact. A page whose timeline changes carries it, and a tiny
inline script (templates/rotate.js) picks the window of the phone's clock before anything of the card is
drawn: the build-time code is only in a <noscript>, so a phone never fetches, let alone paints, a code the
build chose hours ago that has expired since.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from markupsafe import Markup

from generator.messages import t
from generator.model import Campaign, Group, Project, Site
from generator.plan.pool import members_and_closure
from generator.plan.rotation import PagePlan, PageState, Plan
from generator.render.pages import (
    contact_for,
    format_time,
    page_title,
    relative,
    script_json,
    site_labels,
    thumb_ref,
)
from generator.render.templating import asset, environment
from generator.render.thumbs import PageImages

_OVER = (PageState.ENDED, PageState.ARCHIVED)  # a finished campaign offers no benefits


def expiry_text(group: Group, site: Site, now: datetime) -> str:
    """What the page says about the code's validity."""
    if group.expires is None:
        return t(site.language, "page_valid_forever")
    return t(site.language, "page_valid_until", when=format_time(group.expires, site, now))


def _state(state: PageState, campaign: Campaign) -> PageState:
    # "Not started" says when it starts: without a start time it is simply no open group.
    return PageState.EMPTY if state is PageState.NOT_STARTED and campaign.starts is None else state


def state_message(state: PageState, campaign: Campaign, site: Site, now: datetime) -> str:
    """The headline shown instead of a code."""
    state = _state(state, campaign)
    if state is PageState.NOT_STARTED:
        assert campaign.starts is not None
        return t(site.language, "page_state_not-started", when=format_time(campaign.starts, site, now))
    return t(site.language, f"page_state_{state.value}")


def state_text(state: PageState, campaign: Campaign, site: Site) -> str:
    """The words under the headline: the campaign's own for its state, else the default. With no open group
    they are the fallback's text, which is written for exactly that (groups full, a new one coming)."""
    state, lang = _state(state, campaign), site.language
    if state is PageState.NOT_STARTED:
        return campaign.messages.not_started or t(lang, "page_text_not-started")
    if state in _OVER:
        return campaign.messages.ended or t(lang, "page_text_ended")
    contact = contact_for(campaign, site)
    return contact.text if contact is not None and contact.text else t(lang, "page_text_empty")


def _after(campaign: Campaign, moment: datetime) -> PageState:
    """What a page shows past the planned windows: the plan looks a few windows ahead only."""
    if campaign.ends is not None and moment >= campaign.ends:
        return PageState.ENDED
    return PageState.EMPTY


_Json = dict[str, object]


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


@dataclass(frozen=True)
class _Render:
    """What the windows of one page are rendered against."""

    project: Project
    campaign: Campaign
    now: datetime
    path: str  # the page's path, e.g. "autumn/store/"
    images: Mapping[str, str]  # link → the site path of its QR image
    # Windows already rendered for a page of the same campaign at the same depth (so with the same links),
    # shared: a campaign's pages show mostly the same groups at the same times. Never changed once made.
    seen: dict[tuple[object, ...], _Json] = field(default_factory=dict)

    def window(self, group: Group | None, start: datetime, end: datetime | None, state: PageState) -> _Json:
        """One window as the page script reads it (times in ms since the epoch)."""
        key = (id(self.campaign), self.path.count("/"), id(group), start, end, state)
        if (found := self.seen.get(key)) is None:
            times: _Json = {"s": _ms(start), "e": None if end is None else _ms(end)}
            found = self.seen[key] = {
                **times,
                **(self.message(state) if group is None else self.group(group)),
            }
        return found

    def message(self, state: PageState) -> _Json:
        """A window without a code: its headline (m), its words (t) and its kind (k: "ended" hides more)."""
        site, campaign = self.project.site, self.campaign
        kind = "ended" if state in _OVER else _state(state, campaign).value
        return {
            "m": state_message(state, campaign, site, self.now),
            "t": state_text(state, campaign, site),
            "k": kind,
        }

    def group(self, group: Group) -> _Json:
        site = self.project.site
        shown: _Json = {
            "g": group.id,
            "n": group.name,
            "q": relative(self.path, self.images[group.url]),
            "a": t(site.language, "page_qr_alt", name=group.name),
            "x": expiry_text(group, site, self.now),
        }
        members, _ = members_and_closure(self.campaign, group, self.project.status)
        if self.campaign.show_members and members:
            shown["c"] = t(site.language, "page_members", count=members)
        return shown


def timeline(page: PagePlan, render: _Render) -> list[_Json]:
    """The page's windows, closed by a fallback window if the last one ends: the script never runs dry."""
    windows = [render.window(w.group, w.start, w.end, w.state) for w in page.timeline]
    last = page.timeline[-1]
    if last.end is not None:
        windows.append(render.window(None, last.end, None, _after(page.campaign, last.end)))
    return windows


@dataclass(frozen=True)
class LandingView:
    """What one landing page shows at build time, in the site's language."""

    title: str
    head_title: str  # the <title>
    meta: str  # the meta description
    logo: _Json | None  # the brand logo in the header
    avatar: _Json | None  # the campaign's group avatar beside the group's name
    group: _Json | None  # the window shown at build time, when it shows a group
    message: _Json  # otherwise: the headline (m), words (t) and kind (k) of the fallback card
    card_present: bool  # some window shows a group, so the script may need the group card
    counts: bool  # the card says how many have joined the shown group (the campaign opted in)
    contact: dict[str, str] | None  # the fallback: src (its QR image, may be ""), name
    help: bool  # "can't scan it?" under the group's code leads to the contact's code
    live: bool  # the campaign has not ended: its description, benefits and rules are shown
    description: str
    benefits: tuple[str, ...]
    rules_href: str
    timeline: Markup | None  # None: the page never changes, so it carries no script
    noscript: str  # without script the build-time state shows: when it was made, how to reach the contact


def landing_view(
    page: PagePlan,
    project: Project,
    images: Mapping[str, str],
    thumbs: PageImages,
    now: datetime,
    seen: dict[tuple[object, ...], _Json] | None = None,
) -> LandingView:
    """The view of one landing page at `now` (seen: windows of the pages before, to share; the campaigns,
    groups and now they were made for must stay alive, as they do in one landing_pages call)."""
    site, campaign = project.site, page.campaign
    href = partial(relative, page.path)
    render = _Render(project, campaign, now, page.path, images, {} if seen is None else seen)
    windows = timeline(page, render)
    first = windows[0]
    fallback = contact_for(campaign, site)
    contact = None
    if fallback is not None:
        contact = {"src": href(images[fallback.url]) if fallback.url else "", "name": fallback.name or ""}
    group = first if "g" in first else None
    scripted = len(windows) > 1
    empty = render.message(PageState.EMPTY)  # what the fallback card says when the pool runs dry
    return LandingView(
        title=campaign.title,
        head_title=page_title(campaign.title, site.title),
        meta=_meta(campaign, site) if page.state not in _OVER else str(first["t"]),
        logo=thumb_ref(thumbs.logo, href),
        avatar=thumb_ref(thumbs.avatars.get(campaign.id), href),
        group=group,
        message=first if group is None else empty,
        card_present=any("g" in window for window in windows),
        counts=campaign.show_members,
        contact=contact,
        help=bool(contact and contact["src"]),
        live=page.state not in _OVER,
        description=campaign.description,
        benefits=campaign.benefits,
        rules_href=href(f"{campaign.id}/rules/"),
        timeline=script_json({"w": windows, "x": empty}) if scripted else None,
        noscript=_noscript(site, now, group is not None, contact) if scripted else "",
    )


def _meta(campaign: Campaign, site: Site) -> str:
    return campaign.description or t(site.language, "page_meta", title=campaign.title)


def _noscript(site: Site, now: datetime, shows_group: bool, contact: dict[str, str] | None) -> str:
    """The note a page with script off shows: made at `now`, maybe stale; how to reach the contact."""
    lang = site.language
    note = t(lang, "page_noscript", when=format_time(now, site, now))
    if shows_group and contact and contact["src"]:
        return note + t(lang, "page_noscript_help", help=t(lang, "page_help"))
    if contact and contact["name"] and not contact["src"]:
        return note + t(lang, "page_noscript_contact", name=contact["name"])
    return note


def landing_pages(
    project: Project, plan: Plan, images: Mapping[str, str], thumbs: PageImages | None = None
) -> dict[str, bytes]:
    """Every landing page as "<path>index.html" → HTML bytes; images maps each link to its PNG's site path."""
    template = environment().get_template("landing.html")
    shared = {"l": site_labels(project.site), "css": asset("page.css"), "script": asset("rotate.js")}
    thumbs = thumbs or PageImages()
    pages: dict[str, bytes] = {}
    seen: dict[tuple[object, ...], _Json] = {}
    for page in plan.pages:
        view = landing_view(page, project, images, thumbs, plan.now, seen)
        pages[f"{page.path}index.html"] = template.render(v=view, **shared).encode("utf-8")
    return pages
