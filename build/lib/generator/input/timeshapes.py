"""The time shapes of campaigns.yml: moments (`2026-11-20 10:00`) and durations (`12h`, `1d12h`).

Each parses the node's text and owns its JSON Schema pattern, built from the same regular expression.
Both keep to the ranges of generator/input/bounds.py, so that nothing computed from them can overflow.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from yaml.nodes import ScalarNode

from generator.input.bounds import FIRST_YEAR, LAST_YEAR, MAX_DIGITS, MAX_DURATION, later, settle
from generator.input.scalars import INT
from generator.input.shapes import Ctx, Json, Scalar, shorten

_DATE = r"([0-9]{Y})-([0-9]{1,2})-([0-9]{1,2})"
_TIME_OF_DAY = r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?"
_OFFSET = r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)"
# Editors are shown four-digit years; the loader reads longer ones to say "out of range", not "not a time".
TIME = rf"{_DATE}(?:[T ]{_TIME_OF_DAY} ?{_OFFSET}?)?".replace("{Y}", "{4}")
_ANY_YEAR_TIME = TIME.replace("{4}", "{4,}", 1)
# The loader reads any number of digits, to say "too long" rather than "not a duration"; editors are
# shown the digits a duration of at most MAX_DURATION can have.
_DURATION = r"(?:([0-9]{n})d)?(?:([0-9]{n})h)?(?:([0-9]{n})m)?"
DURATION = _DURATION.replace("{n}", "{1,7}")


class Time(Scalar):
    """A moment: `2026-11-20`, `2026-11-20 10:00` (site time zone) or ISO 8601 with an offset.

    A date alone is the start of that day, or its end (the next midnight) when `end_of_day` is set: the
    end of 9999-12-31, the end of time, reads as None (no end). `never` (when allowed) reads as None.
    """

    _pattern = re.compile(_ANY_YEAR_TIME)

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
        digits = match[1]
        year = int(digits) if len(digits) == 4 else 0  # longer: never converted (int() refuses 4,300 digits)
        month, day = int(match[2]), int(match[3])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return ctx.error(node, "time_out_of_range", value=text, first=FIRST_YEAR, last=LAST_YEAR)
        if not 1 <= month <= 12:
            return ctx.error(node, "date_bad_month", value=text, month=month)
        if not 1 <= day <= 28:  # every month has 28 days: the calendar is asked about the others only
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
        written = datetime(int(match[1]), int(match[2]), int(match[3]), hour, minute, second, micro, zone)
        if self.end_of_day and match[4] is None:
            end = later(written, timedelta(days=1))
            if end is None:
                return None  # the end of the last day there is: no end at all
            written = end
        if written.year < LAST_YEAR:  # a day's slack and more: every zone holds it
            return written.astimezone(ctx.tz)
        moment = settle(written, ctx.tz)
        if moment is None:  # the last hours of 9999 behind UTC
            return ctx.error(node, "time_out_of_range", value=match[0], first=FIRST_YEAR, last=LAST_YEAR)
        return moment

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
    """A length of time: `12h`, `30m`, `2d`, `1d12h`, or a plain 0; at most MAX_DURATION.

    A bare number is refused (hours or days?): the message offers both readings.
    """

    _pattern = re.compile(_DURATION.replace("{n}", "+"))

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if text == "0" and not node.style:
            return timedelta(0)
        match = self._pattern.fullmatch(text)
        if match is None or not text:
            if INT.fullmatch(text):
                return ctx.error(node, "duration_bare_number", value=text)
            return ctx.error(node, "duration_bad", value=shorten(text))
        parts = [part or "0" for part in match.groups()]
        if any(len(part) > MAX_DIGITS for part in parts):
            return self._too_long(text, node, ctx)
        days, hours, minutes = (int(part) for part in parts)
        if days * 1440 + hours * 60 + minutes > MAX_DURATION // timedelta(minutes=1):
            return self._too_long(text, node, ctx)
        return timedelta(days=days, hours=hours, minutes=minutes)

    def _too_long(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        days = MAX_DURATION.days
        return ctx.error(node, "duration_too_long", value=text, maximum=f"{days}d", days=days)

    def schema(self) -> Json:
        return {"anyOf": [{"type": "string", "pattern": f"^{DURATION}$", "minLength": 2}, {"const": 0}]}
