"""Issue 11, the network edge: each bug as it was found, through the `qunma` command, against local servers.

sync talks to a fake WeCom (tests/wecom_fake.py) and check --published to a fake live site; each server
misbehaves the way the report describes (trickling, huge, redirecting away, forging CI commands, odd JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpkit import answer, endless, redirect, serving_behaviour, trickle
from netkit import DEADLINE, Run, assert_contained, check_published, mini_project, qunma, sync
from wecom_fake import CORP_ID, SECRET, FakeWeCom, serve

FP = "ab" * 32
HEAD_ONLY = b"HTTP/1.1 200 OK\r\n"  # a status line, then headers one byte at a time
BODY_START = b"HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n{"  # headers, then the body byte by byte


def manifest(campaigns: object, fingerprint: object = FP, version: object = 1) -> bytes:
    document = {"version": version, "fingerprint": fingerprint, "urls": [], "campaigns": campaigns}
    return json.dumps(document).encode()


@pytest.fixture
def campaigns(tmp_path: Path) -> Path:
    return mini_project(tmp_path / "project")


@pytest.fixture
def fake() -> FakeWeCom:
    return FakeWeCom(members={"wrA": 12, "wrB": 30})


@pytest.fixture
def wecom(fake: FakeWeCom) -> Iterator[str]:
    with serve(fake) as url:
        yield url


def _sync(campaigns: Path, base: str, deadline: float = DEADLINE) -> Run:
    run = sync(campaigns, base, SECRET, CORP_ID, deadline)
    assert_contained(run, deadline=deadline, secrets=(SECRET,))
    return run


def _check(campaigns: Path, url: str, deadline: float = DEADLINE) -> Run:
    run = check_published(campaigns, url, deadline)
    assert_contained(run, deadline=deadline)
    return run


def test_the_fake_wecom_and_the_mini_project_work(campaigns: Path, wecom: str) -> None:
    run = _sync(campaigns, wecom, deadline=10)  # a deadline that only a hang could reach
    assert run.code == 0 and "? → 12" in run.stdout and "? → 30" in run.stdout
    assert (campaigns.parent / "pool-status.yml").exists()


# --- an overall deadline, not only a per-read timeout -----------------------------------------------------
# Found: one byte every 5 s kept sync running > 150 s and check --published 100 s. Here a byte every 0.2 s,
# far inside the 15 s read timeout: only the command's deadline can end it.


@pytest.mark.parametrize("endpoint", ["gettoken", "groupchat"])
@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_trickling_wecom_cannot_outlast_the_deadline(
    campaigns: Path, fake: FakeWeCom, wecom: str, endpoint: str, where: str
) -> None:
    head = HEAD_ONLY if where == "headers" else BODY_START
    fake.hostile[endpoint] = trickle(head, b" " if where == "body" else b"x", every=0.2)
    run = _sync(campaigns, wecom)
    assert run.code == 1 and f"没有在 {DEADLINE:g} 秒内完成" in run.stderr
    assert "QUNMA_NET_DEADLINE" in run.stderr and "pool-status.yml 没有改动" in run.stderr
    assert not (campaigns.parent / "pool-status.yml").exists()


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_trickling_site_cannot_outlast_the_deadline(campaigns: Path, where: str) -> None:
    head = HEAD_ONLY if where == "headers" else BODY_START
    with serving_behaviour(trickle(head, b"x" if where == "headers" else b" ", every=0.2)) as url:
        run = _check(campaigns, url)
    assert run.code == 1 and "读不到已发布的清单" in run.stderr
    assert f"没有在 {DEADLINE:g} 秒内完成" in run.stderr


def test_backoff_waits_count_against_the_deadline(campaigns: Path, fake: FakeWeCom, wecom: str) -> None:
    fake.script["wrA"] = [45009] * 10  # rate-limited again and again: waits 1, 2, 4, 8… s
    run = _sync(campaigns, wecom, deadline=1.5)  # time for the first wait (1 s), not for the second (2 s)
    assert run.code == 1 and "试了 2 次仍然失败：企业微信返回错误 45009" in run.stderr
    assert "企业微信繁忙或限流" in run.stderr  # and _sync bounded the time: all five tries wait 15 s


def test_the_deadline_setting_is_checked(campaigns: Path) -> None:
    args = ("check", "--campaigns", str(campaigns), "--published", "http://x/")
    run = qunma(*args, env={"QUNMA_NET_DEADLINE": "-1"})
    assert run.code == 1 and "环境变量 QUNMA_NET_DEADLINE 的值“-1”不是秒数" in run.stderr


# --- size limits ----------------------------------------------------------------------------------------
# Found: a 35 MB manifest took 401 s and 3.9 GB; a 50 MB access_token took 936 MB.


@pytest.mark.parametrize("declared", [True, False])
def test_a_35_mb_manifest_is_refused_at_the_limit(campaigns: Path, declared: bool) -> None:
    size = 35 * 2**20
    head = b'{"version": 1, "fingerprint": "' + FP.encode() + b'", "campaigns": {"vip": ["card"]}, "urls": ["'
    chunk = b"a" * 2**16
    length = f"Content-Length: {size}\r\n" if declared else "Connection: close\r\n"
    status = f"HTTP/1.1 200 OK\r\n{length}\r\n".encode()
    with serving_behaviour(endless(status + head, chunk, at_most=size)) as url:
        run = _check(campaigns, url)
    assert run.code == 1 and "回答超过了 4 MB 的上限" in run.stderr
    assert run.peak_mb < 20  # the limit, plus a copy or two: not the 3.9 GB found


def test_a_50_mb_access_token_is_refused_at_the_limit(campaigns: Path, fake: FakeWeCom, wecom: str) -> None:
    head = b'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{"errcode": 0, "errmsg": "ok", "access_token": "'
    fake.hostile["gettoken"] = endless(head, b"A" * 2**16, at_most=50 * 2**20)
    run = _sync(campaigns, wecom)
    assert run.code == 1 and "回答超过了 2 MB 的上限" in run.stderr
    assert run.peak_mb < 20


def test_an_access_token_that_is_no_token_is_never_used_or_printed(
    campaigns: Path, fake: FakeWeCom, wecom: str
) -> None:
    bad = "tok\n::error ::x" + "B" * 5000
    fake.script["gettoken"] = [{"errcode": 0, "errmsg": "ok", "access_token": bad}]
    run = _sync(campaigns, wecom)
    assert run.code == 1 and "企业微信的回答里没有可用的 access_token" in run.stderr
    assert "BBBB" not in run.stderr and fake.calls("/cgi-bin/externalcontact/groupchat/get") == 0


# --- what counts as "nothing published yet" ---------------------------------------------------------------
# Found: a manifest URL that redirects to an unresolvable host, a refused port or ftp:// passed as "nothing
# published yet", which switches the printed-code guard off; a redirect to another host's manifest was
# accepted. Only a clean 404/410 or an unresolvable configured host may; redirects within the site are fine.


@pytest.mark.parametrize(
    "location",
    [
        "http://qunma-moved-away.invalid/qunma-manifest.json",
        "ftp://127.0.0.1/qunma-manifest.json",
        "https://127.0.0.1:1/qunma-manifest.json",
        "//127.0.0.2/qunma-manifest.json",
    ],
)
def test_a_redirect_away_is_an_error_not_a_first_deploy(campaigns: Path, location: str) -> None:
    with serving_behaviour(redirect(location)) as url:
        run = _check(campaigns, url)
    assert run.code == 1 and "网址跳转到了别处" in run.stderr and "还没有发布过网站" not in run.output


def test_another_sites_manifest_is_not_accepted(campaigns: Path) -> None:
    with serving_behaviour(answer(200, manifest({"vip": ["card"]}))) as other:
        with serving_behaviour(redirect(other + "qunma-manifest.json", 301)) as url:
            run = _check(campaigns, url)
    assert run.code == 1 and f"网址跳转到了别处（{other}qunma-manifest.json）" in run.stderr


def test_redirects_within_the_site_are_followed(campaigns: Path) -> None:
    def site(handler: object) -> None:
        path = handler.path  # type: ignore[attr-defined]
        behave = redirect("/v2/qunma-manifest.json", 308) if path == "/qunma-manifest.json" else None
        (behave or answer(200, manifest({"vip": ["card"]})))(handler)  # type: ignore[arg-type]

    with serving_behaviour(site) as url:
        run = _check(campaigns, url, deadline=10)
    assert run.code == 0 and "✓ 已发布的 2 个网址在 campaigns.yml 里都还在" in run.stdout


@pytest.mark.parametrize("status", [404, 410])
def test_a_clean_404_or_410_is_a_first_deploy(campaigns: Path, status: int) -> None:
    with serving_behaviour(answer(status, b"<h1>Not Found</h1>")) as url:
        run = _check(campaigns, url, deadline=10)
    assert run.code == 0 and f"还没有发布过网站（网站回答 HTTP {status}）" in run.stdout


def test_a_404_after_a_redirect_away_is_not_a_first_deploy(campaigns: Path) -> None:
    with serving_behaviour(answer(404)) as other:
        with serving_behaviour(redirect(other + "qunma-manifest.json")) as url:
            run = _check(campaigns, url)
    assert run.code == 1 and "还没有发布过网站" not in run.output


# --- remote text is never echoed raw ----------------------------------------------------------------------
# Found: campaign or channel ids from a remote manifest were echoed verbatim into the CI log, so
# "\n::error ..." became a GitHub Actions command.

FORGED = "x\n::error file=campaigns.yml,line=1::forged\r\n##[error]old style\u202e"


@pytest.mark.parametrize(
    "campaigns_value",
    [{FORGED: []}, {"vip": ["card", FORGED]}, {"vip": FORGED}],
)
def test_ids_from_a_live_manifest_cannot_forge_ci_commands(campaigns: Path, campaigns_value: object) -> None:
    with serving_behaviour(answer(200, manifest(campaigns_value))) as url:
        run = _check(campaigns, url)
    assert run.code == 1 and "不是 qunma 的发布清单" in run.stderr
    assert "x\\n:\\:error" in run.stderr and "\\r\\n#\\#[error]" in run.stderr and "\\u202e" in run.stderr


def test_a_forged_fingerprint_never_reaches_the_log_or_the_deploy_output(
    campaigns: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "qunma-manifest.json").write_bytes(manifest({"vip": ["card"]}))
    output = tmp_path / "github-output"
    forged = manifest({"vip": ["card"]}, fingerprint="\n::set-output name=deploy::false\n" + "a" * 64)
    with serving_behaviour(answer(200, forged)) as url:
        args = ["ci", "decide", "--campaigns", str(campaigns), "--site-dir", str(site), "--published", url]
        run = qunma(*args, env={"GITHUB_OUTPUT": str(output), "QUNMA_NET_DEADLINE": str(DEADLINE)})
    assert_contained(run)
    assert run.code == 1 and "fingerprint" in run.stderr and not output.exists()


def test_a_wecom_errmsg_cannot_forge_ci_commands(campaigns: Path, fake: FakeWeCom, wecom: str) -> None:
    errmsg = "bad\n::error ::forged\r\n::add-mask::x" + "z" * 10**5
    fake.script["wrA"] = [{"errcode": 90501, "errmsg": errmsg}]
    run = _sync(campaigns, wecom)
    assert run.code == 1 and "90501" in run.stderr and "bad\\n:\\:error :\\:forged\\r\\n" in run.stderr
    assert "z" * 301 not in run.stderr  # bounded


# --- WeCom's answers, their codes and their shapes --------------------------------------------------------


def test_errcode_60020_from_gettoken_explains_the_trusted_ip_list(
    campaigns: Path, fake: FakeWeCom, wecom: str
) -> None:
    errmsg = "not allow to access from your ip, hint: [1700000000_1_abc], from ip: 203.0.113.7"
    fake.script["gettoken"] = [{"errcode": 60020, "errmsg": errmsg}]
    run = _sync(campaigns, wecom)
    assert run.code == 1 and "企业微信返回错误 60020" in run.stderr and "from ip: 203.0.113.7" in run.stderr
    assert "企业可信 IP" in run.stderr and "这不是企业 ID 或 Secret 的问题" in run.stderr
    assert "请检查 WECOM_CORP_ID" not in run.stderr


@pytest.mark.parametrize(
    "errcode, shown",
    [
        ("0", '"0"'),
        (None, "null"),
        ([40001], "[40001]"),
        ({"code": 0}, '{"code": 0}'),
        (True, "true"),
        (1.5, "1.5"),
    ],
)
def test_an_errcode_that_is_not_a_number_is_named(
    campaigns: Path, fake: FakeWeCom, wecom: str, errcode: object, shown: str
) -> None:
    fake.script["gettoken"] = [{"errcode": errcode, "errmsg": "", "access_token": "t" * 40}]
    run = _sync(campaigns, wecom)
    assert run.code == 1 and f"企业微信的回答里 errcode 是 {shown}，不是整数" in run.stderr


def test_an_errcode_without_errmsg_still_says_something(campaigns: Path, fake: FakeWeCom, wecom: str) -> None:
    fake.script["wrA"] = [{"errcode": 40058}]
    run = _sync(campaigns, wecom)
    assert run.code == 1 and "企业微信返回错误 40058（没有附带说明）" in run.stderr


DEEP = b"[" * 100_000 + b"]" * 100_000
HUGE_NUMBER = b"9" * 5000


@pytest.mark.parametrize(
    "body, message",
    [
        (DEEP, "回答的 JSON 里有超过 100,000 个值"),  # 100,000 nested arrays, each a value
        (b'{"errcode": [' * 20_000, "回答的 JSON 嵌套超过 32 层"),
        (b"[" * 33 + b"]" * 33, "回答的 JSON 嵌套超过 32 层"),
        (b'{"errcode": ' + HUGE_NUMBER + b"}", "回答里有一个超过 40 个字符的数字"),
        (b'{"errcode": 0, "access_token": "t", "expires_in": ' + HUGE_NUMBER + b"}", "超过 40 个字符的数字"),
        (b'{"errcode": 0.' + HUGE_NUMBER + b"}", "超过 40 个字符的数字"),
        (b"\xff\xfe{}", "回答不是 UTF-8 文本"),
        (b"<html>", "回答不是 JSON"),
        (b"[]", "企业微信的回答不是 JSON 对象"),
        (b'{"errmsg": "ok"}', "企业微信的回答里没有 errcode"),
    ],
)
def test_hostile_wecom_json_is_a_clear_error(
    campaigns: Path, fake: FakeWeCom, wecom: str, body: bytes, message: str
) -> None:
    fake.script["gettoken"] = [body]
    run = _sync(campaigns, wecom)
    assert run.code == 1 and message in run.stderr


def test_a_member_list_of_another_shape_is_a_clear_error(
    campaigns: Path, fake: FakeWeCom, wecom: str
) -> None:
    fake.script["wrA"] = [{"errcode": 0, "group_chat": {"member_list": {"n": 3}}}]
    run = _sync(campaigns, wecom)
    assert run.code == 1 and "企业微信的回答里没有成员列表 group_chat.member_list" in run.stderr


@pytest.mark.parametrize(
    "body, detail",
    [
        (DEEP, "回答的 JSON 嵌套超过 32 层"),
        (b'{"version": ' + HUGE_NUMBER + b"}", "回答里有一个超过 40 个字符的数字"),
        (manifest({"vip": ["card"]}, version=[1]), "version [1]"),
        (manifest({"vip": ["card"]}, version={"v": 1}), 'version {"v": 1}'),
        (manifest({"vip": ["card"]}, version="1"), 'version "1"'),
        (manifest({"vip": ["card"]}, fingerprint=None), "fingerprint null"),
        (manifest([["vip"]]), 'campaigns [["vip"]]'),
        (manifest({"vip": [["card"]]}), 'channel id ["card"]'),
        (manifest({"vip": [int("9" * 40)]}), "channel id 9999"),
    ],
)
def test_a_hostile_manifest_is_a_clear_error(campaigns: Path, body: bytes, detail: str) -> None:
    with serving_behaviour(answer(200, body)) as url:
        run = _check(campaigns, url)
    assert run.code == 1 and "不是 qunma 的发布清单" in run.stderr and detail in run.stderr


@pytest.mark.parametrize(
    "errcode, hint",
    [
        (40001, "请检查 WECOM_CORP_ID（企业 ID）和 WECOM_SECRET"),  # invalid secret
        (40013, "请检查 WECOM_CORP_ID（企业 ID）和 WECOM_SECRET"),  # invalid corpid
        (40091, "请检查 WECOM_CORP_ID（企业 ID）和 WECOM_SECRET"),  # secret of another corp
        (41002, "请检查 WECOM_CORP_ID（企业 ID）和 WECOM_SECRET"),  # corpid missing
        (41004, "请检查 WECOM_CORP_ID（企业 ID）和 WECOM_SECRET"),  # secret missing
        (60020, "企业微信只接受“企业可信 IP”名单里的机器发来的请求"),  # caller's IP not trusted
        (45009, "企业微信繁忙或限流"),  # api frequency out of limit: retried, then "later"
        (-1, "企业微信繁忙或限流"),  # system busy: retried, then "later"
    ],
)
def test_each_gettoken_errcode_gets_its_own_advice(
    campaigns: Path, fake: FakeWeCom, wecom: str, errcode: int, hint: str
) -> None:
    fake.script["gettoken"] = [{"errcode": errcode, "errmsg": f"e{errcode}"}] * 5
    run = _sync(campaigns, wecom)
    assert run.code == 1 and hint in run.stderr and SECRET not in run.output
    if errcode not in (45009, -1):
        assert f"企业微信返回错误 {errcode}（e{errcode}）" in run.stderr


def test_a_token_rejected_twice_gets_the_token_advice(campaigns: Path, fake: FakeWeCom, wecom: str) -> None:
    fake.always_expired = True  # 42001 access_token expired, even right after a refresh
    run = _sync(campaigns, wecom)
    assert (
        run.code == 1
        and "企业微信返回错误 42001" in run.stderr
        and "换了新的 access_token 仍被拒绝" in run.stderr
    )
