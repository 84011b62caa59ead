"""Fonts and line breaking for images with Chinese text (posters): find a CJK font, wrap by measured width.

Text is laid out with Pillow's basic layout engine, not Raqm: CJK needs no shaping, and the basic engine
gives the same pixels whichever libraqm a machine has, which keeps poster bytes deterministic.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from generator.errors import QunmaError
from generator.messages import t

FONT_ENV = "QUNMA_FONT"

# Where common systems keep a font with Chinese glyphs; the first one found is used.
KNOWN_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian/Ubuntu: fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian/Ubuntu: fonts-wqy-zenhei
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian/Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch
    "/System/Library/Fonts/PingFang.ttc",  # macOS
    "/System/Library/Fonts/STHeiti Medium.ttc",  # older macOS
    "C:/Windows/Fonts/msyh.ttc",  # Windows: Microsoft YaHei
)

# Punctuation that must not start a line (避头) in Chinese typesetting.
NO_LINE_START = set("，。、；：？！）】》」』”’…—,.;:?!)]}%")

_TOKEN = re.compile(r"[A-Za-z0-9@#&/\\._:+=?%~-]+ *|\S *| +")


def find_font(explicit: Path | None, lang: str, env: Mapping[str, str] | None = None) -> Path:
    """The CJK font to use: `explicit` (--font), else $QUNMA_FONT, else the first known system font."""
    env = os.environ if env is None else env
    chosen = explicit if explicit is not None else (Path(env[FONT_ENV]) if env.get(FONT_ENV) else None)
    if chosen is not None:
        if not chosen.is_file():
            raise QunmaError(t(lang, "font_missing", path=chosen, env=FONT_ENV))
        if not has_cjk(chosen):
            raise QunmaError(t(lang, "font_no_cjk", path=chosen, env=FONT_ENV))
        return chosen
    for candidate in KNOWN_FONTS:
        if Path(candidate).is_file():
            return Path(candidate)
    raise QunmaError(t(lang, "font_none", env=FONT_ENV))


def has_cjk(path: Path) -> bool:
    """Whether the font at path draws 群 as a real glyph rather than its 'missing glyph' box."""
    try:
        font = load_font(path, 48)
    except OSError:
        return False
    # A character in a private-use plane is missing from every font: it renders as .notdef.
    return bytes(font.getmask("群")) != bytes(font.getmask("\U000f0000"))


@lru_cache(maxsize=64)
def load_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """The font at path in pixel size `size` (cached: posters ask for the same few sizes again and again)."""
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def tokens(text: str) -> list[str]:
    """Break opportunities: each CJK character alone, Latin words and links whole, with trailing spaces."""
    return _TOKEN.findall(text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """text as lines no wider than width (measured), honouring explicit newlines; nothing is dropped."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, width) or [""])
    return lines


def _wrap_paragraph(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for token in _fit_tokens(tokens(text), font, width):
        if current and font.getlength((current + token).rstrip()) > width:
            current, token = _keep_punctuation(current, token)
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _fit_tokens(parts: list[str], font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    # A word or link wider than the line is split into characters rather than cut off.
    fitted: list[str] = []
    for part in parts:
        fitted.extend(list(part) if font.getlength(part.rstrip()) > width else [part])
    return fitted


def _keep_punctuation(current: str, token: str) -> tuple[str, str]:
    # A closing mark may not start a line: carry the line's last character down with it.
    if token[:1] in NO_LINE_START and len(current.rstrip()) > 1:
        stripped = current.rstrip()
        return stripped[:-1], stripped[-1] + token
    return current, token
