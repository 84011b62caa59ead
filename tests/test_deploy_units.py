"""The parts of `qunma deploy` that need no server: addressing per service (as botocore really builds the
URL), the plan's order and grace period, the live record's checks, the purge hook's bounds, scrubbing."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from generator.deploy.changes import make_plan, page_url
from generator.deploy.purge import purge
from generator.deploy.sitefiles import SiteFile, cache_control, content_type
from generator.deploy.state import Live, Retired, parse_state, state_json
from generator.deploy.storage import Storage
from generator.deploy.target import default_addressing, scrub, target_from_env
from generator.errors import QunmaError

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
ENV = {
    "QUNMA_DEPLOY_ENDPOINT": "https://cos.ap-shanghai.myqcloud.com",
    "QUNMA_DEPLOY_BUCKET": "qunma-1250000000",
    "QUNMA_DEPLOY_REGION": "ap-shanghai",
    "AWS_ACCESS_KEY_ID": "AKIDqunmaUnitTestKey",
    "AWS_SECRET_ACCESS_KEY": "unit/test+secret=never-shown",
}


@pytest.mark.parametrize(
    "endpoint, style",
    [
        ("https://cos.ap-shanghai.myqcloud.com", "virtual"),
        ("https://s3.oss-cn-hangzhou.aliyuncs.com", "virtual"),
        ("https://s3.ap-east-1.amazonaws.com", "virtual"),
        ("https://0123abcd.r2.cloudflarestorage.com", "path"),
        ("http://127.0.0.1:9000", "path"),
        ("https://minio.example.com", "path"),
        ("https://evil-myqcloud.com", "path"),  # a suffix of a name is not the service
    ],
)
def test_addressing_is_chosen_per_service(endpoint: str, style: str) -> None:
    assert default_addressing(endpoint) == style


class _Sent(Exception):
    pass


def _first_url(env: dict[str, str]) -> str:
    """The URL botocore really sends for a PUT under this configuration (caught before the network)."""
    target = target_from_env(env, "zh")
    storage = Storage(target, "zh")
    sent: list[str] = []

    def capture(request: Any, **_: Any) -> None:
        sent.append(request.url)
        raise _Sent

    storage.client.meta.events.register_first("before-send", capture)
    with pytest.raises(_Sent):
        storage.put("autumn/index.html", b"x", "text/html; charset=utf-8", "public, max-age=60")
    return sent[0]


def test_cos_and_oss_get_the_bucket_in_the_host_name_minio_in_the_path() -> None:
    assert _first_url(ENV) == "https://qunma-1250000000.cos.ap-shanghai.myqcloud.com/autumn/index.html"
    oss = {
        **ENV,
        "QUNMA_DEPLOY_ENDPOINT": "https://s3.oss-cn-hangzhou.aliyuncs.com",
        "QUNMA_DEPLOY_REGION": "cn-hangzhou",
    }
    assert _first_url(oss) == "https://qunma-1250000000.s3.oss-cn-hangzhou.aliyuncs.com/autumn/index.html"
    minio = {**ENV, "QUNMA_DEPLOY_ENDPOINT": "http://127.0.0.1:9000", "QUNMA_DEPLOY_BUCKET": "site"}
    assert _first_url(minio) == "http://127.0.0.1:9000/site/autumn/index.html"
    forced = {**ENV, "QUNMA_DEPLOY_ADDRESSING": "path"}
    assert _first_url(forced) == "https://cos.ap-shanghai.myqcloud.com/qunma-1250000000/autumn/index.html"


def test_the_target_never_shows_its_keys() -> None:
    target = target_from_env(ENV, "en")
    assert ENV["AWS_SECRET_ACCESS_KEY"] not in repr(target) and ENV["AWS_ACCESS_KEY_ID"] not in repr(target)
    text = f"Credential={ENV['AWS_ACCESS_KEY_ID']}/x, Signature=0123abcdef and {ENV['AWS_SECRET_ACCESS_KEY']}"
    assert scrub(text, target.secrets()) == "Credential=***/x, Signature=*** and ***"


def test_bad_settings_are_refused_in_the_sites_language() -> None:
    with pytest.raises(QunmaError, match="QUNMA_DEPLOY_HTML_MAX_AGE"):
        target_from_env({**ENV, "QUNMA_DEPLOY_HTML_MAX_AGE": "-1"}, "en")
    with pytest.raises(QunmaError, match="must be longer than"):
        target_from_env({**ENV, "QUNMA_DEPLOY_HTML_MAX_AGE": "600", "QUNMA_DEPLOY_GRACE": "600"}, "en")
    with pytest.raises(QunmaError, match="不是存储桶名"):
        target_from_env({**ENV, "QUNMA_DEPLOY_BUCKET": "Qunma_Bucket"}, "zh")
    assert target_from_env({**ENV, "QUNMA_DEPLOY_HTML_MAX_AGE": "300"}, "zh").grace == 86_400


def test_headers_by_file() -> None:
    assert content_type("a/index.html") == "text/html; charset=utf-8"
    assert content_type("x.JSON") == "application/json; charset=utf-8"
    assert content_type("bundle.js") == "text/javascript; charset=utf-8"
    assert content_type("unknown.bin") == "application/octet-stream"
    assert cache_control("qr/0123456789ab.png", 60) == "public, max-age=31536000, immutable"
    assert cache_control("qr/logo.png", 60) == "public, max-age=3600"  # not a content hash
    assert cache_control("assets/javascripts/bundle.a5f9d56c.min.js", 60).endswith("immutable")
    assert cache_control("assets/javascripts/lunr/tinyseg.js", 60) == "public, max-age=3600"
    assert cache_control("404.html", 120) == "public, max-age=120"


def _site(files: dict[str, str]) -> dict[str, SiteFile]:
    return {path: SiteFile(path, digit * 64, 10) for path, digit in files.items()}


def test_the_plan_orders_images_pages_manifest_and_keeps_then_deletes() -> None:
    old = Live({"a/index.html": "1" * 64, "qr/000000000001.png": "2" * 64}, {}, NOW)
    site = _site({"a/index.html": "3", "qr/000000000002.png": "4", "qunma-manifest.json": "5"})
    plan = make_plan(site, old, NOW, grace=3600, html_max_age=60, base_url="https://q.example/")
    assert [u.path for u in plan.assets] == ["qr/000000000002.png"]
    assert [u.path for u in plan.pages] == ["a/index.html"]
    assert [u.path for u in plan.manifest] == ["qunma-manifest.json"]
    assert plan.deletes == () and plan.kept == ("qr/000000000001.png",)
    assert plan.purge == ("https://q.example/a/", "https://q.example/qunma-manifest.json")
    later = make_plan(
        site, plan.state, NOW + timedelta(seconds=3600), grace=3600, html_max_age=60, base_url=""
    )
    assert later.deletes == ("qr/000000000001.png",) and later.uploads == () and later.state.retired == {}


def test_page_urls_are_folder_addresses_and_encoded() -> None:
    assert page_url("https://q.example/", "index.html") == "https://q.example/"
    assert page_url("https://q.example/", "autumn/store/index.html") == "https://q.example/autumn/store/"
    assert (
        page_url("https://q.example/", "关于/说明 1.html")
        == "https://q.example/%E5%85%B3%E4%BA%8E/%E8%AF%B4%E6%98%8E%201.html"
    )


def test_the_live_record_round_trips_and_refuses_what_could_delete_elsewhere() -> None:
    live = Live({"a/index.html": "a" * 64}, {"qr/old.png": Retired("b" * 64, NOW)}, NOW)
    assert parse_state(state_json(live), "s", "en") == live
    for bad in (
        b'{"version": 1, "files": {"../etc/passwd": "' + b"a" * 64 + b'"}, "retired": {}}',
        b'{"version": 1, "files": {"/abs": "' + b"a" * 64 + b'"}, "retired": {}}',
        b'{"version": 1, "files": {}, "retired": {"x": ["' + b"b" * 64 + b'", "yesterday"]}}',
        b'{"version": 2, "files": {}, "retired": {}}',
        b"[" * 50 + b"]" * 50,
    ):
        with pytest.raises(QunmaError, match="cannot be read"):
            parse_state(bad, "bucket/qunma-deploy.json", "en")


def test_the_purge_hook_is_bounded_and_its_failure_reported(tmp_path: Any) -> None:
    start = time.monotonic()
    stuck = purge(("https://q.example/a/",), "sleep 30 & sleep 30", 1.0, (), "en")
    assert stuck.status == "failed" and "timed out" in stuck.reason and time.monotonic() - start < 8
    said = purge(("u",), "echo 'bad token s3cr3t' >&2; exit 4", 10, ("s3cr3t",), "en")
    assert (said.status, said.reason) == ("failed", "the purge command exited with code 4: bad token ***")
    many = purge(tuple(f"https://q.example/{i}/" for i in range(2001)), "true", 10, (), "zh")
    assert many.status == "skipped"
    counted = tmp_path / "runs"
    ok = purge(
        tuple(f"u{i}" for i in range(1200)), f'wc -l < "$QUNMA_PURGE_URLS_FILE" >> {counted}', 10, (), "en"
    )
    assert ok.status == "ok" and counted.read_text().split() == ["500", "500", "200"]  # batches
