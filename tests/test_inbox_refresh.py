"""`qunma refresh` on a copy of the example, with saved group codes read as a marketer drops them: names
and dates read on the image, only the group's lines of campaigns.yml changed, the image moved under qr/,
all or nothing."""

from __future__ import annotations

import difflib
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from inboxcards import group_link
from inboxkit import NOW, drop, qunma, snapshot

from generator.inbox import ocr
from generator.input.load import load_project

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
TZ = ZoneInfo("Asia/Shanghai")


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines taken out and put in (unified diff, without context)."""
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def group(project: Path, campaign: str, group_id: str):  # type: ignore[no-untyped-def]
    loaded = load_project(project / "campaigns.yml", now=datetime.fromisoformat(NOW))
    (found,) = [g for g in loaded.campaign(campaign).groups if g.id == group_id]
    return found


def test_refresh_changes_only_the_groups_lines_and_moves_the_images(example_dir: Path) -> None:
    before = (example_dir / "campaigns.yml").read_text(encoding="utf-8")
    g1, g2 = group_link("new g1"), group_link("new g2")
    drop(example_dir, "微信图片_20261123101500.jpg", "拾光咖啡福利1群", (11, 30), link=g1)  # g1 has url:
    drop(example_dir, "Screenshot 2026-11-23.png", "拾光咖啡福利2群", (11, 29), link=g2, jpeg=None)  # qr:
    kept = snapshot(example_dir)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 0, result.output
    after = (example_dir / "campaigns.yml").read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == [
        "        url: https://weixin.qq.com/g/AQYAAAm3Zx9kLpQ2vN8rT5yU1wE4aS7dF0gH",
        "        issued: 2026-11-20 10:00",
        "        qr: qr/autumn-g2.png        # 从微信保存的群二维码图片，链接会自动读出来",
        "        issued: 2026-11-22 09:30",
    ]
    assert added == [
        "        qr: qr/autumn-g1-2026-11-30.jpg",
        "        issued: 2026-11-23 00:00",
        "        qr: qr/autumn-g2-2026-11-29.png # 从微信保存的群二维码图片，链接会自动读出来",
        "        issued: 2026-11-22 00:00",
    ]
    assert len(after.splitlines()) == len(before.splitlines())  # the same lines, in the same order
    # The images moved, byte for byte; nothing else in the project changed.
    now = snapshot(example_dir)
    assert now.pop("qr/autumn-g1-2026-11-30.jpg") == kept.pop("qr/inbox/微信图片_20261123101500.jpg")
    assert now.pop("qr/autumn-g2-2026-11-29.png") == kept.pop("qr/inbox/Screenshot 2026-11-23.png")
    now.pop("campaigns.yml"), kept.pop("campaigns.yml")
    assert now == kept
    # What the site now shows: the new links, never past the printed day.
    assert (group(example_dir, "autumn", "g1").url, group(example_dir, "autumn", "g2").url) == (g1, g2)
    assert group(example_dir, "autumn", "g1").expires == datetime(2026, 11, 30, tzinfo=TZ)
    assert "拾光咖啡福利1群（autumn/g1）：有效期到 2026-11-30" in result.output
    kept_result = json.loads((example_dir / ".qunma-cache" / "inbox-result.json").read_text(encoding="utf-8"))
    assert kept_result["outcome"] == "applied" and [a["group"] for a in kept_result["applied"]] == [
        "g1",
        "g2",
    ]


def test_dry_run_prints_the_diff_and_changes_nothing(example_dir: Path) -> None:
    drop(example_dir, "g3.jpg", "拾光咖啡福利3群", (11, 30), width=540)
    kept = snapshot(example_dir)

    result = qunma(example_dir, "refresh", "--dry-run", "--now", NOW)

    assert result.exit_code == 0, result.output
    assert "-        url: https://weixin.qq.com/g/AQYAAB2cXv7nMkR4tP9sW3qZ6yE8uI1oL5jK" in result.output
    assert "+        qr: qr/autumn-g3-2026-11-30.jpg" in result.output
    assert "+        issued: 2026-11-23 00:00" in result.output
    assert "qr/inbox/g3.jpg → qr/autumn-g3-2026-11-30.jpg" in result.output
    assert "试运行" in result.output
    assert snapshot(example_dir) == kept
    assert not (example_dir / ".qunma-cache" / "inbox-result.json").exists()


def test_a_name_of_no_group_is_refused_with_the_closest_and_nothing_changes(example_dir: Path) -> None:
    drop(example_dir, "vip.png", "黑金会员C群", (11, 30), dark=True)  # vip has no naming pattern
    drop(example_dir, "ok.png", "拾光咖啡福利3群", (11, 30))  # fine on its own: all or nothing
    kept = snapshot(example_dir)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 1
    assert "qr/inbox/vip.png: 图片上的群名“黑金会员C群”在 campaigns.yml 里找不到" in result.output
    assert "“黑金会员A群”（vip/wecom-a）" in result.output and "“黑金会员B群”（vip/wecom-b）" in result.output
    assert "什么都没有改" in result.output and "Traceback" not in result.output
    assert snapshot(example_dir) == kept  # both images still in the inbox
    kept_result = json.loads((example_dir / ".qunma-cache" / "inbox-result.json").read_text(encoding="utf-8"))
    assert kept_result["outcome"] == "refused"
    assert [(r["image"], r["reason"]) for r in kept_result["refused"]] == [
        ("qr/inbox/vip.png", "inbox_name_unknown")
    ]


def test_a_name_the_naming_pattern_makes_adds_a_group_at_the_end_of_the_pool(example_dir: Path) -> None:
    before = (example_dir / "campaigns.yml").read_text(encoding="utf-8")
    link = group_link("g4")
    drop(example_dir, "new.jpg", "拾光咖啡福利4群", (11, 29), link=link)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 0, result.output
    after = (example_dir / "campaigns.yml").read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == []
    assert added == [
        "      - id: g4",
        "        name: 拾光咖啡福利4群",
        "        qr: qr/autumn-g4-2026-11-29.jpg",
        "        issued: 2026-11-22 00:00",
    ]
    # Right after the pool's last group (g0, paused), before the blank line and the next campaign.
    assert "        paused: true                # 暂停：不再展示\n      - id: g4\n" in after
    loaded = load_project(example_dir / "campaigns.yml", now=datetime.fromisoformat(NOW))
    assert [g.id for g in loaded.campaign("autumn").groups][-1] == "g4"
    assert group(example_dir, "autumn", "g4").url == link
    assert "新群 拾光咖啡福利4群（autumn/g4" in result.output


def test_of_two_images_of_one_group_the_newer_wins_and_the_other_is_reported(example_dir: Path) -> None:
    older, newer = group_link("g3 monday"), group_link("g3 tuesday")
    drop(example_dir, "a.jpg", "拾光咖啡福利3群", (11, 29), link=older)
    drop(example_dir, "b.jpg", "拾光咖啡福利3群", (11, 30), link=newer, shot=False)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 0, result.output
    assert group(example_dir, "autumn", "g3").url == newer
    assert (
        "qr/inbox/a.jpg: 同一个群（autumn/g3）还有一张更新的图片 qr/inbox/b.jpg（有效期到 2026-11-30）"
        in result.output
    )
    assert sorted(p.name for p in (example_dir / "qr" / "inbox").iterdir()) == ["README.md"]
    assert not (example_dir / "qr" / "autumn-g3-2026-11-29.jpg").exists()


def test_a_january_date_read_in_december_is_next_years(example_dir: Path) -> None:
    drop(example_dir, "s1.png", "樱花预约1群", (1, 4), width=540, dark=True, jpeg=None)

    result = qunma(example_dir, "refresh", "--now", "2026-12-29T18:00+08:00")

    assert result.exit_code == 0, result.output
    text = (example_dir / "campaigns.yml").read_text(encoding="utf-8")
    assert "        qr: qr/spring-s1-2027-01-04.png\n        issued: 2026-12-28 00:00\n" in text


def test_check_and_build_report_waiting_images_and_change_nothing(example_dir: Path) -> None:
    drop(example_dir, "g3.jpg", "拾光咖啡福利3群", (11, 30))
    kept = snapshot(example_dir)

    checked = qunma(example_dir, "check", "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert "qr/inbox/ 里有 1 张图片等待 qunma refresh" in checked.stderr
    assert "qr/inbox/g3.jpg → 拾光咖啡福利3群（autumn/g3）：有效期到 2026-11-30" in checked.stderr

    site = example_dir.parent / "site"
    built = qunma(example_dir, "build", "--now", NOW, "--site-dir", str(site))
    assert built.exit_code == 0, built.output
    assert "qr/inbox/g3.jpg → 拾光咖啡福利3群（autumn/g3）" in built.stderr
    assert snapshot(example_dir) == kept
