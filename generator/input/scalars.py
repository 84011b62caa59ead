"""The single-value shapes of campaigns.yml: numbers, switches, ids, placeholders (times and durations
are in timeshapes.py, links in urls.py).

Each one parses the node's text and owns its JSON Schema pattern, built from the same regular expression.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from typing import Any

from yaml.nodes import ScalarNode

from generator.input.bounds import MAX_DIGITS
from generator.input.shapes import BOOL_WORDS, INVALID, Ctx, Json, Scalar, Str, shorten, suggest

INT = re.compile(r"[-+]?[0-9]+")
_SHORT_INT = re.compile(rf"[-+]?[0-9]{{1,{MAX_DIGITS}}}")
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MAX_SLUG = 64  # ids are parts of URLs and file names (at most 255 bytes each)
COLOR = r"#[0-9a-fA-F]{6}"
CLOCK = r"([01]?[0-9]|2[0-3]):([0-5][0-9])"


class Int(Scalar):
    """A whole number, unquoted, from `minimum` to `maximum`; `too_big` is the message key past it."""

    expected = "expect_int"

    def __init__(self, minimum: int, maximum: int, *, too_big: str = "int_too_big") -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.too_big = too_big

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if not _SHORT_INT.fullmatch(text):
            if not INT.fullmatch(text):
                return self.wrong(node, ctx)
            if not node.style:  # more digits than MAX_DIGITS: measured, never converted (int() refuses)
                return ctx.error(node, self.too_big, value=text, maximum=self.maximum)
        if node.style:  # quoted ("" is plain for libyaml, None for PyYAML)
            return ctx.error(node, "int_quoted", value=text)
        value = int(text)
        if self.minimum <= value <= self.maximum:
            return value
        if value < self.minimum:
            return ctx.error(node, "int_too_small", value=value, minimum=self.minimum)
        return ctx.error(node, self.too_big, value=value, maximum=self.maximum)

    def schema(self) -> Json:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Bool(Scalar):
    """true or false, unquoted (YAML 1.2: yes, no, on and off are text)."""

    expected = "expect_bool"

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if not node.style and text in BOOL_WORDS:
            return BOOL_WORDS[text]
        key = bool_mistake(text, node)
        return ctx.error(node, key, value=text, fixed=text.lower()) if key else self.wrong(node, ctx)

    def schema(self) -> Json:
        return {"type": "boolean"}


# YAML 1.1 wrote switches as words; YAML 1.2 (and so qunma, and every editor) reads them as text.
_OLD_SWITCHES = frozenset({"yes", "no", "on", "off", "y", "n"})


def bool_mistake(text: str, node: ScalarNode) -> str | None:
    """The message key for a switch written almost right: quoted, or as yes/no/on/off; else None."""
    if node.style and text in BOOL_WORDS:
        return "bool_quoted"
    if text.lower() in _OLD_SWITCHES or (text.lower() in ("true", "false") and text not in BOOL_WORDS):
        return "bool_word"
    return None


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

    def __init__(self, *, reserved: tuple[str, ...] = (), prefix: str = "") -> None:
        self.reserved = reserved  # ids whose URL the site itself uses
        # "福利3群" leaves only "3", which says nothing: such ids are suggested as prefix + digits ("g3").
        self.prefix = prefix

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if text in self.reserved:
            return ctx.error(node, "slug_reserved", value=text, reserved=ctx.listing(self.reserved))
        if self._pattern.fullmatch(text) and len(text) <= MAX_SLUG:
            return text
        if len(text) > MAX_SLUG:
            return ctx.error(node, "slug_too_long", value=text, maximum=MAX_SLUG, count=len(text))
        fixed = slugify(text)
        if fixed.isdigit() and not text.isascii():  # the Chinese words gone, a bare number left
            fixed = f"{self.prefix}{fixed}" if self.prefix else ""
        if fixed:
            return ctx.error(node, "slug_bad", value=shorten(text), suggestion=fixed)
        return ctx.error(node, "slug_bad_no_latin", value=shorten(text))

    def schema(self) -> Json:
        body: Json = {"type": ["string", "integer"], "pattern": f"^{SLUG}$", "maxLength": MAX_SLUG}
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


class Timezone(Str):
    """An IANA time zone name such as Asia/Shanghai."""

    strict = True

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
