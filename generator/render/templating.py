"""Our own templates (generator/render/templates/): the Jinja2 environment of the customer pages, and assets
(CSS, JavaScript) inlined into pages so that a page is one request."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    """The environment of the customer pages: autoescaped, strict, templates compiled once per process."""
    return _environment(trim_blocks=True, lstrip_blocks=True)


@cache
def staff_environment() -> Environment:
    """The staff kit's: whitespace as the template writes it (the texts staff copy keep their lines)."""
    return _environment(trim_blocks=False, lstrip_blocks=False)


def _environment(*, trim_blocks: bool, lstrip_blocks: bool) -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=trim_blocks,
        lstrip_blocks=lstrip_blocks,
        keep_trailing_newline=True,
    )


def environments() -> tuple[Environment, ...]:
    """Every environment of our own templates."""
    return environment(), staff_environment()


@cache
def asset(name: str) -> Markup:
    """A template asset (our own CSS/JS) with comment lines and indentation dropped, marked safe."""
    lines = (line.strip() for line in (TEMPLATES / name).read_text(encoding="utf-8").splitlines())
    return Markup("\n".join(line for line in lines if line and not line.startswith("//")))
