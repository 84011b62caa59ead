"""Errors of the operating system (a full disk, a read-only or immutable folder, a busy mount) as one line a
marketer can act on: which path, and why, in their language."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from generator.errors import display_path
from generator.messages import MESSAGES, t


def os_reason(exc: OSError, lang: str) -> str:
    """Why, from the error number alone: never the error's own text, which a server may have written."""
    name = errno.errorcode.get(exc.errno or 0, "")
    if f"os_{name}" in MESSAGES:
        return t(lang, f"os_{name}")
    text = os.strerror(exc.errno) if exc.errno else type(exc).__name__
    return t(lang, "os_other", name=name or "?", text=text)


def os_problem(
    exc: OSError, lang: str, *, fallback: Path | None = None, moved: Iterable[tuple[Path, Path]] = ()
) -> str:
    """'PATH: reason'. fallback: the path when the error names none (a write on a full disk names none);
    moved (temporary, final) pairs: a path in a temporary folder is shown where it was going to be."""
    where = _where(exc) or fallback
    if where is None:
        return os_reason(exc, lang)
    for temporary, final in moved:
        if where.is_relative_to(temporary):
            where = final / where.relative_to(temporary)
            break
    return t(lang, "os_error_at", path=display_path(where), reason=os_reason(exc, lang))


def _where(exc: OSError) -> Path | None:
    name = exc.filename
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return Path(name) if isinstance(name, str) and name else None
