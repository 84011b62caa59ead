"""The published manifest and `check --published`: printed codes never break."""

from __future__ import annotations

import json
import socket
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dns_kit import require_nxdomain
from httpkit import serving, serving_folder

from generator.common.httpclient import Limits
from generator.deploy.published import (
    NotPublished,
    Published,
    check_published,
    manifest_location,
    missing_published,
    parse_manifest,
    read_published,
    verify_published,
)
from generator.errors import InputError, QunmaError
from generator.model import Campaign, Channel, Defaults, Group, Project, RuleSet, Site
from generator.plan.rotation import Plan
from generator.render.manifest import MANIFEST_PATH, manifest_json

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

CAMPAIGNS_YML = """\
site:
  title: t
  base_url: https://qun.example/
campaigns:
  - id: autumn
    title: 秋
    channels:
      - id: store
        name: 门店
  - id: vip
    title: 会员
  - id: double11
    title: 双十一
    archived: true
"""


FP = "0123456789abcdef" * 4  # a sha256, as Plan.fingerprint() gives


class _FixedPlan(Plan):
    """A plan whose fingerprint is given: the manifest only needs fingerprint() from it."""

    def fingerprint(self) -> str:
        return FP


def _group(gid: str) -> Group:
    return Group(gid, gid, f"https://weixin.qq.com/g/{gid}", None, None, 200, 190, timedelta(hours=12))


def _campaign(cid: str, channels: tuple[str, ...], archived: bool = False) -> Campaign:
    return Campaign(
        id=cid,
        title=cid,
        rules=RuleSet("r"),
        channels=tuple(Channel(ch, ch) for ch in channels),
        groups=(_group("g1"),),
        archived=archived,
    )


def _project(tmp_path: Path, campaigns: tuple[Campaign, ...], lang: str = "zh") -> Project:
    source = tmp_path / "campaigns.yml"
    source.write_text(CAMPAIGNS_YML, encoding="utf-8")
    site = Site(title="t", base_url="https://qun.example/", language=lang)
    return Project(site, Defaults(), {}, campaigns, source)


FULL = (
    _campaign("autumn", ("store", "parcel")),
    _campaign("vip", ("card",)),
    _campaign("double11", ("parcel",), archived=True),
)


def test_manifest_lists_every_campaign_and_channel_url(tmp_path: Path) -> None:
    raw = manifest_json(_project(tmp_path, FULL), _FixedPlan(NOW, ()))
    document = json.loads(raw)
    assert document == {
        "version": 1,
        "fingerprint": FP,
        "urls": [
            "autumn/",
            "autumn/parcel/",
            "autumn/store/",
            "double11/",  # archived campaigns keep answering
            "double11/parcel/",
            "vip/",
            "vip/card/",
        ],
        "campaigns": {"autumn": ["store", "parcel"], "double11": ["parcel"], "vip": ["card"]},
    }
    assert raw.endswith(b"\n")
    assert manifest_json(_project(tmp_path, FULL), _FixedPlan(NOW, ())) == raw  # deterministic


def test_manifest_round_trips(tmp_path: Path) -> None:
    raw = manifest_json(_project(tmp_path, FULL), _FixedPlan(NOW, ()))
    published = parse_manifest(raw, "x")
    assert published == Published(
        "x", FP, {"autumn": ("store", "parcel"), "double11": ("parcel",), "vip": ("card",)}
    )
    assert check_published(_project(tmp_path, FULL), published) == 7


@pytest.mark.parametrize(
    "raw, detail",
    [
        (b"<html>404</html>", "不是 JSON"),
        (b'{"version": 2, "fingerprint": "x", "campaigns": {}}', "version 2"),
        (b'{"version": 1, "campaigns": {}}', "fingerprint"),
        (f'{{"version": 1, "fingerprint": "{FP}", "campaigns": {{"a": "store"}}}}'.encode(), "campaigns"),
        (b"[]", "version null"),
        (b'{"version": true, "fingerprint": "x", "campaigns": {}}', "version true"),
        (b'{"version": 1, "fingerprint": "x", "campaigns": {}}', 'fingerprint "x"'),
    ],
)
def test_a_bad_manifest_is_refused(raw: bytes, detail: str) -> None:
    with pytest.raises(QunmaError, match="不是 qunma 的发布清单") as caught:
        parse_manifest(raw, "https://qun.example/qunma-manifest.json")
    assert detail in str(caught.value) and "https://qun.example/qunma-manifest.json" in str(caught.value)


def test_a_dropped_campaign_is_refused_with_the_archived_advice(tmp_path: Path) -> None:
    published = parse_manifest(manifest_json(_project(tmp_path, FULL), _FixedPlan(NOW, ())), "live")
    renamed = (_campaign("autumn-2026", ("store", "parcel")), FULL[1])  # double11 dropped, autumn renamed
    project = _project(tmp_path, renamed)
    problems = missing_published(project, published)
    assert [(p.line, p.column) for p in problems] == [(0, 0), (0, 0)]
    assert all(p.file.endswith("campaigns.yml") for p in problems)
    assert "活动“autumn”已经发布（https://qun.example/autumn/）" in problems[0].message
    assert "活动“double11”" in problems[1].message
    assert all("archived: true" in p.message and "不要删除或改 id" in p.message for p in problems)
    with pytest.raises(InputError) as caught:
        check_published(project, published)
    assert len(caught.value.problems) == 2


def test_a_dropped_channel_points_at_its_campaign(tmp_path: Path) -> None:
    published = parse_manifest(manifest_json(_project(tmp_path, FULL), _FixedPlan(NOW, ())), "live")
    fewer = (_campaign("autumn", ("store",)), FULL[1], FULL[2])  # autumn/parcel dropped
    (problem,) = missing_published(_project(tmp_path, fewer), published)
    assert (problem.line, problem.column) == (5, 5)  # "- id: autumn" is line 5 of CAMPAIGNS_YML
    assert "渠道“parcel”已经发布（https://qun.example/autumn/parcel/）" in problem.message
    assert "加回 channels" in problem.message and "archived: true" in problem.message


def test_adding_is_always_allowed_and_english_sites_read_english(tmp_path: Path) -> None:
    published = Published("live", "fp", {"vip": ("card",), "gone": ()})
    more = (*FULL, _campaign("spring", ("mp",)))
    (problem,) = missing_published(_project(tmp_path, more, lang="en"), published)
    assert problem.message.startswith('campaign "gone" is published (https://qun.example/gone/)')
    assert "set archived: true" in problem.message


# --- reading the published manifest ----------------------------------------------------------------------


def test_read_from_a_file_or_a_site_folder(tmp_path: Path) -> None:
    raw = manifest_json(_project(tmp_path, FULL), _FixedPlan(NOW, ()))
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST_PATH).write_bytes(raw)
    by_file = read_published(str(site / MANIFEST_PATH))
    by_folder = read_published(str(site))
    assert isinstance(by_file, Published) and isinstance(by_folder, Published)
    assert by_file.fingerprint == by_folder.fingerprint == FP
    with pytest.raises(QunmaError, match="读不到已发布的清单"):
        read_published(str(tmp_path / "nope.json"))


def test_manifest_location() -> None:
    assert manifest_location("https://qun.example/") == "https://qun.example/qunma-manifest.json"
    assert manifest_location("https://qun.example/x.json") == "https://qun.example/x.json"


_serve_folder = serving_folder


def test_read_from_a_live_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with _serve_folder(site) as url:
        assert read_published(url) == NotPublished(url + MANIFEST_PATH, "网站回答 HTTP 404")  # first deploy
        (site / MANIFEST_PATH).write_bytes(manifest_json(_project(tmp_path, FULL), _FixedPlan(NOW, ())))
        published = read_published(url)
        assert isinstance(published, Published) and published.source == url + MANIFEST_PATH
        assert published.campaigns["autumn"] == ("store", "parcel")


# Nothing live yet (404, a host name that does not exist, nothing listening): the check passes and says it
# compared nothing. A live site that fails (5xx, no answer in time, DNS failing this time, a broken manifest)
# is an error: the safety check is never skipped for a site that exists.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_refused_connection_is_an_error_not_a_first_deploy(tmp_path: Path) -> None:
    # Issue 11: a refused port passed as "nothing published yet", which switched the check off. A site
    # whose server is down (or a typo in the port) must stop the run, not deploy over printed codes.
    port = _free_port()
    with pytest.raises(QunmaError) as caught:
        verify_published(_project(tmp_path, FULL), f"http://127.0.0.1:{port}/")
    message = str(caught.value)
    location = f"http://127.0.0.1:{port}/{MANIFEST_PATH}"
    assert message.startswith(f"读不到已发布的清单 {location}（127.0.0.1 拒绝连接）")
    assert "QUNMA_SITE_URL" in message
    with pytest.raises(QunmaError, match="127.0.0.1 refuses connections"):
        read_published(f"http://127.0.0.1:{port}/", "en")


def test_a_host_that_does_not_exist_means_nothing_published(tmp_path: Path) -> None:
    require_nxdomain("qunma-never-deployed.invalid")
    found = read_published("https://qunma-never-deployed.invalid/")
    assert isinstance(found, NotPublished)
    assert found.why == "域名 qunma-never-deployed.invalid 查不到地址"
    line = verify_published(_project(tmp_path, FULL), "https://qunma-never-deployed.invalid/")
    assert line.startswith(
        "注意：https://qunma-never-deployed.invalid/qunma-manifest.json 上还没有发布过网站"
    )
    assert "这次没有和线上比较" in line and "QUNMA_SITE_URL" in line
    english = verify_published(_project(tmp_path, FULL, lang="en"), "https://qunma-never-deployed.invalid/")
    assert english.startswith("note: nothing is published at https://qunma-never-deployed.invalid/")
    assert "(the host name qunma-never-deployed.invalid has no address)" in english
    assert "nothing was compared" in english


def test_a_failing_dns_lookup_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", failing)
    with pytest.raises(QunmaError, match="读不到已发布的清单.*Temporary failure in name resolution"):
        read_published("https://qun.example.com/")


class _Answer(BaseHTTPRequestHandler):
    """Answers every GET with the class's status and body."""

    status = 200
    body = b""

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def _answering(status: int, body: bytes = b"") -> Any:
    return serving(type("Handler", (_Answer,), {"status": status, "body": body}))


@pytest.mark.parametrize("status", [500, 502, 503, 403])
def test_a_server_error_is_an_error_not_a_first_deploy(tmp_path: Path, status: int) -> None:
    with _answering(status) as url, pytest.raises(QunmaError) as caught:
        verify_published(_project(tmp_path, FULL), url)
    assert str(caught.value).startswith(f"读不到已发布的清单 {url}{MANIFEST_PATH}（HTTP {status}）")
    assert "QUNMA_SITE_URL" in str(caught.value)


def test_gone_means_nothing_published() -> None:
    with _answering(410) as url:
        assert read_published(url) == NotPublished(url + MANIFEST_PATH, "网站回答 HTTP 410")


def test_an_unreadable_live_manifest_is_an_error(tmp_path: Path) -> None:
    with (
        _answering(200, b"<!doctype html><title>Welcome</title>") as url,
        pytest.raises(QunmaError) as caught,
    ):
        verify_published(_project(tmp_path, FULL, lang="en"), url)
    message = str(caught.value)
    assert message.startswith(f"{url}{MANIFEST_PATH} is not a qunma manifest (the answer is not JSON")


def test_a_site_that_does_not_answer_in_time_is_an_error() -> None:
    with socket.socket() as silent:  # accepts connections (the backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        with pytest.raises(QunmaError, match="读不到已发布的清单.*127.0.0.1 没有及时回答（超时）"):
            read_published(url, limits=Limits(deadline=5, read_timeout=0.5))
