"""The input edges of issue 11, each the way it was found: the example with one value changed, run through
`qunma check`, `qunma build` and `qunma status`. Extreme times, numbers and durations end with exit 1 and
FILE:LINE:COL (or work), never a traceback; invisible characters are named where they are; switches read
alike in both files; a long value is never echoed whole; a future `updated` is warned about.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from loadkit import NOW
from wecom_fake import CORP_ID, SECRET, FakeWeCom, serve

from generator.build import build_files
from generator.cli import main
from generator.errors import InputError
from generator.input.bounds import MAX_MEMBERS
from generator.input.load import load_project
from generator.input.yamlsrc import MAX_INPUT_BYTES
from generator.sync.wecom import Credentials, RetryPolicy, WeComClient

CLI_NOW = "2026-11-23T10:00+08:00"


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def qunma(folder: Path, *args: str) -> tuple[int, str]:
    """Run a qunma command on folder, in this process; (exit code, all it printed, file names relative to
    folder). A traceback fails the test."""
    result = CliRunner().invoke(main, [*args, "--campaigns", str(folder / "campaigns.yml"), "--now", CLI_NOW])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output.replace(f"{folder}/", "")


# (what, file, text in the example, what replaces it, where and what the message says)
FOUND = [
    (
        "issued in the last minute of 9999",
        "campaigns.yml",
        "issued: 2026-11-20 10:00",
        "issued: 9999-12-31 23:59",
        "campaigns.yml:109:17: issued 加上二维码有效期（7 天）就超过了 9999 年",
    ),
    (
        "expires in the year 1 (check passed, build crashed)",
        "campaigns.yml",
        "expires: never                # 企业微信永久群活码",
        "expires: 0001-01-01",
        "campaigns.yml:144:18: “0001-01-01”超出了能用的时间范围：时间要在 2000-01-01 到 9999-12-31 之间",
    ),
    (
        "qr_valid_days of seven digits",
        "campaigns.yml",
        "qr_valid_days: 7 ",
        "qr_valid_days: 9999999 ",
        "campaigns.yml:24:18: 9999999 天太长了：二维码有效天数最多写 3650（10 年）",
    ),
    (
        "expiry_margin of eight digits",
        "campaigns.yml",
        "expiry_margin: 12h ",
        "expiry_margin: 99999999d ",
        "campaigns.yml:25:18: “99999999d”太长了：时长最多写 3650d（3650 天）",
    ),
    (
        "a 5,000-digit member count",
        "pool-status.yml",
        "members: 186",
        "members: " + "9" * 5000,
        f"pool-status.yml:6:14: members（{'9' * 59}…）太大了：人数最多写 {MAX_MEMBERS}",
    ),
    (
        "updated in the year 1 at +14:00",
        "pool-status.yml",
        "updated: 2026-11-23 08:00",
        "updated: 0001-01-01T00:00+14:00",
        "pool-status.yml:3:10: “0001-01-01T00:00+14:00”超出了能用的时间范围",
    ),
]


@pytest.mark.parametrize(("what", "name", "old", "new", "message"), FOUND, ids=[case[0] for case in FOUND])
def test_extreme_values_stop_every_command_with_a_located_message(
    example_dir: Path, what: str, name: str, old: str, new: str, message: str
) -> None:
    edit(example_dir, name, old, new)
    site = example_dir / "out"
    for command in (["check"], ["build", "--site-dir", str(site)], ["status"]):
        code, output = qunma(example_dir, *command)
        assert code == 1, (command, output)
        assert message in output, (command, output)
    assert not site.exists()  # nothing written


def test_the_end_of_9999_is_a_campaign_that_never_ends(example_dir: Path) -> None:
    # It was "not a time": the end of that day is past what a datetime holds.
    edit(example_dir, "campaigns.yml", "ends: 2027-02-28 23:59", "ends: 9999-12-31")
    assert qunma(example_dir, "check")[0] == 0
    assert qunma(example_dir, "status")[0] == 0
    project = load_project(example_dir / "campaigns.yml", now=NOW)
    assert project.campaign("autumn").ends is None  # the same as no end: every moment is before it
    code, output = qunma(example_dir, "build", "--site-dir", str(example_dir / "out"))
    assert code == 0, output
    assert (example_dir / "out" / "autumn" / "index.html").is_file()


def test_the_far_future_where_it_is_allowed_builds(tmp_path: Path) -> None:
    # Every value at the top of its range together: nothing computed from them may overflow.
    shutil.copy(Path(__file__).parent / "golden" / "load" / "far-future.yml", tmp_path / "campaigns.yml")
    for now in (NOW, datetime(9999, 12, 29, 23, 59, tzinfo=ZoneInfo("Etc/GMT+12"))):
        output = build_files(tmp_path / "campaigns.yml", now=now, cache_dir=tmp_path / "cache")
        assert "autumn/index.html" in output.files and output.plan.fingerprint()


@pytest.mark.parametrize("now", ["2000-01-01T00:00+14:00", "9999-12-29T23:59-12:00"])
def test_the_whole_build_runs_at_either_end_of_time(example_dir: Path, now: str) -> None:
    # MkDocs stamped sitemap.xml.gz with --now: gzip's 32 bits end in 2106 (a traceback in struct.pack).
    args = ["build", "--campaigns", str(example_dir / "campaigns.yml"), "--now", now]
    result = CliRunner().invoke(main, [*args, "--site-dir", str(example_dir / "out")])
    assert result.exit_code == 0, (result.output, result.exception)
    assert (example_dir / "out" / "sitemap.xml.gz").is_file()


@pytest.mark.parametrize("now", ["0001-01-01T00:00+14:00", "1999-12-31T23:59", "9999-12-31T23:59-12:00"])
def test_a_now_out_of_range_is_a_usage_error(example_dir: Path, now: str) -> None:
    result = CliRunner().invoke(
        main, ["check", "--campaigns", str(example_dir / "campaigns.yml"), "--now", now]
    )
    assert result.exit_code == 2 and "超出了能用的时间范围" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_group_numbered_with_5000_digits_is_no_number_in_the_series(example_dir: Path) -> None:
    # The staff kit names the next group after the highest number: int() refused 5,000 digits.
    edit(example_dir, "campaigns.yml", "name: 拾光咖啡福利1群\n", f"name: 拾光咖啡福利{'9' * 5000}群\n")
    output = build_files(example_dir / "campaigns.yml", now=NOW, cache_dir=example_dir / "cache")
    assert "拾光咖啡福利4群" in output.files["autumn/staff/index.html"].decode("utf-8")


@pytest.mark.parametrize("now", [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), "0001-01-01T00:00+14:00"])
def test_a_now_out_of_range_in_mkdocs_yml_is_refused(now: object) -> None:
    from generator.plugin import QunmaPlugin  # (mkdocs.yml's plugins → qunma → now, or QUNMA_NOW)

    errors, _ = QunmaPlugin().load_config({"now": now})
    assert len(errors) == 1 and "超出了能用的时间范围" in str(errors[0][1])


# --- invisible characters ----------------------------------------------------------------------------


def test_a_full_width_space_after_title_is_named_on_its_own_line(example_dir: Path) -> None:
    # It was "a colon is not allowed here" on line 9.
    edit(example_dir, "campaigns.yml", "  title: 拾光咖啡 · 福利群\n", "  title:\u3000拾光\n")
    code, output = qunma(example_dir, "check")
    assert code == 1
    assert output.startswith("campaigns.yml:8:9: 这里有一个全角空格（U+3000）")
    assert "请把它换成半角空格" in output


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("members: 186", "members: 186\u3000", "pool-status.yml:6:17: 这里有一个全角空格（U+3000）"),
        ("  autumn/g1:", "  autumn/g1\u200b:", "pool-status.yml:5:12: 这里有一个看不见的零宽字符（U+200B）"),
        (
            "updated: 2026-11-23 08:00",
            "updated: 2026-11-23\u00a008:00",
            "pool-status.yml:3:20: 这里有一个不换行空格",
        ),
        ("updated:", "\ufeffupdated:", "pool-status.yml:3:1: 这里有一个看不见的字节顺序标记 BOM（U+FEFF）"),
    ],
)
def test_invisible_characters_in_pool_status_are_named(
    example_dir: Path, old: str, new: str, where: str
) -> None:
    edit(example_dir, "pool-status.yml", old, new)
    code, output = qunma(example_dir, "check")
    assert code == 1 and output.startswith(where), output


def test_text_keeps_its_full_width_spaces_and_joiners(example_dir: Path) -> None:
    # In a title or a welcome they are the writer's own: a Chinese title may be spaced, an emoji joined.
    edit(
        example_dir, "campaigns.yml", "    title: 秋冬新品福利群\n", "    title: 秋冬\u3000新品 👩\u200d💻\n"
    )
    assert (
        load_project(example_dir / "campaigns.yml", now=NOW).campaign("autumn").title
        == "秋冬\u3000新品 👩\u200d💻"
    )


# --- switches, alike in both files (YAML 1.2 core) ---------------------------------------------------

SWITCHES = ["true", "True", "TRUE", "false", "FALSE", '"TRUE"', "'true'", "yes", "on", "No", "tRuE", "1"]


@pytest.mark.parametrize("word", SWITCHES)
def test_switches_read_alike_in_campaigns_and_pool_status(example_dir: Path, word: str) -> None:
    def accepted(name: str, old: str, new: str) -> bool:
        shutil.copy(example_dir / name, example_dir / f"{name}.orig")
        edit(example_dir, name, old, new)
        try:
            load_project(example_dir / "campaigns.yml", now=NOW)
        except InputError as exc:
            (problem,) = exc.problems
            assert problem.file.endswith(name) and problem.line > 0, problem
            return False
        finally:
            shutil.move(example_dir / f"{name}.orig", example_dir / name)
        return True

    in_campaigns = accepted("campaigns.yml", "        paused: true ", f"        paused: {word} ")
    in_status = accepted("pool-status.yml", "    members: 186", f"    full: {word}")
    assert in_campaigns == in_status == (word in ("true", "True", "TRUE", "false", "FALSE")), word


def test_a_quoted_switch_is_told_to_lose_its_quotes(example_dir: Path) -> None:
    edit(example_dir, "pool-status.yml", "    members: 186", '    full: "TRUE"')
    code, output = qunma(example_dir, "check")
    assert code == 1
    assert output.startswith(
        'pool-status.yml:6:11: "TRUE" 加了引号就是一段文字，不是开关：请去掉引号，写成 true'
    )


# --- long values ---------------------------------------------------------------------------------------

LONG = "长" * 1_000_000
LONG_KEY = "长" * 1_000  # a key may be 1,024 characters at most in YAML


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("campaigns.yml", "    title: 秋冬新品福利群\n", f"    titel: {LONG}\n"),
        ("campaigns.yml", "    type: pond\n", f"    type: {LONG}\n"),
        ("campaigns.yml", "    rules: vip\n", f"    rules: {LONG}\n"),
        ("campaigns.yml", "  - id: vip\n", f"  - id: {'a' * 1_000_000}\n"),
        (
            "campaigns.yml",
            "  standard:\n",
            f"  {LONG_KEY}:\n    rules: [x]\n  {LONG_KEY}: {{}}\n  standard:\n",
        ),
        ("campaigns.yml", "        issued: 2026-11-20 10:00\n", f"        issued: {LONG}\n"),
        ("campaigns.yml", "  capacity: 200 ", f"  capacity: {'9' * 1_000_000} "),
        ("campaigns.yml", "channels: [live]", f"channels: [{'x' * 1_000_000}]"),
        ("pool-status.yml", "  autumn/g1:", f"  autumn/{'g' * 1_000}:"),
        ("pool-status.yml", "  autumn/g1:", f"  {'a' * 1_000}/g1:"),
        ("pool-status.yml", "updated: 2026-11-23 08:00", f"updated: {LONG}"),
        ("pool-status.yml", "    members: 186", f"    members: {LONG}"),
        ("pool-status.yml", "    members: 186", f"    full: {LONG}"),
        ("pool-status.yml", "    members: 186", f"    {LONG_KEY}: 1"),
        ("pool-status.yml", "updated:", f"{LONG_KEY}: 1\nupdated:"),
    ],
)
def test_a_megabyte_value_is_never_echoed_whole(example_dir: Path, name: str, old: str, new: str) -> None:
    edit(example_dir, name, old, new)
    try:
        problems = load_project(example_dir / "campaigns.yml", now=NOW).warnings  # e.g. an entry of no group
    except InputError as caught:
        problems = caught.problems
    assert problems
    for problem in problems:
        assert problem.line > 0 and len(problem.message) < 500, problem.message[:200]
        assert "…" in problem.message or LONG_KEY[:100] not in problem.message


# --- pool-status.yml updated in the future -------------------------------------------------------------


@pytest.mark.parametrize(
    ("updated", "warned"),
    [
        ("2026-11-23 10:04", False),  # a clock a few minutes ahead
        ("2026-11-23 10:06", True),
        ("2062-11-23 08:00", True),  # the year mistyped
        ("2026-11-23T08:00-08:00", True),  # the time written in another zone: 00:00 tomorrow here
    ],
)
def test_a_future_updated_is_warned_about_where_it_is_written(
    example_dir: Path, updated: str, warned: bool
) -> None:
    edit(example_dir, "pool-status.yml", "updated: 2026-11-23 08:00", f"updated: {updated}")
    code, output = qunma(example_dir, "check")
    assert code == 0
    found = re.findall(r"^pool-status.yml:3:10: 警告：.*比现在（2026-11-23 10:00）还晚 (\S+)", output, re.M)
    assert bool(found) == warned, output
    assert "超过了" not in output  # and never called out of date


def test_stale_counts_are_still_warned_about(example_dir: Path) -> None:
    edit(example_dir, "pool-status.yml", "updated: 2026-11-23 08:00", "updated: 2026-11-23 03:30")
    code, output = qunma(example_dir, "check")
    assert code == 0 and "pool-status.yml:3:10: 警告：pool-status.yml 是 6 小时前更新的" in output


def test_a_short_status_max_age_is_said_in_minutes(example_dir: Path) -> None:
    edit(example_dir, "campaigns.yml", "  low_seats: 50 ", "  low_seats: 50\n  status_max_age: 30m ")
    code, output = qunma(example_dir, "check")
    assert code == 0 and "超过了 30 分钟" in output, output


# --- WeCom member lists ----------------------------------------------------------------------------------


class PaddedWeCom(FakeWeCom):
    """WeCom whose member lists also hold entries that are no member: nulls, numbers, empty objects."""

    def _groupchat(self, query: dict[str, str], body: Any) -> tuple[int, dict[str, Any]]:
        status, answer = super()._groupchat(query, body)
        if "group_chat" in answer:
            junk = [None, None, 0, "", "wmX", [], {}, {"userid": ""}, {"userid": None}, {"name": "x"}]
            answer["group_chat"]["member_list"] += junk
        return status, answer


def test_only_real_members_are_counted() -> None:
    fake = PaddedWeCom(members={"wrA": 3, "wrE": 0})
    with serve(fake) as base:
        client = WeComClient(Credentials(CORP_ID, SECRET), base, retry=RetryPolicy(tries=1))
        assert [client.member_count("wrA"), client.member_count("wrE")] == [3, 0]


# --- the input files themselves: only regular files of sensible size -----------------------------------

SPECIAL = ["fifo", "dev-zero", "folder", "huge"]


def _make_special(path: Path, kind: str) -> None:
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")  # reading it would never end
    elif kind == "folder":
        path.mkdir()
    else:
        with path.open("wb") as file:  # sparse: 65 MB of nothing, over the limit without using the disk
            file.truncate(MAX_INPUT_BYTES + 1)


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("name", ["campaigns.yml", "pool-status.yml"])
def test_an_input_that_is_no_regular_file_is_refused_at_once(example_dir: Path, name: str, kind: str) -> None:
    """Found as a FIFO hanging `qunma check` and /dev/zero eating memory: each is one located line, exit 1."""
    if (name, kind) == ("campaigns.yml", "folder"):
        pytest.skip("--campaigns naming a folder is a usage error (exit 2), said before anything is read")
    _make_special(example_dir / name, kind)
    done = subprocess.run(
        [str(Path(sys.executable).with_name("qunma")), "check", "--now", CLI_NOW],
        cwd=example_dir,
        capture_output=True,
        text=True,
        timeout=60,  # a bound, not a speed claim: the FIFO used to block forever
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    special, folder = "不是一个普通文件", "是一个文件夹"
    expected = {"fifo": special, "dev-zero": special, "folder": folder, "huge": "文件太大"}
    assert line.startswith(f"{name}: ") and expected[kind] in line, line
