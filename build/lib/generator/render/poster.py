"""Printable posters: one PNG per campaign/channel page and paper size, carrying its permanent entry code.

Layout first (pure: boxes and lines, with an `overflow` flag a test can check), then drawing. Sizes are at
300 dpi; every length is given for A6 and scaled, so A4 is the same poster twice as large.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from generator.errors import QunmaError
from generator.messages import t
from generator.model import Project
from generator.plan.rotation import PagePlan, Plan
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


def page_url(project: Project, page: PagePlan) -> str:
    """The page's public address: what its permanent entry code points at."""
    return project.site.base_url + page.path


def poster_content(project: Project, page: PagePlan) -> PosterContent:
    """The words, link, colour and logo of the poster for page."""
    lang = project.site.language
    url = page_url(project, page)
    address = url.split("://", 1)[-1]
    footer = address if page.channel is None else f"{page.channel.name} · {address}"
    return PosterContent(
        brand_title=project.site.title,
        title=page.campaign.title,
        call_to_action=t(lang, "poster_cta"),
        benefits=page.campaign.benefits,
        footer=footer,
        url=url,
        color=parse_color(project.site.brand.color),
        logo=project.site.brand.logo,
    )


def render_png(layout: PosterLayout, content: PosterContent, font_path: Path, lang: str = "zh") -> bytes:
    """Draw layout as a 300 dpi RGB PNG (deterministic bytes)."""
    width, height = layout.size.width, layout.size.height
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width - 1, layout.band_height - 1), fill=content.color)
    if layout.logo_box is not None and content.logo is not None:
        _paste_logo(image, content.logo, layout.logo_box, lang)
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


def _paste_logo(image: Image.Image, logo_path: Path, box: Box, lang: str) -> None:
    try:
        with Image.open(logo_path) as raw:
            logo = raw.convert("RGBA")
    except OSError as exc:
        raise QunmaError(t(lang, "poster_logo_unreadable", path=logo_path, detail=exc)) from None
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


def poster_png(project: Project, page: PagePlan, size: PosterSize, font_path: Path) -> bytes:
    """The poster for page at size: PNG bytes; QunmaError when its text cannot fit."""
    content = poster_content(project, page)
    layout = layout_poster(content, size, font_path)
    if layout.overflow:
        where = page.path.rstrip("/")
        raise QunmaError(t(project.site.language, "poster_too_much_text", page=where, size=size.name.upper()))
    return render_png(layout, content, font_path, project.site.language)


def poster_pages(plan: Plan, campaign_id: str | None = None, channel_id: str | None = None) -> list[PagePlan]:
    """The pages that get posters: one campaign's (or one channel's), else every campaign not archived."""
    pages = []
    for page in plan.pages:
        if campaign_id is None and page.campaign.archived:
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
    """Posters by site path ("<campaign>/[<channel>/]poster-a6.png"): all, or one campaign's or channel's."""
    check_ids(project, campaign_id, channel_id)
    files: dict[str, bytes] = {}
    for page in poster_pages(plan, campaign_id, channel_id):
        for size in sizes:
            files[f"{page.path}poster-{size.name}.png"] = poster_png(project, page, size, font)
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
    "poster_pages",
    "poster_png",
    "page_url",
]
