"""Text from outside (a server's answer, a live manifest) made safe to print in a terminal or a CI log.

A GitHub Actions runner reads every log line that starts with "::" (or the older "##[") as a command, so
a remote value holding "\\n::error ::…" printed as it is would forge an annotation, hide the log or set an
output; escape sequences could rewrite the terminal. `shown` is applied wherever remote text is printed.
"""

from __future__ import annotations

import json
import re
import unicodedata

# Control, format (zero-width, bidi overrides), line/paragraph separators, surrogates, private, unassigned.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COLONS = re.compile(r":(?=:)")  # every colon followed by another: no "::" is left, however many in a row
LIMIT = 200  # characters: enough for an errmsg or an id, never a whole answer


def shown(text: str, limit: int = LIMIT) -> str:
    """`text` with invisible characters as visible escapes, "::"/"##[" broken, and cut at `limit`."""
    cut = text[:limit]
    if not cut.isprintable():
        cut = "".join(_escaped(char) for char in cut)
    cut = _COLONS.sub(r":\\", cut).replace("##[", "#\\#[")
    return cut + "…" if len(text) > limit else cut


def excerpt(value: object, limit: int = LIMIT) -> str:
    """A JSON value as a short, safe excerpt: `"0"`, `null`, `[1, 2]` (for messages about odd shapes)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return shown(text, limit)


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if unicodedata.category(char) not in _INVISIBLE:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
