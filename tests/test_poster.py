"""Posters: the entry code decodes to the page address, text fits, fonts are found or refused clearly."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from generator.cli import main
from generator.errors import QunmaError
from generator.model import Brand, Campaign, Channel, Defaults, Group, Project, RuleSet, Site
from generator.plan.rotation import Health, PagePlan, PageState, Plan, PoolHealth
from generator.qr.image import decode_png
from generator.render import typeset
from generator.render.poster import A4, A6, poster_content, poster_files, poster_pages, poster_png
from generator.render.poster_layout import PosterLayout, layout_poster, safe_area

REPO = Path(__file__).resolve().parent.parent
CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=CST)
HOSTILE_TITLE = "秋冬限定·超长标题测试，" * 7 + "Supercalifragilisticexpialidocious-members-only-group"


@pytest.fixture(scope="module")
def font() -> Path:
    return typeset.find_font(None, "zh")


def make_project(
    title: str = "秋冬新品福利群",
    benefits: tuple[str, ...] = ("进群领 10 元无门槛券", "每周新品试饮名额", "周五晚 8 点群内抽奖"),
    language: str = "zh",
    archived: bool = False,
    state: PageState = PageState.OPEN,
    starts: datetime | None = None,
) -> tuple[Project, Plan]:
    """A one-campaign project (two pages: default and store) and its plan, built by hand."""
    group = Group(
        id="g1", name="福利1群", url="https://weixin.qq.com/g/AQYAAAm3Zx9kLpQ2vN8rT5yU1wE4aS7dF0gH",
        issued=NOW - timedelta(days=1), expires=NOW + timedelta(days=6), capacity=200, switch_at=190,
        expiry_margin=timedelta(hours=12),
    )  # fmt: skip
    campaign = Campaign(
        id="autumn", title=title, rules=RuleSet(id="r"), channels=(Channel("store", "门店桌贴"),),
        groups=(group,), benefits=benefits, archived=archived, starts=starts,
    )  # fmt: skip
    brand = Brand(color="#8b5a2b", logo=REPO / "site_src" / "assets" / "logo.png")
    site = Site(title="拾光咖啡 · 福利群", base_url="https://qun.example.cn/", language=language, brand=brand)
    project = Project(site, Defaults(), {}, (campaign,), source=REPO / "campaigns.yml")
    health = PoolHealth(Health.OK, "", 40, 1, None)
    state = PageState.ARCHIVED if archived else state
    pages = tuple(PagePlan(campaign, ch, state, group, (), health) for ch in (None, *campaign.channels))
    return project, Plan(NOW, pages)


def ink_outside(png: bytes, layout: PosterLayout) -> int:
    """Non-white pixels in the side and bottom margins below the colour band: text that ran off its box."""
    with Image.open(io.BytesIO(png)) as image:
        grey = image.convert("L")
    left, _, right, bottom = safe_area(layout.size)
    width, height = grey.size
    strips = [(0, layout.band_height, left, height), (right, layout.band_height, width, height)]
    strips.append((0, bottom, width, height))
    return sum(sum(grey.crop(box).histogram()[:200]) for box in strips)


@pytest.mark.parametrize("size", [A6, A4], ids=["a6", "a4"])
@pytest.mark.parametrize("channel", [None, "store"])
def test_entry_code_decodes_to_the_page_address(font: Path, size, channel: str | None) -> None:  # type: ignore[no-untyped-def]
    project, plan = make_project()
    page = next(p for p in plan.pages if (p.channel.id if p.channel else None) == channel)
    png = poster_png(project, page, size, font, NOW)
    expected = "https://qun.example.cn/autumn/" + (f"{channel}/" if channel else "")
    assert decode_png(png) == [expected]
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (size.width, size.height)
        assert [round(v) for v in image.info["dpi"]] == [300, 300]


@pytest.mark.parametrize("size", [A6, A4], ids=["a6", "a4"])
def test_hostile_title_shrinks_and_wraps_inside_the_margins(font: Path, size) -> None:  # type: ignore[no-untyped-def]
    project, plan = make_project(title=HOSTILE_TITLE)
    content = poster_content(project, plan.pages[1], NOW)
    layout = layout_poster(content, size, font)
    assert not layout.overflow
    left, top, right, bottom = safe_area(size)
    boxes = [box for block in layout.blocks for box in block.boxes]
    assert all(left <= a and top <= b and c <= right and d <= bottom for a, b, c, d in boxes), boxes
    title = layout.blocks[1]
    assert len(title.lines) > 2 and title.size < layout.blocks[2].size  # wrapped, and smaller than the CTA
    assert "".join(title.lines).replace(" ", "") == HOSTILE_TITLE.replace(" ", "")  # nothing dropped
    assert not any(line.startswith(("，", "。")) for line in title.lines)
    qr_top, qr_bottom = layout.qr_box[1], layout.qr_box[3]
    assert all(d <= qr_top or b >= qr_bottom for block in layout.blocks[1:] for (_, b, _, d) in block.boxes)
    png = poster_png(project, plan.pages[1], size, font, NOW)
    assert decode_png(png) == ["https://qun.example.cn/autumn/store/"]
    assert ink_outside(png, layout) == 0


def test_every_line_is_drawn_inside_the_page_for_the_example(font: Path) -> None:
    project, plan = make_project()
    content = poster_content(project, plan.pages[0], NOW)
    layout = layout_poster(content, A6, font)
    texts = [line for block in layout.blocks for line in block.lines]
    assert texts[:3] == ["拾光咖啡 · 福利群", "秋冬新品福利群", "微信扫码 加入福利群"]
    assert texts[3:6] == list(content.benefits)
    assert ink_outside(poster_png(project, plan.pages[0], A6, font, NOW), layout) == 0


def test_too_much_text_is_refused_with_a_message(font: Path) -> None:
    project, plan = make_project(benefits=tuple("很长的福利说明，" * 15 for _ in range(6)))
    with pytest.raises(QunmaError, match="autumn/store.*A6.*缩短"):
        poster_png(project, plan.pages[1], A6, font, NOW)


def test_english_site_gets_an_english_call_to_action(font: Path) -> None:
    project, plan = make_project(title="Autumn members group", language="en")
    layout = layout_poster(poster_content(project, plan.pages[0], NOW), A6, font)
    assert "Scan with WeChat to join the group" in [line for block in layout.blocks for line in block.lines]


def test_posters_are_deterministic(font: Path) -> None:
    project, plan = make_project()
    assert poster_files(project, plan, font, sizes=(A6,)) == poster_files(project, plan, font, sizes=(A6,))


def test_poster_files_paths_and_archived_campaigns(font: Path) -> None:
    project, plan = make_project()
    assert sorted(poster_files(project, plan, font)) == [
        "autumn/poster-a4.pdf",
        "autumn/poster-a4.png",
        "autumn/poster-a6.pdf",
        "autumn/poster-a6.png",
        "autumn/store/poster-a4.pdf",
        "autumn/store/poster-a4.png",
        "autumn/store/poster-a6.pdf",
        "autumn/store/poster-a6.png",
    ]
    for state, archived in ((PageState.ENDED, False), (PageState.ARCHIVED, True)):
        over_project, over_plan = make_project(archived=archived, state=state)
        assert poster_pages(over_plan) == [] and poster_files(over_project, over_plan, font) == {}
        # Asked for by name: refused, not printed inviting people to join a campaign that is over.
        with pytest.raises(QunmaError, match="“autumn”已结束.*不再生成海报"):
            poster_files(over_project, over_plan, font, "autumn", "store", (A6,))


def test_a_not_started_campaign_says_when_it_starts(font: Path) -> None:
    starts = datetime(2026, 11, 30, tzinfo=CST)
    project, plan = make_project(state=PageState.NOT_STARTED, starts=starts)
    lines = poster_lines(project, plan)
    assert lines[2:4] == ["活动 11月30日 开始", "届时微信扫码 加入福利群"]
    assert "微信扫码 加入福利群" not in lines
    at_ten = make_project(state=PageState.NOT_STARTED, starts=starts.replace(year=2027, hour=10))
    assert poster_lines(*at_ten)[2] == "活动 2027年11月30日 10:00 开始"
    english = make_project(language="en", state=PageState.NOT_STARTED, starts=starts)
    assert poster_lines(*english)[2:4] == ["Starts Nov 30", "Scan with WeChat then to join the group"]
    # Open by now: the usual invitation.
    assert poster_lines(*make_project(starts=starts - timedelta(days=30)))[2] == "微信扫码 加入福利群"


def poster_lines(project: Project, plan: Plan) -> list[str]:
    """Every line the A6 poster of the campaign's page prints."""
    content = poster_content(project, plan.pages[0], plan.now)
    layout = layout_poster(content, A6, typeset.find_font(None, "zh"))
    assert not layout.overflow
    return [line for block in layout.blocks for line in block.lines]


def test_unknown_ids_list_the_valid_ones(font: Path) -> None:
    project, plan = make_project()
    with pytest.raises(QunmaError, match="winter.*autumn"):
        poster_files(project, plan, font, "winter")
    with pytest.raises(QunmaError, match="parcel.*store"):
        poster_files(project, plan, font, "autumn", "parcel")


def test_wrap_measures_width_and_keeps_every_character(font: Path) -> None:
    face = typeset.load_font(font, 40)
    text = "进群领券：回复“领券”即可，链接 https://example.cn/a/very/long/path/that/must/break 当天有效。"
    lines = typeset.wrap(text, face, 300)
    assert len(lines) > 3
    assert all(face.getlength(line) <= 300 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in typeset.NO_LINE_START for line in lines)


def test_font_search_order_and_errors(tmp_path: Path, font: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert typeset.find_font(font, "zh", env={}) == font
    assert typeset.find_font(None, "zh", env={typeset.FONT_ENV: str(font)}) == font
    with pytest.raises(QunmaError, match="找不到字体文件.*QUNMA_FONT"):
        typeset.find_font(tmp_path / "missing.ttf", "zh", env={})
    not_a_font = tmp_path / "fake.ttf"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(QunmaError, match="没有中文字形"):
        typeset.find_font(None, "zh", env={typeset.FONT_ENV: str(not_a_font)})
    monkeypatch.setattr(typeset, "KNOWN_FONTS", (str(tmp_path / "nowhere.ttc"),))
    with pytest.raises(QunmaError, match="fonts-wqy-microhei"):
        typeset.find_font(None, "zh", env={})
    with pytest.raises(QunmaError, match="install the Debian package fonts-wqy-microhei"):
        typeset.find_font(None, "en", env={})


def test_latin_only_font_is_refused(font: Path) -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.is_file():
        pytest.skip("DejaVuSans is not installed")
    assert typeset.has_cjk(font)
    assert not typeset.has_cjk(dejavu)


def test_poster_command(example_dir: Path, tmp_path: Path, font: Path) -> None:
    out = tmp_path / "posters"
    base = ["--campaigns", str(example_dir / "campaigns.yml"), "--now", "2026-11-23T12:00+08:00"]
    result = CliRunner().invoke(
        main, ["poster", "autumn", "parcel", "--size", "a6", "--out", str(out), *base]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*")) == [
        "autumn/parcel/poster-a6.pdf",
        "autumn/parcel/poster-a6.png",
    ]
    assert "2 个海报文件" in result.output and "PDF 供印刷" in result.output
    assert decode_png((out / "autumn/parcel/poster-a6.png").read_bytes()) == [
        "https://qun.shiguang-coffee.example/autumn/parcel/"
    ]
    wrong = CliRunner().invoke(main, ["poster", "winter", "--out", str(out), *base])
    assert wrong.exit_code == 1
    assert "winter" in wrong.output and "autumn, vip, spring, double11" in wrong.output
    wrong_channel = CliRunner().invoke(main, ["poster", "autumn", "shop", "--out", str(out), *base])
    assert wrong_channel.exit_code == 1 and "store, parcel, live, mp" in wrong_channel.output
    over = CliRunner().invoke(main, ["poster", "double11", "--out", str(tmp_path / "over"), *base])
    assert over.exit_code == 1 and "“double11”已结束" in over.output and "Traceback" not in over.output
    assert not (tmp_path / "over").exists(), "nothing written"


def test_poster_command_without_a_font(
    example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(typeset, "KNOWN_FONTS", ())
    monkeypatch.delenv(typeset.FONT_ENV, raising=False)
    args = ["poster", "--campaigns", str(example_dir / "campaigns.yml"), "--out", str(tmp_path / "p")]
    result = CliRunner().invoke(main, [*args, "--now", "2026-11-23T12:00+08:00"])
    assert result.exit_code == 1
    assert "fonts-wqy-microhei" in result.output


def test_same_poster_for_same_input(font: Path) -> None:
    project, plan = make_project()
    other_now = replace(plan, now=NOW + timedelta(days=2))
    assert poster_files(project, plan, font, sizes=(A6,)) == poster_files(
        project, other_now, font, sizes=(A6,)
    )
