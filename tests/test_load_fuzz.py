"""Property: whatever text is thrown at the loader, it loads or raises InputError — nothing else, no hang.

Three sources of documents: random text from YAML's own punctuation, the example mutated line by line,
and random trees built from the keys the format knows, dumped as YAML.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loadkit import EXAMPLE, NOW
from yaml.nodes import Node, ScalarNode, SequenceNode

from generator.errors import InputError
from generator.fileformat import DOCUMENT
from generator.load import load_project
from generator.model import Project
from generator.yamlcompose import _Loader, compose_documents

SETTINGS = settings(
    max_examples=120,
    deadline=None,  # no test fails on a time: deep nesting and alias bombs have their own tests of where
    # loading stops (test_load_errors.py)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
EXAMPLE_LINES = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
TOKENS = [
    "", "~", "[]", "{}", "-1", "0", "12", "1d", "12h", "9" * 30, "2026-02-30", "2026-11-20 10:00", "never",
    "true", "yes", "http://x.cn", "https://weixin.qq.com/g/FUZZ", "javascript:alert(1)", "data:,x", "&a",
    "*a", "*zz", "<<: *a", "\t", "qr/autumn-g2.png", "qr/none.png", "site_src", "{nickname}", "{x}",
    '"#8b5a2b"', "#c", "'", '"', "[a, [b, {c: d}]]", "- x", "：", "！", "\x07", "\ufeff", "a: b: c",
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder with the example's images, where each document is written in turn."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(EXAMPLE.parent / "qr", root / "qr")
    shutil.copytree(EXAMPLE.parent / "site_src", root / "site_src")
    return root


def load_or_input_error(folder: Path, text: str) -> None:
    path = folder / "campaigns.yml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        project = load_project(path, now=NOW, status_path=folder / "no-status.yml")
    except InputError as exc:
        assert exc.problems, "an InputError without problems"
        for problem in exc.problems:
            assert problem.message and problem.line >= 0 and problem.column >= 0
        return
    assert isinstance(project, Project)


PIECES = list(":-[]{},#&*!|>'\"%@`?\t abc1：中") + ["\n", "  ", "\n  ", "\n- ", "key: ", "site:\n  "]
YAML_TEXT = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@SETTINGS
@given(text=YAML_TEXT)
def test_random_text(folder: Path, text: str) -> None:
    load_or_input_error(folder, text)


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "value", "insert"]))
        line = lines[at]
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, line)
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action in ("indent", "dedent"):
            lines[at] = "  " + line if action == "indent" else line[2:]
        elif action == "value" and ":" in line:
            lines[at] = line.split(":", 1)[0] + ": " + draw(st.sampled_from(TOKENS)) + "\n"
        else:
            position = draw(st.integers(0, len(line)))
            lines[at] = line[:position] + draw(st.sampled_from(TOKENS)) + line[position:]
    return "".join(lines)


@SETTINGS
@given(text=mutated_example())
def test_mutated_example(folder: Path, text: str) -> None:
    load_or_input_error(folder, text)


def _all_keys() -> list[str]:
    keys: set[str] = set()
    stack: list[object] = [DOCUMENT]
    while stack:
        shape = stack.pop()
        for attribute in ("fields",):
            for name, spec in getattr(shape, attribute, {}).items():
                keys.add(name)
                stack.append(spec.shape)
        for attribute in ("item", "value", "mapping"):
            if hasattr(shape, attribute):
                stack.append(getattr(shape, attribute))
    return sorted(keys)


SCALARS = st.one_of(
    st.sampled_from(TOKENS), st.integers(-5, 600), st.booleans(), st.none(), st.text(max_size=12)
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(_all_keys() + ["x", "<<"]), children, max_size=6),
    ),
    max_leaves=40,
)


@SETTINGS
@given(tree=st.dictionaries(st.sampled_from(["site", "defaults", "rule_sets", "campaigns", "x"]), TREES))
def test_random_trees_of_known_keys(folder: Path, tree: dict[str, object]) -> None:
    load_or_input_error(folder, yaml.safe_dump(tree, allow_unicode=True))


def _tree(node: Node, seen: dict[int, int]) -> object:
    """A node tree as plain data (tag, position, style, children); a shared node by its first number."""
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    mark = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, ScalarNode):
        return (node.tag, mark, node.value, node.style)
    if isinstance(node, SequenceNode):
        return (node.tag, mark, node.flow_style, [_tree(child, seen) for child in node.value])
    pairs = [(_tree(key, seen), _tree(value, seen)) for key, value in node.value]
    return (node.tag, mark, node.flow_style, pairs)


def _composed(compose: Callable[[str], list[Node]], text: str) -> object:
    try:
        return [_tree(document, {}) for document in compose(text)]
    except yaml.MarkedYAMLError as exc:  # the same error at the same place (our wording names the alias)
        marks = (exc.problem_mark, exc.context_mark)
        return (type(exc).__name__, [(m.line, m.column) if m else None for m in marks])


@SETTINGS
@given(text=st.one_of(YAML_TEXT, mutated_example()))
def test_our_composer_builds_the_tree_libyaml_builds(text: str) -> None:
    assert _composed(compose_documents, text) == _composed(
        lambda t: list(yaml.compose_all(t, Loader=_Loader)), text
    )
