"""The loader on good input: the example, inheritance, times, durations, links, images, aliases, status."""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from loadkit import EXAMPLE, GROUP_LINK, KEFU_LINK, NOW, make_images

from generator.errors import InputError
from generator.input.load import load_project
from generator.messages.load import LOAD_MESSAGES
from generator.model import CampaignType, Group, GroupStatus, Project, Strategy
from generator.qr.image import decode_file

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int = 0, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def example() -> Project:
    return load_project(EXAMPLE, now=NOW)


def test_the_example_loads(example: Project) -> None:
    assert [c.id for c in example.campaigns] == ["autumn", "vip", "spring", "double11"]
    assert sum(len(c.groups) for c in example.campaigns) == 9
    assert example.source == EXAMPLE.resolve()
    assert example.warnings == ()


def test_site(example: Project) -> None:
    site = example.site
    assert (site.title, site.language, site.timezone) == ("拾光咖啡 · 福利群", "zh", "Asia/Shanghai")
    assert site.base_url == "https://qun.shiguang-coffee.example/"
    assert site.brand.color == "#8b5a2b"
    assert site.brand.logo == EXAMPLE.parent / "site_src" / "assets" / "logo.png"
    assert (
        site.contact is not None and site.contact.url == "https://work.weixin.qq.com/kfid/kfc5e1b2a3c4d5e6f70"
    )


def test_defaults_and_inheritance(example: Project) -> None:
    assert example.defaults.expiry_margin == timedelta(hours=12)
    assert example.defaults.strategy is Strategy.FILL_FIRST
    autumn, vip = example.campaign("autumn"), example.campaign("vip")
    g1 = autumn.groups[0]
    assert (g1.capacity, g1.switch_at, g1.expiry_margin) == (200, 190, timedelta(hours=12))
    assert [(g.capacity, g.switch_at) for g in vip.groups] == [(500, 480), (500, 480)]
    assert vip.strategy is Strategy.BALANCE and vip.type is CampaignType.CORE
    assert autumn.low_seats == 50 and autumn.low_within == timedelta(hours=24)


def by_id(groups: tuple[Group, ...]) -> dict[str, Group]:
    return {group.id: group for group in groups}


def test_group_times_are_in_the_site_time_zone(example: Project) -> None:
    g1 = by_id(example.campaign("autumn").groups)["g1"]
    assert g1.issued == at(20, 10) and g1.expires == at(27, 10)
    assert g1.show_until == at(26, 22)
    assert [g.expires for g in example.campaign("vip").groups] == [None, None]


def test_campaign_dates(example: Project) -> None:
    autumn, double11 = example.campaign("autumn"), example.campaign("double11")
    assert autumn.starts == at(1) and autumn.ends == at(28, 23, 59, month=2, year=2027)
    assert double11.ends == at(13)  # "ends: 2026-11-12" means the end of that day
    assert double11.archived and not autumn.archived


def test_channels_rules_and_texts(example: Project) -> None:
    autumn = example.campaign("autumn")
    assert [c.id for c in autumn.channels] == ["store", "parcel", "live", "mp"]
    groups = by_id(autumn.groups)
    assert groups["live-1"].channels == ("live",) and groups["g1"].channels is None
    assert autumn.rules is example.rule_sets["standard"] and len(autumn.rules.penalties) == 3
    spring = example.campaign("spring")
    assert spring.rules.who == "拾光咖啡樱花季预约中转群。" and spring.rules.rules == (
        "本群只发预约信息，开售后解散。",
    )
    assert autumn.welcome.startswith("欢迎 {nickname} 加入{group_name}！☕\n")
    assert autumn.faq[1].keywords == ("发货", "快递", "物流")
    assert [item.time for item in autumn.schedule] == ["09:00", "12:00", "20:00"]
    assert groups["g0"].paused


def test_fallback_without_a_link_takes_the_site_contact(example: Project) -> None:
    fallback = example.campaign("autumn").fallback
    assert fallback is not None and fallback.text.startswith("福利群都满员了")
    assert example.site.contact is not None and fallback.url == example.site.contact.url
    assert fallback.name == "拾光咖啡客服"


def test_a_qr_image_gives_its_link(example: Project) -> None:
    g2 = by_id(example.campaign("autumn").groups)["g2"]
    assert g2.qr_image == EXAMPLE.parent / "qr" / "autumn-g2.png"
    assert [g2.url] == decode_file(g2.qr_image)


def test_pool_status_is_read_beside_campaigns(example: Project) -> None:
    assert example.status.get("autumn", "g1") == GroupStatus(members=186)
    assert example.status.updated == at(23, 8)


def test_status_path_can_be_given(example_dir: Path) -> None:
    other = example_dir / "other-status.yml"
    other.write_text("updated: 2026-11-23 09:00\ngroups:\n  autumn/g3:\n    full: true\n", encoding="utf-8")
    project = load_project(example_dir / "campaigns.yml", now=NOW, status_path=other)
    assert project.status.groups == {"autumn/g3": GroupStatus(full=True)}


def write(folder: Path, body: str, site: str = "") -> Path:
    path = folder / "campaigns.yml"
    head = "site:\n  title: 测试\n  base_url: https://qun.example.com\n" + site
    path.write_text(head + "rule_sets:\n  r:\n    rules: [禁止广告]\n" + body, encoding="utf-8")
    return path


GROUP = "      - {{id: {id}, name: 群, url: https://weixin.qq.com/g/{id}, {when}}}\n"


def one_group(when: str, campaign: str = "", site: str = "", folder: Path | None = None) -> Project:
    assert folder is not None
    body = "campaigns:\n  - id: c\n    title: 活动\n    rules: r\n" + campaign + "    groups:\n"
    return load_project(write(folder, body + GROUP.format(id="g1", when=when), site), now=NOW)


@pytest.mark.parametrize(
    ("written", "issued"),
    [
        ("2026-11-20", at(20)),
        ("2026-11-20 10:00", at(20, 10)),
        ("'2026-11-20 10:00:30'", at(20, 10).replace(second=30)),
        ("2026-11-20T10:00:00+08:00", at(20, 10)),
        ("2026-11-20T02:00:00Z", at(20, 10)),
        ("2026-11-20 03:00 +01:00", at(20, 10)),
        ("2026-1-5 9:30", at(5, 9, 30, month=1)),
    ],
)
def test_time_formats(written: str, issued: datetime, tmp_path: Path) -> None:
    group = one_group(f"issued: {written}", folder=tmp_path).campaigns[0].groups[0]
    assert group.issued == issued and group.issued.tzinfo == SHANGHAI
    assert group.expires == issued + timedelta(days=7)


def test_naive_times_follow_the_site_time_zone(tmp_path: Path) -> None:
    project = one_group("issued: 2026-11-20 10:00", site="  timezone: Europe/Berlin\n", folder=tmp_path)
    issued = project.campaigns[0].groups[0].issued
    assert issued == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "margin"),
    [("12h", timedelta(hours=12)), ("30m", timedelta(minutes=30)), ("2d", timedelta(days=2)),
     ("1d12h", timedelta(hours=36)), ("0", timedelta(0)), ("1h30m", timedelta(minutes=90))],
)  # fmt: skip
def test_durations(written: str, margin: timedelta, tmp_path: Path) -> None:
    project = one_group("issued: 2026-11-20", campaign=f"    expiry_margin: {written}\n", folder=tmp_path)
    assert project.campaigns[0].groups[0].expiry_margin == margin


def test_group_settings_override_the_campaign(tmp_path: Path) -> None:
    when = "expires: never, capacity: 500, switch_at: 450"
    group = one_group(when, campaign="    capacity: 300\n", folder=tmp_path).campaigns[0].groups[0]
    assert (group.capacity, group.switch_at, group.expires) == (500, 450, None)


def test_base_url_gets_its_slash_and_localhost_previews_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "campaigns.yml"
    path.write_text(
        "site:\n  title: t\n  base_url: http://localhost:8000/sub\ncampaigns: []\n", encoding="utf-8"
    )
    assert load_project(path, now=NOW).site.base_url == "http://localhost:8000/sub/"


def test_unquoted_numbers_are_text_where_text_belongs(tmp_path: Path) -> None:
    body = "campaigns:\n  - id: '618'\n    title: 618\n    rules: r\n    benefits: [100, 2026-11-20]\n"
    campaign = load_project(write(tmp_path, body), now=NOW).campaigns[0]
    assert (campaign.id, campaign.title, campaign.benefits) == ("618", "618", ("100", "2026-11-20"))


def test_contact_and_fallback_images(tmp_path: Path) -> None:
    make_images(tmp_path)
    site = "  contact:\n    text: 客服\n    qr: qr/kefu.png\n"
    campaign = "    fallback:\n      text: 满了\n      qr: qr/g1.png\n"
    project = one_group("issued: 2026-11-20", campaign=campaign, site=site, folder=tmp_path)
    assert project.site.contact is not None and project.site.contact.url == KEFU_LINK
    assert project.campaigns[0].fallback is not None and project.campaigns[0].fallback.url == GROUP_LINK


def test_aliases_and_merge_keys(tmp_path: Path) -> None:
    body = (
        "campaigns:\n  - id: a\n    title: A\n    rules: r\n"
        "    channels: &ch\n      - {id: store, name: 门店}\n"
        "    groups:\n      - &g {id: g1, name: 群, url: https://weixin.qq.com/g/1, issued: 2026-11-20}\n"
        "      - {<<: *g, id: g2, url: https://weixin.qq.com/g/2}\n"
        "  - id: b\n    title: B\n    rules: r\n    channels: *ch\n"
    )
    project = load_project(write(tmp_path, body), now=NOW)
    a, b = project.campaigns
    assert [(g.id, g.name, g.url[-1], g.issued) for g in a.groups] == [
        ("g1", "群", "1", at(20)),
        ("g2", "群", "2", at(20)),
    ]
    assert b.channels == a.channels


def test_messages_follow_site_language(tmp_path: Path) -> None:
    body = "campaigns:\n  - id: c\n    title: T\n    rules: nope\n"
    with pytest.raises(InputError) as caught:
        load_project(write(tmp_path, body, site="  language: en\n"), now=NOW)
    assert [p.message for p in caught.value.problems] == [
        'there is no rule set "nope": rule_sets has r; or write the rules here inline'
    ]


def test_loading_is_deterministic(example_dir: Path) -> None:
    path = example_dir / "campaigns.yml"
    assert load_project(path, now=NOW) == load_project(path, now=NOW)


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    def names(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    for key, (zh, en) in LOAD_MESSAGES.items():
        assert zh and en and names(zh) == names(en), key


def test_page_wording_avatar_and_member_count(example: Project, tmp_path: Path) -> None:
    autumn, spring, vip = (example.campaign(name) for name in ("autumn", "spring", "vip"))
    assert example.site.description.startswith("扫描门店桌贴")
    assert autumn.show_members and not vip.show_members and autumn.avatar is None
    assert autumn.messages.ended.startswith("秋冬活动已结束") and autumn.messages.not_started == ""
    assert spring.messages.not_started.startswith("预约群 2 月 20 日")
    make_images(tmp_path)
    campaign = (
        "    avatar: qr/g1.png\n    show_members: true\n"
        "    messages:\n      not_started: 马上开始\n      ended: 谢谢\n"
    )
    site = "  description: 扫码进群\n"
    loaded = one_group("issued: 2026-11-20", campaign=campaign, site=site, folder=tmp_path)
    (c,) = loaded.campaigns
    assert (c.avatar, c.show_members) == (tmp_path / "qr" / "g1.png", True)
    assert (c.messages.not_started, c.messages.ended) == ("马上开始", "谢谢")
    assert loaded.site.description == "扫码进群"


@pytest.mark.parametrize(
    ("campaign", "expected"),
    [
        (
            "    messages:\n      not_start: x\n",
            "campaigns.yml:12:7: 未知的键“not_start”：你是不是想写“not_started”？",
        ),
        ("    avatar: qr/notes.png\n", "campaigns.yml:11:13: qr/notes.png 打不开，不是图片"),
        ("    show_members: yes\n", "campaigns.yml:11:19: "),
    ],
)
def test_page_wording_mistakes_are_named_where_they_are(tmp_path: Path, campaign: str, expected: str) -> None:
    make_images(tmp_path)
    with pytest.raises(InputError) as caught:
        one_group("issued: 2026-11-20", campaign=campaign, folder=tmp_path)
    (problem,) = caught.value.problems
    where = f"{Path(problem.file).name}:{problem.line}:{problem.column}"
    assert f"{where}: {problem.message}".startswith(expected)
