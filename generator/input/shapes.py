"""A small declarative layer over YAML nodes: each Shape reads a node into a Python value and describes
itself as JSON Schema, so the schema that editors check against cannot drift from what the loader accepts.

Values are read from the node's source text (YAML 1.2 core rules: `2026-11-20` and `09:00` are text,
`yes` is text, `true` is a boolean), never from PyYAML's YAML 1.1 guesses. A node with a problem reads as
INVALID, the problem is recorded in the Ctx, and checks that depend on it are skipped. This module holds
the base and text; containers.py the mappings and lists; scalars.py the other single values.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem
from generator.input.timechecks import TimeCheck
from generator.input.yamlsrc import Source
from generator.input.yamlsrc import shorten as shorten  # the readers quote values with it

Json = dict[str, Any]
BOOL_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class _Invalid:
    """The value of a node whose problem is already recorded."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


@dataclass
class Ctx:
    """What reading needs: where problems go, the folder paths are relative to, the site's time zone."""

    source: Source
    root: Path
    tz: tzinfo
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    images: dict[Path, tuple[str, ...] | str] = field(default_factory=dict)  # QR texts, or an error key
    files: set[Path] = field(default_factory=set)  # every image file looked at (the model cache checks them)
    time_checks: list[TimeCheck] = field(default_factory=list)  # warnings that depend on `now`

    @property
    def lang(self) -> str:
        return self.source.lang

    def error(self, node: Node | None, message: str, /, **values: object) -> Any:
        """Record a problem at node; returns INVALID so that readers can `return ctx.error(...)`."""
        self.problems.append(self.source.problem(node, self.source.text(message, **values)))
        return INVALID

    def warn(self, node: Node | None, message: str, /, **values: object) -> None:
        """Record a warning at node: shown by `qunma check`, but nothing stops."""
        self.warnings.append(self.source.problem(node, self.source.text(message, **values)))

    def hidden(self, node: Node) -> bool:
        """Record the problem of an invisible character in node's text, if there is one (then True)."""
        problem = self.source.invisible_in(node)
        if problem is not None:
            self.problems.append(problem)
        return problem is not None

    def text(self, message: str, /, **values: object) -> str:
        """The catalogue message key in the document's language."""
        return self.source.text(message, **values)

    def listing(self, items: Iterable[str]) -> str:
        """Items joined the way the language lists them."""
        return (", " if self.lang == "en" else "、").join(items)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The choice that word is most likely a typo of, if any."""
    options = list(choices)
    lowered = {choice.lower(): choice for choice in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


class Record:
    """A mapping that was read: valid values by key, and every written key's nodes for positions."""

    __slots__ = ("node", "values", "nodes", "keys", "missing")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.values: dict[str, Any] = {}
        self.nodes: dict[str, Node] = {}  # value node of every key written (valid or not)
        self.keys: dict[str, Node] = {}
        self.missing: set[str] = set()  # required keys not written, left to the assembler (Field.later)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def given(self, key: str) -> bool:
        """Whether the key was written at all (its value may have had a problem)."""
        return key in self.nodes

    def at(self, key: str) -> Node:
        """The value node of key, or the mapping itself when the key is absent."""
        return self.nodes.get(key, self.node)


class Seq(list[Any]):
    """A list that was read, with the node of each kept item."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[Node] = []


class Shape:
    """Reads one node into a value (recording problems) and describes itself as JSON Schema."""

    expected = "expect_text"  # catalogue key: what belongs here, for "expected X, found Y"

    def read(self, node: Node, ctx: Ctx) -> Any:
        raise NotImplementedError

    def schema(self) -> Json:
        raise NotImplementedError

    def wrong(self, node: Node, ctx: Ctx) -> Any:
        """Record "expected X here, found Y" at node (or the invisible character that made it Y)."""
        if ctx.hidden(node):
            return INVALID
        if isinstance(node, MappingNode):
            found = ctx.text("found_mapping")
        elif isinstance(node, SequenceNode):
            found = ctx.text("found_list")
        else:
            found = ctx.text("found_value", value=shorten(str(node.value)))
        return ctx.error(node, "wrong_type", expected=ctx.text(self.expected), found=found)


_CURLY_QUOTES = frozenset({"“”", "‘’", "「」", "『』", "””", "““"})


class Scalar(Shape):
    """A single value, read from its source text; `strict`: no invisible characters (all but text)."""

    strict = True

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode):
            return self.wrong(node, ctx)
        text = node.value
        if self.strict and not text.isascii() and ctx.hidden(node):  # isascii(): a flag, free
            return INVALID
        if self.strict and not node.style and len(text) > 1 and text[0] + text[-1] in _CURLY_QUOTES:
            # “#8b5a2b” typed with a Chinese input method: YAML takes the quotes as part of the value.
            return ctx.error(node, "curly_quotes", value=shorten(text), fixed=f'"{text[1:-1]}"')
        return self.parse(text, node, ctx)

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        raise NotImplementedError


class Str(Scalar):
    """Text. Unquoted numbers are text too (a campaign may be called 618); true/false must be quoted.

    A full-width space or a zero-width joiner is the writer's own business in text; `strict` text (a name
    that must match another, such as a chat id) refuses invisible characters.
    """

    strict = False

    def __init__(self, *, strict: bool | None = None) -> None:
        if strict is not None:
            self.strict = strict

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if not node.style and text in BOOL_WORDS:
            return ctx.error(node, "text_is_bool", value=text)
        if not text.strip():
            return ctx.error(node, "text_empty")
        return text

    def schema(self) -> Json:
        return {"type": ["string", "number"], "minLength": 1}


@dataclass(frozen=True)
class Field:
    """One key of an Obj: its shape, whether it is required, help for editors and an example value."""

    shape: Shape
    required: bool = False
    help: str = ""  # "中文 / English", shown by editors
    example: str = ""  # used in "add `key: example`" messages and the schema's examples
    empty: str = "empty_value"  # catalogue key for a key written without a value
    # Required, but its absence is reported by the assembler, which knows the whole document (a fix that
    # names another part of the file must name one that exists).
    later: bool = False

    def schema(self) -> Json:
        body = dict(self.shape.schema())
        if self.help:
            body["description"] = self.help
        if self.example and isinstance(self.shape, Scalar):
            body["examples"] = [self.example]
        return body
