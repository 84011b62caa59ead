"""Every fix a message suggests works when followed. Each broken file below gets one problem; its suggestion
is applied to the file mechanically, as a marketer would type it, and the file must then load without any
error (issue 13: a file told `请加上一行 rules: standard` that has no rule set called standard)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.errors import InputError, Problem
from generator.input.load import load_project
from generator.scaffold.init import site_files

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=8)))
TEMPLATE = site_files("zh", NOW)["campaigns.yml"].decode("utf-8")  # what `qunma init` writes
G2_URL = "        url: https://weixin.qq.com/g/AQYAAExampleReplaceWithYourOwnCode2"
MINIMAL = """\
site:
  title: 测试
  base_url: https://qun.example.com/
campaigns:
  - id: a
    title: 活动
    channels:
      - id: store
        name: 门店
    groups:
      - id: g1
        name: 群1
        url: https://weixin.qq.com/g/AQYAAExampleReplaceWithYourOwnCode1
        expires: never
"""


def _edit(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)

    return edit


def _drop_line(start: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        (index,) = [i for i, line in enumerate(lines) if line.startswith(start)]
        return "".join(lines[:index] + lines[index + 1 :])

    return edit


# (what is wrong, the broken file from the template, the text the message must suggest)
CASES = [
    ("campaign without rules", _drop_line("    rules: standard"), "rules: standard"),
    ("rule set name with a typo", _edit("    rules: standard ", "    rules: standrad "), "standard"),
    ("misspelt key", _edit("    title: 新人福利群", "    titel: 新人福利群"), "title"),
    ("campaign without a title", _drop_line("    title: 新人福利群"), "title: "),
    ("Chinese group id", _edit("      - id: g2", "      - id: 福利3群"), "g3"),
    ("colour in Chinese quotes", _edit('color: "#8b5a2b"', "color: “#8b5a2b”"), '"#8b5a2b"'),
    ("strategy with an underscore", _edit("strategy: fill-first", "strategy: fill_first"), "fill-first"),
    ("image path from Windows", _edit(G2_URL, "        qr: qr\\autumn-g2.png"), "qr/autumn-g2.png"),
    ("image name in another case", _edit(G2_URL, "        qr: qr/Autumn-G2.png"), "qr/autumn-g2.png"),
]

# How a message words its fix, and what to do with it: insert a line under the mapping it points at, or
# write the suggestion in place of the word it points at.
_INSERT = re.compile(r"(?:请加上一行|add a line) ([a-z_]+): (\{.*?\}|[^\s（，；(]+)")
_REPLACE = re.compile(r"(?:你是不是想写|可以写成|请改成|请写成) ?“?([^\s”？，（]+)”?")
_TOKEN = re.compile(r'“[^”]*”|"[^"]*"|[^\s#:]+')


def apply_fix(text: str, problem: Problem) -> str:
    """The file with the fix problem suggests applied; fails the test when it suggests none."""
    lines = text.splitlines(keepends=True)
    at, column = problem.line - 1, problem.column - 1
    if (insert := _INSERT.search(problem.message)) is not None:
        lines.insert(at + 1, f"{' ' * column}{insert[1]}: {insert[2]}\n")
        return "".join(lines)
    replace = _REPLACE.search(problem.message)
    assert replace is not None, f"no fix to follow in: {problem}"
    token = _TOKEN.match(lines[at], column)
    assert token is not None, problem
    lines[at] = lines[at][: token.start()] + replace[1] + lines[at][token.end() :]
    return "".join(lines)


def _problems(path: Path) -> list[Problem]:
    try:
        load_project(path, now=NOW)
    except InputError as exc:
        return list(exc.problems)
    return []


def _site(tmp_path: Path, text: str) -> Path:
    (tmp_path / "qr").mkdir(parents=True)
    shutil.copy(REPO / "qr" / "autumn-g2.png", tmp_path / "qr" / "autumn-g2.png")
    path = tmp_path / "campaigns.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("what", "breaks", "suggested"), CASES, ids=[case[0] for case in CASES])
def test_the_suggested_fix_works_when_followed(
    tmp_path: Path, what: str, breaks: Callable[[str], str], suggested: str
) -> None:
    assert _problems(_site(tmp_path / "ok", TEMPLATE)) == []
    path = _site(tmp_path / "broken", breaks(TEMPLATE))
    (problem,) = _problems(path)
    assert suggested in problem.message, problem
    path.write_text(apply_fix(path.read_text(encoding="utf-8"), problem), encoding="utf-8")
    assert _problems(path) == [], f"{what}: following “{problem.message}” left problems"


def test_a_file_without_any_rule_set_is_shown_how_to_write_one(tmp_path: Path) -> None:
    path = _site(tmp_path, MINIMAL)
    (problem,) = _problems(path)
    assert "rules: standard" not in problem.message  # no rule set of that name exists
    path.write_text(apply_fix(MINIMAL, problem), encoding="utf-8")
    assert _problems(path) == []


def test_a_file_with_rule_sets_is_told_one_of_its_own(tmp_path: Path) -> None:
    text = MINIMAL.replace("campaigns:\n", "rule_sets:\n  basic:\n    rules: [不发广告]\ncampaigns:\n")
    path = _site(tmp_path, text)
    (problem,) = _problems(path)
    assert "rules: basic" in problem.message
    path.write_text(apply_fix(text, problem), encoding="utf-8")
    assert _problems(path) == []


def test_another_groups_image_is_not_suggested_for_one_not_saved_yet(tmp_path: Path) -> None:
    path = _site(tmp_path, TEMPLATE.replace(G2_URL, "        qr: qr/autumn-g4.png"))
    (problem,) = _problems(path)
    assert "autumn-g2" not in problem.message and "找不到图片 qr/autumn-g4.png" in problem.message
