"""`qunma notify` against faithful local fakes of the WeCom, Feishu and DingTalk robots
(tests/robot_fakes.py): what each receives (golden files), signatures, size limits and splitting, their
error codes, no repeats across runs, resolved messages, the daily digest, and secrets kept out of every
output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from notify_scene import ISO_NOW, NOW, STATUS, TZ, write_scene
from robot_fakes import SECRETS, FakeRobots, serve

from generator.cli import main
from generator.input.load import load_project
from generator.notify.state import STATE_FILE, read_state

KINDS = ("wecom", "feishu", "dingtalk")


@pytest.fixture
def fake() -> FakeRobots:
    return FakeRobots()


@pytest.fixture
def robots(fake: FakeRobots) -> Iterator[dict[str, str]]:
    with serve(fake) as environ:
        yield environ


@pytest.fixture
def scene(tmp_path: Path) -> Path:
    return write_scene(tmp_path / "site")


def run(campaigns: Path, environ: dict[str, str], *args: str, now: datetime = NOW) -> Any:
    """`qunma notify` as CI runs it, in this process; environ is the whole environment it sees."""
    runner = CliRunner()
    clean = {name: None for name in ("QUNMA_WECOM_WEBHOOK", "QUNMA_FEISHU_WEBHOOK", "QUNMA_DINGTALK_WEBHOOK")}
    command = ["notify", "--campaigns", str(campaigns), "--now", now.isoformat(), *args]
    return runner.invoke(main, command, env={**clean, **environ}, catch_exceptions=False)


def texts(fake: FakeRobots, kind: str) -> list[str]:
    return [r.text for r in fake.accepted(kind)]


# --- what each robot receives ------------------------------------------------------------------------


def test_each_robot_gets_one_batch_in_its_own_format(
    scene: Path, robots: dict[str, str], fake: FakeRobots, golden
) -> None:  # type: ignore[no-untyped-def]
    result = run(scene, robots)
    assert result.exit_code == 0, result.output
    for kind in KINDS:
        received = fake.of(kind)
        assert received and all(r.ok for r in received), [r.answer for r in received]
        title = "群码每日汇总 · 拾光咖啡 · 福利群"
        if kind == "feishu":  # the card's header; DingTalk's title is what its notification shows
            assert received[0].body["card"]["header"]["title"]["content"] == title
        else:
            assert received[0].text.startswith(f"**{title}**")
        if kind == "dingtalk":
            assert received[0].body["markdown"]["title"] == title
        golden(f"notify/{kind}.md", "\n\n===\n\n".join(texts(fake, kind)) + "\n")
    wecom = texts(fake, "wecom")[0]
    # The exact thing to do, with the group by name and the time in the site's zone:
    assert "请在 11-28 21:30 前上传福利2群的新二维码" in wecom
    assert "秋冬新品福利群 · 主页面、门店桌贴、直播间" in wecom  # one item for the three pages of one pool
    assert "约 36 小时后用完" in wecom  # 90 seats at 2.5 joins an hour
    assert "黑金会员群 · 主页面" in wecom and "30 个名额" in wecom
    assert "樱花预约1群 在 pool-status.yml 里标记为已满" in wecom and "黑金A群、黑金B群" in wecom
    assert "企业可信 IP" in wecom and "60020" in wecom
    assert "[打开页面](https://qun.example.com/autumn/)" in wecom
    assert wecom.rstrip().endswith("[打开看板](https://qun.example.com/staff/)")
    assert "✓ 企业微信机器人（QUNMA_WECOM_WEBHOOK）：发送了每日汇总" in result.output


def test_english_sites_are_told_in_english(
    tmp_path: Path, robots: dict[str, str], fake: FakeRobots, golden
) -> None:  # type: ignore[no-untyped-def]
    campaigns = write_scene(tmp_path / "en", language="en")
    result = run(campaigns, {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]})
    assert result.exit_code == 0, result.output
    (message,) = texts(fake, "wecom")
    golden("notify/wecom-en.md", message + "\n")
    assert "upload a new code for 福利2群 before 11-28 21:30" in message
    assert "sent the daily digest" in result.output


def test_signatures_are_checked_like_the_services_do(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    run(scene, robots)
    (feishu,) = fake.of("feishu")
    assert feishu.ok and {"timestamp", "sign"} <= set(feishu.body)
    assert feishu.body["msg_type"] == "interactive"
    (dingtalk,) = fake.of("dingtalk")
    assert dingtalk.ok and {"timestamp", "sign", "access_token"} <= set(dingtalk.query)
    assert len(dingtalk.query["timestamp"]) == 13  # milliseconds, where Feishu counts seconds
    assert len(feishu.body["timestamp"]) == 10


def test_a_wrong_secret_is_refused_and_named_not_shown(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    wrong = {**robots, "QUNMA_FEISHU_SECRET": "not-the-secret-at-all"}
    wrong["QUNMA_DINGTALK_SECRET"] = "SECwrongwrongwrong"
    result = run(scene, wrong)
    assert result.exit_code == 1
    assert [r.answer["code"] for r in fake.of("feishu")] == [19021]  # type: ignore[index]
    assert [r.answer["errcode"] for r in fake.of("dingtalk")] == [310000]  # type: ignore[index]
    assert "签名校验失败（19021" in result.output and "QUNMA_FEISHU_SECRET" in result.output
    assert "签名校验失败（310000" in result.output and "QUNMA_DINGTALK_SECRET" in result.output
    assert "not-the-secret-at-all" not in result.output and "SECwrongwrongwrong" not in result.output
    assert fake.accepted("wecom")  # one robot's trouble does not keep the others from being told
    # The refused robots are told at the next run, once the secret is right; the one told is not told again.
    again = run(scene, robots)
    assert again.exit_code == 0, again.output
    assert len(fake.accepted("feishu")) == 1 and len(fake.accepted("dingtalk")) == 1
    assert len(fake.accepted("wecom")) == 1
    assert "企业微信机器人（QUNMA_WECOM_WEBHOOK）：没有新情况" in again.output


# --- no spam across runs -----------------------------------------------------------------------------


def test_nothing_is_sent_when_nothing_changed(scene: Path, robots: dict[str, str], fake: FakeRobots) -> None:
    first = run(scene, robots)
    assert first.exit_code == 0 and len(fake.received) == 3
    later = NOW + timedelta(minutes=10)
    second = run(scene, robots, now=later)
    assert second.exit_code == 0
    assert len(fake.received) == 3, "a second run with nothing new sent something"
    assert second.output.count("没有新情况，没有发送") == 3


def test_a_resolved_situation_is_told_once(scene: Path, robots: dict[str, str], fake: FakeRobots) -> None:
    run(scene, robots)
    (scene.parent / "pool-status.yml").write_text(STATUS.replace("    full: true\n", "    members: 20\n"))
    result = run(scene, robots, now=NOW + timedelta(minutes=10))
    assert result.exit_code == 0, result.output
    message = texts(fake, "wecom")[-1]
    assert "已解决（1）" in message and "✅ **春季预约群 · 主页面**：页面又有可加入的群了" in message
    assert "新提醒" not in message and "11-28 12:10 · 已解决 1 条" in message
    run(scene, robots, now=NOW + timedelta(minutes=20))
    assert len(fake.accepted("wecom")) == 2  # told once


def test_a_situation_that_gets_worse_is_told_again(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    run(scene, robots)
    # g2's code stops at 21:30: within 2 hours of it the expiring item becomes urgent.
    result = run(scene, robots, now=datetime(2026, 11, 28, 19, 45, tzinfo=TZ))
    assert result.exit_code == 0
    message = texts(fake, "wecom")[-1]
    assert "🔴 **秋冬新品福利群 · 主页面、门店桌贴、直播间**（更严重了）" in message
    assert "还有约 2 小时" in message


def test_the_digest_comes_once_a_day_at_the_configured_time(
    tmp_path: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    scene = write_scene(tmp_path / "steady", steady=True)
    wecom = {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]}
    run(scene, wecom)  # 12:00: the first digest of the day (everything is new to this robot)
    assert "群码每日汇总" in texts(fake, "wecom")[0]
    next_day = datetime(2026, 11, 29, 8, 50, tzinfo=TZ)
    run(scene, wecom, now=next_day)  # before 09:00: nothing changed, nothing sent
    assert len(fake.accepted("wecom")) == 1
    run(scene, wecom, now=next_day + timedelta(minutes=10))  # 09:00: the digest
    digest = texts(fake, "wecom")[-1]
    assert len(fake.accepted("wecom")) == 2 and "群码每日汇总" in digest and "29 09:00" in digest
    assert "仍待处理" in digest
    run(scene, wecom, now=next_day + timedelta(minutes=20))  # 09:10: once a day only
    assert len(fake.accepted("wecom")) == 2


# --- size limits, rate limits, the services' codes ------------------------------------------------------


def _crowd(folder: Path, campaigns: int) -> Path:
    """A project of many campaigns whose only group is full: one empty pool each."""
    blocks = [
        f"""  - id: c{n}
    title: 第{n}家门店的福利群，名字取得比较长一些
    rules: standard
    groups:
      - id: g
        name: 第{n}家门店福利群
        url: https://weixin.qq.com/g/AQYAAE5fAy4oPlU7wS2vZ6tC9bH1xQ5rO8m{n:04d}
        issued: 2026-11-27 08:00
        members: 195
"""
        for n in range(campaigns)
    ]
    head = "site:\n  title: 大品牌\n  base_url: https://qun.example.com/\n"
    head += "rule_sets:\n  standard:\n    who: x\n"
    folder.mkdir(parents=True)
    (folder / "campaigns.yml").write_text(head + "campaigns:\n" + "".join(blocks), encoding="utf-8")
    return folder / "campaigns.yml"


def test_a_big_batch_is_split_under_each_limit_and_capped(
    tmp_path: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    campaigns = _crowd(tmp_path / "big", 400)
    result = run(campaigns, robots)
    assert result.exit_code == 0, result.output
    for kind in KINDS:
        received = fake.of(kind)
        assert all(r.ok for r in received), [r.answer for r in received]  # the fake refuses what is too big
        assert 1 < len(received) <= 10  # at most 10 a run: a robot takes 20 a minute
        assert f"(1/{len(received)})" in received[0].text
        listed = sum(r.text.count("[打开页面]") for r in received)
        if kind == "wecom":  # 4 KB a message: 10 messages cannot hold 400 items, the rest are counted
            assert len(received) == 10
            assert f"还有 {400 - listed} 条没有列出：请打开看板查看" in received[-1].text
        else:  # 20 KB a message: all of them fit (Feishu's, more than 5 of them, paced under 5 a second)
            assert listed == 400 and "没有列出" not in received[-1].text and len(received) > 5
        assert all("**新提醒（400）**" in r.text for r in received)  # the heading goes on atop each part
    sizes = [len(r.text.encode()) for r in fake.of("wecom")]
    assert max(sizes) <= 4096 and min(sizes[:-1]) > 3000  # packed full, not one item a message
    # The items left out were counted and point at the dashboard: they are not sent again next run.
    run(campaigns, robots, now=NOW + timedelta(minutes=10))
    assert len(fake.of("wecom")) == len(fake.accepted("wecom"))
    assert sum(1 for r in fake.of("wecom")) <= 10


def test_one_item_too_long_for_a_message_is_cut_not_refused(
    tmp_path: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    campaigns = _crowd(tmp_path / "long", 1)
    text = campaigns.read_text(encoding="utf-8").replace("名字取得比较长一些", "很长" * 1500)
    campaigns.write_text(text, encoding="utf-8")
    result = run(campaigns, {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]})
    assert result.exit_code == 0, result.output
    (message,) = fake.of("wecom")
    assert message.ok and len(message.text.encode()) <= 4096 and "…" in message.text


def test_rate_limited_robots_are_told_at_the_next_run(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    fake.fill_rate("wecom", 20)  # someone else used this minute's 20 messages
    fake.fill_rate("dingtalk", 20)
    result = run(scene, robots)
    assert result.exit_code == 1  # CI: a warning, never a failed deploy (continue-on-error)
    assert [r.answer["errcode"] for r in fake.of("wecom")] == [45009]  # type: ignore[index]
    assert [r.answer["errcode"] for r in fake.of("dingtalk")] == [130101]  # type: ignore[index]
    assert "发送太频繁（45009" in result.output and "发送太频繁（130101" in result.output
    fake.sent_at.clear()  # a minute later
    again = run(scene, robots, now=NOW + timedelta(minutes=10))
    assert again.exit_code == 0
    assert len(fake.accepted("wecom")) == 1 and len(fake.accepted("dingtalk")) == 1
    assert len(fake.accepted("feishu")) == 1  # told the first time, not again


def test_the_services_refusals_are_explained(scene: Path, robots: dict[str, str], fake: FakeRobots) -> None:
    fake.script["wecom"] = [{"errcode": 40058, "errmsg": "markdown.content exceed max length 4096. invalid"}]
    fake.script["feishu"] = [429]
    result = run(scene, robots)
    assert result.exit_code == 1
    assert "消息太长（40058" in result.output
    assert "发送太频繁（HTTP" in result.output
    wrong = {**robots, "QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"].replace("key=", "key=x")}
    refused = run(scene, wrong, now=NOW + timedelta(minutes=10))
    assert "拒绝了消息（93000" in refused.output and "QUNMA_WECOM_WEBHOOK" in refused.output


def test_an_unreachable_robot_fails_within_the_deadline(scene: Path, robots: dict[str, str]) -> None:
    closed = {"QUNMA_WECOM_WEBHOOK": "http://127.0.0.1:9/cgi-bin/webhook/send?key=" + SECRETS[0]}
    result = run(scene, {**closed, "QUNMA_NET_DEADLINE": "5"})
    assert result.exit_code == 1 and "连接失败" in result.output
    assert SECRETS[0] not in result.output


# --- secrets, dry runs, what CI reports ---------------------------------------------------------------


def test_secrets_appear_in_no_output_and_no_file(
    tmp_path: Path, scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    echo = "sign not match " + robots["QUNMA_DINGTALK_WEBHOOK"]  # a service quoting the webhook back
    fake.script["dingtalk"] = [{"errcode": 310000, "errmsg": echo}]
    outputs = [
        run(scene, robots, "--dry-run").output,
        run(scene, robots).output,
        run(scene, {**robots, "QUNMA_FEISHU_SECRET": SECRETS[2] + "x"}, now=NOW + timedelta(hours=1)).output,
        run(scene, {**robots, "QUNMA_WECOM_WEBHOOK": "ftp://" + SECRETS[0]}).output,
    ]
    files = [p.read_text(encoding="utf-8") for p in scene.parent.rglob("*") if p.is_file()]
    assert any("请在 11-28 21:30 前" in text for text in outputs)
    for secret in SECRETS:
        for text in [*outputs, *files]:
            assert secret not in text
    assert "QUNMA_WECOM_WEBHOOK" in outputs[3]  # the variable is named, its value is not shown


def test_dry_run_prints_and_neither_sends_nor_remembers(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    result = run(scene, robots, "--dry-run")
    assert result.exit_code == 0
    assert fake.received == [] and not (scene.parent / STATE_FILE).exists()
    assert result.output.count("--dry-run：没有发送") == 3 and "请在 11-28 21:30 前" in result.output
    no_robot = run(scene, {}, "--dry-run")
    assert "没有设置机器人：下面按企业微信的格式显示" in no_robot.output
    assert "请在 11-28 21:30 前" in no_robot.output
    quiet = run(scene, {})
    assert quiet.exit_code == 0 and "没有设置机器人，没有发送" in quiet.output


def test_a_failed_deploy_is_told_until_one_works(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    wecom = {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]}
    run(scene, wecom)
    failed = run(scene, wecom, "--deploy-failed", "GitHub Pages: HTTP 500", now=NOW + timedelta(minutes=5))
    assert failed.exit_code == 0, failed.output
    message = texts(fake, "wecom")[-1]
    assert "部署失败：GitHub Pages: HTTP 500" in message and "新提醒（1）" in message  # the deploy only
    run(scene, wecom, now=NOW + timedelta(minutes=10))  # a run about the pools does not end it
    run(scene, wecom, "--deploy-failed", "again", now=NOW + timedelta(minutes=15))  # nor is it told twice
    assert len(fake.accepted("wecom")) == 2
    run(scene, wecom, "--deployed", now=NOW + timedelta(minutes=20))
    assert "部署恢复正常" in texts(fake, "wecom")[-1] and len(fake.accepted("wecom")) == 3
    both = run(scene, wecom, "--deployed", "--deploy-failed", "x")
    assert both.exit_code == 2


def test_the_inbox_report_is_told_and_its_refusals_resolved(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    wecom = {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]}
    run(scene, wecom)
    report = scene.parent / "inbox-report.json"
    report.write_text(
        json.dumps(
            {
                "version": 1,
                "applied": [{"image": "IMG_2031.png", "campaign": "autumn", "group": "g1",
                             "valid_until": "2026-12-05T10:00:00+08:00"}],
                "refused": [{"image": "IMG_2032.png", "reason": "图片里没有能识别的二维码"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )  # fmt: skip
    run(scene, wecom, "--inbox-report", str(report), now=NOW + timedelta(minutes=5))
    message = texts(fake, "wecom")[-1]
    assert "秋冬新品福利群 · 福利1群" in message
    assert "IMG_2031.png 里的新二维码，有效到 12-05 10:00" in message
    assert "IMG_2032.png 没有用上：图片里没有能识别的二维码" in message
    report.write_text('{"version": 1, "applied": [], "refused": []}', encoding="utf-8")
    run(scene, wecom, "--inbox-report", str(report), now=NOW + timedelta(minutes=10))
    resolved = texts(fake, "wecom")[-1]
    assert "已解决（1）" in resolved and "这张图片已处理" in resolved and "IMG_2031" not in resolved
    report.write_text('{"applied": "x"}', encoding="utf-8")
    bad = run(scene, wecom, "--inbox-report", str(report))
    assert bad.exit_code == 1 and "inbox-report.json 的格式不对" in bad.output


def test_sync_failure_resolves_when_a_sync_works(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    from notify_scene import history

    from generator.input.poolhistory import HISTORY_FILE, write_history

    wecom = {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]}
    run(scene, wecom)
    write_history(scene.parent / HISTORY_FILE, history(sync_ok=True))
    run(scene, wecom, now=NOW + timedelta(minutes=10))
    assert "企业微信人数同步恢复正常" in texts(fake, "wecom")[-1]


def test_a_damaged_state_starts_afresh(scene: Path, robots: dict[str, str], fake: FakeRobots) -> None:
    wecom = {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]}
    (scene.parent / STATE_FILE).write_text("{not json", encoding="utf-8")
    result = run(scene, wecom)
    assert result.exit_code == 0 and "notify-state.json 读不懂" in result.output
    state, warnings = read_state(scene.parent / STATE_FILE, "zh")
    assert warnings == [] and set(state.robots) == {"wecom"} and "sync" in state.robots["wecom"].told
    project = load_project(scene)
    assert project.defaults.digest_at == "09:00" and project.defaults.warn_before == timedelta(hours=24)
    assert ISO_NOW.startswith("2026-11-28T12:00")


def test_a_deploy_result_file_is_told_and_resolved(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    """What the workflow passes after `qunma deploy --result FILE` (object storage): failure, then success."""
    wecom = {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]}
    run(scene, wecom)
    result = scene.parent / "qunma-deploy.json"
    failed = {"version": 1, "ok": False, "phase": "pages", "reason": "上传 autumn/index.html 失败：HTTP 503"}
    result.write_text(json.dumps(failed, ensure_ascii=False), encoding="utf-8")
    run(scene, wecom, "--deploy-result", str(result), now=NOW + timedelta(minutes=5))
    assert "部署失败：上传 autumn/index.html 失败：HTTP 503" in texts(fake, "wecom")[-1]
    result.write_text(json.dumps({"version": 1, "ok": True, "phase": "done", "reason": ""}), encoding="utf-8")
    run(scene, wecom, "--deploy-result", str(result), now=NOW + timedelta(minutes=10))
    assert "部署恢复正常" in texts(fake, "wecom")[-1]
    assert run(scene, wecom, "--deploy-result", str(result), "--deployed").exit_code == 2


def test_the_inbox_s_own_result_file_is_read_as_its_report(
    scene: Path, robots: dict[str, str], fake: FakeRobots
) -> None:
    """The file `qunma refresh` keeps (.qunma-cache/inbox-result.json), as the inbox job hands it over."""
    from generator.inbox.result import Applied, RefreshResult, Refused

    wecom = {"QUNMA_WECOM_WEBHOOK": robots["QUNMA_WECOM_WEBHOOK"]}
    run(scene, wecom)
    applied = Applied(
        "qr/inbox/a.png", "autumn", "g1", "拾光咖啡福利1群", False, "qr/autumn-g1-2026-12-05.png",
        "2026-12-05", {"qr": "qr/autumn-g1-2026-12-05.png"}, "image",
    )  # fmt: skip
    refused = Refused("qr/inbox/b.png", "inbox_no_code", "图片里没有能识别的二维码")
    report = scene.parent / "inbox-result.json"
    done = RefreshResult("2026-11-23T10:05:00+08:00", "refused", True, (applied,), (), (refused,))
    report.write_text(done.to_json(), encoding="utf-8")
    run(scene, wecom, "--inbox-report", str(report), now=NOW + timedelta(minutes=5))
    message = texts(fake, "wecom")[-1]
    assert "qr/inbox/b.png 没有用上：图片里没有能识别的二维码" in message
    assert "a.png 里的新二维码" not in message  # a refused refresh applied nothing
    done = RefreshResult("2026-11-23T10:15:00+08:00", "applied", True, (applied,), (), ())
    report.write_text(done.to_json(), encoding="utf-8")
    run(scene, wecom, "--inbox-report", str(report), now=NOW + timedelta(minutes=15))
    message = texts(fake, "wecom")[-1]
    assert "qr/inbox/a.png 里的新二维码，有效到 12-05 00:00" in message and "已解决（1）" in message
