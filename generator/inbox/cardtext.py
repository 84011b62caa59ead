"""What the text read on a saved group code says: the group name above the code and the last valid
day printed under it ("该二维码7天内(11月30日前)有效，重新进入将更新"; in English, "… valid … 11/30")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.inbox.ocr import Box, Line

_DAY_ZH = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DAY_EN = re.compile(r"(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})(?!\d)")
_VALIDITY_WORDS = ("有效", "valid", "expire")
# WeChat cuts a long group name with "…"; a reader may see it as "...", "⋯", "。。" or a lone "·" (which
# may also be an emoji: matching.MIN_PREFIX tells the two apart).
ELLIPSIS = re.compile(r"(?:…|⋯|\.+|。{2,}|[·･・]+)\s*$")


@dataclass(frozen=True)
class CardText:
    name: str | None  # the group name as read, without WeChat's "…"
    truncated: bool  # the name was cut by WeChat (ended in "…")
    day: tuple[int, int] | None  # (month, day) of the last valid day
    day_score: float  # how sure the reader was of the line the day was read on (0-1)


def card_text(lines: list[Line], code: Box) -> CardText:
    """The name (above the code at `code`) and the day (under it) among the lines read."""
    day, score, day_lines = _day(lines, code)
    name, truncated = _name([line for line in lines if line not in day_lines], code)
    return CardText(name, truncated, day, score)


def day_in_file_name(stem: str) -> tuple[int, int] | None:
    """(month, day) a marketer wrote in a file name as 11月30日 (or 11月30号). Only this form: the dates
    screenshot tools put in names ("Screenshot 2026-11-23") are the day of saving, not of expiry."""
    found = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]", unicodedata.normalize("NFKC", stem))
    return None if found is None else (int(found[1]), int(found[2]))


def day_in(text: str) -> tuple[int, int] | None:
    """(month, day) written as 11月30日 (or 11/30 beside an English validity word) in text."""
    plain = unicodedata.normalize("NFKC", text)
    found = _DAY_ZH.search(plain)
    if found is None and any(word in plain.lower() for word in _VALIDITY_WORDS[1:]):
        found = _DAY_EN.search(plain)
    return None if found is None else (int(found[1]), int(found[2]))


def _day(lines: list[Line], code: Box) -> tuple[tuple[int, int] | None, float, list[Line]]:
    below = [line for line in lines if line.box[1] >= (code[1] + code[3]) / 2]
    dated = [(line, day) for line in below if (day := day_in(line.text)) is not None]
    # The validity line itself first (a date elsewhere on a screenshot, in a chat bubble, comes later).
    dated.sort(key=lambda pair: not any(word in pair[0].text.lower() for word in _VALIDITY_WORDS))
    if not dated:
        return None, 0.0, []
    line, day = dated[0]
    return day, line.score, [line]


def _name(lines: list[Line], code: Box) -> tuple[str | None, bool]:
    above = [line for line in lines if _has_words(line.text) and line.box[3] <= code[1] + 4]
    if not above:
        return None, False
    nearest = max(above, key=lambda line: line.box[3])  # the line right above the code
    middle, height = (nearest.box[1] + nearest.box[3]) / 2, nearest.box[3] - nearest.box[1]
    row = sorted(
        (line for line in above if abs((line.box[1] + line.box[3]) / 2 - middle) <= height / 2),
        key=lambda line: line.box[0],
    )
    text = "".join(line.text.strip() for line in row)
    cut = ELLIPSIS.search(text)
    return (text[: cut.start()].strip() if cut else text) or None, cut is not None


def _has_words(text: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" for char in text)
