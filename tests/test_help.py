"""Every command and option of `qunma` has help, Chinese first and English too, and the command lists are not
cut short with "…". Generic over click's command tree: a command added later is checked the same way."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,-]+[A-Za-z]+)+")  # two English words or more in a row


def _commands(
    command: click.Command = main, path: tuple[str, ...] = ("qunma",)
) -> Iterator[tuple[str, click.Command]]:
    yield " ".join(path), command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, (*path, name))


COMMANDS = list(_commands())


def _chinese_then_english(text: str) -> bool:
    """Chinese first: a Chinese part, then an English part (after " / ", or in a paragraph of its own)."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\s?/ ", text.strip()) if p.strip()]
    return (
        bool(paragraphs)
        and bool(CJK.search(paragraphs[0]))
        and any(ENGLISH.search(p) and not CJK.search(p) for p in paragraphs[1:])
    )


def test_the_tree_holds_every_command() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"qunma check", "qunma build", "qunma serve", "qunma init", "qunma ci decide"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_each_command_says_what_it_does_in_chinese_then_english(name: str, command: click.Command) -> None:
    assert command.help and _chinese_then_english(command.help), f"{name}: {command.help!r}"
    if name != "qunma":  # its line in the command list: short, both languages, never cut
        short = command.get_short_help_str(limit=45)
        assert "…" not in short and "..." not in short and _chinese_then_english(short), f"{name}: {short!r}"
    for param in command.params:
        if isinstance(param, click.Argument):  # arguments have no help of their own: the text names them
            assert param.human_readable_name.upper() in command.help, f"{name}: {param.name}"
    context = click.Context(command, info_name=name)
    for param in command.get_params(context):  # --help and --version too
        if isinstance(param, click.Option):
            assert param.help and _chinese_then_english(param.help), f"{name} {param.opts}: {param.help!r}"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_help_pages_are_whole(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(main, [*name.split()[1:], "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "…" not in result.output and "..." not in result.output.replace("[ARGS]...", ""), result.output
