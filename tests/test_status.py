"""`qunma status`: the table, the JSON document, --fail-on, and the example project's report (golden)."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import Problem
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
    Strategy,
)
from generator.plan.rotation import Health, plan
from generator.plan.status import as_of, fails, status_document, status_json, status_rows, status_table

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=TZ)
Golden = Callable[[str, str], None]


def _group(
    id: str, hours: float, *, members: int | None = None, channels: tuple[str, ...] | None = None
) -> Group:
    issued = NOW + timedelta(hours=hours)
    return Group(
        id, f"{id}群", f"https://weixin.qq.com/g/{id}", issued, issued + timedelta(days=7), 200, 190,
        timedelta(hours=12), members=members, channels=channels,
    )  # fmt: skip


def _campaign(id: str, *groups: Group, channels: tuple[str, ...] = (), **fields: object) -> Campaign:
    chans = tuple(Channel(c, f"渠道{c}") for c in channels)
    return Campaign(id, f"活动{id}", RuleSet("r"), chans, groups, **fields)  # type: ignore[arg-type]


def _project(lang: str = "zh") -> Project:
    campaigns = (
        _campaign(
            "autumn",
            _group("g1", -50, members=186),
            _group("g2", -20, members=42),
            _group("live-1", -10, channels=("live",)),
            channels=("store", "live"),
        ),
        _campaign("vip", _group("a", -100, members=170), strategy=Strategy.BALANCE, channels=("card",)),
        _campaign("drained", _group("x", -200), channels=("mp",)),
        _campaign("spring", _group("s1", 0), starts=NOW + timedelta(days=90)),
        _campaign("old", _group("d1", -300), archived=True, channels=("parcel",)),
    )
    site = Site(title="t", base_url="https://qun.example/", language=lang)
    status = PoolStatus(NOW, {"autumn/g2": GroupStatus(members=50)})
    return Project(site, Defaults(), {}, campaigns, Path("/nowhere/campaigns.yml"), status)


def test_rows_say_what_every_page_shows() -> None:
    rows = status_rows(plan(_project(), NOW), "zh", TZ)
    assert [row.cells for row in rows] == [
        # shown until (expiry_margin before it expires), then when the code expires: both, labelled
        ("autumn", "（默认页）", "g1", "144", "2026-11-27 22:00", "2026-11-28 10:00", "正常"),
        ("autumn", "store", "g1", "144", "2026-11-27 22:00", "2026-11-28 10:00", "正常"),
        ("autumn", "live", "g1", "334", "2026-11-27 22:00", "2026-11-28 10:00", "正常"),
        ("vip", "（默认页）", "a", "20", "2026-11-25 20:00", "2026-11-26 08:00", "偏低：名额少"),
        ("vip", "card", "a", "20", "2026-11-25 20:00", "2026-11-26 08:00", "偏低：名额少"),
        ("drained", "（默认页）", "（兜底）", "0", "—", "—", "无群"),
        ("drained", "mp", "（兜底）", "0", "—", "—", "无群"),
        ("spring", "（默认页）", "（未开始）", "—", "—", "—", "正常"),
        ("old", "（默认页）", "（已下线）", "—", "—", "—", "正常"),
        ("old", "parcel", "（已下线）", "—", "—", "—", "正常"),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_is_aligned_and_lists_the_reasons(lang: str, golden: Golden) -> None:
    built = plan(_project(lang), NOW)
    table = status_table(built, lang, TZ)
    golden(f"status/table.{lang}.txt", table)
    lines = table.splitlines()
    assert built.fingerprint() not in table  # it means nothing to a marketer: --verbose and --json only
    assert built.fingerprint() in status_table(built, lang, TZ, verbose=True).splitlines()[-1]
    # Every cell starts in the same terminal column on every row (CJK characters are two columns wide).
    header, rule = lines[0], lines[1]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    for line in lines[2:12]:
        assert _columns(line, starts), line
    reasons = [line for line in lines if line.startswith(("vip/", "drained/"))]
    assert len(reasons) == 4 and all(": " in line for line in reasons)
    assert header.split()[0] == ("活动" if lang == "zh" else "campaign")


def _columns(line: str, starts: list[int]) -> bool:
    """Whether each column start (in display width) falls on a space-to-text boundary of the line."""
    widths = [2 if ord(ch) > 0x2E80 else 1 for ch in line]
    positions = [sum(widths[:i]) for i in range(len(line))]
    text_starts = {positions[i] for i, ch in enumerate(line) if ch != " " and (i == 0 or line[i - 1] == " ")}
    return all(any(start <= s < start + 12 for s in text_starts) for start in starts)


def test_fail_on_low_matches_low_and_empty_and_empty_only_empty() -> None:
    built = plan(_project(), NOW)
    assert fails(built, "low") and fails(built, "empty") and not fails(built, None)
    healthy = _only(1)
    assert not fails(plan(healthy, NOW), "low")
    low_only = plan(_only(2), NOW)
    assert fails(low_only, "low") and not fails(low_only, "empty")


def _only(count: int) -> Project:
    """The test project cut to its first `count` campaigns."""
    project = _project()
    return replace(project, campaigns=project.campaigns[:count])


def test_the_json_document_has_times_in_the_site_zone_and_the_timeline() -> None:
    built = plan(_project(), NOW)
    document = status_document(built, TZ)
    json.dumps(document)  # plain JSON data
    assert document["now"] == "2026-11-23T12:00:00+08:00"
    assert document["fingerprint"] == built.fingerprint()
    assert document["summary"] == {"ok": 6, "low": 2, "empty": 2}
    pages = document["pages"]
    assert isinstance(pages, list)
    live = pages[2]
    assert live["path"] == "autumn/live/" and live["channel"] == "live" and live["health"] == Health.OK.value
    assert live["shown"] == {"id": "g1", "name": "g1群", "url": "https://weixin.qq.com/g/g1"}
    assert [w["group"] for w in live["timeline"]] == ["g1", "g2", "live-1", None]
    assert live["timeline"][0] == {
        "group": "g1",
        "state": "open",
        "start": "2026-11-23T12:00:00+08:00",
        "end": "2026-11-27T22:00:00+08:00",
    }
    assert pages[0]["channel"] is None and pages[7]["state"] == "not-started" and pages[8]["shown"] is None


def test_the_json_text_is_the_document_one_page_a_line() -> None:
    built = plan(_project(), NOW)
    text = status_json(built, TZ)
    assert json.loads(text) == status_document(built, TZ)
    lines = text.splitlines()
    assert len(lines) == 2 + len(built.pages) and lines[1].startswith('  {"path": "autumn/"')
    empty = plan(replace(_project(), campaigns=()), NOW)
    assert json.loads(status_json(empty, TZ))["pages"] == []


def test_a_naive_now_is_read_in_the_site_zone() -> None:
    assert as_of(datetime(2026, 11, 23, 12, 0), "Asia/Shanghai") == NOW
    assert as_of(NOW, "UTC") is NOW


# --- the command --------------------------------------------------------------------------------------------


@pytest.fixture
def fake_loader(monkeypatch: pytest.MonkeyPatch) -> list[Project]:
    """Stand in for generator.input.load: the command runs on a project built here (the last in the list)."""
    warning = Problem("pool-status.yml", 1, 10, "人数是 28 小时前更新的")
    projects = [replace(_project(), warnings=(warning,))]
    calls: list[tuple[Path, datetime | None]] = []

    def load_project(path: Path, now: datetime | None = None, **kwargs: object) -> Project:
        calls.append((path, now))
        return projects[-1]

    fake = types.ModuleType("generator.input.load")
    fake.load_project = load_project  # type: ignore[attr-defined]
    fake.calls = calls  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "generator.input.load", fake)
    return projects


def test_the_command_prints_the_table_and_warnings(fake_loader: list[Project]) -> None:
    result = CliRunner().invoke(main, ["status", "--now", "2026-11-23T12:00"])  # naive: the site's zone
    assert result.exit_code == 0, result.output
    assert result.stdout == status_table(plan(_project(), NOW), "zh", TZ)
    assert result.stderr == "pool-status.yml:1:10: 警告：人数是 28 小时前更新的\n"  # labelled as check does
    assert sys.modules["generator.input.load"].calls[0][0] == Path("campaigns.yml")


def test_the_command_prints_json_and_fails_on_request(fake_loader: list[Project]) -> None:
    runner = CliRunner()
    at_now = ["status", "--now", "2026-11-23T04:00Z"]
    result = runner.invoke(main, [*at_now, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == status_document(plan(_project(), NOW), TZ)
    assert runner.invoke(main, [*at_now, "--fail-on", "empty"]).exit_code == 1  # has empty pages
    fake_loader.append(_only(2))  # low, never empty
    assert runner.invoke(main, [*at_now, "--fail-on", "low"]).exit_code == 1
    result = runner.invoke(main, [*at_now, "--fail-on", "empty", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"] == {"ok": 3, "low": 2, "empty": 0}
    fake_loader.append(_only(1))
    assert runner.invoke(main, [*at_now, "--fail-on", "low"]).exit_code == 0
    assert runner.invoke(main, ["status", "--fail-on", "sometimes"]).exit_code == 2


def test_the_command_has_help() -> None:
    result = CliRunner().invoke(main, ["status", "--help"])
    assert result.exit_code == 0
    assert "Pool health of every page" in result.output and "--fail-on" in result.output


def test_a_pool_with_seats_left_is_low_because_its_codes_run_out(example_dir: Path) -> None:
    """The example the day before its last code stops showing: 190 seats, and low for another reason."""
    args = ["status", "--campaigns", str(example_dir / "campaigns.yml"), "--now", "2026-11-29T00:00+08:00"]
    table = CliRunner().invoke(main, args).stdout
    row = next(line for line in table.splitlines() if line.startswith("autumn    store"))
    assert row.split()[3:] == ["190", "2026-11-29", "21:00", "2026-11-30", "09:00", "偏低：快过期"]


# --- the example project (needs the loader) -----------------------------------------------------------------

EXAMPLE_NOW = "2026-11-23T12:00+08:00"


def test_status_of_the_example_project(example_dir: Path, golden: Golden) -> None:
    runner = CliRunner()
    campaigns = str(example_dir / "campaigns.yml")
    result = runner.invoke(main, ["status", "--campaigns", campaigns, "--now", EXAMPLE_NOW, "--json"])
    assert result.exit_code == 0, result.output
    golden("status/example.json", result.stdout)
    document = json.loads(result.stdout)
    shown = {page["path"]: (page["shown"] or {}).get("id") for page in document["pages"]}
    assert shown["autumn/"] == "g1"  # 186 members in pool-status.yml: still below switch_at 190
    assert shown["autumn/live/"] == "live-1"  # fill-first: the live channel's own group is listed first
    assert shown["vip/"] == "wecom-b"  # balance: 298 members against wecom-a's 312
    assert shown["spring/"] is None and shown["double11/parcel/"] is None
    table = runner.invoke(main, ["status", "--campaigns", campaigns, "--now", EXAMPLE_NOW])
    assert table.exit_code == 0, table.output
    golden("status/example.txt", table.stdout)
