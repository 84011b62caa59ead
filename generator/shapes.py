"""A small declarative layer over YAML nodes: each Shape reads a node into a Python value and describes
itself as JSON Schema, so the schema that editors check against cannot drift from what the loader accepts.

Values are read from the node's source text (YAML 1.2 core rules: `2026-11-20` and `09:00` are text,
`yes` is text, `true` is a boolean), never from PyYAML's YAML 1.1 guesses. A node with a problem reads as
INVALID, the problem is recorded in the Ctx, and checks that depend on it are skipped.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem
from generator.i18n import t
from generator.yamlsrc import MERGE_TAG, Source, is_null

Json = dict[str, Any]
BOOL_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
MAX_MERGE_DEPTH = 20


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

    @property
    def lang(self) -> str:
        return self.source.lang

    def error(self, node: Node | None, key: str, **values: object) -> Any:
        """Record a problem at node; returns INVALID so that readers can `return ctx.error(...)`."""
        self.problems.append(self.source.problem(node, t(self.lang, key, **values)))
        return INVALID

    def warn(self, node: Node | None, key: str, **values: object) -> None:
        """Record a warning at node: shown by `qunma check`, but nothing stops."""
        self.warnings.append(self.source.problem(node, t(self.lang, key, **values)))

    def text(self, key: str, **values: object) -> str:
        """The catalogue message key in the document's language."""
        return t(self.lang, key, **values)

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


def shorten(text: str, limit: int = 40) -> str:
    """text on one line, cut to limit characters for quoting in a message."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


class Record:
    """A mapping that was read: valid values by key, and every written key's nodes for positions."""

    __slots__ = ("node", "values", "nodes", "keys")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.values: dict[str, Any] = {}
        self.nodes: dict[str, Node] = {}  # value node of every key written (valid or not)
        self.keys: dict[str, Node] = {}

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
        """Record "expected X here, found Y" at node."""
        if isinstance(node, MappingNode):
            found = t(ctx.lang, "found_mapping")
        elif isinstance(node, SequenceNode):
            found = t(ctx.lang, "found_list")
        else:
            found = t(ctx.lang, "found_value", value=shorten(str(node.value)))
        return ctx.error(node, "wrong_type", expected=t(ctx.lang, self.expected), found=found)


class Scalar(Shape):
    """A single value, read from its source text."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode):
            return self.wrong(node, ctx)
        return self.parse(node.value, node, ctx)

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        raise NotImplementedError


class Str(Scalar):
    """Text. Unquoted numbers are text too (a campaign may be called 618); true/false must be quoted."""

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

    def schema(self) -> Json:
        body = dict(self.shape.schema())
        if self.help:
            body["description"] = self.help
        if self.example and not isinstance(self.shape, (Obj, ListOf, MapOf)):
            body["examples"] = [self.example]
        return body


class Obj(Shape):
    """A mapping with known keys: unknown keys are errors (with a "did you mean"), required keys checked."""

    expected = "expect_mapping"

    def __init__(
        self,
        noun: str,
        fields: dict[str, Field],
        needs_one: Sequence[tuple[tuple[str, ...], str]] = (),
    ) -> None:
        self.noun = noun  # catalogue key naming the thing, e.g. "noun_group"
        self.fields = fields
        self.needs_one = needs_one  # (keys, message key): at least one of keys must be written

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MappingNode):
            if isinstance(node, ScalarNode) and "：" in node.value:
                return ctx.error(node, "fullwidth_colon")
            return self.wrong(node, ctx)
        record = Record(node)
        for key, value in pairs(node, ctx):
            self._read_pair(record, key, value, ctx)
        owner = t(ctx.lang, self.noun)
        for name, spec in self.fields.items():
            if spec.required and not record.given(name):
                ctx.error(node, "missing_key", owner=owner, key=name, example=spec.example or "…")
        for keys, message in self.needs_one:
            if not any(record.given(name) for name in keys):
                ctx.error(node, message)
        return record

    def _read_pair(self, record: Record, key: Node, value: Node, ctx: Ctx) -> None:
        if not isinstance(key, ScalarNode):
            ctx.error(key, "key_not_text")
            return
        name = key.value
        spec = self.fields.get(name)
        if spec is None:
            self._unknown(key, name, ctx)
            return
        record.keys[name] = key
        record.nodes[name] = value
        if is_null(value):
            ctx.error(key, spec.empty, key=name, example=spec.example or "…")
            return
        result = spec.shape.read(value, ctx)
        if result is not INVALID:
            record.values[name] = result

    def _unknown(self, key: ScalarNode, name: str, ctx: Ctx) -> None:
        guess = suggest(name, self.fields)
        if guess is not None:
            ctx.error(key, "unknown_key_suggest", key=shorten(name), suggestion=guess)
        else:
            owner = t(ctx.lang, self.noun)
            ctx.error(key, "unknown_key", key=shorten(name), owner=owner, allowed=ctx.listing(self.fields))

    def schema(self) -> Json:
        body: Json = {
            "type": "object",
            "properties": {name: spec.schema() for name, spec in self.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            body["required"] = required
        if self.needs_one:
            body["allOf"] = [{"anyOf": [{"required": [name]} for name in keys]} for keys, _ in self.needs_one]
        return body


def pairs(node: MappingNode, ctx: Ctx, depth: int = 0) -> list[tuple[Node, Node]]:
    """The key/value pairs of node with YAML merge keys (`<<: *name`) applied: written keys win."""
    own = [(key, value) for key, value in node.value if key.tag != MERGE_TAG]
    merged = [value for key, value in node.value if key.tag == MERGE_TAG]
    if not merged:
        return own
    seen = {key.value for key, _ in own if isinstance(key, ScalarNode)}
    for value in merged:
        for part in value.value if isinstance(value, SequenceNode) else [value]:
            if not isinstance(part, MappingNode):
                ctx.error(part, "merge_not_mapping")
                continue
            if depth >= MAX_MERGE_DEPTH:
                ctx.error(part, "merge_too_deep", limit=MAX_MERGE_DEPTH)
                continue
            for key, item in pairs(part, ctx, depth + 1):
                if isinstance(key, ScalarNode) and key.value not in seen:
                    seen.add(key.value)
                    own.append((key, item))
    return own


class ListOf(Shape):
    """A list of items of one shape, optionally with a minimum and maximum length."""

    expected = "expect_list"

    def __init__(self, item: Shape, *, min_items: int = 0, max_items: int | None = None, empty: str = "") -> None:
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        self.empty = empty or "list_too_short"

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, SequenceNode):
            return self.wrong(node, ctx)
        if len(node.value) < self.min_items:
            return ctx.error(node, self.empty, minimum=self.min_items)
        items = Seq()
        for child in node.value:
            if is_null(child):
                ctx.error(child, "empty_item")
                continue
            value = self.item.read(child, ctx)
            if value is not INVALID:
                items.append(value)
                items.nodes.append(child)
        if self.max_items is not None and len(node.value) > self.max_items:
            extra = node.value[self.max_items]
            return ctx.error(extra, "list_too_long", maximum=self.max_items, count=len(node.value))
        return items

    def schema(self) -> Json:
        body: Json = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            body["minItems"] = self.min_items
        if self.max_items is not None:
            body["maxItems"] = self.max_items
        return body


class MapOf(Shape):
    """A mapping from names the user chooses (e.g. rule-set names) to values of one shape."""

    expected = "expect_mapping"

    def __init__(self, value: Shape) -> None:
        self.value = value

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MappingNode):
            return self.wrong(node, ctx)
        record = Record(node)
        for key, value in pairs(node, ctx):
            if not isinstance(key, ScalarNode) or is_null(key):
                ctx.error(key, "key_not_text")
                continue
            record.keys[key.value] = key
            record.nodes[key.value] = value
            if is_null(value):
                ctx.error(key, "empty_value", key=key.value, example="…")
                continue
            result = self.value.read(value, ctx)
            if result is not INVALID:
                record.values[key.value] = result
        return record

    def schema(self) -> Json:
        return {"type": "object", "additionalProperties": self.value.schema()}


class Either(Shape):
    """A single value or a mapping, e.g. `rules: standard` or inline rules."""

    def __init__(self, scalar: Scalar, mapping: Obj, expected: str) -> None:
        self.scalar = scalar
        self.mapping = mapping
        self.expected = expected

    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar.read(node, ctx)
        if isinstance(node, MappingNode):
            return self.mapping.read(node, ctx)
        return self.wrong(node, ctx)

    def schema(self) -> Json:
        return {"anyOf": [self.scalar.schema(), self.mapping.schema()]}
