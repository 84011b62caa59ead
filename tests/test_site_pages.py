"""Every customer page of the site, rendered from hand-made projects and the example (issue 14): the home page
and the 404 page are our own light pages, titles do not repeat, every page has a description, the brand
logo and group avatars are small images of the site, a working code has help under it, the member count
shows only where a campaign asks for it, and each state says its own words."""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from handmade import CONTACT_URL, NOW, at, campaign, group, project
from PIL import Image
from test_pages import Page, image, page_of, site_of

from generator.build import generate
from generator.errors import InputError
from generator.input.load import load_project
from generator.model import Brand, Contact, GroupStatus, PoolStatus, StateTexts
from generator.plan.rotation import plan
from generator.qr.image import decode_png
from generator.render.pages import page_title

REPO = Path(__file__).resolve().parent.parent
LOGO = REPO / "site_src" / "assets" / "logo.png"
BUDGET = 15 * 1024


def branded(*campaigns, logo: Path = LOGO, **changes):  # type: ignore[no-untyped-def]
    """The hand-made project with the example's logo."""
    return project(*campaigns, brand=Brand(color="#8b5a2b", logo=logo), **changes)


@pytest.fixture(scope="module")
def example_files() -> dict[str, bytes]:
    proj = load_project(REPO / "campaigns.yml", now=NOW)
    return generate(proj, plan(proj, NOW))


def pages(files: dict[str, bytes]) -> dict[str, str]:
    return {path: content.decode() for path, content in files.items() if path.endswith(".html")}


# --- titles and descriptions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site_title", "expected"),
    [
        ("秋冬新品福利群", "拾光咖啡 · 福利群", "秋冬新品福利群 · 拾光咖啡"),
        ("秋冬新品福利群 · 群规", "拾光咖啡 · 福利群", "秋冬新品福利群 · 群规 · 拾光咖啡"),
        ("拾光咖啡 · 福利群", "拾光咖啡 · 福利群", "拾光咖啡 · 福利群"),
        ("黑金会员专属群", "拾光咖啡 · 福利群", "黑金会员专属群 · 拾光咖啡 · 福利群"),
        ("Autumn", "Shiguang Coffee | Groups", "Autumn · Shiguang Coffee | Groups"),
        ("Autumn Groups", "Shiguang Coffee - Groups", "Autumn Groups · Shiguang Coffee"),
        ("找不到这个页面", "", "找不到这个页面"),
    ],
)
def test_page_title_leaves_out_what_the_page_title_says(title: str, site_title: str, expected: str) -> None:
    assert page_title(title, site_title) == expected


def test_no_title_repeats_a_word_and_every_page_has_a_description(example_files: dict[str, bytes]) -> None:
    found = pages(example_files)
    assert {"index.html", "404.html", "autumn/index.html", "autumn/rules/index.html"} <= set(found)
    for path, html in found.items():
        head = html.partition("</head>")[0]  # charts carry <title>s of their own, in the body
        (title,) = re.findall(r"<title>(.*?)</title>", head)
        parts = title.split(" · ")
        assert all(sum(part in other for other in parts) == 1 for part in parts), (path, title)
        description = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert description is not None and description.group(1).strip(), path
    assert "<title>秋冬新品福利群 · 拾光咖啡</title>" in found["autumn/index.html"]


# --- the home page --------------------------------------------------------------------------------------


def test_home_page_says_what_the_site_is_and_lists_the_running_campaigns(
    example_files: dict[str, bytes],
) -> None:
    html = example_files["index.html"].decode()
    page = Page(html)
    assert "<title>拾光咖啡 · 福利群</title>" in html and '<html lang="zh-CN">' in html
    assert "扫描门店桌贴、快递包裹卡或直播间里的二维码，就能进入对应的福利群。" in html  # site.description
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert links == ["autumn/", "vip/", "spring/"]  # double11 is archived
    assert all(f"{link}index.html" in example_files for link in links)
    assert "2027年2月20日 10:00 开始" in html  # spring has not started
    assert page.scripts == [] and "staff" not in html
    weight = len(gzip.compress(example_files["index.html"], 9)) + len(
        gzip.compress(logo_of(example_files, html))
    )
    assert weight < 4 * 1024, weight


def logo_of(files: dict[str, bytes], html: str, depth: str = "") -> bytes:
    src = re.search(r'<img class="logo" src="([^"]+)"', html)
    assert src is not None
    return files[src.group(1).removeprefix(depth).lstrip("/")]


def test_home_page_leaves_out_ended_campaigns_and_says_when_none_runs() -> None:
    files = site_of(project(campaign(), campaign("old", ends=at(21))))
    html = files["index.html"].decode()
    assert 'href="autumn/"' in html and 'href="old/"' not in html
    assert "扫描活动的二维码，就能进入对应的群。" in html  # no site.description: the default
    empty = site_of(project(campaign(archived=True), language="en"))["index.html"].decode()
    assert "No campaign is running right now." in empty and '<html lang="en">' in empty


# --- the 404 page ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "root"), [("https://qun.example.com/", "/"), ("https://x.example/qun/", "/qun/")]
)
def test_404_page_links_from_the_site_root_and_offers_the_contact(base_url: str, root: str) -> None:
    files = generate(proj := branded(base_url=base_url), plan(proj, NOW))
    html = files["404.html"].decode()
    page = Page(html)
    assert "<title>找不到这个页面 · 拾光咖啡 · 福利群</title>" in html and '<html lang="zh-CN">' in html
    assert "链接可能输错了，或者二维码印得不清楚。" in html and "拾光咖啡客服" in html
    references = page.references()
    # Found at any depth (/autumn/store/typo/): every link and image is absolute from the site's own path.
    assert all(ref == "data:," or ref.startswith(root) for ref in references), references
    contact = page.ids["contact-qr"]["src"]
    assert decode_png(files[contact.removeprefix(root)]) == [CONTACT_URL]
    assert [attrs["href"] for tag, attrs in page.tags if tag == "a"] == [root]
    assert logo_of(files, html, root) and page.scripts == []
    weight = len(gzip.compress(files["404.html"], 9)) + len(gzip.compress(files[contact.removeprefix(root)]))
    assert weight < 5 * 1024, weight


def test_404_page_in_english_and_without_a_contact() -> None:
    html = site_of(project(language="en", contact=None))["404.html"].decode()
    assert '<html lang="en">' in html and "<h1>Page not found</h1>" in html
    assert "contact-qr" not in html and "Go to the home page" in html


# --- brand logo and group avatar ------------------------------------------------------------------------


def test_logo_is_a_small_image_of_the_site_on_every_customer_page() -> None:
    files = site_of(branded())
    thumbs = [path for path in files if path.startswith("assets/qunma/")]
    # The example's 128 px logo is smaller as it is (857 bytes) than redrawn at 72 px (24 CSS px at 3x).
    assert len(thumbs) == 1 and files[thumbs[0]] == LOGO.read_bytes()
    for path in ("autumn/", "autumn/store/", "autumn/rules/", ""):
        html = files[f"{path}index.html"].decode()
        assert re.search(r'<img class="logo" src="[^"]+" width="24" height="24" alt="">', html), path
        assert logo_of(files, html, "../" * path.count("/")) == files[thumbs[0]]


@pytest.mark.parametrize("name", ["logo.jpg", "logo.png"])
def test_a_big_logo_becomes_a_small_image(tmp_path: Path, name: str) -> None:
    big = tmp_path / name
    Image.effect_mandelbrot((3000, 1000), (-2, -1, 1, 1), 100).convert("RGB").save(big)
    files = site_of(branded(logo=big))
    (thumb,) = [path for path in files if path.startswith("assets/qunma/")]
    assert len(files[thumb]) < 8 * 1024 and files[thumb].startswith(b"\x89PNG")
    with Image.open(io.BytesIO(files[thumb])) as logo:
        assert logo.size == (216, 72)  # 72 × 24 CSS px at 3x
    assert '<img class="logo" src="../assets/qunma/' in files["autumn/index.html"].decode()
    assert 'width="72" height="24"' in files["autumn/index.html"].decode()  # 3:1, as the logo


def test_a_logo_swapped_for_something_unreadable_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    with pytest.raises(InputError) as caught:
        site_of(branded(logo=broken))
    assert "品牌 logo" in str(caught.value) and "无法读取" in str(caught.value)


def test_avatar_only_where_the_campaign_has_one() -> None:
    files = site_of(branded(campaign(avatar=LOGO), campaign("plain")))
    assert '<img class="avatar"' in files["autumn/index.html"].decode()
    assert '<img class="avatar"' not in files["plain/index.html"].decode()
    html = files["autumn/store/index.html"].decode()
    src = re.search(r'<img class="avatar" src="([^"]+)" width="44" height="44" alt="">', html)
    assert src is not None and src.group(1).startswith("../../assets/qunma/")
    with Image.open(io.BytesIO(files[src.group(1).removeprefix("../../")])) as avatar:
        assert avatar.size == (128, 128)  # the 128 px logo: drawn at 44 CSS px, never scaled up


# --- help, member count, the note without script ---------------------------------------------------------


def test_help_under_the_code_leads_to_the_contact_code() -> None:
    files = site_of(project())
    page = page_of(files)
    help_code = page.ids["help-qr"]
    assert help_code["loading"] == "lazy"  # inside a closed <details>: fetched only when opened
    assert decode_png(image(files, "autumn/", help_code["src"])) == [CONTACT_URL]
    assert "无法识别？添加客服" in files["autumn/index.html"].decode()
    without = page_of(site_of(project(contact=Contact("请稍后再来", None, "小助手"))))
    assert "help-qr" not in without.ids and "无法识别" not in "".join(without.text.values())


def test_member_count_only_when_the_campaign_opts_in() -> None:
    status = PoolStatus(groups={"autumn/g1": GroupStatus(members=186)})
    shown = replace(project(campaign(show_members=True)), status=status)
    page = page_of(site_of(shown))
    windows = page.timeline()["w"]
    assert isinstance(windows, list)
    assert windows[0]["c"] == "已有 186 人加入" and "c" not in windows[1]  # g2's count is unknown
    assert page.text["group-count"] == "已有 186 人加入"
    hidden = page_of(site_of(replace(project(), status=status)))
    assert "group-count" not in hidden.ids and "人加入" not in str(hidden.timeline())


def test_without_script_a_note_says_the_code_may_be_out_of_date_and_how_to_reach_the_contact() -> None:
    html = site_of(project())["autumn/index.html"].decode()
    note = re.search(r'<noscript><p class="note">(.*?)</p></noscript>', html)
    assert note is not None
    assert note.group(1) == (
        "此页生成于 11月23日 12:00。浏览器没有运行脚本，看到的可能不是最新的二维码。"
        "进不了群请点上面的“无法识别？添加客服”。"
    )
    static = site_of(project(campaign(groups=(group("w1", None, expires=None),))))["autumn/index.html"]
    assert b"<noscript>" not in static  # a page that never changes is never out of date


# --- each state's own words -----------------------------------------------------------------------------


def test_each_state_says_the_campaigns_own_words() -> None:
    words = StateTexts(not_started="二月见", ended="下次见")
    soon = page_of(site_of(project(campaign(starts=at(25), messages=words))))
    assert (soon.text["state-msg"], soon.text["state-text"]) == ("活动将于 11月25日 10:00 开始", "二月见")
    over = page_of(site_of(project(campaign(archived=True, messages=words))))
    assert (over.text["state-msg"], over.text["state-text"]) == ("活动已结束", "下次见")
    full = (group("g1", at(20), members=195),)
    empty = page_of(site_of(project(campaign(groups=full, fallback=Contact("满了，先加客服")))))
    assert (empty.text["state-msg"], empty.text["state-text"]) == ("暂时没有可加入的群", "满了，先加客服")


def test_weight_with_logo_avatar_and_help_stays_within_the_budget() -> None:
    files = site_of(branded(campaign(avatar=LOGO, show_members=True)))
    html = files["autumn/index.html"]
    tags = Page(html.decode()).tags
    loaded = [a["src"] for tag, a in tags if tag == "img" and "src" in a and "loading" not in a]
    assert len(loaded) == 3  # the logo, the avatar, the shown code (the help's code waits to be opened)
    fetched = [files[src.removeprefix("../")] for src in loaded]
    weight = len(gzip.compress(html, 9)) + sum(len(gzip.compress(body)) for body in fetched)
    assert weight <= BUDGET, weight


def test_hostile_words_in_the_new_places_stay_text() -> None:
    hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
    words = StateTexts(not_started=hostile, ended=hostile)
    proj = project(campaign(starts=at(25), messages=words), campaign("old", archived=True, messages=words))
    files = site_of(replace(proj, site=replace(proj.site, description=hostile)))
    for path in ("autumn/index.html", "old/index.html", "index.html", "404.html"):
        html = files[path].decode()
        assert "<img src=x" not in html and "<script>alert" not in html, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in files["old/index.html"].decode()
    assert hostile in str(page_of(files).timeline())  # the script writes it as textContent
