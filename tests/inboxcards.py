"""Saved WeChat group codes, drawn for the inbox tests: the card WeChat saves (group avatar, the group name
beside it above the code, the validity line under it) and a whole phone screenshot around it (status
bar, title, the toolbar under the card), light or dark, as PNG or as JPEG at a chosen quality and width.

A long name is cut with "…" where it would leave the card, as WeChat does; characters the CJK font lacks
(emoji such as ☕) come from DejaVu Sans, as a phone falls back to its emoji font.
"""

from __future__ import annotations

import io
import random
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SYMBOL_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PHONE = (1080, 2340)


def validity_line(month: int, day: int) -> str:
    """WeChat's line under a group code (Chinese interface)."""
    return f"该二维码7天内({month}月{day}日前)有效，重新进入将更新"


def group_link(seed: object) -> str:
    """A WeChat group-join link, different for every seed."""
    rng = random.Random(str(seed))
    return "https://weixin.qq.com/g/" + "".join(rng.choices(string.ascii_letters + string.digits, k=36))


@dataclass(frozen=True)
class Look:
    dark: bool = False

    @property
    def page(self) -> tuple[int, int, int]:
        return (17, 17, 17) if self.dark else (237, 237, 237)

    @property
    def card(self) -> tuple[int, int, int]:
        return (30, 30, 30) if self.dark else (255, 255, 255)

    @property
    def text(self) -> tuple[int, int, int]:
        return (213, 213, 213) if self.dark else (17, 17, 17)

    @property
    def hint(self) -> tuple[int, int, int]:
        return (115, 115, 115) if self.dark else (150, 150, 150)


def _font(size: int, symbol: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(SYMBOL_FONT if symbol else CJK_FONT), size)


def _draw_text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int, fill: object) -> None:
    """text from xy (left, vertical middle), each character in the font that has it."""
    cjk, symbol = _font(size), _font(size, symbol=True)
    x, y = xy
    for char in text:
        font = symbol if unicodedata.category(char) == "So" else cjk  # emoji: the phone's fallback font
        draw.text((x, y), char, font=font, fill=fill, anchor="lm")
        x += int(draw.textlength(char, font=font))


def _fit(draw: ImageDraw.ImageDraw, text: str, size: int, width: int) -> str:
    """text cut with "…" to fit width, as WeChat cuts a long group name."""
    cjk = _font(size)
    if draw.textlength(text, font=cjk) <= width:
        return text
    while text and draw.textlength(text + "…", font=cjk) > width:
        text = text[:-1]
    return text + "…"


def card(name: str, valid: str, link: str, look: Look = Look(), width: int = 900) -> Image.Image:
    """The card WeChat saves: avatar and name, the code, the validity line."""
    unit = width / 900
    image = Image.new("RGB", (width, int(width * 1.3)), look.card)
    draw = ImageDraw.Draw(image)
    avatar, left, top = int(150 * unit), int(90 * unit), int(90 * unit)
    rng = random.Random(name)
    for row in range(3):  # the group avatar: a grid of members' avatars
        for column in range(3):
            colour = tuple(rng.randrange(60, 230) for _ in range(3))
            x, y = left + column * avatar // 3, top + row * avatar // 3
            draw.rectangle([x + 2, y + 2, x + avatar // 3 - 2, y + avatar // 3 - 2], fill=colour)
    name_left, size = left + avatar + int(30 * unit), int(48 * unit)
    shown = _fit(draw, name, size, width - name_left - int(60 * unit))
    _draw_text(draw, (name_left, top + avatar // 2), shown, size, look.text)
    side = int(660 * unit)
    code_top = top + avatar + int(70 * unit)
    modules = (
        qrcode.make(link, border=0).get_image().convert("L").resize((side, side), Image.Resampling.NEAREST)
    )
    if look.dark:  # WeChat keeps the code dark on a light tile in dark mode
        margin = int(28 * unit)
        box = [
            (width - side) // 2 - margin,
            code_top - margin,
            (width + side) // 2 + margin,
            code_top + side + margin,
        ]
        draw.rounded_rectangle(box, radius=margin, fill=(226, 226, 226))
        modules = modules.point(lambda value: 226 if value else 0)
    image.paste(Image.merge("RGB", [modules] * 3), ((width - side) // 2, code_top))
    size = int(32 * unit)
    text_width = int(draw.textlength(valid, font=_font(size)))
    _draw_text(draw, ((width - text_width) // 2, code_top + side + int(60 * unit)), valid, size, look.hint)
    return image


def screenshot(saved: Image.Image, look: Look = Look()) -> Image.Image:
    """A 1080 × 2340 phone screen showing the card: status bar, title bar, the card, the toolbar."""
    width, height = PHONE
    image = Image.new("RGB", PHONE, look.page)
    draw = ImageDraw.Draw(image)
    _draw_text(draw, (60, 60), "10:24", 40, look.text)
    _draw_text(draw, (860, 60), "5G 87%", 36, look.text)
    _draw_text(draw, (440, 170), "群二维码", 50, look.text)
    fitted = saved.resize((960, int(saved.height * 960 / saved.width)), Image.Resampling.LANCZOS)
    image.paste(fitted, (60, 400))
    for x, label in ((140, "扫一扫"), (460, "换个样式"), (800, "保存图片")):
        _draw_text(draw, (x, 2150), label, 40, look.text)
    return image


def encoded(image: Image.Image, *, width: int | None = None, jpeg: int | None = None) -> bytes:
    """image as file bytes: scaled to width (keeping its shape), PNG or JPEG at quality `jpeg`."""
    if width is not None and width != image.width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if jpeg is None:
        image.save(buffer, format="PNG")
    else:
        image.save(buffer, format="JPEG", quality=jpeg)
    return buffer.getvalue()
