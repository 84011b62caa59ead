"""YAML text → PyYAML node trees, composed in Python from libyaml's events, iteratively and depth-limited.

libyaml's own composer recurses in C: ~20,000 levels of nesting overflow an 8 MB stack and kill the
process, and deep flow nesting parses in quadratic time. Composing from the event stream ourselves stops at
MAX_DEPTH the moment it is reached, in one pass (a pre-scan of the events cost as much again: measured
0.36 s of a 0.64 s parse of 10,000 groups; this composer takes about 0.45 s alone).
The nodes are PyYAML's, with the same tags, marks and styles as yaml.compose_all gives.

Newer libyaml (bundled with PyYAML 6.0.3+) has a nesting limit of its own (about 1,000 levels, block and
flow counted apart) and its scanner runs up to 1,024 characters ahead of the parser, so on one long line of
brackets it refuses the document before our composer sees level MAX_DEPTH + 1. Then the pure-Python parser,
which has no limit, reads the text up to where libyaml stopped and our composer finds the same place it
would have found: whatever the PyYAML version, a document too deep is refused at the same line and column.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - PyYAML's wheels include libyaml
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

# campaigns.yml needs under 10 levels. Well below libyaml's own limit (1,000), so that a document libyaml
# refuses as too deep is always one our composer refuses too, at its own place and with its own message.
MAX_DEPTH = 100
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
MERGE_TAG = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = {
    **{word: "tag:yaml.org,2002:null" for word in NULL_WORDS},
    **{word: "tag:yaml.org,2002:bool" for word in ("true", "True", "TRUE", "false", "False", "FALSE")},
    "<<": MERGE_TAG,
}


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class TooDeep(Exception):
    """The document nests deeper than MAX_DEPTH; `mark` is where the level that is too many opens."""

    def __init__(self, mark: Any) -> None:
        super().__init__("too deep")
        self.mark = mark


class _Loader(_FastLoader):
    """libyaml's parser; tags only where they are looked at: null, YAML 1.2 booleans, the merge key `<<`.

    Every other scalar is str, and values are read from their text: PyYAML's YAML 1.1 guesses (09:00 →
    540) are never used, and not guessing saves a third of the parsing time of a large file.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            tag = _PLAIN_TAGS.get(value) if implicit[0] else None
            return tag or self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


class _PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser: slow, but with no nesting limit of its own (see _deepest)."""


def compose_documents(text: str) -> list[Node]:
    """Every document of text as a node tree; raises yaml.YAMLError for bad YAML, TooDeep past MAX_DEPTH."""
    try:
        return _compose_with(_Loader, text)
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" not in (exc.problem or "") or exc.problem_mark is None:
            raise
        raise _deepest(text, exc.problem_mark) from None


def _compose_with(kind: Any, text: str) -> list[Node]:
    loader = kind(text)
    try:
        return _compose(loader)
    finally:
        loader.dispose()


def _deepest(text: str, mark: Any) -> TooDeep:
    """Where text goes past MAX_DEPTH, libyaml having refused it at `mark` for its own nesting limit."""
    # libyaml got to `mark` reading in order, so the text before it nests deeper than MAX_DEPTH: the
    # pure-Python parser reads no further than that, however long the file.
    try:
        _compose_with(_PureLoader, text[: mark.index + 1])
    except TooDeep as found:
        return found
    except yaml.YAMLError:
        pass  # the piece ends inside a collection before our limit: the limits disagree
    return TooDeep(mark)


def _compose(loader: _Loader) -> list[Node]:
    # The hot loop of loading a large file (one pass a node): calls inlined, scalars handled first.
    documents: list[Node] = []
    anchors: dict[str, Node] = {}
    open_: list[list[Any]] = []  # the collections being filled: [node, the key waiting for its value]
    parent: list[Any] | None = None
    get_event: Any = loader.get_event
    plain_tags = _PLAIN_TAGS
    while (event := get_event()) is not None:  # Any: each event class has its own fields
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = (event.implicit[0] and plain_tags.get(event.value)) or _STR
            node: Node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            if event.anchor is not None:
                _anchor(event, node, anchors)
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(open_) >= MAX_DEPTH:
                raise TooDeep(event.start_mark)
            parent = [_collection(event, anchors), None]
            open_.append(parent)
            continue
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            node = open_.pop()[0]
            node.end_mark = event.end_mark
            parent = open_[-1] if open_ else None
        elif kind is AliasEvent:
            node = _alias(event, anchors)
        else:
            if kind is DocumentStartEvent:
                anchors = {}
            continue  # stream and document boundaries
        if parent is None:
            documents.append(node)
        elif parent[0].id == "sequence":
            parent[0].value.append(node)
        elif parent[1] is None:
            parent[1] = node
        else:
            parent[0].value.append((parent[1], node))
            parent[1] = None
    return documents


def _collection(event: Any, anchors: dict[str, Node]) -> Node:
    sequence = type(event) is SequenceStartEvent
    tag = event.tag
    if tag is None or tag == "!":
        tag = _SEQ if sequence else _MAP
    kind = SequenceNode if sequence else MappingNode
    node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
    _anchor(event, node, anchors)  # before its children: an alias inside refers to it (a loop, refused later)
    return node


def _anchor(event: Any, node: Node, anchors: dict[str, Node]) -> None:
    name = event.anchor
    if name is None:
        return
    if name in anchors:
        first = anchors[name].start_mark
        raise ComposerError(
            f"found duplicate anchor {name!r}; first occurrence", first, "second occurrence", event.start_mark
        )
    anchors[name] = node


def _alias(event: Any, anchors: dict[str, Node]) -> Node:
    if event.anchor not in anchors:
        raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
    return anchors[event.anchor]
