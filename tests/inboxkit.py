"""Helpers for the inbox tests: drop a drawn group code into a project's qr/inbox/, run qunma, and take a
snapshot of every file so that "nothing changed" can be asserted byte for byte."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from inboxcards import Look, card, encoded, group_link, screenshot, validity_line

from generator.cli import main

NOW = "2026-11-23T10:00+08:00"


def drop(
    project: Path,
    file_name: str,
    name: str,
    day: tuple[int, int],
    *,
    link: str | None = None,
    shot: bool = True,
    dark: bool = False,
    width: int | None = None,
    jpeg: int | None = 65,
) -> Path:
    """A saved group code (a phone screenshot by default) at qr/inbox/file_name; its link from the name."""
    look = Look(dark=dark)
    image = card(name, validity_line(*day), link or group_link(name), look)
    if shot:
        image = screenshot(image, look)
    path = project / "qr" / "inbox" / file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encoded(image, width=width, jpeg=jpeg))
    return path


def qunma(project: Path, *args: str) -> Result:
    """`qunma ARGS --campaigns PROJECT/campaigns.yml` in this process (the OCR engine is built once)."""
    return CliRunner().invoke(main, [*args, "--campaigns", str(project / "campaigns.yml")])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (but the cache) by relative path, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".qunma-cache" not in path.parts
    }
