"""The shapes that hold other shapes: mappings with known keys (Obj), lists, name → value mappings,
and "a name or a mapping" (Either). YAML merge keys (`<<: *name`) are applied here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.input.invisible import INVISIBLE
from generator.input.shapes import INVALID, Ctx, Field, Json, Record, Scalar, Seq, Shape, shorten, suggest
from generator.input.yamlsrc import MERGE_TAG, is_null

MAX_MERGE_DEPTH = 20


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
        self.required = [name for name, spec in fields.items() if spec.required]

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MappingNode):
            if isinstance(node, ScalarNode) and "：" in node.value:
                return ctx.error(node, "fullwidth_colon")
            return self.wrong(node, ctx)
        record = Record(node)
        suggested: set[str] = set()  # a required key already offered as "did you mean" is not missing too
        for key, value in pairs(node, ctx):
            self._read_pair(record, key, value, ctx, suggested)
        for name in self.required:
            if name not in record.nodes and name not in suggested:
                if self.fields[name].later:
                    record.missing.add(name)
                    continue
                owner = ctx.text(self.noun)
                ctx.error(
                    node, "missing_key", owner=owner, key=name, example=self.fields[name].example or "…"
                )
        for keys, message in self.needs_one:
            if not any(record.given(name) for name in keys):
                ctx.error(node, message)
        return record

    def _read_pair(self, record: Record, key: Node, value: Node, ctx: Ctx, suggested: set[str]) -> None:
        if not isinstance(key, ScalarNode):
            ctx.error(key, "key_not_text")
            return
        name = key.value
        spec = self.fields.get(name)
        if spec is None:
            suggested.add(self._unknown(key, name, ctx))
            return
        record.keys[name] = key
        record.nodes[name] = value
        if is_null(value):
            ctx.error(key, spec.empty, key=name, example=spec.example or "…")
            return
        result = spec.shape.read(value, ctx)
        if result is not INVALID:
            record.values[name] = result

    def _unknown(self, key: ScalarNode, name: str, ctx: Ctx) -> str:
        """Report an unknown key; returns the key suggested instead ("" when none is close)."""
        if ctx.hidden(key):  # "title" with a full-width space: naming the space says what is wrong
            return suggest(INVISIBLE.sub("", name), self.fields) or ""
        guess = suggest(name, self.fields)
        if guess is not None:
            ctx.error(key, "unknown_key_suggest", key=shorten(name), suggestion=guess)
            return guess
        owner = ctx.text(self.noun)
        ctx.error(key, "unknown_key", key=shorten(name), owner=owner, allowed=ctx.listing(self.fields))
        return ""

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

    def __init__(
        self, item: Shape, *, min_items: int = 0, max_items: int | None = None, empty: str = ""
    ) -> None:
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
            if ctx.hidden(key):
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
