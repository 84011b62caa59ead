"""The whole CI loop on this machine, with the workflow's own commands: build → deploy decision → "deploy"
(copy to a folder a local web server serves) → pool changes → the next group → deploy; nothing changed →
no deploy; a dropped published channel → check refuses."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from dns_kit import require_nxdomain
from httpkit import serving_folder
from wecom_fake import CORP_ID, SECRET, FakeWeCom, serve

from generator.cli import main
from generator.deploy.ci import deploy_decision
from generator.deploy.published import NotPublished, Published
from generator.render.manifest import MANIFEST_PATH

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


def _live_site(folder: Path) -> Any:
    """The "deployed" site: `folder` served over HTTP on 127.0.0.1, like GitHub Pages would."""
    return serving_folder(folder)


class Loop:
    """One repository checkout as CI sees it, driven through the `qunma` commands the workflow runs."""

    def __init__(self, project: Path, live: Path, url: str) -> None:
        self.project, self.live, self.url = project, live, url
        self.campaigns = str(project / "campaigns.yml")
        self.runner = CliRunner()
        self.output_file = project.parent / "github-output"
        self.deploys = 0

    def qunma(self, *args: str, env: dict[str, str] | None = None, code: int = 0) -> Result:
        result = self.runner.invoke(main, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == code, result.output + result.stderr
        return result

    def build(self, now: datetime) -> Path:
        site = self.project / "site"
        self.qunma("check", "--campaigns", self.campaigns, "--now", now.isoformat(), "--published", self.url)
        self.qunma("build", "--campaigns", self.campaigns, "--now", now.isoformat(), "--site-dir", str(site))
        return site

    def decide_and_deploy(self, site: Path, *, force: bool = False) -> bool:
        self.output_file.write_text("", encoding="utf-8")
        self.qunma(
            "ci",
            "decide",
            "--campaigns",
            self.campaigns,
            "--site-dir",
            str(site),
            "--published",
            self.url,
            "--force",
            str(force).lower(),
            env={"GITHUB_OUTPUT": str(self.output_file)},
        )
        output = self.output_file.read_text(encoding="utf-8")
        assert output in ("deploy=true\n", "deploy=false\n")
        if output == "deploy=true\n":  # what upload-pages-artifact + deploy-pages do, here: a copy
            shutil.rmtree(self.live)
            shutil.copytree(site, self.live)
            self.deploys += 1
        return output == "deploy=true\n"

    def shown(self, page: str) -> str:
        """The group the live page shows: data-group of its <img id="group-qr">."""
        html = (self.live / page / "index.html").read_text(encoding="utf-8")
        img = re.search(r'<img[^>]*\bid="group-qr"[^>]*>', html)
        assert img is not None, page
        group = re.search(r'\bdata-group="([^"]+)"', img.group(0))
        assert group is not None
        return group.group(1)

    def live_fingerprint(self) -> str:
        fingerprint = json.loads((self.live / MANIFEST_PATH).read_text(encoding="utf-8"))["fingerprint"]
        assert isinstance(fingerprint, str)
        return fingerprint


@pytest.fixture
def loop(example_dir: Path, tmp_path: Path) -> Iterator[Loop]:
    live = tmp_path / "live"
    live.mkdir()
    with _live_site(live) as url:
        yield Loop(example_dir, live, url)


def _set_members(project: Path, key: str, members: int, updated: datetime) -> None:
    """What a person (or a bot) does: edit pool-status.yml."""
    path = project / "pool-status.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^updated: .*$", f"updated: {updated:%Y-%m-%d %H:%M}", text, flags=re.M)
    text, n = re.subn(rf"(^  {re.escape(key)}:\n    members: )\d+", rf"\g<1>{members}", text, flags=re.M)
    assert n == 1, key
    path.write_text(text, encoding="utf-8")


def test_the_site_follows_the_pool_and_deploys_only_on_change(loop: Loop) -> None:
    # First run: nothing is live yet (404), so it deploys.
    site = loop.build(T0)
    assert loop.decide_and_deploy(site)
    assert loop.shown("autumn") == "g1" and loop.shown("autumn/store") == "g1"
    first = loop.live_fingerprint()

    # Ten minutes later, nothing changed: same fingerprint, no deploy.
    site = loop.build(T0 + timedelta(minutes=10))
    assert not loop.decide_and_deploy(site)
    assert loop.deploys == 1 and loop.live_fingerprint() == first

    # g1 reaches switch_at (190) in pool-status.yml: the fingerprint changes, the next group is shown.
    _set_members(loop.project, "autumn/g1", 190, T0 + timedelta(minutes=15))
    site = loop.build(T0 + timedelta(minutes=20))
    assert loop.decide_and_deploy(site)
    assert loop.shown("autumn") == "g2" and loop.shown("autumn/parcel") == "g2"
    assert loop.live_fingerprint() != first and loop.deploys == 2

    # A push always deploys (wording is not in the fingerprint), even with the same fingerprint.
    assert loop.decide_and_deploy(site, force=True) and loop.deploys == 3


def test_sync_moves_the_balance_pool_and_redeploys(loop: Loop) -> None:
    site = loop.build(T0)
    assert loop.decide_and_deploy(site)
    assert loop.shown("vip") == "wecom-b"  # balance: 298 members < 312
    fake = FakeWeCom(
        members={"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAAAA": 312, "wrOgQhDgAAcwMTB7YmDkbeBsgT_BBBBB": 480}
    )
    with serve(fake) as base:
        env = {"WECOM_CORP_ID": CORP_ID, "WECOM_SECRET": SECRET, "WECOM_API_BASE": base}
        result = loop.qunma("sync", "--campaigns", loop.campaigns, "--now", T0.isoformat(), env=env)
    assert "298 → 480" in result.output and SECRET not in result.output
    site = loop.build(T0 + timedelta(minutes=10))
    assert loop.decide_and_deploy(site)
    assert loop.shown("vip") == "wecom-a"  # wecom-b reached switch_at (480)


def test_a_failed_sync_leaves_the_status_and_the_live_site_alone(loop: Loop) -> None:
    site = loop.build(T0)
    assert loop.decide_and_deploy(site)
    status = (loop.project / "pool-status.yml").read_bytes()
    fake = FakeWeCom(members={"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAAAA": 312})  # wecom-b's chat is unknown
    with serve(fake) as base:
        env = {"WECOM_CORP_ID": CORP_ID, "WECOM_SECRET": SECRET, "WECOM_API_BASE": base}
        result = loop.qunma("sync", "--campaigns", loop.campaigns, env=env, code=1)
    assert "黑金会员B群" in result.stderr and "90501" in result.stderr and SECRET not in result.stderr
    assert (loop.project / "pool-status.yml").read_bytes() == status
    site = loop.build(T0 + timedelta(minutes=10))
    assert not loop.decide_and_deploy(site)


def test_dropping_a_published_channel_is_refused(loop: Loop) -> None:
    site = loop.build(T0)
    assert loop.decide_and_deploy(site)
    campaigns = loop.project / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8")
    # The first "mp" channel is autumn's; spring keeps its own.
    dropped = text.replace("      - id: mp\n        name: 公众号菜单\n", "", 1)
    assert dropped != text
    campaigns.write_text(dropped, encoding="utf-8")
    result = loop.qunma(
        "check", "--campaigns", loop.campaigns, "--now", T0.isoformat(), "--published", loop.url, code=1
    )
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("  - id: autumn "))
    assert f"campaigns.yml:{line}:5:" in result.stderr
    assert "渠道“mp”已经发布（https://qun.shiguang-coffee.example/autumn/mp/）" in result.stderr
    assert "archived: true" in result.stderr and "spring" not in result.stderr
    assert "✓" not in result.output  # the verdict is said once, at the end: here it is the failure


# --- the decision alone --------------------------------------------------------------------------------


def _site(tmp_path: Path, fingerprint: str) -> Path:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    manifest = {"version": 1, "fingerprint": fingerprint, "urls": [], "campaigns": {}}
    (site / MANIFEST_PATH).write_text(json.dumps(manifest), encoding="utf-8")
    return site


def test_deploy_decision(tmp_path: Path) -> None:
    site = _site(tmp_path, "a" * 64)
    same, other = Published("live", "a" * 64, {}), Published("live", "b" * 64, {})
    first = deploy_decision(site, NotPublished("https://q.example/m.json", "网站回答 HTTP 404"), force=False)
    assert first.deploy and first.published is None
    assert first.reason == (
        "部署：https://q.example/m.json 上还没有发布过网站（网站回答 HTTP 404），按第一次部署处理，"
        "指纹 aaaaaaaaaaaa"
    )
    assert deploy_decision(site, other, force=False).deploy
    assert deploy_decision(site, same, force=True).deploy
    kept = deploy_decision(site, same, force=False)
    assert not kept.deploy and kept.reason == "不部署：顾客看到的内容和线上一样（指纹 aaaaaaaaaaaa）"
    assert deploy_decision(site, other, force=False, lang="en").reason.startswith(
        "deploy: what customers see"
    )


# --- a first deploy where nothing answers yet, and a live site that fails -----------------------------


def _base_url(project: Path) -> str:
    """`qunma ci base-url`: the workflow's default for the live site."""
    result = CliRunner().invoke(main, ["ci", "base-url", "--campaigns", str(project / "campaigns.yml")])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_the_example_deploys_first_although_its_address_does_not_exist_yet(
    example_dir: Path, tmp_path: Path
) -> None:
    # CI for the example with no QUNMA_SITE_URL: the live site is site.base_url, whose host (under .example)
    # does not exist. That is "nothing published": check passes saying so, and decide deploys.
    url = _base_url(example_dir)
    host = urlsplit(url).hostname
    assert host is not None and host.endswith(".example")
    require_nxdomain(host)
    loop, site, now = Loop(example_dir, tmp_path / "live", url), example_dir / "site", T0.isoformat()
    check = loop.qunma("check", "--campaigns", loop.campaigns, "--now", now, "--published", url)
    nothing = f"{url}{MANIFEST_PATH} 上还没有发布过网站（域名 {host} 查不到地址）"
    assert f"注意：{nothing}，按第一次部署处理：这次没有和线上比较" in check.output
    assert check.output.splitlines()[-1].startswith("✓ ")  # the verdict once, at the end
    loop.qunma("build", "--campaigns", loop.campaigns, "--now", now, "--site-dir", str(site))
    summary = tmp_path / "summary.md"
    loop.output_file.write_text("", encoding="utf-8")
    env = {"GITHUB_OUTPUT": str(loop.output_file), "GITHUB_STEP_SUMMARY": str(summary)}
    decide = ["ci", "decide", "--campaigns", loop.campaigns, "--site-dir", str(site), "--published", url]
    assert f"部署：{nothing}" in loop.qunma(*decide, "--force", "false", env=env).output
    assert loop.output_file.read_text(encoding="utf-8") == "deploy=true\n"
    assert f"部署：{nothing}" in summary.read_text(encoding="utf-8")


def test_a_live_site_with_a_broken_manifest_stops_check_and_decide(example_dir: Path, tmp_path: Path) -> None:
    live = tmp_path / "live"
    live.mkdir()
    (live / MANIFEST_PATH).write_text("{ not json", encoding="utf-8")
    site = example_dir / "site"
    with _live_site(live) as url:
        loop, now = Loop(example_dir, live, url), T0.isoformat()
        check = loop.qunma("check", "--campaigns", loop.campaigns, "--now", now, "--published", url, code=1)
        assert f"{url}{MANIFEST_PATH} 不是 qunma 的发布清单（回答不是 JSON（" in check.stderr
        loop.qunma("build", "--campaigns", loop.campaigns, "--now", now, "--site-dir", str(site))
        decide = ["ci", "decide", "--campaigns", loop.campaigns, "--site-dir", str(site), "--published", url]
        loop.qunma(*decide, env={"GITHUB_OUTPUT": str(loop.output_file)}, code=1)
    assert not loop.output_file.exists() or "deploy=true" not in loop.output_file.read_text(encoding="utf-8")
