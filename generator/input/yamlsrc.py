"""Safe YAML reading that keeps positions: file → text → PyYAML node tree, with our own checks.

PyYAML's constructors silently keep the last of duplicate keys and expand aliases without limit; we
compose the node tree instead (safe, position-keeping) and walk it ourselves. Every problem found here
is a Problem with file, line and column. libyaml (the C parser) parses ten times faster than pure
Python, which matters for a file of thousands of groups (yamlcompose.py builds the tree from its events);
its messages are mapped to our own.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.common.regularfile import read_regular
from generator.errors import InputError, Problem
from generator.input import invisible
from generator.input.yamlcompose import MAX_DEPTH, MERGE_TAG, NULL_WORDS, TooDeep, compose_documents
from generator.messages import t

# A real campaigns.yml of 10,000 groups has a few hundred thousand nodes; an alias bomb has billions.
MAX_NODES = 2_000_000
# Aliases may share a list or two; a document that grows more than this through them is a bomb.
MAX_ALIAS_GROWTH = 10
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")
# campaigns.yml and pool-status.yml: 10,000 groups make ~3 MB; far past that, it is no input of ours.
MAX_INPUT_BYTES = 64 * 2**20
# What a message quotes of the file is cut to this many characters: a value may be a megabyte long.
ECHO_LIMIT = 60
# Placeholders that list or show our own words (allowed keys, known ids, what a link is and how to fix it,
# whose quoted parts are cut already) or paths (the project folder, an image path): cut only far longer.
_LISTINGS = frozenset(
    "allowed known choices reserved cwd example where detail root path file what kind fix".split()
)
_LISTING_LIMIT = 400

__all__ = ["MERGE_TAG", "NULL_WORDS", "Source", "compose", "is_null", "read_input", "read_text", "shorten"]


def shorten(text: str, limit: int = 40) -> str:
    """text on one line, cut to limit characters for quoting in a message."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


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

    def at(self, line: int, column: int, message: str, /, **values: object) -> Problem:
        """A Problem at a 1-based line and column with the catalogue message key."""
        return Problem(self.name, line, column, self.text(message, **values))

    def text(self, message: str, /, **values: object) -> str:
        """The catalogue message in this document's language; what it quotes of the file is cut short."""
        for name, value in values.items():
            if isinstance(value, str) and len(value) > ECHO_LIMIT:
                values[name] = shorten(value, _LISTING_LIMIT if name in _LISTINGS else ECHO_LIMIT)
        return t(self.lang, message, **values)

    def invisible_in(self, node: Node) -> Problem | None:
        """The problem of an invisible character (full-width space, zero-width…) in a scalar, if any."""
        found = invisible.in_scalar(node) if isinstance(node, ScalarNode) else None
        return None if found is None else self.hidden(*found)

    def hidden(self, line: int, column: int, char: invisible.Invisible) -> Problem:
        """The problem of the invisible character char at a 1-based line and column."""
        return self.at(line, column, char.key, what=t(self.lang, char.what), code=char.code)


def is_null(node: Node) -> bool:
    """Whether node is an unquoted empty value (`key:`, `~`, `null`)."""
    return isinstance(node, ScalarNode) and not node.style and node.value in NULL_WORDS


def read_input(path: Path, source: Source) -> bytes:
    """The bytes of an input file if it is a regular file of at most MAX_INPUT_BYTES: a FIFO there never
    blocks, a link to /dev/zero is never read on. FileNotFoundError passes; the rest is an InputError."""
    try:
        return read_regular(path, MAX_INPUT_BYTES)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if path.is_dir():
            raise InputError([source.at(0, 0, "file_is_folder", example=path / "campaigns.yml")]) from None
        if exc.errno == errno.EFBIG:
            raise InputError([source.at(0, 0, "file_too_large", limit=MAX_INPUT_BYTES // 2**20)]) from None
        if exc.errno == errno.EINVAL:
            raise InputError([source.at(0, 0, "file_not_regular")]) from None
        raise InputError([source.at(0, 0, "file_unreadable", detail=exc.strerror or exc)]) from None


def read_text(path: Path, source: Source) -> str:
    """The text of a UTF-8 file (a BOM is allowed); a missing or unreadable file raises InputError."""
    try:
        data = read_input(path, source)
    except FileNotFoundError:
        cwd = Path.cwd()
        # In the folder one works in, the likely cause is a folder with no site yet: say how to start one.
        key = "file_missing_here" if path.parent.resolve() == cwd.resolve() else "file_missing"
        raise InputError([source.at(0, 0, key, cwd=cwd, name=path.name)]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise InputError([source.at(before.count(b"\n") + 1, column, "file_not_utf8")]) from None


def compose(text: str, source: Source) -> Node | None:
    """Parse text into a node tree (None for an empty document); any problem raises InputError."""
    found = invisible.line_break(text)
    if found is not None:  # YAML would count lines differently from the editor: no position would be right
        raise InputError([source.hidden(*found)])
    try:
        documents = compose_documents(text)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, text, source)]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([_reader_problem(exc, text, source)]) from None
    except TooDeep as exc:
        line, column = exc.mark.line + 1, exc.mark.column + 1
        raise InputError([source.at(line, column, "yaml_too_deep", limit=MAX_DEPTH)]) from None
    if len(documents) > 1:
        raise InputError([source.problem(documents[1], t(source.lang, "yaml_many_documents"))])
    if not documents or documents[0] is None:
        return None
    root = documents[0]
    check_tree(root, source, aliases="&" in text and _ANCHOR.search(text) is not None)
    return root


def check_tree(root: Node, source: Source, *, aliases: bool = True) -> None:
    """Reject duplicate keys, self-referring aliases and alias bombs; InputError lists every duplicate key."""
    problems: list[Problem] = []
    if aliases:
        _check_aliases(root, source, problems)
    else:
        _check_plain(root, source, problems)
    if problems:
        raise InputError(problems)


def _check_plain(root: Node, source: Source, problems: list[Problem]) -> None:
    # Without anchors the tree is a tree: one pass over the collections, no bookkeeping.
    stack: list[Node] = [root] if isinstance(root.value, list) else []
    visited = 1
    while stack:
        node = stack.pop()
        children = node.value
        visited += len(children)
        if isinstance(node, MappingNode):
            _duplicates(node, source, problems)
            stack.extend(value for _, value in children if type(value.value) is list)
            visited += len(children)
        else:
            stack.extend(child for child in children if type(child.value) is list)
    if visited > MAX_NODES:
        raise InputError([source.problem(root, t(source.lang, "yaml_too_big", limit=MAX_NODES))])


def _check_aliases(root: Node, source: Source, problems: list[Problem]) -> None:
    # Each distinct node once (post-order), with the size it has once every alias is expanded.
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        ident = id(node)
        if done:
            on_path.discard(ident)
            sizes[ident] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if ident in sizes:
            continue
        if ident in on_path:
            raise InputError([source.problem(node, t(source.lang, "yaml_alias_loop"))])
        on_path.add(ident)
        stack.append((node, True))
        if isinstance(node, MappingNode):
            _duplicates(node, source, problems)
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    expanded = sizes[id(root)]
    if expanded > MAX_NODES or expanded > MAX_ALIAS_GROWTH * len(sizes) + 100_000:
        raise InputError([source.problem(root, t(source.lang, "yaml_too_big", limit=MAX_NODES))])


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _duplicates(node: MappingNode, source: Source, problems: list[Problem]) -> None:
    pairs = node.value
    names = [key.value for key, _ in pairs if isinstance(key, ScalarNode)]
    if len(set(names)) == len(names):
        return
    seen: dict[str, Node] = {}
    for key, _ in pairs:
        if not isinstance(key, ScalarNode) or key.tag == MERGE_TAG:
            continue
        if key.value in seen:
            first = seen[key.value].start_mark.line + 1
            problems.append(source.problem(key, source.text("duplicate_key", key=key.value, line=first)))
        else:
            seen[key.value] = key


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, source: Source) -> Problem:
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    key = _syntax_key(problem, exc.context or "", text, mark.index if mark else -1)
    if key in ("yaml_quote", "yaml_flow", "yaml_alias_char") and exc.context_mark is not None:
        mark = exc.context_mark  # where the quote or bracket was opened, not the end of the file
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if key in _STRUCTURE_KEYS and mark is not None:
        found = _fullwidth_colon(text, mark.line)
        if found is not None:
            key, (line, column) = "yaml_fullwidth_colon", found
        else:
            hidden = invisible.structural(text, mark.line)
            if hidden is not None:
                return source.hidden(*hidden)
    char = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
    return source.at(line, column, key, detail=problem.strip(), char=char)


_SYNTAX_KEYS = (
    ("tab character", "yaml_tab"),
    ("while scanning an alias", "yaml_alias_char"),
    ("while scanning an anchor", "yaml_alias_char"),
    ("directive", "yaml_directive"),
    ("a tag", "yaml_tag"),
    ("block scalar", "yaml_block_indicator"),
    ("<document start>", "yaml_indent"),
    ("block sequence entries are not allowed", "yaml_dash"),
    ("mapping keys are not allowed", "yaml_reserved"),
    ("mapping values are not allowed", "yaml_colon"),
    ("did not find expected key", "yaml_indent"),
    ("did not find expected '-' indicator", "yaml_indent"),
    ("expected <block end>", "yaml_indent"),
    ("could not find expected ':'", "yaml_missing_colon"),
    ("undefined alias", "yaml_alias"),
    ("duplicate anchor", "yaml_alias"),
    ("unknown escape character", "yaml_escape"),
    ("did not find expected ',' or", "yaml_flow"),
    ("did not find expected node content", "yaml_flow"),
)


_STRUCTURE_KEYS = frozenset({"yaml_colon", "yaml_indent", "yaml_missing_colon", "yaml_syntax"})


def _fullwidth_colon(text: str, line: int) -> tuple[int, int] | None:
    """(line, column), 1-based, of a "键：值" colon on the 0-based line or the one above it."""
    lines = text.split("\n", line + 1)
    for index in (line, line - 1):
        if 0 <= index < len(lines):
            body = lines[index]
            column = body.find("：")
            if column >= 0 and ":" not in body[:column] and not body.lstrip().startswith("#"):
                return index + 1, column + 1
    return None


def _syntax_key(problem: str, context: str, text: str, index: int) -> str:
    if "cannot start any token" in problem:
        char = text[index] if 0 <= index < len(text) else ""
        return {"\t": "yaml_tab", "@": "yaml_reserved", "`": "yaml_reserved"}.get(char, "yaml_bad_char")
    if "quoted scalar" in context and "end of stream" in problem:
        return "yaml_quote"
    for needle, key in _SYNTAX_KEYS:
        if needle in problem or needle in context:
            return key
    return "yaml_syntax"


def _reader_problem(exc: yaml.reader.ReaderError, text: str, source: Source) -> Problem:
    # libyaml counts this position in bytes of UTF-8 (its marks, elsewhere, count characters).
    before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return source.at(line, column, "yaml_control_char", code=f"U+{exc.character:04X}")
