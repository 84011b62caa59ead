"""The parts under `qunma notify`: pool-history.json, the rate of joins, the to-do items, how a message is
written and what a robot remembers."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from notify_scene import NOW, TZ, write_scene

from generator.errors import QunmaError
from generator.input.load import load_project
from generator.input.poolhistory import (
    FINE,
    HISTORY_FILE,
    KEEP,
    compacted,
    history_text,
    observed,
    read_history,
    recorded,
    write_history,
)
from generator.model import CountSample, GroupStatus, PoolHistory, PoolStatus, SyncOutcome
from generator.notify.compose import Batch, compose, plain
from generator.notify.robots import Kind, Robot, robots_from_env
from generator.notify.state import Memory, changes, remembered
from generator.plan.forecast import forecast, seats_over_time
from generator.plan.rotation import plan
from generator.plan.todo import Todo, TodoKind, todo_items

# --- pool-history.json ---------------------------------------------------------------------------------


def test_history_keeps_two_weeks_hourly_then_six_hourly_whatever_the_sync_interval() -> None:
    history = PoolHistory()
    start = NOW - timedelta(days=20)
    moment = start
    while moment <= NOW:  # a sync every 10 minutes for 20 days
        members = int((moment - start).total_seconds() // 3600) % 190
        history = recorded(history, {"autumn/g1": members}, moment)
        moment += timedelta(minutes=10)
    samples = history.groups["autumn/g1"]
    assert samples[-1].at == moment - timedelta(minutes=10)  # the newest is always kept
    assert all(NOW - s.at <= KEEP for s in samples)
    recent = [s for s in samples if NOW - s.at <= FINE]
    assert len(recent) <= 73 and len(samples) <= 73 + 4 * 11 + 1  # ~2 KB a group at most
    assert [s.at for s in samples] == sorted({s.at for s in samples})
    assert len(history_text(history).encode()) < 3000


def test_history_round_trips_and_drops_groups_no_longer_synced(tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    old = NOW - timedelta(days=15)
    history = PoolHistory({"autumn/gone": (CountSample(old, 5),)})
    history = recorded(history, {"autumn/g1": 12, "vip/a": 470}, NOW)
    history = PoolHistory(
        history.groups, SyncOutcome(NOW, False, 60020, "企业微信返回错误 60020\n::error::x")
    )
    write_history(path, history)
    back, warnings = read_history(path, "zh")
    assert warnings == [] and set(back.groups) == {"autumn/g1", "vip/a"}
    assert back.groups["vip/a"] == (CountSample(NOW.astimezone(UTC), 470),)
    assert back.last_sync is not None and back.last_sync.errcode == 60020
    assert "\n" not in back.last_sync.reason and "::" not in back.last_sync.reason  # escaped when read
    assert sorted(p.name for p in tmp_path.iterdir()) == [HISTORY_FILE]  # no temp file left


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"version": 2, "groups": {}}',
        '{"version": 1, "groups": {"autumn/g1": [[1795000000, -1]]}}',
        '{"version": 1, "groups": {"autumn/g1": [[1795000000, 5], [1794000000, 6]]}}',
        '{"version": 1, "groups": {"nokey": []}}',
        '{"version": 1, "sync": {"at": 1795000000, "ok": "yes"}}',
        "[" * 100_000,
    ],
)
def test_a_damaged_history_counts_as_empty_with_a_warning(tmp_path: Path, text: str) -> None:
    path = tmp_path / HISTORY_FILE
    path.write_text(text, encoding="utf-8")
    history, warnings = read_history(path, "zh")
    assert history == PoolHistory() and len(warnings) == 1 and "pool-history.json 读不懂" in warnings[0]


def test_a_fifo_in_place_of_the_history_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / HISTORY_FILE)
    history, warnings = read_history(tmp_path / HISTORY_FILE, "en")
    assert history == PoolHistory() and "could not be read" in warnings[0]


def test_compaction_of_an_empty_list_is_empty() -> None:
    assert compacted([], NOW) == ()


# --- the rate of joins ----------------------------------------------------------------------------------


def _scene_plan(tmp_path: Path, now: datetime = NOW):  # type: ignore[no-untyped-def]
    project = load_project(write_scene(tmp_path / "scene"), now=now)
    return project, plan(project, now)


def test_forecast_is_the_recent_rate_and_when_the_seats_run_out(tmp_path: Path) -> None:
    from notify_scene import history

    project, built = _scene_plan(tmp_path)
    page = next(p for p in built.pages if p.path == "autumn/")
    seen = forecast(page, history(), NOW)
    assert seen is not None and seen.per_hour == pytest.approx(2.5) and seen.seats == 90
    assert seen.runs_out == NOW + timedelta(hours=36)
    stale = forecast(page, history(NOW - timedelta(hours=7)), NOW)  # newest sample 7 hours old
    assert stale is None
    short = PoolHistory({"autumn/g2": history().groups["autumn/g2"][-1:]})
    assert forecast(page, short, NOW) is None  # one sample: no stretch to measure
    still = PoolHistory({"autumn/g2": (CountSample(NOW - timedelta(hours=5), 100), CountSample(NOW, 100))})
    steady = forecast(page, still, NOW)
    assert steady is not None and steady.per_hour == 0 and steady.runs_out is None
    points = seats_over_time(page, project.status, history(), NOW)
    assert points is not None and points[-1] == (NOW, 90)
    assert [b - a for (a, _), (b, _) in zip(points[:-2], points[1:-1], strict=True)] == [
        timedelta(hours=6)
    ] * (len(points) - 2)


# --- to-do items ------------------------------------------------------------------------------------------


def test_items_name_pages_of_one_pool_together_and_rise_in_severity(tmp_path: Path) -> None:
    from notify_scene import history

    project, built = _scene_plan(tmp_path)
    items = {item.key: item for item in todo_items(project, built, history())}
    expiring = next(item for item in items.values() if item.kind is TodoKind.EXPIRING)
    assert expiring.where == "秋冬新品福利群 · 主页面、门店桌贴、直播间" and expiring.severity == 2
    assert "pool:autumn/" not in items  # the pool's only trouble is the code running out: said once
    assert items["pool:spring/"].kind is TodoKind.EMPTY and items["pool:spring/"].severity == 3
    assert items["sync"].do.startswith("60020 表示")
    late = datetime(2026, 11, 28, 20, 0, tzinfo=TZ)
    project, built = _scene_plan(tmp_path / "late", late)
    urgent = next(i for i in todo_items(project, built, history(late)) if i.kind is TodoKind.EXPIRING)
    assert urgent.key == expiring.key and urgent.severity == 3  # the same situation, worse


def test_a_sync_failure_other_than_60020_gets_the_general_advice(tmp_path: Path) -> None:
    failed = PoolHistory({}, SyncOutcome(NOW, False, 40001, "invalid credential"))
    project, built = _scene_plan(tmp_path)
    (sync,) = [i for i in todo_items(project, built, failed) if i.kind is TodoKind.SYNC]
    assert "WECOM_SECRET" in sync.do and "可信 IP" not in sync.do


# --- writing a message ----------------------------------------------------------------------------------


def _item(**changes: object) -> Todo:
    base = {
        "key": "pool:x/",
        "kind": TodoKind.EMPTY,
        "severity": 3,
        "source": "pool",
        "where": "活动 · 主页面",
        "what": "没有群",
        "do": "加一个群",
        "link": "https://qun.example.com/x/",
    }
    return Todo(**{**base, **changes})  # type: ignore[arg-type]


def _batch(*items: Todo) -> Batch:
    return Batch(
        "zh", "群码提醒 · 站", "11-28 12:00", list(items), frozenset(), [], [], "https://q.example/staff/"
    )


def test_text_from_campaigns_yml_cannot_break_a_message_or_mention_everyone() -> None:
    hostile = _item(
        where="<@all> **粗体** [链接](https://evil.example) `代码`", what="第一行\n# 标题\r\n::error::x"
    )
    (message,) = compose(Kind.WECOM, _batch(hostile))
    line = next(line for line in message.content.splitlines() if "@all" in line)
    assert "<@all>" not in message.content and "[链接](" not in message.content
    assert "＜@all＞" in line and "＊＊粗体＊＊" in line and "［链接］" in line
    assert "# 标题" not in message.content and "::error" not in message.content
    assert plain("a\nb") == "a b"


def test_dingtalk_separates_lines_with_blank_lines() -> None:
    (message,) = compose(Kind.DINGTALK, _batch(_item()))
    assert "没有群\n\n👉 加一个群\n\n[打开页面](https://qun.example.com/x/)" in message.content
    (wecom,) = compose(Kind.WECOM, _batch(_item()))
    assert "没有群\n👉 加一个群\n[打开页面](https://qun.example.com/x/)" in wecom.content


# --- what a robot remembers -----------------------------------------------------------------------------


def test_news_that_did_not_arrive_is_told_again_and_milder_is_remembered_milder() -> None:
    low, empty = _item(key="a", severity=2), _item(key="b", severity=3)
    memory = Memory({"a": 3, "gone": 2})
    records = {"a": low, "b": empty, "gone": _item(key="gone")}
    current = {"a": low, "b": empty}
    change = changes(current, records, memory, digest=False)
    assert [i.key for i in change.new] == ["b"] and [i.key for i in change.resolved] == ["gone"]
    after = remembered(memory, current, records, (set(), set()), None)  # nothing arrived
    assert after.told == {"a": 2, "gone": 2}  # a got milder; b is still to tell; gone still to resolve
    later = changes(current, records, after, digest=False)
    assert [i.key for i in later.new] == ["b"] and [i.key for i in later.resolved] == ["gone"]
    done = remembered(after, current, records, ({"b"}, {"gone"}), "2026-11-28")
    assert done.told == {"a": 2, "b": 3} and done.digest_day == "2026-11-28"
    told_once = _item(key="news", kind=TodoKind.INBOX_APPLIED, severity=1)
    forgotten = remembered(Memory({"news": 1}), {}, {"news": told_once}, (set(), set()), None)
    assert forgotten.told == {}  # news told once is not "resolved" later


# --- robots ----------------------------------------------------------------------------------------------


def test_a_robot_never_shows_its_webhook_or_secret() -> None:
    robot = Robot(Kind.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e", "sEcReT-123456")
    assert "5e3d587e" not in repr(robot) and "sEcReT" not in repr(robot)
    assert {"5e3d587e-d78e", "sEcReT-123456"} <= set(robot.secrets())
    with pytest.raises(QunmaError) as caught:
        robots_from_env(
            {"QUNMA_DINGTALK_WEBHOOK": "oapi.dingtalk.com/robot/send?access_token=abcdef123"}, "zh"
        )
    assert "QUNMA_DINGTALK_WEBHOOK" in str(caught.value) and "abcdef123" not in str(caught.value)
    assert robots_from_env({"QUNMA_WECOM_WEBHOOK": "  "}, "zh") == []


def test_forecasts_and_the_dashboard_hold_at_the_end_of_time(tmp_path: Path) -> None:
    """Found by the build's edge tests: a week ahead of --now 9999-12-29 is past what datetime holds."""
    from notify_scene import history

    from generator.plan.forecast import LAST
    from generator.render.dashboard import dashboard_files

    end = datetime(9999, 12, 29, 23, 59, tzinfo=TZ)
    project = load_project(write_scene(tmp_path / "end"), now=end)
    built = plan(project, end)
    page = next(p for p in built.pages if p.path == "vip/")
    counts = PoolHistory({"vip/a": (CountSample(end - timedelta(hours=6), 469), CountSample(end, 470))})
    seen = forecast(page, counts, end)
    assert seen is not None and seen.runs_out == LAST  # 30 seats at 1 in 6 hours: clipped, not an error
    html = dashboard_files(project, built, history(end))["staff/index.html"].decode()
    assert "12-29" in html and todo_items(project, built, history(end))


def test_counts_in_pool_status_feed_the_history_as_of_their_update() -> None:
    """Counts a person typed, or that `qunma sync --push` committed from a cron machine, are recorded when
    notify runs in CI, as of pool-status.yml's `updated:`, so that the rate of joins sees them too."""
    t1, t2 = NOW - timedelta(hours=6), NOW - timedelta(hours=1)
    first = PoolStatus(t1, {"autumn/g2": GroupStatus(40), "vip/a": GroupStatus(None, full=True)})
    seen = observed(PoolHistory(), first, NOW)
    assert seen.groups == {"autumn/g2": (CountSample(t1, 40),)}  # a group without a count adds nothing
    assert observed(seen, first, NOW) is seen  # the same file again: nothing new
    later = observed(seen, PoolStatus(t2, {"autumn/g2": GroupStatus(70)}), NOW)
    assert later.groups["autumn/g2"] == (CountSample(t1, 40), CountSample(t2, 70))
    synced = PoolHistory({"autumn/g2": (CountSample(NOW, 75),)})  # a sync here already read a newer count
    assert observed(synced, PoolStatus(t2, {"autumn/g2": GroupStatus(70)}), NOW) is synced
    future = PoolStatus(NOW + timedelta(hours=1), {"autumn/g2": GroupStatus(99)})
    assert observed(PoolHistory(), future, NOW) == PoolHistory()  # a clock ahead adds nothing
    assert observed(PoolHistory(), PoolStatus(None, {"autumn/g2": GroupStatus(9)}), NOW) == PoolHistory()
