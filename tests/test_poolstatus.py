"""pool-status.yml: reading with file:line:col problems, age warnings, and atomic deterministic writing."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.errors import InputError
from generator.input.poolstatus import read_status, status_text, write_status
from generator.model import (
    Campaign,
    Channel,
    Defaults,
    Group,
    GroupStatus,
    PoolStatus,
    Project,
    RuleSet,
    Site,
)

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=TZ)
REPO = Path(__file__).resolve().parent.parent


def _group(id: str) -> Group:
    return Group(id, f"{id}群", f"https://weixin.qq.com/g/{id}", NOW, None, 200, 190, timedelta(hours=12))


def _project(root: Path, lang: str = "zh", max_age: timedelta = timedelta(hours=6)) -> Project:
    """The example's campaign and group ids (the groups' other fields do not matter here)."""
    ids = {"autumn": ("g1", "g2", "g3", "live-1", "g0"), "vip": ("wecom-a", "wecom-b"), "spring": ("s1",)}
    campaigns = tuple(
        Campaign(c, c, RuleSet("r"), (Channel("mp", "公众号"),), tuple(_group(g) for g in groups))
        for c, groups in ids.items()
    ) + (Campaign("double11", "双十一", RuleSet("r"), (Channel("parcel", "包裹卡"),), (), archived=True),)
    site = Site(title="t", base_url="https://qun.example/", language=lang)
    return Project(site, Defaults(status_max_age=max_age), {}, campaigns, root / "campaigns.yml")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pool-status.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_the_example_status(tmp_path: Path) -> None:
    status, warnings = read_status(REPO / "pool-status.yml", _project(tmp_path), NOW)
    assert status.updated == datetime(2026, 11, 23, 8, 0, tzinfo=TZ)
    assert status.groups == {
        "autumn/g1": GroupStatus(members=186),
        "autumn/g2": GroupStatus(members=42),
        "vip/wecom-a": GroupStatus(members=312),
        "vip/wecom-b": GroupStatus(members=298),
    }
    assert warnings == []


def test_full_flags_offsets_and_empty_files(tmp_path: Path) -> None:
    text = (
        "updated: 2026-11-23T02:00:00Z\ngroups:\n"
        "  autumn/g3: {full: true}\n  vip/wecom-a: {members: 0, full: False}\n"
    )
    status, _ = read_status(_write(tmp_path, text), _project(tmp_path), NOW)
    assert status.updated == datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
    assert status.groups == {"autumn/g3": GroupStatus(full=True), "vip/wecom-a": GroupStatus(members=0)}
    for empty in ("", "# 只有注释\n", "updated: 2026-11-23 10:00\ngroups:\n"):
        assert read_status(_write(tmp_path, empty), _project(tmp_path), NOW)[0].groups == {}
    assert read_status(tmp_path / "missing.yml", _project(tmp_path), NOW) == (PoolStatus(), [])
    bom = tmp_path / "bom.yml"  # as Windows Notepad saves it
    bom.write_bytes("\ufeffgroups:\n  autumn/g1: {members: 3}\n".encode())
    assert read_status(bom, _project(tmp_path), None)[0].groups == {"autumn/g1": GroupStatus(members=3)}


BAD = """\
updated: 下午三点
owner: 小王
groups:
  autumn/g1:
    members: -3
  autumn/g2:
    members: 很多
    full: yes
  autumn/g11:
    members: 10
  autum/g3:
    members: 10
  autumn:
    members: 10
  vip/wecom-a:
    member: 10
  vip/wecom-b:
  spring/s1: 12
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_problem_is_reported_at_once_with_its_place(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    golden: Callable[[str, str], None],
    lang: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        read_status(_write(tmp_path, BAD), _project(tmp_path, lang), NOW)
    problems = caught.value.problems
    assert [(p.line, p.column) for p in problems] == [
        (1, 10),
        (2, 1),
        (5, 14),
        (7, 14),
        (8, 11),
        (9, 3),
        (11, 3),
        (13, 3),
        (16, 5),
        (17, 3),
        (18, 14),
    ]
    assert all(p.file == "pool-status.yml" for p in problems)
    golden(f"status/poolstatus-errors.{lang}.txt", "\n".join(str(p) for p in problems) + "\n")


def test_a_typo_of_an_existing_group_is_an_error_naming_it(tmp_path: Path) -> None:
    text = "groups:\n  autumn/g11: {full: true}\n  autum/g3: {members: 1}\n"
    with pytest.raises(InputError) as caught:
        read_status(_write(tmp_path, text), _project(tmp_path), NOW)
    first, second = (p.message for p in caught.value.problems)
    assert "“autumn/g11”" in first and "你是不是想写“autumn/g1”" in first
    assert "“autum/g3”" in second and "你是不是想写“autumn/g3”" in second


def test_entries_of_deleted_groups_and_retired_campaigns_are_warnings_left_out(tmp_path: Path) -> None:
    """The "retire a campaign" recipe says its groups may then be deleted: check and build still pass."""
    text = (
        "updated: 2026-11-23 09:00\ngroups:\n  autumn/g1: {members: 5}\n  autumn/g9: {members: 1}\n"
        "  winter/a: {full: true}\n"
        "  double11/d1: {members: 3}\n"
    )
    status, warnings = read_status(_write(tmp_path, text), _project(tmp_path), NOW)
    assert list(status.groups) == ["autumn/g1"]
    assert [(w.line, w.column) for w in warnings] == [(4, 3), (5, 3), (6, 3)]
    assert all("请从 pool-status.yml 删掉" in w.message and "qunma sync" in w.message for w in warnings)
    assert "（）" not in "".join(w.message for w in warnings)  # no empty list of candidates
    assert "已下线" in warnings[2].message


def test_duplicate_keys_and_syntax_errors_are_problems_too(tmp_path: Path) -> None:
    duplicate = "groups:\n  autumn/g1: {members: 1}\n  autumn/g1: {members: 2}\n"
    with pytest.raises(InputError) as caught:
        read_status(_write(tmp_path, duplicate), _project(tmp_path), NOW)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, 3)]
    assert "autumn/g1" in caught.value.problems[0].message and "第 2 行" in caught.value.problems[0].message
    with pytest.raises(InputError) as caught:
        read_status(_write(tmp_path, "groups:\n  autumn/g1: {members: 1\n"), _project(tmp_path), NOW)
    assert caught.value.problems[0].line > 0


def test_a_stale_status_is_a_warning_at_its_updated_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "# 人数\nupdated: 2026-11-22 08:00\ngroups:\n  autumn/g1: {members: 5}\n")
    project = _project(tmp_path)
    status, warnings = read_status(path, project, NOW)
    assert status.groups["autumn/g1"] == GroupStatus(members=5)
    assert [(w.line, w.column) for w in warnings] == [(2, 10)]
    assert "28 小时前更新的（2026-11-22 08:00），超过了 6 小时" in warnings[0].message
    assert read_status(path, project, NOW - timedelta(hours=22))[1] == []  # 6 h old: fine
    assert read_status(path, project, None)[1] == []  # no time given: nothing to compare with
    english_project = _project(tmp_path, "en", max_age=timedelta(days=1))
    english = read_status(path, english_project, NOW + timedelta(days=3))[1]
    assert "updated 4 days ago (2026-11-22 08:00), more than 24 h" in english[0].message


def test_counts_without_updated_are_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "groups:\n  autumn/g1: {members: 5}\n")
    _, warnings = read_status(path, _project(tmp_path), NOW)
    assert len(warnings) == 1 and "updated" in warnings[0].message and warnings[0].line == 1


# --- writing ---

STATUS = PoolStatus(
    updated=datetime(2026, 11, 23, 10, 0, tzinfo=TZ),
    groups={
        "vip/wecom-b": GroupStatus(members=298),
        "autumn/g3": GroupStatus(full=True),
        "autumn/g1": GroupStatus(members=186, full=True),
        "vip/wecom-a": GroupStatus(),
    },
)


def test_the_written_file_is_sorted_commented_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "pool-status.yml"
    write_status(path, STATUS)
    assert path.read_text(encoding="utf-8") == (
        "# 群的实时人数：由 `qunma sync` 从企业微信自动写入，也可以手工修改。\n"
        "# 键是“活动id/群id”。members：当前人数；full: true 表示已满（不再展示）。\n"
        "updated: 2026-11-23 10:00+08:00\n"
        "groups:\n"
        "  autumn/g1:\n    members: 186\n    full: true\n"
        "  autumn/g3:\n    full: true\n"
        "  vip/wecom-a:\n    full: false\n"
        "  vip/wecom-b:\n    members: 298\n"
    )
    assert read_status(path, _project(tmp_path), NOW) == (STATUS, [])
    reordered = PoolStatus(STATUS.updated, dict(reversed(list(STATUS.groups.items()))))
    assert status_text(reordered) == status_text(STATUS)


def test_times_keep_their_offset_and_seconds(tmp_path: Path) -> None:
    utc = datetime(2026, 11, 23, 2, 0, 5, tzinfo=ZoneInfo("UTC"))
    text = status_text(PoolStatus(updated=utc))
    assert "updated: 2026-11-23 02:00:05+00:00\ngroups: {}\n" in text
    path = tmp_path / "pool-status.yml"
    write_status(path, PoolStatus(updated=utc))
    assert read_status(path, _project(tmp_path), NOW)[0].updated == utc


def test_writing_replaces_the_file_atomically_and_keeps_its_mode(tmp_path: Path) -> None:
    path = _write(tmp_path, "updated: 2026-11-20 08:00\ngroups: {}\n")
    path.chmod(0o640)
    write_status(path, STATUS)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pool-status.yml"]
    fresh = tmp_path / "new" / "pool-status.yml"
    fresh.parent.mkdir()
    write_status(fresh, STATUS)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "updated: 2026-11-20 08:00\ngroups: {}\n")
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_status(path, STATUS)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pool-status.yml"]


def test_qunma_sync_writes_the_file_without_them(tmp_path: Path) -> None:
    from generator.input.poolstatus import current_status, status_text
    from generator.sync.run import merged_status

    text = "updated: 2026-11-23 09:00\ngroups:\n  autumn/g1: {members: 5}\n  double11/d1: {members: 3}\n"
    _, current = current_status(_write(tmp_path, text), _project(tmp_path))
    written = status_text(merged_status(current, [], NOW))
    assert "autumn/g1" in written and "double11" not in written
