"""Print PDFs of posters: the PNG's very layout, as a print shop wants it.

The page is the trimmed size (A6 105 × 148 mm, A4 210 × 297 mm: the TrimBox) with 3 mm of bleed all round
(the BleedBox: the colour band runs into it, so a cut a little off leaves no white sliver), and beyond the
bleed a slug holding the crop marks (the MediaBox). The entry code is vector: its dark modules are filled
rectangles, sharp at any size. Text is real text in the embedded (subset) CJK font; a font ReportLab cannot
embed (PostScript outlines, as in Noto Sans CJK) gives the text as 600 dpi images instead.

ReportLab writes the file: it embeds subsets of TrueType fonts (a face of a .ttc collection too) and, in
its invariant mode, gives the same bytes for the same poster (fixed dates and document id).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from hashlib import sha256
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from generator.qr.image import qr_matrix
from generator.render.poster_layout import RGB, Box, PosterContent, PosterLayout, TextBlock, accent
from generator.render.typeset import load_font

MM = 72 / 25.4  # PDF points in a millimetre
PX = 72 / 300  # PDF points in a layout pixel (layouts are drawn at 300 dpi)
BLEED = 3 * MM
MARK_GAP = BLEED  # crop marks start where the bleed ends, so they are never inside the printed area
MARK_LENGTH = 5 * MM
SLUG = MARK_GAP + MARK_LENGTH + 2 * MM  # from the trim edge to the paper's edge
MARK_WIDTH = 0.25  # points: a hairline, as marks are
RASTER = 2  # text images, when the font cannot be embedded: 2 × 300 = 600 dpi
TRIM_MM = {"a6": (105, 148), "a4": (210, 297)}
FONT_FACE = 0  # the face of a .ttc collection that Pillow draws the PNG with (its default)


def poster_pdf(
    layout: PosterLayout, content: PosterContent, font_path: Path, logo: Image.Image | None
) -> bytes:
    """The print PDF of a laid-out poster (deterministic bytes)."""
    trim_w, trim_h = (side * MM for side in TRIM_MM[layout.size.name])
    font = _embedded_font(font_path)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(trim_w + 2 * SLUG, trim_h + 2 * SLUG),
        invariant=1,  # fixed dates and document id: the same poster gives the same bytes
        pageCompression=1,
        initialFontName=font,  # else Helvetica, unembedded, sits in the resources and worries preflight
    )
    canvas.setTitle(f"{content.title} · {layout.size.name.upper()}")
    canvas.setAuthor(content.brand_title)
    canvas.setCreator("qunma")
    canvas.setTrimBox((SLUG, SLUG, SLUG + trim_w, SLUG + trim_h))
    canvas.setBleedBox((SLUG - BLEED, SLUG - BLEED, SLUG + trim_w + BLEED, SLUG + trim_h + BLEED))
    # Layout pixels → page points: the layout centred on the trimmed page, y pointing down.
    left = SLUG + (trim_w - layout.size.width * PX) / 2
    top = SLUG + trim_h - (trim_h - layout.size.height * PX) / 2
    page = _Page(canvas, lambda x: left + x * PX, lambda y: top - y * PX)
    _band(canvas, content.color, page.y(layout.band_height), trim_w, trim_h)
    if layout.logo_box is not None and logo is not None:
        _logo(page, logo, layout.logo_box)
    _code(page, content, layout)
    canvas.setFillColorRGB(*_unit(accent(content.color)))
    for x, y, r in layout.bullets:
        canvas.circle(page.x(x), page.y(y), r * PX, stroke=0, fill=1)
    for block in layout.blocks:
        if font is None:
            _text_as_images(page, block, font_path)
        else:
            _text(page, block, font, font_path)
    _crop_marks(canvas, trim_w, trim_h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _Page:
    """The canvas with the layout's coordinates (pixels at 300 dpi, y down) mapped onto the page."""

    def __init__(self, canvas: Canvas, x: Callable[[float], float], y: Callable[[float], float]) -> None:
        self.canvas, self.x, self.y = canvas, x, y

    def rect(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """(x, y, width, height) in points of a layout box (left, top, right, bottom)."""
        return self.x(box[0]), self.y(box[3]), (box[2] - box[0]) * PX, (box[3] - box[1]) * PX


def _unit(rgb: RGB) -> tuple[float, float, float]:
    return rgb[0] / 255, rgb[1] / 255, rgb[2] / 255


def _band(canvas: Canvas, color: RGB, bottom: float, trim_w: float, trim_h: float) -> None:
    # Out to the bleed on the top and both sides: the band is the only thing that touches an edge.
    canvas.setFillColorRGB(*_unit(color))
    top = SLUG + trim_h + BLEED
    canvas.rect(SLUG - BLEED, bottom, trim_w + 2 * BLEED, top - bottom, stroke=0, fill=1)


def _logo(page: _Page, logo: Image.Image, box: Box) -> None:
    # Where the PNG pastes it (fitted, centred), resampled to 600 dpi for that size.
    ratio = min((box[2] - box[0]) / logo.width, (box[3] - box[1]) / logo.height)
    width, height = logo.width * ratio, logo.height * ratio
    left, top = box[0] + (box[2] - box[0] - width) / 2, box[1] + (box[3] - box[1] - height) / 2
    pixels = (max(1, round(width * RASTER)), max(1, round(height * RASTER)))
    image = ImageReader(logo.resize(pixels, Image.Resampling.LANCZOS))
    page.canvas.drawImage(image, *page.rect((left, top, left + width, top + height)), mask="auto")


def _code(page: _Page, content: PosterContent, layout: PosterLayout) -> None:
    """The frame and the entry code where the PNG draws them; each run of dark modules in a row is one
    filled rectangle, all in one path (no hairline seams between neighbouring modules)."""
    left, top, right, bottom = layout.qr_box
    frame = max(4, (right - left) // 90)
    canvas = page.canvas
    canvas.setStrokeColorRGB(*_unit(content.color))
    canvas.setLineWidth(frame * PX)
    inset = frame / 2
    x, y, w, h = page.rect((left + inset, top + inset, right + 1 - inset, bottom + 1 - inset))
    canvas.roundRect(x, y, w, h, (frame * 4 - inset) * PX, stroke=1, fill=0)
    matrix = qr_matrix(content.url)
    modules = len(matrix) + 8
    scale = max(1, (right - left - 4 * frame) // modules)
    side = modules * scale
    origin_x = left + (right - left - side) // 2 + 4 * scale
    origin_y = top + (bottom - top - side) // 2 + 4 * scale
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            cell = (origin_x + start * scale, origin_y + r * scale)
            path.rect(*page.rect((*cell, cell[0] + (c - start) * scale, cell[1] + scale)))
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)


@lru_cache(maxsize=8)
def _embedded_font(font_path: Path) -> str | None:
    """The name under which ReportLab knows the font at font_path; None when it cannot embed it."""
    name = "qunma-" + sha256(str(font_path).encode()).hexdigest()[:12]
    try:
        pdfmetrics.registerFont(TTFont(name, str(font_path), subfontIndex=FONT_FACE))
    except (TTFError, OSError, ValueError, KeyError, IndexError):  # not a TrueType font ReportLab can use
        return None
    return name


def _text(page: _Page, block: TextBlock, font: str, font_path: Path) -> None:
    # Pillow places a line by its ascender (anchor "la"): the baseline is one ascent below the origin.
    ascent = load_font(font_path, block.size).getmetrics()[0]
    canvas = page.canvas
    # The render mode outlives the text object in the graphics state, and ReportLab, assuming fill,
    # would not reset it: each block in its own saved state.
    canvas.saveState()
    canvas.setFillColorRGB(*_unit(block.fill))
    canvas.setStrokeColorRGB(*_unit(block.fill))
    canvas.setLineWidth(2 * block.stroke * PX)  # Pillow's stroke reaches `stroke` beyond the outline
    canvas.setLineJoin(1)
    for line, (x, y) in zip(block.lines, block.origins, strict=True):
        text = canvas.beginText(page.x(x), page.y(y + ascent))
        text.setFont(font, block.size * PX)
        text.setTextRenderMode(2 if block.stroke else 0)  # 2: fill, then stroke (the faux bold)
        text.textOut(line)
        canvas.drawText(text)
    canvas.restoreState()


def _text_as_images(page: _Page, block: TextBlock, font_path: Path) -> None:
    font = load_font(font_path, block.size * RASTER)
    for line, (x, y), box in zip(block.lines, block.origins, block.boxes, strict=True):
        if not line.strip() or box[2] <= box[0]:
            continue
        pad = block.stroke + 2  # room for the stroke and for anti-aliasing past the measured box
        area = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
        size = ((area[2] - area[0]) * RASTER, (area[3] - area[1]) * RASTER)
        mask = Image.new("L", size, 0)
        origin = ((x - area[0]) * RASTER, (y - area[1]) * RASTER)
        stroke = block.stroke * RASTER
        ImageDraw.Draw(mask).text(origin, line, font=font, fill=255, stroke_width=stroke, stroke_fill=255)
        image = Image.new("RGBA", size, (*block.fill, 0))
        image.putalpha(mask)
        page.canvas.drawImage(ImageReader(image), *page.rect(area), mask="auto")


def _crop_marks(canvas: Canvas, trim_w: float, trim_h: float) -> None:
    """Eight hairlines on the lines of the cut, in the slug outside the bleed, in registration black."""
    canvas.setStrokeColorCMYK(1, 1, 1, 1)
    canvas.setLineWidth(MARK_WIDTH)
    near, far = SLUG - MARK_GAP, SLUG - MARK_GAP - MARK_LENGTH  # distances from the paper's edge
    right, top = SLUG + trim_w, SLUG + trim_h
    width, height = trim_w + 2 * SLUG, trim_h + 2 * SLUG
    lines = []
    for x in (SLUG, right):
        lines += [(x, far, x, near), (x, height - far, x, height - near)]
    for y in (SLUG, top):
        lines += [(far, y, near, y), (width - far, y, width - near, y)]
    canvas.lines(lines)
