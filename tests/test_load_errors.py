"""Error messages of the loader: golden files (tests/golden/load/<case>.yml → <case>.txt) and the edges.

Each case is loaded from a scratch folder holding QR images made on the fly (loadkit.make_images), with
the case file named as it is, so messages read `<case>.yml:LINE:COL: …`. Regenerate with
`pytest --update-goldens` and review the diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from loadkit import EXAMPLE, GOLDEN, NOW, make_images, outcome

from generator.cli import main
from generator.errors import InputError
from generator.input import yamlcompose
from generator.input.load import load_project
from generator.input.yamlcompose import MAX_DEPTH
from generator.input.yamlsrc import Source, compose

CASES = sorted((GOLDEN / "load").glob("*.yml"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder with qr/ images, as the working folder."""
    make_images(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_golden_messages(case: Path, workdir: Path, golden) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(case, workdir / case.name)
    golden(f"load/{case.stem}.txt", outcome(Path(case.name)))


def test_there_is_a_golden_case_for_every_error_class() -> None:
    names = {case.stem for case in CASES}
    for needed in ("syntax-tab", "syntax-indent", "duplicate-keys", "unknown-keys", "wrong-types",
                   "impossible-dates", "duplicate-ids", "channels", "rule-sets", "links", "qr-images",
                   "empty-file", "not-a-mapping", "alias-bomb", "english", "group-links"):  # fmt: skip
        assert needed in names


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_project(path, now=NOW)
    return [str(problem) for problem in caught.value.problems]


def test_missing_file_names_the_working_folder(workdir: Path) -> None:
    (message,) = problems_of(Path("elsewhere/nothing.yml"))
    assert message.startswith(f"{Path('elsewhere/nothing.yml')}: 找不到这个文件")
    assert str(workdir) in message
    (here,) = problems_of(Path("nothing.yml"))  # in the working folder: perhaps no site here yet
    assert here.startswith(f"nothing.yml: 当前文件夹（{workdir}）里没有 nothing.yml：要在这里新建一个网站，")
    assert "运行 qunma init；" in here and here.endswith("或用 --campaigns 指定它的 campaigns.yml")


def test_a_folder_is_not_a_file(workdir: Path) -> None:
    (workdir / "project").mkdir()
    (message,) = problems_of(Path("project"))
    assert (
        message
        == f"project: 这是一个文件夹，不是文件：请写出文件的路径，例如 {Path('project/campaigns.yml')}"
    )


def test_a_gbk_file_is_reported_where_it_stops_being_utf8(workdir: Path) -> None:
    Path("gbk.yml").write_bytes("site:\n  title: 拾光\n".encode() + "  text: 咖啡\n".encode("gbk"))
    (message,) = problems_of(Path("gbk.yml"))
    assert message.startswith("gbk.yml:3:9: 文件不是 UTF-8 编码")


def test_a_byte_order_mark_is_fine(workdir: Path) -> None:
    text = (GOLDEN / "load" / "valid-minimal.yml").read_text(encoding="utf-8")
    Path("bom.yml").write_text("\ufeff" + text, encoding="utf-8")
    assert load_project(Path("bom.yml"), now=NOW).site.title == "测试咖啡"


def test_an_invisible_control_character_is_pointed_at(workdir: Path) -> None:
    Path("ctrl.yml").write_text("site:\n  title: 拾光\x07咖啡\n", encoding="utf-8")
    (message,) = problems_of(Path("ctrl.yml"))
    assert message.startswith("ctrl.yml:2:12: 这里有一个看不见的控制字符（U+0007）")


def test_deep_nesting_is_refused_at_once(workdir: Path) -> None:
    Path("deep.yml").write_text("site: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (message,) = problems_of(Path("deep.yml"))
    # Stopped at the bracket that opens level 101 (the root mapping is level 1), not parsed to the end.
    assert message == "deep.yml:1:106: 嵌套超过 100 层：campaigns.yml 用不到这么深的结构，请检查括号和缩进"


TOO_DEEP = f"嵌套超过 {MAX_DEPTH} 层：campaigns.yml 用不到这么深的结构，请检查括号和缩进"


# Nesting of each kind, `levels` collections deep under `site:` (the root mapping is level 1), and the
# 1-based (line, column) of the collection that opens level MAX_DEPTH + 1, where loading must stop.
def _flow_list(levels: int) -> tuple[str, tuple[int, int]]:
    return "site: " + "[" * levels + "]" * levels + "\n", (1, 7 + MAX_DEPTH - 1)


def _flow_mapping(levels: int) -> tuple[str, tuple[int, int]]:
    return "site: " + "{a: " * levels + "b" + "}" * levels + "\n", (1, 7 + 4 * (MAX_DEPTH - 1))


def _block_list(levels: int) -> tuple[str, tuple[int, int]]:
    lines = ["  " * depth + "-" for depth in range(levels)]
    return "site:\n" + "\n".join(f"  {line}" for line in lines) + " x\n", (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)


def _block_mapping(levels: int) -> tuple[str, tuple[int, int]]:
    lines = [" " * (depth + 1) + "a:" for depth in range(levels)]
    return "site:\n" + "\n".join(lines) + " x\n", (MAX_DEPTH + 1, MAX_DEPTH + 1)


def _compact_list(levels: int) -> tuple[str, tuple[int, int]]:
    return "site: \n  " + "- " * levels + "x\n", (2, 3 + 2 * (MAX_DEPTH - 1))


NESTINGS = [_flow_list, _flow_mapping, _block_list, _block_mapping, _compact_list]


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
@pytest.mark.parametrize("nesting", NESTINGS, ids=[n.__name__.strip("_") for n in NESTINGS])
@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 999, 1_000, 1_001, 1_500])
def test_deep_nesting_gets_our_message_at_our_place_whatever_the_parser(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, parser: str, nesting: Any, levels: int
) -> None:
    # libyaml of PyYAML 6.0.4 refuses about 1,000 levels itself, in English, while scanning ahead; the
    # pure-Python parser (like libyaml before it had a limit) has none: either way our own message.
    if parser == "pure-python":
        monkeypatch.setattr(yamlcompose, "_Loader", yamlcompose._PureLoader)
    text, (line, column) = nesting(levels)
    Path("deep.yml").write_text(text, encoding="utf-8")
    (message,) = problems_of(Path("deep.yml"))
    assert message == f"deep.yml:{line}:{column}: " + TOO_DEEP


@pytest.mark.parametrize("nesting", NESTINGS, ids=[n.__name__.strip("_") for n in NESTINGS])
def test_nesting_up_to_the_limit_is_only_yaml(workdir: Path, nesting: Any) -> None:
    text, _ = nesting(MAX_DEPTH - 1)  # with the root mapping: MAX_DEPTH levels
    Path("deep.yml").write_text(text, encoding="utf-8")
    assert not any("嵌套" in message for message in problems_of(Path("deep.yml")))


def test_an_alias_bomb_is_refused_before_anything_expands_it(workdir: Path) -> None:
    shutil.copy(GOLDEN / "load" / "alias-bomb.yml", "bomb.yml")
    (message,) = problems_of(Path("bomb.yml"))
    assert "别名" in message
    # The node tree itself (aliases shared, not copied) is where it stops: nothing reads it further.
    with pytest.raises(InputError, match="别名"):
        compose(Path("bomb.yml").read_text(encoding="utf-8"), Source("bomb.yml"))


def test_problems_from_the_whole_file_come_at_once(workdir: Path) -> None:
    shutil.copy(GOLDEN / "load" / "several-problems.yml", "several.yml")
    lines = {int(message.split(":")[1]) for message in problems_of(Path("several.yml"))}
    assert lines == {8, 15, 16, 17, 18, 20}


def test_pool_status_that_is_a_folder_is_an_error(example_dir: Path) -> None:
    (example_dir / "pool-status.yml").unlink()
    (example_dir / "pool-status.yml").mkdir()
    with pytest.raises(InputError, match="pool-status.yml 是一个文件夹"):
        load_project(example_dir / "campaigns.yml", now=NOW)


# --- qunma check -----------------------------------------------------------------------------------


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_the_example() -> None:
    code, out, err = check("--campaigns", str(EXAMPLE), "--now", "2026-11-23T10:00+08:00")
    assert (code, err) == (0, "")
    assert out.endswith("：4 个活动，9 个群，没有发现问题\n")


def test_check_prints_every_problem_and_exits_1(workdir: Path) -> None:
    shutil.copy(GOLDEN / "load" / "several-problems.yml", "campaigns.yml")
    code, out, err = check("--now", "2026-11-23T10:00+08:00")
    assert code == 1 and out == ""
    assert err == (GOLDEN / "load" / "several-problems.txt").read_text(encoding="utf-8").replace(
        "several-problems.yml", "campaigns.yml"
    )


def test_check_prints_warnings_and_exits_0(workdir: Path) -> None:
    shutil.copy(GOLDEN / "load" / "warnings.yml", "campaigns.yml")
    code, out, err = check("--now", "2026-11-23T10:00")
    assert code == 0
    assert err.splitlines()[0].startswith(
        "campaigns.yml:12:17: 警告：群 old 的二维码已在 2026-11-08 10:00 过期"
    )
    assert "2 个警告" in out


@pytest.mark.parametrize("args", [["--now", "tomorrow"], ["--bogus"], ["--campaigns"]])
def test_check_usage_errors_exit_2(args: list[str]) -> None:
    assert check(*args)[0] == 2


def test_check_never_shows_a_traceback(workdir: Path) -> None:
    Path("campaigns.yml").write_bytes(b"site:\n  title: \xb2\xe2\xca\xd4\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in ([], ["--campaigns", "missing.yml"], ["--campaigns", str(workdir / "qr")]):
        done = subprocess.run(
            [str(Path(sys.executable).with_name("qunma")), "check", *args],
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode in (1, 2), done.stderr
        assert "Traceback" not in done.stderr
