"""Poster layout, pure: where every line, the logo and the entry code go, and whether it all fits.

Lengths are written for A6 at 300 dpi (1240 px wide) and scaled by the page width. Text shrinks in steps
until it fits; it is never cut: when even the smallest step overflows, `overflow` is True and the poster
is refused with a message instead of printed wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from generator.render.typeset import load_font, wrap

Box = tuple[int, int, int, int]  # left, top, right, bottom
RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
INK: RGB = (34, 34, 34)
GREY: RGB = (80, 80, 80)
LINE_PITCH = 1.4  # line distance as a multiple of the font size
LINE_HEIGHT = 1.25  # one line's height (ascent + descent of the CJK fonts, rounded up)


@dataclass(frozen=True)
class PosterSize:
    name: str
    width: int  # pixels at 300 dpi
    height: int


A6 = PosterSize("a6", 1240, 1748)  # 105 × 148 mm: parcel card
A4 = PosterSize("a4", 2480, 3508)  # 210 × 297 mm: standee
SIZES: dict[str, PosterSize] = {"a6": A6, "a4": A4}


@dataclass(frozen=True)
class PosterContent:
    """What a poster says, in the site's language."""

    brand_title: str
    title: str
    call_to_action: str
    benefits: tuple[str, ...]
    footer: str  # channel name and the page address, for people who cannot scan
    url: str  # inside the entry code
    color: RGB
    logo: Path | None


@dataclass(frozen=True)
class TextBlock:
    lines: tuple[str, ...]
    size: int  # font pixel size
    origins: tuple[tuple[int, int], ...]  # left-top anchor of each line
    boxes: tuple[Box, ...]  # ink box of each line as it will be drawn
    fill: RGB
    stroke: int = 0  # faux bold: the CJK fonts we can count on have no bold face

    @property
    def height(self) -> int:
        """From the block's top to the bottom of its last line (by line pitch, not ink)."""
        return round(self.size * LINE_PITCH) * (len(self.lines) - 1) + round(self.size * LINE_HEIGHT)

    def moved(self, dx: int, dy: int) -> TextBlock:
        """The same block shifted by (dx, dy)."""
        origins = tuple((x + dx, y + dy) for x, y in self.origins)
        boxes = tuple((a + dx, b + dy, c + dx, d + dy) for a, b, c, d in self.boxes)
        return replace(self, origins=origins, boxes=boxes)


@dataclass(frozen=True)
class PosterLayout:
    size: PosterSize
    margin: int
    band_height: int
    logo_box: Box | None
    qr_box: Box
    bullets: tuple[tuple[int, int, int], ...]  # centre x, centre y, radius
    blocks: tuple[TextBlock, ...]
    overflow: bool  # True when the text cannot fit even at the smallest sizes


@dataclass(frozen=True)
class _Step:
    title_lines: int  # the title shrinks until it takes at most this many lines
    benefit_size: int  # A6 pixels
    qr_min: int  # A6 pixels: ~34 mm on A6, still easy to scan from a parcel card


FIT_STEPS = (_Step(2, 42, 560), _Step(3, 38, 480), _Step(4, 34, 420), _Step(6, 28, 380))


def parse_color(value: str) -> RGB:
    """#rgb or #rrggbb as an RGB triple (the loader has checked the form)."""
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(rgb: RGB) -> float:
        r, g, b = ((c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def on_color(background: RGB) -> RGB:
    """White or near-black, whichever reads better on background."""
    return WHITE if contrast(WHITE, background) >= contrast(INK, background) else INK


def accent(color: RGB) -> RGB:
    """The brand colour for text on white, or near-black when it is too light to read."""
    return color if contrast(color, WHITE) >= 4.5 else INK


def text_block(
    text: str, font_path: Path, size: int, width: int, fill: RGB, *, center: bool, bold: bool = False
) -> TextBlock:
    """text wrapped to width, top-left at (0, 0); each line centred in width or left-aligned."""
    font = load_font(font_path, size)
    stroke = max(1, round(size / 40)) if bold else 0
    lines = wrap(text, font, width - 2 * stroke)
    step = round(size * LINE_PITCH)
    origins, boxes = [], []
    for i, line in enumerate(lines):
        x = stroke + (round((width - 2 * stroke - font.getlength(line)) / 2) if center else 0)
        y = i * step
        a, b, c, d = font.getbbox(line, stroke_width=stroke) if line else (0, 0, 0, 0)
        origins.append((x, y))
        boxes.append((x + math.floor(a), y + math.floor(b), x + math.ceil(c), y + math.ceil(d)))
    return TextBlock(tuple(lines), size, tuple(origins), tuple(boxes), fill, stroke)


def shrink_to_fit(
    text: str, font_path: Path, sizes: range, width: int, max_lines: int, fill: RGB, *, center: bool = True
) -> TextBlock:
    """Bold text at the largest size in sizes (descending) taking at most max_lines; else the smallest."""
    block = text_block(text, font_path, sizes[0], width, fill, center=center, bold=True)
    for size in sizes[1:]:
        if len(block.lines) <= max_lines:
            break
        block = text_block(text, font_path, size, width, fill, center=center, bold=True)
    return block


def layout_poster(content: PosterContent, size: PosterSize, font_path: Path) -> PosterLayout:
    """Place everything on the page: the largest text and code that fit, shrinking step by step."""
    layout = _layout(content, size, font_path, FIT_STEPS[0])
    for step in FIT_STEPS[1:]:
        if not layout.overflow:
            break
        layout = _layout(content, size, font_path, step)
    return layout


def _px(value: float, size: PosterSize) -> int:
    return round(value * size.width / A6.width)


def _layout(content: PosterContent, size: PosterSize, font_path: Path, step: _Step) -> PosterLayout:
    margin, gap, band = _px(70, size), _px(40, size), _px(250, size)
    inner = size.width - 2 * margin
    logo_box, brand = _band(content, font_path, size)
    sizes = range(_px(96, size), _px(40, size), -_px(4, size))
    title = shrink_to_fit(content.title, font_path, sizes, inner, step.title_lines, INK)
    cta = text_block(
        content.call_to_action, font_path, _px(60, size), inner, accent(content.color), center=True, bold=True
    )
    benefits = _benefits(content.benefits, font_path, _px(step.benefit_size, size), inner)
    footer = text_block(content.footer, font_path, _px(28, size), inner, GREY, center=True)
    footer = footer.moved(margin, size.height - margin - footer.height)
    stack = title.height + cta.height + _stack_height(benefits, gap // 2)
    free = footer.origins[0][1] - band - stack - gap * (5 if benefits else 4)
    qr_side = min(_px(640, size), free)
    title = title.moved(margin, band + gap + max(0, (free - qr_side) // 2))
    qr_box = _centered(size.width, title.origins[0][1] + title.height + gap, qr_side)
    cta = cta.moved(margin, qr_box[3] + gap)
    benefits, bullets = _place_benefits(benefits, size.width, cta.origins[0][1] + cta.height + gap, gap // 2)
    blocks = (brand, title, cta, *benefits, footer)
    layout = PosterLayout(size, margin, band, logo_box, qr_box, bullets, blocks, overflow=False)
    fits = qr_side >= _px(step.qr_min, size) and _inside(layout) and brand.height <= band - 2 * band_pad(size)
    return replace(layout, overflow=not fits)


def band_pad(size: PosterSize) -> int:
    """The least distance between text and the page's top edge (3 mm: printers trim with that tolerance)."""
    return _px(36, size)


def _band(content: PosterContent, font_path: Path, size: PosterSize) -> tuple[Box | None, TextBlock]:
    # Logo and site title sit side by side, centred together in the brand-colour band.
    margin, band, side = _px(70, size), _px(250, size), _px(150, size)
    gap = 0 if content.logo is None else side + _px(36, size)
    sizes = range(_px(56, size), _px(28, size), -_px(4, size))
    fill = on_color(content.color)
    block = shrink_to_fit(
        content.brand_title, font_path, sizes, size.width - 2 * margin - gap, 2, fill, center=False
    )
    text_width = max(box[2] for box in block.boxes)
    left = max(margin, (size.width - gap - text_width) // 2)
    logo_box = None if content.logo is None else (left, (band - side) // 2, left + side, (band + side) // 2)
    return logo_box, block.moved(left + gap, (band - block.height) // 2)


def _benefits(benefits: tuple[str, ...], font_path: Path, size: int, inner: int) -> list[TextBlock]:
    indent = round(size * 1.1)  # room for the bullet
    return [
        text_block(text, font_path, size, inner - indent, INK, center=False).moved(indent, 0)
        for text in benefits
    ]


def _stack_height(blocks: list[TextBlock], gap: int) -> int:
    return sum(block.height for block in blocks) + gap * max(0, len(blocks) - 1)


def _place_benefits(
    blocks: list[TextBlock], width: int, top: int, gap: int
) -> tuple[list[TextBlock], tuple[tuple[int, int, int], ...]]:
    # The list is left-aligned, and centred on the page as a whole.
    right = max((box[2] for block in blocks for box in block.boxes), default=0)
    dx = (width - right) // 2
    placed, bullets = [], []
    for block in blocks:
        radius = round(block.size * 0.18)
        placed.append(block.moved(dx, top))
        bullets.append((dx + radius, top + round(block.size * 0.62), radius))
        top += block.height + gap
    return placed, tuple(bullets)


def _centered(width: int, top: int, side: int) -> Box:
    left = (width - side) // 2
    return left, top, left + side, top + side


def safe_area(size: PosterSize) -> Box:
    """Where text may go: inside the side and bottom margins, and clear of the top edge."""
    margin = _px(70, size)
    return margin, band_pad(size), size.width - margin, size.height - margin


def _inside(layout: PosterLayout) -> bool:
    left, top, right, bottom = safe_area(layout.size)
    boxes = [box for block in layout.blocks for box in block.boxes if box[2] > box[0]]
    return all(left <= a and top <= b and c <= right and d <= bottom for a, b, c, d in boxes)
