"""Safe YAML reading that keeps positions: text → PyYAML node tree, with our own checks.

PyYAML's constructors silently keep the last of duplicate keys and expand aliases without limit; we
compose the node tree instead (safe, position-keeping) and walk it ourselves. Every problem found here
is a Problem with file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import InputError, Problem
from generator.i18n import t

# A real campaigns.yml of thousands of groups has a few hundred thousand nodes; an alias bomb has billions.
MAX_NODES = 2_000_000


@dataclass(frozen=True)
class Source:
    """Where a document came from: the name shown in messages and the language to speak."""

    name: str
    lang: str = "zh"

    def problem(self, node: Node | None, message: str) -> Problem:
        """A Problem located at the start of node (line 0 when the whole file is meant)."""
        if node is None:
            return Problem(self.name, 0, 0, message)
        mark = node.start_mark
        return Problem(self.name, mark.line + 1, mark.column + 1, message)


def compose(text: str, source: Source) -> Node | None:
    """Parse text into a node tree (None for an empty document); syntax problems raise InputError."""
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, source)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        raise InputError([Problem(source.name, 0, 0, t(source.lang, "yaml_syntax", detail=str(exc)))]) from None
    if len(documents) > 1:
        second = documents[1]
        raise InputError([source.problem(second, t(source.lang, "yaml_many_documents"))])
    if not documents or documents[0] is None:
        return None
    root = documents[0]
    check_tree(root, source)
    return root


def check_tree(root: Node, source: Source) -> None:
    """Reject duplicate keys and alias bombs; raise InputError listing every duplicate key."""
    problems: list[Problem] = []
    visited = 0
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        visited += 1
        if visited > MAX_NODES:
            raise InputError([source.problem(root, t(source.lang, "yaml_too_big", limit=MAX_NODES))])
        if isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else None
                if name is not None and name in seen:
                    first = seen[name].start_mark.line + 1
                    problems.append(source.problem(key, t(source.lang, "duplicate_key", key=name, line=first)))
                elif name is not None:
                    seen[name] = key
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    if problems:
        raise InputError(problems)


_SYNTAX_HINTS = (
    ("cannot start any token", "yaml_tab", "'\\t'"),
    ("cannot start any token", "yaml_bad_char", ""),
    ("mapping values are not allowed", "yaml_colon", ""),
    ("expected <block end>", "yaml_indent", ""),
    ("could not find expected ':'", "yaml_missing_colon", ""),
    ("did not find expected key", "yaml_indent", ""),
    ("did not find expected '-' indicator", "yaml_indent", ""),
    ("found undefined alias", "yaml_alias", ""),
    ("found duplicate anchor", "yaml_alias", ""),
    ("while scanning a quoted scalar", "yaml_quote", ""),
    ("found unexpected end of stream", "yaml_quote", ""),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, source: Source) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = f"{exc.context or ''} {exc.problem or ''}"
    key = "yaml_syntax"
    for needle, hint_key, extra in _SYNTAX_HINTS:
        if needle in problem and extra in problem:
            key = hint_key
            break
    return Problem(source.name, line, column, t(source.lang, key, detail=(exc.problem or "").strip()))
