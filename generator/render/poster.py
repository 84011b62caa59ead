"""Printable posters: per campaign/channel page and paper size, a PNG for screens and a print PDF (bleed,
crop marks, vector code: generator.render.poster_pdf), both carrying the page's permanent entry code.

Layout first (pure: boxes and lines, with an `overflow` flag a test can check), then drawing. Sizes are at
300 dpi; every length is given for A6 and scaled, so A4 is the same poster twice as large. A campaign that
has not started says when it starts; one that has ended (or is archived) gets no poster: its code would
only lead to "this campaign has ended".
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

from generator.errors import QunmaError
from generator.messages import t
from generator.model import Project
from generator.plan.rotation import PagePlan, PageState, Plan
from generator.qr.image import qr_image, qr_matrix
from generator.render.poster_layout import (
    A4,
    A6,
    SIZES,
    WHITE,
    Box,
    PosterContent,
    PosterLayout,
    PosterSize,
    accent,
    layout_poster,
    parse_color,
)
from generator.render.typeset import load_font

DPI = 300
OVER = (PageState.ENDED, PageState.ARCHIVED)  # no poster: its code leads to "this campaign has ended"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def page_url(project: Project, page: PagePlan) -> str:
    """The page's public address: what its permanent entry code points at."""
    return project.site.base_url + page.path


def poster_content(project: Project, page: PagePlan, now: datetime) -> PosterContent:
    """The words, link, colour and logo of the poster for page, as of now."""
    lang = project.site.language
    url = page_url(project, page)
    address = url.split("://", 1)[-1]
    footer = address if page.channel is None else f"{page.channel.name} · {address}"
    starts = page.campaign.starts
    if page.state is PageState.NOT_STARTED and starts is not None:
        # Printed before the start and still up after it: the date keeps it true on both sides.
        cta = t(lang, "poster_cta_not-started", when=start_text(starts, project, now))
    else:
        cta = t(lang, "poster_cta")
    return PosterContent(
        brand_title=project.site.title,
        title=page.campaign.title,
        call_to_action=cta,
        benefits=page.campaign.benefits,
        footer=footer,
        url=url,
        color=parse_color(project.site.brand.color),
        logo=project.site.brand.logo,
    )


def start_text(starts: datetime, project: Project, now: datetime) -> str:
    """The start as a poster prints it: "11月30日", with the time unless midnight, the year unless now's."""
    local = starts.astimezone(ZoneInfo(project.site.timezone))
    key = "poster_date" if local.year == now.astimezone(local.tzinfo).year else "poster_date_year"
    values = {"year": local.year, "month": local.month, "day": local.day, "mon": _MONTHS[local.month - 1]}
    date = t(project.site.language, key, **values)
    return date if (local.hour, local.minute) == (0, 0) else f"{date} {local:%H:%M}"


def render_png(
    layout: PosterLayout, content: PosterContent, font_path: Path, logo: Image.Image | None
) -> bytes:
    """Draw layout as a 300 dpi RGB PNG (deterministic bytes)."""
    width, height = layout.size.width, layout.size.height
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width - 1, layout.band_height - 1), fill=content.color)
    if layout.logo_box is not None and logo is not None:
        _paste_logo(image, logo, layout.logo_box)
    _draw_code(image, draw, content, layout)
    for x, y, r in layout.bullets:
        draw.ellipse((x - r, y - r, x + r, y + r), fill=accent(content.color))
    for block in layout.blocks:
        font = load_font(font_path, block.size)
        for line, origin in zip(block.lines, block.origins, strict=True):
            draw.text(
                origin, line, font=font, fill=block.fill, stroke_width=block.stroke, stroke_fill=block.fill
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def load_logo(logo_path: Path | None, lang: str) -> Image.Image | None:
    """The brand logo as RGBA (QunmaError when it cannot be read)."""
    if logo_path is None:
        return None
    try:
        with Image.open(logo_path) as raw:
            return raw.convert("RGBA")
    except OSError as exc:
        raise QunmaError(t(lang, "poster_logo_unreadable", path=logo_path, detail=exc)) from None


def _paste_logo(image: Image.Image, logo: Image.Image, box: Box) -> None:
    # Scale up as well as down: a 128 px logo must still fill its box on an A4 standee.
    ratio = min((box[2] - box[0]) / logo.width, (box[3] - box[1]) / logo.height)
    logo = logo.resize(
        (max(1, round(logo.width * ratio)), max(1, round(logo.height * ratio))), Image.Resampling.LANCZOS
    )
    left = box[0] + (box[2] - box[0] - logo.width) // 2
    top = box[1] + (box[3] - box[1] - logo.height) // 2
    image.paste(logo, (left, top), logo)


def _draw_code(
    image: Image.Image, draw: ImageDraw.ImageDraw, content: PosterContent, layout: PosterLayout
) -> None:
    left, top, right, bottom = layout.qr_box
    frame = max(4, (right - left) // 90)
    draw.rounded_rectangle(layout.qr_box, radius=frame * 4, outline=content.color, width=frame)
    inner = right - left - 4 * frame
    modules = len(qr_matrix(content.url)) + 8
    code = qr_image(content.url, scale=max(1, inner // modules), border=4)
    image.paste(code, (left + (right - left - code.width) // 2, top + (bottom - top - code.height) // 2))


def poster_layout(
    project: Project, page: PagePlan, size: PosterSize, font_path: Path, now: datetime
) -> tuple[PosterLayout, PosterContent]:
    """The poster for page at size, laid out; QunmaError when its text cannot fit."""
    content = poster_content(project, page, now)
    layout = layout_poster(content, size, font_path)
    if layout.overflow:
        where = page.path.rstrip("/")
        raise QunmaError(t(project.site.language, "poster_too_much_text", page=where, size=size.name.upper()))
    return layout, content


def poster_png(project: Project, page: PagePlan, size: PosterSize, font_path: Path, now: datetime) -> bytes:
    """The poster for page at size: PNG bytes; QunmaError when its text cannot fit."""
    layout, content = poster_layout(project, page, size, font_path, now)
    return render_png(layout, content, font_path, load_logo(content.logo, project.site.language))


def poster_pages(plan: Plan, campaign_id: str | None = None, channel_id: str | None = None) -> list[PagePlan]:
    """The pages that get posters: one campaign's (or one channel's), else every campaign not over."""
    pages = []
    for page in plan.pages:
        if campaign_id is None and page.state in OVER:
            continue
        if campaign_id is not None and page.campaign.id != campaign_id:
            continue
        if channel_id is not None and (page.channel is None or page.channel.id != channel_id):
            continue
        pages.append(page)
    return pages


def poster_files(
    project: Project,
    plan: Plan,
    font: Path,
    campaign_id: str | None = None,
    channel_id: str | None = None,
    sizes: tuple[PosterSize, ...] = (A6, A4),
) -> dict[str, bytes]:
    """Posters by site path ("<campaign>/[<channel>/]poster-a6.png" and ".pdf"): all, or one campaign's or
    channel's; QunmaError for a campaign named that is over."""
    from generator.render.poster_pdf import poster_pdf  # ReportLab: ~60 ms to import, only for posters

    check_ids(project, campaign_id, channel_id)
    pages = poster_pages(plan, campaign_id, channel_id)
    if campaign_id is not None and any(page.state in OVER for page in pages):
        raise QunmaError(t(project.site.language, "poster_campaign_over", campaign=campaign_id))
    logo = load_logo(project.site.brand.logo, project.site.language)
    files: dict[str, bytes] = {}
    for page in pages:
        for size in sizes:
            layout, content = poster_layout(project, page, size, font, plan.now)
            files[f"{page.path}poster-{size.name}.png"] = render_png(layout, content, font, logo)
            files[f"{page.path}poster-{size.name}.pdf"] = poster_pdf(layout, content, font, logo)
    return files


def check_ids(project: Project, campaign_id: str | None, channel_id: str | None) -> None:
    """QunmaError listing the valid ids when campaign_id or channel_id names nothing."""
    lang = project.site.language
    if campaign_id is None:
        return
    ids = [campaign.id for campaign in project.campaigns]
    if campaign_id not in ids:
        raise QunmaError(t(lang, "poster_unknown_campaign", value=campaign_id, choices=", ".join(ids)))
    channels = [channel.id for channel in project.campaign(campaign_id).channels]
    if channel_id is not None and channel_id not in channels:
        choices = ", ".join(channels)
        raise QunmaError(
            t(lang, "poster_unknown_channel", campaign=campaign_id, value=channel_id, choices=choices)
        )


__all__ = [
    "A4",
    "A6",
    "SIZES",
    "PosterSize",
    "check_ids",
    "poster_files",
    "poster_layout",
    "poster_pages",
    "poster_png",
    "page_url",
]
