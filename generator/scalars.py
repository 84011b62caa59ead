"""The single-value shapes of campaigns.yml: numbers, switches, ids, times, durations, placeholders (links:
generator/urls.py).

Each one parses the node's text and owns its JSON Schema pattern, built from the same regular expression.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
import zoneinfo
from datetime import datetime, timedelta, timezone
from typing import Any

from yaml.nodes import ScalarNode

from generator.shapes import BOOL_WORDS, INVALID, Ctx, Json, Scalar, Str, shorten, suggest

_INT = re.compile(r"[-+]?[0-9]{1,15}")
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
COLOR = r"#[0-9a-fA-F]{6}"
CLOCK = r"([01]?[0-9]|2[0-3]):([0-5][0-9])"
_DATE = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
_TIME_OF_DAY = r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?"
_OFFSET = r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)"
TIME = rf"{_DATE}(?:[T ]{_TIME_OF_DAY} ?{_OFFSET}?)?"
DURATION = r"(?:([0-9]{1,5})d)?(?:([0-9]{1,6})h)?(?:([0-9]{1,7})m)?"


class Int(Scalar):
    """A whole number, unquoted, at least `minimum`."""

    expected = "expect_int"

    def __init__(self, minimum: int = 0) -> None:
        self.minimum = minimum

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if not _INT.fullmatch(text):
            return self.wrong(node, ctx)
        if node.style:  # quoted ("" is plain for libyaml, None for PyYAML)
            return ctx.error(node, "int_quoted", value=text)
        value = int(text)
        if value < self.minimum:
            return ctx.error(node, "int_too_small", value=value, minimum=self.minimum)
        return value

    def schema(self) -> Json:
        return {"type": "integer", "minimum": self.minimum}


class Bool(Scalar):
    """true or false, unquoted."""

    expected = "expect_bool"

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if not node.style and text in BOOL_WORDS:
            return BOOL_WORDS[text]
        return self.wrong(node, ctx)

    def schema(self) -> Json:
        return {"type": "boolean"}


class Enum(Scalar):
    """One of a few words."""

    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if text in self.choices:
            return text
        guess = suggest(text, self.choices)
        choices = ctx.listing(self.choices)
        if guess is not None:
            return ctx.error(node, "enum_suggest", value=shorten(text), suggestion=guess, choices=choices)
        return ctx.error(node, "enum_bad", value=shorten(text), choices=choices)

    def schema(self) -> Json:
        return {"enum": list(self.choices)}


def slugify(text: str) -> str:
    """A URL slug close to text: "Autumn Sale!" → "autumn-sale" ("" when nothing Latin is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


class Slug(Scalar):
    """An id that becomes part of a URL: lowercase letters, digits and "-"."""

    _pattern = re.compile(SLUG)

    def __init__(self, *, reserved: tuple[str, ...] = ()) -> None:
        self.reserved = reserved  # ids whose URL the site itself uses

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if text in self.reserved:
            return ctx.error(node, "slug_reserved", value=text, reserved=ctx.listing(self.reserved))
        if self._pattern.fullmatch(text):
            return text
        fixed = slugify(text)
        if fixed:
            return ctx.error(node, "slug_bad", value=shorten(text), suggestion=fixed)
        return ctx.error(node, "slug_bad_no_latin", value=shorten(text))

    def schema(self) -> Json:
        body: Json = {"type": ["string", "integer"], "pattern": f"^{SLUG}$"}
        if self.reserved:
            body["not"] = {"enum": list(self.reserved)}
        return body


class Color(Scalar):
    """A colour as #rrggbb (quoted, since # starts a comment in YAML); read in lowercase."""

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if re.fullmatch(COLOR, text):
            return text.lower()
        return ctx.error(node, "color_bad", value=shorten(text))

    def schema(self) -> Json:
        return {"type": "string", "pattern": f"^{COLOR}$"}


class Clock(Scalar):
    """A time of day, "HH:MM" (read zero-padded)."""

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        match = re.fullmatch(CLOCK, text)
        if match is None:
            return ctx.error(node, "clock_bad", value=shorten(text))
        return f"{int(match[1]):02d}:{match[2]}"

    def schema(self) -> Json:
        return {"type": "string", "pattern": f"^{CLOCK}$"}


class Time(Scalar):
    """A moment: `2026-11-20`, `2026-11-20 10:00` (site time zone) or ISO 8601 with an offset.

    A date alone is the start of that day, or its end (the next midnight) when `end_of_day` is set;
    `never` (when allowed) reads as None.
    """

    _pattern = re.compile(TIME)

    def __init__(self, *, end_of_day: bool = False, allow_never: bool = False) -> None:
        self.end_of_day = end_of_day
        self.allow_never = allow_never

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if self.allow_never and text == "never":
            return None
        match = self._pattern.fullmatch(text)
        if match is None:
            key = "time_bad_or_never" if self.allow_never else "time_bad"
            return ctx.error(node, key, value=shorten(text))
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        if year < 1:
            return ctx.error(node, "time_bad", value=shorten(text))
        if not 1 <= month <= 12:
            return ctx.error(node, "date_bad_month", value=text, month=month)
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return ctx.error(node, "date_bad_day", value=text, year=year, month=month, days=days)
        return self._moment(match, ctx, node)

    def _moment(self, match: re.Match[str], ctx: Ctx, node: ScalarNode) -> Any:
        hour, minute = int(match[4] or 0), int(match[5] or 0)
        second = int(match[6] or 0)
        micro = int((match[7] or "0").ljust(6, "0"))
        if hour > 23 or minute > 59 or second > 59:
            return ctx.error(node, "clock_impossible", value=match[0])
        offset = _offset(match[8])
        if offset is None and match[8]:
            return ctx.error(node, "offset_bad", value=match[8])
        zone = ctx.tz if offset is None else timezone(offset)
        try:
            moment = datetime(int(match[1]), int(match[2]), int(match[3]), hour, minute, second, micro, zone)
            if self.end_of_day and match[4] is None:
                moment += timedelta(days=1)
            return moment.astimezone(ctx.tz)
        except (OverflowError, ValueError):  # the last day of year 9999 has no "end of day"
            return ctx.error(node, "time_bad", value=match[0])

    def schema(self) -> Json:
        pattern = f"never|{TIME}" if self.allow_never else TIME
        return {"type": "string", "pattern": f"^(?:{pattern})$"}


def _offset(text: str | None) -> timedelta | None:
    if not text or text == "Z":
        return timedelta(0) if text == "Z" else None
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        return None
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=hours, minutes=minutes)


class Duration(Scalar):
    """A length of time: `12h`, `30m`, `2d`, `1d12h`, or a plain 0.

    A bare number is refused (hours or days?): the message offers both readings.
    """

    _pattern = re.compile(DURATION)

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if text == "0" and not node.style:
            return timedelta(0)
        match = self._pattern.fullmatch(text)
        if match is None or not text:
            if _INT.fullmatch(text):
                return ctx.error(node, "duration_bare_number", value=text)
            return ctx.error(node, "duration_bad", value=shorten(text))
        days, hours, minutes = (int(part or 0) for part in match.groups())
        return timedelta(days=days, hours=hours, minutes=minutes)

    def schema(self) -> Json:
        return {"anyOf": [{"type": "string", "pattern": f"^{DURATION}$", "minLength": 2}, {"const": 0}]}


class Timezone(Str):
    """An IANA time zone name such as Asia/Shanghai."""

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        try:
            zoneinfo.ZoneInfo(text)
            return text
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            guess = suggest(text, zoneinfo.available_timezones()) or "Asia/Shanghai"
            return ctx.error(node, "timezone_bad", value=shorten(text), suggestion=guess)

    def schema(self) -> Json:
        return {"type": "string", "examples": ["Asia/Shanghai"]}


_PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")


class Text(Str):
    """Text with placeholders such as {nickname}: only the listed ones may appear."""

    def __init__(self, *placeholders: str) -> None:
        self.placeholders = placeholders

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        value = super().parse(text, node, ctx)
        if value is INVALID:
            return value
        allowed = ctx.listing(f"{{{name}}}" for name in self.placeholders)
        for name in _PLACEHOLDER.findall(text):
            if name not in self.placeholders:
                guess = suggest(name, self.placeholders)
                if guess is not None:
                    return ctx.error(
                        node, "placeholder_suggest", name=name, suggestion=guess, allowed=allowed
                    )
                return ctx.error(node, "placeholder_bad", name=shorten(name), allowed=allowed)
        return value
