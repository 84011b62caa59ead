"""Characters a marketer cannot see in an editor, found where they change what YAML reads.

A full-width space (U+3000, what a Chinese input method types), a no-break or other unicode space looks
like a space but is not one to YAML: after `title:` it glues the key to its value, in the indentation it
becomes part of a key, after a time it makes the time unreadable. Zero-width characters (U+200B–U+200D, a
byte-order mark in mid-file, direction marks) come with text copied from web pages and chats. In text
(a title, a welcome) they are the marketer's own business and are kept; in keys, ids, numbers, times,
links and in the structure they are named, with their line and column. Unusual line breaks (U+2028,
U+2029, U+0085) are line breaks to YAML but not to editors: every line number after them would be wrong,
so they are refused wherever they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml.nodes import ScalarNode

_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_LINE_BREAKS = "\u0085\u2028\u2029"
INVISIBLE = re.compile(f"[{_SPACES}{_ZERO_WIDTH}{_LINE_BREAKS}]")
_BREAK = re.compile(f"[{_LINE_BREAKS}]")
# Where YAML reads structure: in the indentation (before anything else on the line), or right after the
# colon of "key:" or the dash of "- ".
_STRUCTURAL = re.compile(
    f"^[ {_SPACES}{_ZERO_WIDTH}]*?([{_SPACES}{_ZERO_WIDTH}])|[:-]([{_SPACES}{_ZERO_WIDTH}])"
)
_NAMES = {
    "\u3000": "char_fullwidth_space",
    "\u00a0": "char_nbsp",
    "\u202f": "char_nbsp",
    "\ufeff": "char_bom",
}


@dataclass(frozen=True)
class Invisible:
    """One invisible character: its message key, the catalogue key of its name, and its code point."""

    key: str  # invisible_space, invisible_zero_width or invisible_line_break
    what: str
    code: str


def describe(char: str) -> Invisible:
    """What kind of invisible character char is (one that INVISIBLE matches)."""
    code = f"U+{ord(char):04X}"
    if char in _LINE_BREAKS:
        return Invisible("invisible_line_break", "char_line_break", code)
    if re.fullmatch(f"[{_SPACES}]", char):
        return Invisible("invisible_space", _NAMES.get(char, "char_space"), code)
    return Invisible("invisible_zero_width", _NAMES.get(char, "char_zero_width"), code)


def line_break(text: str) -> tuple[int, int, Invisible] | None:
    """(line, column), 1-based as an editor counts them, and kind of the first unusual line break."""
    # Three substring searches take 1 ms for 2 MB of text; the regular expression alone took 20 ms.
    if text.isascii() or not any(char in text for char in _LINE_BREAKS):
        return None
    match = _BREAK.search(text)
    if match is None:
        return None
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1, describe(match[0])


def structural(text: str, line: int) -> tuple[int, int, Invisible] | None:
    """(line, column), 1-based, and kind of an invisible character in the structure of the 0-based line
    or of the line above it (where a syntax error found on `line` most often starts)."""
    lines = text.split("\n", line + 1)
    for index in (line, line - 1):
        if 0 <= index < len(lines) and not lines[index].isascii():
            match = _STRUCTURAL.search(lines[index])
            if match is not None:
                group = match.lastindex or 1
                return index + 1, match.start(group) + 1, describe(match[group])
    return None


def in_scalar(node: ScalarNode) -> tuple[int, int, Invisible] | None:
    """(line, column), 1-based, and kind of the first invisible character in a scalar's text."""
    text = node.value
    if text.isascii():
        return None
    match = INVISIBLE.search(text)
    if match is None:
        return None
    start, end = node.start_mark, node.end_mark
    if start.line != end.line:  # folded over lines: the scalar's own place is the best we know
        return start.line + 1, start.column + 1, describe(match[0])
    quote = 1 if node.style in ("'", '"') else 0
    return start.line + 1, start.column + 1 + quote + match.start(), describe(match[0])
