"""`qunma deploy` against a real S3-protocol server on 127.0.0.1 (moto's), through the command line and
the production client code: first deploy, no change, a one-group change, the grace period, failures half-way,
headers read back over HTTP, dry run, and secrets kept out of every output."""

from __future__ import annotations

import itertools
import json
import logging
import re
import shutil
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from s3_server import KEY_ID, REGION, SECRET, S3Server, s3_server

from generator.cli import main
from generator.deploy.sitefiles import STATE_KEY
from generator.render.manifest import MANIFEST_PATH

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
BASE_URL = "https://qun.shiguang-coffee.example/"  # the example's site.base_url
_QR = re.compile(r"qr/[0-9a-f]{12}\.png")
_buckets = itertools.count(1)
_G1_OLD = "https://weixin.qq.com/g/AQYAAAm3Zx9kLpQ2vN8rT5yU1wE4aS7dF0gH"
_G1_NEW = "https://weixin.qq.com/g/AQYAAAm3Zx9kLpQ2vN8rT5yU1wE4aS7dNEW1"


@pytest.fixture(scope="module")
def server() -> Iterator[S3Server]:
    with s3_server() as running:
        yield running


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example project built twice: as is ("a"), and after group g1 got a fresh code ("b"): a new QR
    image, the old one unneeded, the pages that show g1 changed."""
    from conftest import REPO

    project = tmp_path_factory.mktemp("project")
    for name in ("campaigns.yml", "pool-status.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, project / name)
    for folder in ("qr", "site_src"):
        shutil.copytree(REPO / folder, project / folder)
    runner = CliRunner()
    built = {}
    for name in ("a", "b"):
        if name == "b":
            campaigns = project / "campaigns.yml"
            text = campaigns.read_text(encoding="utf-8").replace(_G1_OLD, _G1_NEW)
            campaigns.write_text(
                text.replace("issued: 2026-11-20 10:00", "issued: 2026-11-23 09:50"), "utf-8"
            )
        site = project / f"site-{name}"
        args = ["build", "--campaigns", str(project / "campaigns.yml"), "--now", T0.isoformat()]
        result = runner.invoke(main, [*args, "--site-dir", str(site)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        built[name] = site
    built["campaigns"] = project / "campaigns.yml"
    return built


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


class Deployer:
    """`qunma deploy` as CI runs it, against one bucket of the local server."""

    def __init__(self, server: S3Server, campaigns: Path, tmp: Path, **env: str) -> None:
        self.server, self.campaigns, self.tmp = server, campaigns, tmp
        self.bucket = f"qunma-test-{next(_buckets)}"
        server.new_bucket(self.bucket)
        self.env = {
            "QUNMA_DEPLOY_ENDPOINT": server.url,
            "QUNMA_DEPLOY_BUCKET": self.bucket,
            "QUNMA_DEPLOY_REGION": REGION,
            "AWS_ACCESS_KEY_ID": KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET,
            "QUNMA_DEPLOY_ATTEMPTS": "2",
            "QUNMA_DEPLOY_TIMEOUT": "5",
            **env,
        }
        self.result_file = tmp / f"{self.bucket}-result.json"

    def run(self, site: Path, now: datetime = T0, *args: str, code: int = 0, **env: str) -> Result:
        self.server.reset_log()
        argv = [
            "deploy",
            "--campaigns",
            str(self.campaigns),
            "--site-dir",
            str(site),
            "--now",
            now.isoformat(),
        ]
        argv += ["--result", str(self.result_file), *args]
        result = CliRunner().invoke(main, argv, env={**self.env, **env}, catch_exceptions=False)
        assert result.exit_code == code, result.output + result.stderr
        return result

    def result(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.result_file.read_text(encoding="utf-8"))
        return document

    def live(self) -> dict[str, bytes]:
        """Every object of the bucket, read anonymously over HTTP (as a CDN would)."""
        found = {}
        for key in self.server.keys(self.bucket):
            status, _, body = self.server.get(self.bucket, key)
            assert status == 200, key
            found[key] = body
        return found

    def state(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.live()[STATE_KEY])
        return document


@pytest.fixture
def deployer(server: S3Server, sites: dict[str, Path], tmp_path: Path) -> Deployer:
    return Deployer(server, sites["campaigns"], tmp_path)


def _changed(a: dict[str, bytes], b: dict[str, bytes]) -> set[str]:
    return {path for path, data in b.items() if a.get(path) != data}


def _assert_consistent(live: dict[str, bytes]) -> None:
    """Every QR image any live page shows (now or later, by its script) is live too."""
    for key, body in live.items():
        if key.endswith(".html"):
            missing = {ref for ref in _QR.findall(body.decode("utf-8")) if ref not in live}
            assert not missing, f"{key} points at missing {missing}"


# --- the three deploys of the issue ------------------------------------------------------------------


def test_first_deploy_uploads_the_whole_site_with_its_headers(
    deployer: Deployer, sites: dict[str, Path]
) -> None:
    result = deployer.run(sites["a"])
    local = _files(sites["a"])
    assert sorted(deployer.server.object_puts(deployer.bucket)) == sorted([*local, STATE_KEY])
    live = deployer.live()
    assert {k: v for k, v in live.items() if k != STATE_KEY} == local
    assert f"上传 {len(local)} 个文件" in result.output
    expected = {
        "autumn/index.html": ("text/html; charset=utf-8", "public, max-age=60"),
        "index.html": ("text/html; charset=utf-8", "public, max-age=60"),
        MANIFEST_PATH: ("application/json; charset=utf-8", "public, max-age=60"),
        STATE_KEY: ("application/json; charset=utf-8", "public, max-age=60"),
        "sitemap.xml": ("application/xml; charset=utf-8", "public, max-age=3600"),
        "sitemap.xml.gz": ("application/gzip", "public, max-age=3600"),
        "autumn/store/entry.png": ("image/png", "public, max-age=3600"),
    }
    qr = next(k for k in local if _QR.fullmatch(k))
    expected[qr] = ("image/png", "public, max-age=31536000, immutable")
    css = next(k for k in local if k.endswith(".min.css"))
    expected[css] = ("text/css; charset=utf-8", "public, max-age=31536000, immutable")
    for key, (content_type, cache) in expected.items():
        status, headers, _ = deployer.server.get(deployer.bucket, key)
        assert (status, headers["content-type"], headers["cache-control"]) == (200, content_type, cache), key
    assert deployer.result()["ok"] is True and deployer.result()["uploaded"] == len(local)


def test_a_deploy_with_no_change_uploads_nothing(deployer: Deployer, sites: dict[str, Path]) -> None:
    deployer.run(sites["a"])
    state = deployer.state()
    result = deployer.run(sites["a"], T0 + timedelta(minutes=10))
    assert [m for m, _ in deployer.server.requests] == ["GET"]  # the state, and nothing else
    assert "已是最新" in result.output and deployer.result()["uploaded"] == 0
    assert deployer.state() == state


def test_a_one_group_change_uploads_only_what_changed_in_a_safe_order(
    deployer: Deployer, sites: dict[str, Path], tmp_path: Path
) -> None:
    urls = tmp_path / "purged.txt"
    deployer.run(sites["a"])
    hook = f'cat > "{urls}"; cp "$QUNMA_PURGE_URLS_FILE" "{urls}.file"'
    deployer.run(sites["b"], T0 + timedelta(minutes=10), QUNMA_DEPLOY_PURGE_COMMAND=hook)
    a, b = _files(sites["a"]), _files(sites["b"])
    changed = _changed(a, b)
    puts = deployer.server.object_puts(deployer.bucket)
    assert set(puts) == changed | {STATE_KEY} and len(puts) == len(changed) + 1
    assert any(_QR.fullmatch(p) for p in changed) and "autumn/index.html" in changed  # a real rotation
    # Images before pages, pages before the manifest, the state last.
    rank = [0 if not p.endswith(".html") and p not in (MANIFEST_PATH, STATE_KEY) else 1 for p in puts]
    rank = [r + (p == MANIFEST_PATH) * 2 + (p == STATE_KEY) * 3 for r, p in zip(rank, puts, strict=True)]
    assert rank == sorted(rank), puts
    assert not [m for m, _ in deployer.server.requests if m == "DELETE"]  # the old image stays (grace)
    live = deployer.live()
    assert {k: v for k, v in live.items() if k in b} == b
    _assert_consistent(live)
    pages = {p for p in changed if p.endswith(".html")}
    expected = sorted(
        {BASE_URL + p.removesuffix("index.html") for p in pages}
        | {BASE_URL + MANIFEST_PATH}
        | {
            BASE_URL + p
            for p in changed
            if not p.endswith(".html") and not _QR.fullmatch(p) and p != MANIFEST_PATH
        }
    )
    assert urls.read_text(encoding="utf-8").split() == expected
    assert Path(f"{urls}.file").read_text(encoding="utf-8").split() == expected
    assert "https://qun.shiguang-coffee.example/autumn/" in expected
    assert deployer.result()["purge"] == {"status": "ok", "urls": len(expected), "reason": ""}


def test_unneeded_files_are_deleted_after_the_grace_period_and_not_before(
    deployer: Deployer, sites: dict[str, Path]
) -> None:
    deployer.run(sites["a"])
    t1 = T0 + timedelta(minutes=10)
    deployer.run(sites["b"], t1)
    gone = set(_files(sites["a"])) - set(_files(sites["b"]))
    assert gone and all(_QR.fullmatch(p) for p in gone)
    state = deployer.state()
    assert set(state["retired"]) == gone
    assert all(since == "2026-11-23T02:10:00Z" for _, since in state["retired"].values())
    deployer.run(sites["b"], t1 + timedelta(hours=23, minutes=59))  # within the default day
    assert not [m for m, _ in deployer.server.requests if m == "DELETE"]
    assert gone <= set(deployer.live())
    deployer.run(sites["b"], t1 + timedelta(days=1))
    deleted = {path.split("/", 2)[2] for method, path in deployer.server.requests if method == "DELETE"}
    assert deleted == gone
    live = deployer.live()
    assert not gone & set(live) and deployer.state()["retired"] == {}
    _assert_consistent(live)
    assert deployer.server.get(deployer.bucket, sorted(gone)[0])[0] == 404


def test_a_file_that_comes_back_is_no_longer_retired(deployer: Deployer, sites: dict[str, Path]) -> None:
    deployer.run(sites["a"])
    deployer.run(sites["b"], T0 + timedelta(minutes=10))
    deployer.run(sites["a"], T0 + timedelta(minutes=20))
    back = set(_files(sites["a"])) - set(_files(sites["b"]))
    assert back <= set(deployer.server.object_puts(deployer.bucket))  # uploaded again: it may be gone
    state = deployer.state()
    assert not back & set(state["retired"]) and back <= set(state["files"])


# --- failures -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["assets", "pages"])
def test_a_failure_half_way_leaves_the_live_site_consistent(
    deployer: Deployer, sites: dict[str, Path], phase: str
) -> None:
    deployer.run(sites["a"])
    before = deployer.live()
    a, b = _files(sites["a"]), _files(sites["b"])
    assets = sorted(p for p in _changed(a, b) if not p.endswith(".html") and p != MANIFEST_PATH)
    nth = 1 if phase == "assets" else len(assets) + 2  # the new image, or the second page
    assert assets and len(_changed(a, b)) - len(assets) >= 3  # images, and a few pages
    deployer.server.reset_log()
    deployer.server.faults.put_from = nth
    t1 = T0 + timedelta(minutes=10)
    result = _run_with_faults(deployer, sites["b"], t1, nth)
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
    assert "线上网站没有被弄乱" in result.stderr and "HTTP 500" in result.stderr
    live = deployer.live()
    _assert_consistent(live)
    assert live[STATE_KEY] == before[STATE_KEY] and live[MANIFEST_PATH] == before[MANIFEST_PATH]
    if phase == "assets":
        assert {k: v for k, v in live.items() if k.endswith(".html")} == {
            k: v for k, v in before.items() if k.endswith(".html")
        }
    report = deployer.result()
    assert (report["ok"], report["phase"]) == (False, phase) and "HTTP 500" in report["reason"]
    deployer.run(sites["b"], t1 + timedelta(minutes=1))  # healed: the next deploy completes
    live = deployer.live()
    assert {k: v for k, v in live.items() if k in b} == b
    _assert_consistent(live)
    assert set(deployer.state()["files"]) == set(b)


def _run_with_faults(deployer: Deployer, site: Path, now: datetime, nth: int) -> Result:
    argv = [
        "deploy",
        "--campaigns",
        str(deployer.campaigns),
        "--site-dir",
        str(site),
        "--now",
        now.isoformat(),
    ]
    argv += ["--result", str(deployer.result_file)]
    return CliRunner().invoke(main, argv, env=deployer.env, catch_exceptions=False)


def test_a_transient_server_error_is_retried(deployer: Deployer, sites: dict[str, Path]) -> None:
    deployer.server.reset_log()
    deployer.server.faults.put_from, deployer.server.faults.put_count = 3, 1
    argv = ["deploy", "--campaigns", str(deployer.campaigns), "--site-dir", str(sites["a"])]
    result = CliRunner().invoke(main, [*argv, "--now", T0.isoformat()], env=deployer.env)
    assert result.exit_code == 0, result.output
    assert deployer.server.faults.failed == 1
    assert {k: v for k, v in deployer.live().items() if k != STATE_KEY} == _files(sites["a"])


def test_the_deadline_bounds_the_whole_command(deployer: Deployer, sites: dict[str, Path]) -> None:
    deployer.server.reset_log()
    deployer.server.faults.stall = 3.0  # every request waits longer than the read timeout
    env = {
        **deployer.env,
        "QUNMA_DEPLOY_DEADLINE": "2",
        "QUNMA_DEPLOY_TIMEOUT": "0.5",
        "QUNMA_DEPLOY_ATTEMPTS": "5",
    }
    start = time.monotonic()
    argv = ["deploy", "--campaigns", str(deployer.campaigns), "--site-dir", str(sites["a"])]
    result = CliRunner().invoke(main, argv, env=env)
    seconds = time.monotonic() - start
    deployer.server.faults.stall = 0
    assert result.exit_code == 1 and seconds < 2 + 0.5 * 2 + 2, (
        seconds
    )  # one attempt past the deadline, at most
    assert "QUNMA_DEPLOY_DEADLINE" in result.stderr or "QUNMA_DEPLOY_TIMEOUT" in result.stderr


def test_a_damaged_state_record_stops_before_anything_changes(
    deployer: Deployer, sites: dict[str, Path]
) -> None:
    deployer.run(sites["a"])
    import boto3

    client = boto3.session.Session().client(
        "s3", endpoint_url=deployer.server.url, region_name=REGION, aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
    )  # fmt: skip
    client.put_object(Bucket=deployer.bucket, Key=STATE_KEY, Body=b'{"version": 1, "files": {"../x": 1}}')
    result = deployer.run(sites["b"], code=1)
    assert "部署记录" in result.stderr and "qunma-deploy.json" in result.stderr
    assert [m for m, _ in deployer.server.requests] == ["GET"]


# --- dry run, headers, secrets ---------------------------------------------------------------------------


def test_dry_run_prints_the_plan_and_changes_nothing(deployer: Deployer, sites: dict[str, Path]) -> None:
    deployer.run(sites["a"])
    before = deployer.live()
    result = deployer.run(sites["b"], T0, "--dry-run", QUNMA_DEPLOY_PURGE_COMMAND="exit 1")
    assert [m for m, _ in deployer.server.requests] == ["GET"]
    assert deployer.live() == before
    changed = _changed(_files(sites["a"]), _files(sites["b"]))
    planned = {line.split()[1] for line in result.output.splitlines() if line.startswith("  + ")}
    assert planned == changed
    assert "  ~ https://qun.shiguang-coffee.example/autumn/" in result.output.splitlines()
    assert "什么都没有改动" in result.output and deployer.result()["dry_run"] is True


def test_secrets_never_appear_in_output_logs_or_result(
    deployer: Deployer, sites: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # botocore's debug log prints every signed request
    hook = f'echo "token {SECRET} rejected by {KEY_ID}" >&2; exit 7'
    ok = deployer.run(sites["a"], T0, QUNMA_DEPLOY_PURGE_COMMAND=hook)
    ok2 = deployer.run(sites["b"], T0 + timedelta(minutes=5), QUNMA_DEPLOY_PURGE_COMMAND=hook)
    assert "刷新 CDN 失败" in ok2.output and "退出码 7" in ok2.output and "***" in ok2.output
    failed = deployer.run(sites["a"], T0, code=1, QUNMA_DEPLOY_BUCKET="no-such-bucket-here")
    assert "NoSuchBucket" in failed.stderr
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Authorization" in logged and "Credential=***" in logged  # the debug log was really on
    for text in (
        ok.output,
        ok2.output,
        ok2.stderr,
        failed.output,
        failed.stderr,
        logged,
        json.dumps(deployer.result()),
    ):
        assert SECRET not in text and KEY_ID not in text


# --- configuration and the site folder ------------------------------------------------------------------


def test_missing_configuration_is_named_and_nothing_is_sent(
    deployer: Deployer, sites: dict[str, Path]
) -> None:
    result = deployer.run(sites["a"], T0, code=1, AWS_SECRET_ACCESS_KEY="", QUNMA_DEPLOY_BUCKET="")
    assert "QUNMA_DEPLOY_BUCKET, AWS_SECRET_ACCESS_KEY" in result.stderr and deployer.server.requests == []
    assert (deployer.result()["ok"], deployer.result()["phase"]) == (False, "config")
    bad = {
        "QUNMA_DEPLOY_ENDPOINT": "cos.ap-shanghai.myqcloud.com",
        "QUNMA_DEPLOY_ADDRESSING": "host",
        "QUNMA_DEPLOY_GRACE": "30",
        "QUNMA_DEPLOY_DEADLINE": "nan",
    }
    for name, value in bad.items():
        result = deployer.run(sites["a"], T0, code=1, **{name: value})
        assert name in result.stderr and deployer.server.requests == [], name


def test_only_a_folder_qunma_built_is_deployed(
    deployer: Deployer, sites: dict[str, Path], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("private", encoding="utf-8")
    result = deployer.run(home, T0, code=1)
    assert "不是 qunma 生成的网站" in result.stderr and deployer.server.requests == []
    site = tmp_path / "site"
    shutil.copytree(sites["a"], site)
    (site / "leak").symlink_to(home / "notes.txt")
    result = deployer.run(site, T0, code=1)
    assert "不是普通文件" in result.stderr and deployer.server.requests == []
