"""Property: whatever text is thrown at the loader, it loads or raises InputError — nothing else, no hang.

Three sources of documents: random text from YAML's own punctuation, the example mutated line by line,
and random trees built from the keys the format knows, dumped as YAML. And the example with its times,
numbers and durations pushed to their extremes, through the whole build and `qunma status`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loadkit import EXAMPLE, NOW
from yaml.nodes import Node, ScalarNode, SequenceNode

from generator.build import build_files
from generator.errors import InputError
from generator.input.fileformat import DOCUMENT
from generator.input.load import load_project
from generator.input.yamlcompose import TooDeep, _Loader, compose_documents
from generator.model import Project
from generator.plan.status import status_json, status_table

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
    "\u3000", "\u00a0", "\u200b", "\u2028", "9" * 5000, "长" * 5000, "9999-12-31", "0001-01-01", "99999999d",
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
            assert len(problem.message) < 500, problem.message[:200]  # a long value is never echoed whole
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
    except yaml.reader.ReaderError as exc:  # a control character (e.g. in a comment): refused while reading
        return (type(exc).__name__, exc.position, exc.character)


@SETTINGS
@given(text=st.one_of(YAML_TEXT, mutated_example()))
def test_our_composer_builds_the_tree_libyaml_builds(text: str) -> None:
    try:
        ours = _composed(compose_documents, text)
    except TooDeep:  # past MAX_DEPTH on purpose, where libyaml goes on (test_load_errors.py: where it stops)
        return
    assert ours == _composed(lambda t: list(yaml.compose_all(t, Loader=_Loader)), text)


# --- extreme values: every time, number and duration of both files, through the whole build ------------

# Most values at the edge of what is allowed (the build must cope with them), some just past it (refused).
_EDGE_TIMES = st.builds(
    "{}-{}{}{}".format,
    st.sampled_from(["2000", "2026", "9998", "9999"]),
    st.sampled_from(["01-01", "02-28", "12-31"]),
    st.sampled_from(["", " 00:00", " 23:59", "T23:59:59.999999"]),
    st.sampled_from(["", "Z", "+14:00", "-12:00"]),
)
_PAST_TIMES = st.builds(
    "{}-{}{}{}".format,
    st.sampled_from(["0001", "0999", "1999", "10000", "9" * 5000]),
    st.sampled_from(["01-01", "02-29", "12-31", "13-01"]),
    st.sampled_from(["", " 00:00", " 24:00"]),
    st.sampled_from(["", "+23:59", "-23:59"]),
)
EXTREME_TIMES = st.one_of(_EDGE_TIMES, _EDGE_TIMES, _EDGE_TIMES, _PAST_TIMES)
_EDGE_INTS = st.one_of(st.sampled_from(["0", "1", "99999", "100000"]), st.integers(0, 100_000).map(str))
_PAST_INTS = st.one_of(
    st.sampled_from(["-1", "100001", "999999999999999", "1" + "0" * 15, "9" * 5000, "+5"]),
    st.integers(-(10**20), 10**20).map(str),
)
EXTREME_INTS = st.one_of(_EDGE_INTS, _EDGE_INTS, _EDGE_INTS, _PAST_INTS)
_EDGE_DURATIONS = st.sampled_from(["0", "1m", "3650d", "87600h", "5256000m", "3649d23h59m", "0d0h0m"])
_PAST_DURATIONS = st.builds(
    "{}{}".format,
    st.sampled_from(["3651", "87601", "5256001", "99999999", "9" * 5000]),
    st.sampled_from(["d", "h", "m", "d1h", ""]),
)
EXTREME_DURATIONS = st.one_of(_EDGE_DURATIONS, _EDGE_DURATIONS, _EDGE_DURATIONS, _PAST_DURATIONS)
VALUES = {
    "time": EXTREME_TIMES,
    "expires": st.one_of(EXTREME_TIMES, st.just("never")),
    "int": EXTREME_INTS,
    "days": st.sampled_from(["1", "7", "3650", "3650", "0", "3651", "9999999"]),
    # the staff kit names the next group after the highest number in the campaign's `naming`
    "numbered": st.sampled_from(["1", "999999999", "9" * 20, "9" * 5000, "١٢", "-1"]).map(
        "拾光咖啡福利{}群".format
    ),
    "duration": EXTREME_DURATIONS,
    "switch": st.sampled_from(["true", "FALSE", '"true"', "yes", "off", "1"]),
}
# (file, 1-based line of the example, key, kind): each line is replaced by "key: value" at its indentation.
SLOTS = [
    ("campaigns.yml", 21, "capacity", "int"),
    ("campaigns.yml", 22, "switch_at", "int"),
    ("campaigns.yml", 23, "qr_valid_days", "days"),
    ("campaigns.yml", 24, "expiry_margin", "duration"),
    ("campaigns.yml", 26, "low_seats", "int"),
    ("campaigns.yml", 26, "low_within", "duration"),
    ("campaigns.yml", 26, "status_max_age", "duration"),
    ("campaigns.yml", 58, "starts", "time"),
    ("campaigns.yml", 59, "ends", "time"),
    ("campaigns.yml", 102, "name", "numbered"),
    ("campaigns.yml", 104, "issued", "time"),
    ("campaigns.yml", 105, "members", "int"),
    ("campaigns.yml", 113, "issued", "time"),
    ("campaigns.yml", 118, "paused", "switch"),
    ("campaigns.yml", 131, "switch_at", "int"),
    ("campaigns.yml", 139, "expires", "expires"),
    ("campaigns.yml", 150, "starts", "time"),
    ("pool-status.yml", 3, "updated", "time"),
    ("pool-status.yml", 6, "members", "int"),
    ("pool-status.yml", 6, "full", "switch"),
]
NOWS = [
    NOW,
    datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=14))),
    datetime(9999, 12, 29, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
    datetime(9999, 12, 29, 23, 59, tzinfo=timezone(timedelta(hours=14))),
]


FILES = ("campaigns.yml", "pool-status.yml")


@st.composite
def extreme_project(draw: st.DrawFn) -> dict[str, str]:
    """The example's two files with one to four values pushed to an extreme."""
    files = {name: (EXAMPLE.parent / name).read_text(encoding="utf-8").split("\n") for name in FILES}
    for name, line, key, kind in draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=4, unique=True)):
        lines = files[name]
        first, *added = lines[line - 1].split("\n")
        indent = first[: len(first) - len(first.lstrip())]
        value = f"{indent}{key}: {draw(VALUES[kind])}"
        if first.lstrip().startswith(f"{key}:"):
            first = value  # the value written there
        else:
            added.append(value)  # a key of its own, after it
        lines[line - 1] = "\n".join([first, *added])
    return {name: "\n".join(lines) for name, lines in files.items()}


@settings(SETTINGS, max_examples=150)
@given(files=extreme_project(), now=st.sampled_from(NOWS))
def test_extreme_values_build_or_stop_with_located_messages(
    folder: Path, files: dict[str, str], now: datetime
) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    try:  # what `qunma check` and `qunma build` do, but MkDocs: load, plan, QR codes, pages, manifest
        output = build_files(folder / "campaigns.yml", now=now, cache_dir=folder / ".cache")
    except InputError as exc:
        for problem in exc.problems:
            assert problem.line > 0 and problem.column > 0, problem
            assert len(problem.message) < 500, problem.message[:200]
        return
    tz = ZoneInfo(output.project.site.timezone)  # and `qunma status`
    assert status_table(output.plan, "zh", tz) and status_json(output.plan, tz) and output.plan.fingerprint()
