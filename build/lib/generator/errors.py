"""The one exception family of qunma: every input problem, with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One input problem: FILE:LINE:COL plus a message that says what to write instead."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    message: str

    def __str__(self) -> str:
        if self.line == 0:  # the whole file (missing, empty, unreadable): no position to point at
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class QunmaError(Exception):
    """Base of all errors the core raises.

    The edges (cli.py, plugin.py) turn it into exit codes or a PluginError.
    """


class InputError(QunmaError):
    """The input files have problems; all of them are collected before this is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """A path as a marketer should see it in messages: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
