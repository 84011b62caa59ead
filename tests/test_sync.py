"""qunma sync: the WeCom client against a local server speaking the documented shapes; all-or-nothing."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from wecom_fake import CORP_ID, SECRET, FakeWeCom, serve

from generator.common.httpclient import Limits
from generator.errors import QunmaError
from generator.input.poolhistory import read_history
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
    SyncOutcome,
)
from generator.sync.run import merged_status, report_lines, sync, sync_from_env, synced_groups
from generator.sync.wecom import (
    GROUPCHAT_PATH,
    TOKEN_PATH,
    Credentials,
    RetryPolicy,
    WeComApiError,
    WeComClient,
    missing_env,
)

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


@pytest.fixture
def fake() -> FakeWeCom:
    return FakeWeCom(members={"wrA": 312, "wrB": 298, "wrC": 0})


@pytest.fixture
def base(fake: FakeWeCom) -> Iterator[str]:
    with serve(fake) as url:
        yield url


class Sleeps(list[float]):
    """An injected sleep that records instead of waiting, so backoff tests are instant."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(base: str, sleeps: Sleeps | None = None, secret: str = SECRET, tries: int = 5) -> WeComClient:
    return WeComClient(
        Credentials(CORP_ID, secret),
        base,
        limits=Limits(deadline=30, read_timeout=5),
        retry=RetryPolicy(tries=tries),
        sleep=Sleeps() if sleeps is None else sleeps,
    )


# --- the client ----------------------------------------------------------------------------------------


def test_member_count_speaks_the_documented_shapes(fake: FakeWeCom, base: str) -> None:
    assert client(base).member_count("wrA") == 312
    token_call, group_call = fake.requests
    assert token_call["method"] == "GET" and token_call["path"] == TOKEN_PATH
    assert token_call["query"] == {"corpid": CORP_ID, "corpsecret": SECRET}
    assert group_call["method"] == "POST" and group_call["path"] == GROUPCHAT_PATH
    assert group_call["query"] == {"access_token": "token-1"}
    assert group_call["body"] == {"chat_id": "wrA", "need_name": 0}


def test_one_token_serves_every_group_and_empty_groups_count_zero(fake: FakeWeCom, base: str) -> None:
    c = client(base)
    assert [c.member_count(chat) for chat in ("wrA", "wrB", "wrC")] == [312, 298, 0]
    assert fake.calls(TOKEN_PATH) == 1


def test_token_expiring_mid_run_is_refreshed_once(fake: FakeWeCom, base: str) -> None:
    fake.expire_after = 1  # the first token dies after one read
    c = client(base)
    assert c.member_count("wrA") == 312
    assert c.member_count("wrB") == 298  # 42001 → new token → retried
    assert fake.tokens == ["token-1", "token-2"]
    assert fake.calls(GROUPCHAT_PATH) == 3


def test_a_token_rejected_even_after_refresh_is_an_error(fake: FakeWeCom, base: str) -> None:
    fake.always_expired = True
    with pytest.raises(WeComApiError) as caught:
        client(base).member_count("wrA")
    assert caught.value.errcode == 42001
    assert fake.calls(TOKEN_PATH) == 2  # refreshed exactly once, then gave up


@pytest.mark.parametrize("errcode", [45033, 45009, 45011, -1])
def test_rate_limits_and_busy_are_retried_with_backoff(fake: FakeWeCom, base: str, errcode: int) -> None:
    fake.script["wrA"] = [errcode, errcode]
    sleeps = Sleeps()
    assert client(base, sleeps).member_count("wrA") == 312
    assert sleeps == [1.0, 2.0]


def test_retries_are_bounded(fake: FakeWeCom, base: str) -> None:
    fake.script["wrA"] = [45033] * 10
    sleeps = Sleeps()
    with pytest.raises(WeComApiError) as caught:
        client(base, sleeps, tries=4).member_count("wrA")
    assert (caught.value.errcode, caught.value.tries) == (45033, 4)
    assert sleeps == [1.0, 2.0, 4.0]  # no sleep after the last try
    assert fake.calls(GROUPCHAT_PATH) == 4


def test_backoff_is_capped() -> None:
    assert [RetryPolicy(first_delay=1, max_delay=5).delay(n) for n in range(5)] == [1, 2, 4, 5, 5]
    with pytest.raises(ValueError):
        RetryPolicy(tries=0)


def test_http_5xx_is_retried(fake: FakeWeCom, base: str) -> None:
    fake.script["gettoken"] = ["http500"]
    sleeps = Sleeps()
    assert client(base, sleeps).member_count("wrB") == 298
    assert sleeps == [1.0]


def test_other_errcodes_fail_at_once(fake: FakeWeCom, base: str) -> None:
    sleeps = Sleeps()
    with pytest.raises(WeComApiError) as caught:
        client(base, sleeps).member_count("wrUNKNOWN")
    assert (caught.value.errcode, caught.value.path, caught.value.tries) == (90501, GROUPCHAT_PATH, 1)
    assert "not external group chat" in caught.value.errmsg
    assert sleeps == []


def test_a_wrong_secret_never_appears_in_errors(fake: FakeWeCom, base: str) -> None:
    wrong = "wrong-secret-XYZZY-123"
    credentials = Credentials(CORP_ID, wrong)
    assert wrong not in repr(credentials)
    with pytest.raises(WeComApiError) as caught:
        client(base, secret=wrong).member_count("wrA")
    assert (caught.value.errcode, caught.value.path) == (40001, TOKEN_PATH)
    assert wrong not in str(caught.value)


def test_an_unreachable_server_is_retried_then_reported_without_the_secret() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    with pytest.raises(WeComApiError) as caught:
        client(f"http://127.0.0.1:{port}", sleeps, tries=3).member_count("wrA")
    assert caught.value.errcode is None and caught.value.tries == 3
    assert caught.value.errmsg == "127.0.0.1 refuses connections"
    assert SECRET not in str(caught.value)
    assert sleeps == [1.0, 2.0]


@pytest.mark.parametrize("secret", [SECRET, "a+b/c=d&e"])
def test_a_malformed_base_url_is_reported_without_the_secret(secret: str) -> None:
    sleeps = Sleeps()
    with pytest.raises(WeComApiError) as caught:
        client("http://127.0.0.1:1/with space", sleeps, secret=secret).member_count("wrA")
    message = str(caught.value)
    assert '"http://127.0.0.1:1/with space/cgi-bin/gettoken" is not a valid address' in message
    assert "corpsecret" not in message  # the query, where the secret travels, is never shown
    assert secret not in message and "a%2Bb%2Fc%3Dd%26e" not in message
    assert sleeps == []  # not worth retrying


def test_missing_env_names_each_variable() -> None:
    assert missing_env({}) == ["WECOM_CORP_ID", "WECOM_SECRET"]
    assert missing_env({"WECOM_CORP_ID": "x", "WECOM_SECRET": " "}) == ["WECOM_SECRET"]
    assert missing_env({"WECOM_CORP_ID": "x", "WECOM_SECRET": "y"}) == []


# --- the run: all or nothing -------------------------------------------------------------------------------


def _group(gid: str, chat_id: str | None, members: int | None = None) -> Group:
    return Group(
        id=gid,
        name=f"{gid}群",
        url=f"https://work.weixin.qq.com/gm/{gid}",
        issued=None,
        expires=None,
        capacity=500,
        switch_at=480,
        expiry_margin=timedelta(hours=12),
        members=members,
        chat_id=chat_id,
    )


def _project(root: Path, status: PoolStatus, lang: str = "zh") -> Project:
    rules = RuleSet("standard")
    vip = Campaign(
        id="vip",
        title="会员群",
        rules=rules,
        channels=(Channel("card", "会员卡"),),
        groups=(_group("a", "wrA"), _group("b", "wrB", members=10), _group("manual", None)),
    )
    old = Campaign(
        id="old", title="旧活动", rules=rules, channels=(), groups=(_group("z", "wrZ"),), archived=True
    )
    site = Site(title="t", base_url="https://qun.example/", language=lang)
    return Project(site, Defaults(), {"standard": rules}, (vip, old), root / "campaigns.yml", status)


OLD_STATUS = PoolStatus(
    updated=datetime(2026, 11, 23, 8, 0, tzinfo=TZ),
    groups={"vip/a": GroupStatus(members=300, full=True), "vip/manual": GroupStatus(members=50)},
)


def test_synced_groups_skip_archived_campaigns_and_groups_without_chat_id(tmp_path: Path) -> None:
    project = _project(tmp_path, OLD_STATUS)
    assert [(c.id, g.id) for c, g in synced_groups(project)] == [("vip", "a"), ("vip", "b")]


def test_merged_status_keeps_what_people_wrote(tmp_path: Path) -> None:
    project = _project(tmp_path, OLD_STATUS)
    vip = project.campaign("vip")
    merged = merged_status(OLD_STATUS, [(vip, vip.groups[0], 312), (vip, vip.groups[1], 298)], NOW)
    assert merged.updated == NOW
    assert merged.groups == {
        "vip/a": GroupStatus(members=312, full=True),  # a person's `full: true` stays
        "vip/manual": GroupStatus(members=50),
        "vip/b": GroupStatus(members=298),
    }


def test_sync_writes_the_new_status(fake: FakeWeCom, base: str, tmp_path: Path) -> None:
    from generator.input.poolstatus import read_status, status_text

    project = _project(tmp_path, OLD_STATUS)
    status_path = tmp_path / "pool-status.yml"
    status_path.write_text(status_text(OLD_STATUS), encoding="utf-8")  # the file the project was read from
    result = sync(project, status_path, client(base), NOW)
    assert [(g.key, g.before, g.after) for g in result.groups] == [("vip/a", 300, 312), ("vip/b", 10, 298)]
    status, _warnings = read_status(status_path, project, NOW)
    assert status.get("vip", "a") == GroupStatus(members=312, full=True)
    assert status.get("vip", "b") == GroupStatus(members=298)
    assert status.get("vip", "manual") == GroupStatus(members=50)
    assert status.updated == NOW
    lines = report_lines(result, "zh")
    assert lines[0] == "  a群（vip/a）：300 → 312 人" and "2 个群" in lines[-1]


def test_an_error_names_the_group_and_writes_nothing(fake: FakeWeCom, base: str, tmp_path: Path) -> None:
    status_path = tmp_path / "pool-status.yml"
    status_path.write_text("updated: 2026-11-23 08:00\ngroups: {}\n", encoding="utf-8")
    before = status_path.read_bytes()
    del fake.members["wrB"]  # the second group fails after the first one was read
    with pytest.raises(QunmaError) as caught:
        sync(_project(tmp_path, OLD_STATUS), status_path, client(base), NOW)
    message = str(caught.value)
    assert "b群" in message and "vip/b" in message and "wrB" in message and "90501" in message
    assert "chat_id" in message and "pool-status.yml 没有改动" in message
    assert status_path.read_bytes() == before
    # No temp file left behind; the history beside it records the failure (for `qunma notify`), no counts.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pool-history.json", "pool-status.yml"]
    history, warnings = read_history(tmp_path / "pool-history.json", "zh")
    assert warnings == [] and history.groups == {}
    assert history.last_sync == SyncOutcome(NOW, False, 90501, message)


def test_errors_speak_english_for_english_sites(fake: FakeWeCom, base: str, tmp_path: Path) -> None:
    fake.script["wrA"] = [45033] * 3
    with pytest.raises(QunmaError) as caught:
        sync(_project(tmp_path, OLD_STATUS, lang="en"), tmp_path / "s.yml", client(base, tries=3), NOW)
    message = str(caught.value)
    assert message.startswith('reading the member count of group "a群" (vip/a, chat_id wrA) failed')
    assert "after 3 tries" in message and "rate-limiting" in message
    assert not (tmp_path / "s.yml").exists()


def test_sync_from_env_needs_credentials_only_when_there_is_something_to_sync(tmp_path: Path) -> None:
    project = _project(tmp_path, OLD_STATUS)
    with pytest.raises(QunmaError, match="WECOM_CORP_ID、WECOM_SECRET"):
        sync_from_env(project, {}, NOW)
    with pytest.raises(QunmaError, match="WECOM_API_BASE"):
        sync_from_env(
            project, {"WECOM_CORP_ID": CORP_ID, "WECOM_SECRET": SECRET, "WECOM_API_BASE": "qyapi"}, NOW
        )
    nothing = Project(project.site, project.defaults, project.rule_sets, (), project.source)
    result = sync_from_env(nothing, {}, NOW)
    assert result.status is None and "没有写 chat_id" in report_lines(result, "zh")[0]
    assert not (tmp_path / "pool-status.yml").exists()


def test_sync_from_env_reads_the_base_url(fake: FakeWeCom, base: str, tmp_path: Path) -> None:
    env = {"WECOM_CORP_ID": CORP_ID, "WECOM_SECRET": SECRET, "WECOM_API_BASE": base + "/"}
    result = sync_from_env(_project(tmp_path, OLD_STATUS), env, NOW)
    assert [g.after for g in result.groups] == [312, 298]
    assert (tmp_path / "pool-status.yml").exists()
