"""Landing and rule pages rendered from hand-made projects: what they show in each state, that they are
self-contained and light, that every piece of marketer text is escaped, and that the codes scan."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser

import pytest
from handmade import CONTACT_URL, NOW, at, campaign, group, project
from hypothesis import given
from hypothesis import strategies as st

from generator.build import generate, group_images
from generator.model import Contact, Project
from generator.plan.rotation import plan
from generator.qr.image import decode_png
from generator.render.landing import landing_pages
from generator.render.pages import brand_colors, relative, script_json

BUDGET = 15 * 1024  # bytes, gzip-compressed: HTML (with its inline CSS and script) + the QR PNG


class Page(HTMLParser):
    """What a page holds: elements by id, every reference, scripts, text of each id'd element."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, dict[str, str]] = {}
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []  # ids of the open elements
        self._stack: list[str | None] = []
        self._script: dict[str, str] | None = None
        self.noscript = 0  # depth of <noscript> elements open
        self.in_noscript: dict[str, bool] = {}  # id → the element is inside a <noscript>
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if "id" in values:
            self.ids[values["id"]] = {"tag": tag, **values}
            self.text.setdefault(values["id"], "")
        if tag == "script":
            self._script = values
            self.scripts.append((values, ""))
        if tag == "noscript":
            self.noscript += 1
        if "id" in values:
            self.in_noscript[values["id"]] = self.noscript > 0
        if tag not in ("img", "meta", "link", "br"):
            self._stack.append(values.get("id"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "noscript":
            self.noscript -= 1
        if tag == "script":
            self._script = None
        if tag not in ("img", "meta", "link", "br") and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        for ident in self._stack:
            if ident is not None:
                self.text[ident] += data

    def references(self) -> list[str]:
        """Every URL the page makes the browser fetch or link to."""
        return [v for _, attrs in self.tags for k, v in attrs.items() if k in ("src", "href", "data-src")]

    def timeline(self) -> dict[str, object]:
        data: dict[str, object] = json.loads(self.text["qm-tl"])
        return data


def site_of(proj: Project, now=NOW) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return generate(proj, plan(proj, now))


def images_of(proj: Project) -> dict[str, str]:
    return group_images(proj, plan(proj, NOW))[0]


def page_of(files: dict[str, bytes], path: str = "autumn/") -> Page:
    return Page(files[f"{path}index.html"].decode("utf-8"))


def image(files: dict[str, bytes], page_path: str, src: str) -> bytes:
    """The bytes of the image a page at page_path refers to with src."""
    target = re.sub(r"^(\.\./)+", "", src)
    assert src == relative(page_path, target)
    return files[target]


# --- an open page --------------------------------------------------------------------------------------


def test_open_page_shows_the_group_code_that_scans_to_its_link() -> None:
    files = site_of(project())
    page = page_of(files)
    qr = page.ids["group-qr"]
    assert qr["tag"] == "img" and qr["data-group"] == "g1"
    # The page rotates: the build-time code is only for phones without script, whose <noscript> shows it.
    assert page.in_noscript["group-qr"] and page.timeline()
    assert 160 <= int(qr["width"]) <= 280 and qr["width"] == qr["height"]
    assert decode_png(image(files, "autumn/", qr["src"])) == [group("g1", at(20)).url]
    assert page.text["group-name"] == "福利g1群"
    assert page.text["group-exp"] == "11月27日 10:00 前有效"
    assert "qm-fallback" in page.ids and "hidden" in page.ids["qm-fallback"]
    assert "hidden" not in page.ids["qm-card"]


def test_open_page_says_what_a_customer_needs() -> None:
    html = site_of(project())["autumn/index.html"].decode("utf-8")
    for text in (
        "秋冬新品福利群",
        "每周三发新品试饮名额。",
        "进群领 10 元券",
        "周五抽奖",
        "长按识别二维码加入群聊",
    ):
        assert text in html
    assert '<html lang="zh-CN">' in html
    assert '<meta name="viewport" content="width=device-width,initial-scale=1">' in html
    assert "<title>秋冬新品福利群 · 拾光咖啡</title>" in html  # not "… · 拾光咖啡 · 福利群": 福利群 twice
    assert '<meta name="description" content="每周三发新品试饮名额。">' in html
    # The welcome template is the staff's to paste (staff kit), not a bot's preview for the customer.
    assert "新朋友" not in html and "欢迎" not in html and "请先看群公告" not in html


def test_a_page_that_never_changes_shows_its_code_without_script() -> None:
    page = page_of(site_of(project(campaign(groups=(group("w1", None, expires=None),)))))
    assert not page.in_noscript["group-qr"] and page.scripts == []


def test_links_are_relative_so_the_site_can_live_under_a_sub_path() -> None:
    files = site_of(project())
    main, store = page_of(files), page_of(files, "autumn/store/")
    assert main.ids["group-qr"]["src"].startswith("../qr/")
    assert store.ids["group-qr"]["src"].startswith("../../qr/")
    assert 'href="rules/"' in files["autumn/index.html"].decode()
    assert 'href="../rules/"' in files["autumn/store/index.html"].decode()


def test_page_is_self_contained() -> None:
    files = site_of(project())
    for path in ("autumn/", "autumn/store/"):
        page = page_of(files, path)
        for reference in page.references():
            assert reference == "data:," or not re.match(r"[a-z]+:|//", reference), reference
        assert not any(tag == "link" and attrs.get("rel") == "stylesheet" for tag, attrs in page.tags)
        assert all(not attrs.get("src") for attrs, _ in page.scripts), "no script file, inline only"
        html = files[f"{path}index.html"].decode()
        assert "@import" not in html and "url(" not in html and "@font-face" not in html


def test_page_weight_within_budget() -> None:
    files = site_of(project())
    for path in ("autumn/", "autumn/store/"):
        page = page_of(files, path)
        html = files[f"{path}index.html"]
        weight = len(gzip.compress(html, 9)) + len(
            gzip.compress(image(files, path, page.ids["group-qr"]["src"]))
        )
        assert weight <= BUDGET, f"{path}: {weight} bytes gzip-compressed"


# --- rotation data -------------------------------------------------------------------------------------


def test_timeline_carries_the_planned_windows_and_closes_with_the_fallback() -> None:
    proj = project()
    files = site_of(proj)
    page = page_of(files)
    data = page.timeline()
    windows = data["w"]
    assert isinstance(windows, list)
    planned = plan(proj, NOW).pages[0].timeline
    assert [w.get("g") for w in windows] == [w.group.id if w.group else None for w in planned]
    assert windows[0]["s"] == int(NOW.timestamp() * 1000)
    assert windows[0]["e"] == windows[1]["s"] == int(planned[0].end.timestamp() * 1000)  # type: ignore[union-attr]
    assert decode_png(image(files, "autumn/", windows[1]["q"])) == [planned[1].group.url]  # type: ignore[union-attr]
    assert windows[1]["x"] == "11月29日 10:00 前有效"
    assert windows[-1]["e"] is None and windows[-1]["m"] == "暂时没有可加入的群"
    assert windows[-1]["t"] == "现在暂时没有可加入的群，请添加客服。" and windows[-1]["k"] == "empty"


def test_a_page_that_never_changes_carries_no_script() -> None:
    never = group("w1", None, expires=None)
    page = page_of(site_of(project(campaign(groups=(never,)))))
    assert page.ids["group-qr"]["data-group"] == "w1"
    assert page.scripts == [] and "qm-tl" not in page.ids
    assert page.text["group-exp"] == "长期有效"


def test_horizon_cut_closes_with_the_fallback() -> None:
    groups = tuple(group(f"g{i}", at(16 + i)) for i in range(8))
    proj = project(campaign(groups=groups))
    windows = page_of(site_of(proj)).timeline()["w"]
    assert isinstance(windows, list)
    assert len(plan(proj, NOW).pages[0].timeline) == 5
    empty = {"m": "暂时没有可加入的群", "t": "现在暂时没有可加入的群，请添加客服。", "k": "empty"}
    assert windows[-1] == {"s": windows[-2]["e"], "e": None, **empty}


# --- pages without a group -----------------------------------------------------------------------------


def _fallback(proj: Project, path: str = "autumn/") -> tuple[Page, dict[str, bytes]]:
    files = site_of(proj)
    page = page_of(files, path)
    assert "group-qr" not in page.ids, "no group code when none is open"
    assert "hidden" not in page.ids["qm-fallback"]
    contact = page.ids["contact-qr"]
    assert decode_png(image(files, path, contact["src"])) == [CONTACT_URL]
    return page, files


def test_empty_pool_offers_the_contact_code() -> None:
    full = (group("g1", at(20), members=195), group("g2", at(22), members=190))
    page, _ = _fallback(project(campaign(groups=full)))
    assert page.text["state-msg"] == "暂时没有可加入的群"
    assert "qm-card" not in page.ids and page.scripts == []


def test_campaign_fallback_text_with_the_sites_contact_code() -> None:
    full = (group("g1", at(20), members=195),)
    fallback = Contact("福利群都满员了，先加客服领券。")
    page, _ = _fallback(project(campaign(groups=full, fallback=fallback)))
    html_text = "".join(page.text.values())
    assert "福利群都满员了，先加客服领券。" in html_text and "现在暂时没有可加入的群" not in html_text


def test_not_started_page_says_when_and_switches_on_at_the_start() -> None:
    starts = at(25)
    page, _ = _fallback(project(campaign(starts=starts)))
    assert page.text["state-msg"] == "活动将于 11月25日 10:00 开始"
    assert page.text["state-text"] == "活动开始后，再扫这个码就能进群。"
    assert "现在暂时没有可加入的群" not in page.text["qm-fallback"]  # the contact's "no group" words
    windows = page.timeline()["w"]
    assert isinstance(windows, list)
    assert windows[1]["g"] == "g1" and windows[1]["s"] == int(starts.timestamp() * 1000)
    assert "hidden" in page.ids["qm-card"], "the card is there, hidden, for the script to fill in"


def test_ended_and_archived_pages_say_it_has_ended() -> None:
    ended, files = _fallback(project(campaign(ends=at(21))))
    archived, _ = _fallback(project(campaign(archived=True)))
    for page in (ended, archived):
        assert page.text["state-msg"] == "活动已结束"
        assert page.text["state-text"] == "感谢参与，敬请期待下一次活动。"
        assert page.scripts == []
    html = files["autumn/index.html"].decode()
    for offer in ("进群福利", "进群领 10 元券", "每周三发新品试饮名额", "查看群规", "现在暂时没有可加入的群"):
        assert offer not in html, f"an ended campaign still offers {offer!r}"


def test_ending_campaign_closes_with_an_ended_window() -> None:
    windows = page_of(site_of(project(campaign(ends=at(25))))).timeline()["w"]
    assert isinstance(windows, list)
    assert windows[-1]["m"] == "活动已结束" and windows[-1]["e"] is None and windows[-1]["k"] == "ended"


def test_no_contact_anywhere_still_says_why() -> None:
    files = site_of(project(campaign(archived=True), contact=None))
    page = page_of(files)
    assert page.text["state-msg"] == "活动已结束" and "contact-qr" not in page.ids


def test_hidden_contact_code_is_not_fetched_until_needed() -> None:
    contact = page_of(site_of(project())).ids["contact-qr"]
    assert "src" not in contact and contact["data-src"].endswith(".png")


# --- language and brand --------------------------------------------------------------------------------


def test_english_site() -> None:
    files = site_of(project(language="en"))
    html = files["autumn/index.html"].decode()
    page = page_of(files)
    assert '<html lang="en">' in html and "Press and hold the QR code to join the group" in html
    assert page.text["group-exp"] == "Valid until Nov 27, 10:00"
    assert "Group rules" in html and "What you get" in html
    assert "Can't scan it? Add customer service" in unescape(html)
    ended = page_of(site_of(project(campaign(archived=True), language="en")))
    assert ended.text["state-msg"] == "This campaign has ended"
    assert ended.text["state-text"] == "Thank you for taking part. See you next time."
    rules = files["autumn/rules/index.html"].decode()
    assert "<h2>Who we are</h2>" in rules and '<html lang="en">' in rules


def test_expiry_in_another_year_names_the_year() -> None:
    late = group("g9", at(28, 10, month=12))
    html = site_of(project(campaign(groups=(late,))), now=at(28, 12, month=12))["autumn/index.html"].decode()
    assert "2027年1月4日 10:00 前有效" in html


def test_brand_colour_is_only_ever_a_hex_colour() -> None:
    proj = project()
    hostile = replace(proj.site, brand=replace(proj.site.brand, color="red;background:url(//evil.example/x)"))
    assert brand_colors(hostile) == ("#07c160", "#fff")
    light = replace(proj.site, brand=replace(proj.site.brand, color="#ffeb3b"))
    assert brand_colors(light) == ("#ffeb3b", "#000")
    hostile_project = replace(proj, site=hostile)
    html = landing_pages(hostile_project, plan(hostile_project, NOW), images_of(hostile_project))
    assert "evil" not in html["autumn/index.html"].decode()


# --- escaping ------------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script></script><!--&amp;'


def _hostile_project() -> Project:
    g = group("g1", at(20), name=HOSTILE + "群")
    c = campaign(
        title=HOSTILE,
        groups=(g, group("g2", at(22), name="</script><script>alert(2)</script>")),
        description=HOSTILE,
        benefits=(HOSTILE,),
        welcome="<b>欢迎</b> {nickname} 加入{group_name} <img src=x onerror=alert(1)>",
        fallback=Contact(HOSTILE, CONTACT_URL, HOSTILE),
    )
    return project(c, title=HOSTILE)


def test_hostile_marketer_text_shows_as_text_on_landing_pages() -> None:
    files = site_of(_hostile_project())
    html = files["autumn/index.html"].decode()
    page = page_of(files)
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/json", None, None]
    assert page.scripts[2][1] == "qmStart()"
    assert "<b>" not in html and "<img src=x" not in html and "alert(1)>" not in html
    assert "<script>alert" not in html and "<!--" not in html
    assert page.ids["group-name"] and page.text["group-name"] == HOSTILE + "群"
    assert HOSTILE in page.text["qm-fallback"]
    windows = page.timeline()["w"]
    assert isinstance(windows, list)
    assert windows[1]["n"] == "</script><script>alert(2)</script>"
    assert f"<title>{HOSTILE.replace('<', '&lt;')}" not in html


def test_script_json_cannot_end_its_element() -> None:
    text = script_json({"n": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(str(text)) == {"n": "</script><!-- & \u2028"}


def test_hostile_rule_text_shows_as_text_on_the_rules_page() -> None:
    proj = _hostile_project()
    rules = replace(
        proj.campaigns[0].rules, who="**粗体** " + HOSTILE + "\n\n# 标题", rules=(HOSTILE, "[链接](x)")
    )
    campaign_ = replace(proj.campaigns[0], title="</title><script>alert(1)</script>", rules=rules)
    html = site_of(replace(proj, campaigns=(campaign_,)))["autumn/rules/index.html"].decode()
    assert "<script>alert" not in html and "<!--" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; · 群规" in html
    assert "**粗体**" in html and "[链接](x)" in html  # no Markdown pass: what they typed is what shows


# --- rules page ----------------------------------------------------------------------------------------


def test_rules_page_shows_the_rules_and_no_staff_tool() -> None:
    html = site_of(project())["autumn/rules/index.html"].decode()
    assert "<title>秋冬新品福利群 · 群规 · 拾光咖啡</title>" in html
    assert "<h1>秋冬新品福利群 · 群规</h1>" in html
    assert '<meta name="description" content="我们是拾光咖啡官方福利群。">' in html
    for text in ("我们是拾光咖啡官方福利群。", "每周新品试饮名额。", "群主“拾光小助手”。", "城市-昵称"):
        assert text in html
    assert "<ol>\n<li>禁止发广告。</li>\n<li>互相尊重。</li>\n</ol>" in html
    assert "<li>第一次：提醒</li>" in html
    # The announcement ready to paste, with its copy button, is a staff tool: it is in the staff kit.
    assert "data-qunma-copy" not in html and "【群公告】" not in html and "<pre" not in html
    assert "<script" not in html
    assert 'href="../"' in html
    assert "<link" not in html.replace('<link rel="icon" href="data:,">', "")  # nothing else to load


# --- images --------------------------------------------------------------------------------------------


def test_one_image_per_distinct_link_at_content_hashed_paths() -> None:
    shared = group("g1", at(20))
    twin = replace(shared, id="twin", name="同链接群")  # the same join link, listed twice
    proj = project(campaign(groups=(shared, twin, group("g2", at(22)))), campaign("spring"))
    files = site_of(proj)
    images = sorted(path for path in files if path.startswith("qr/"))
    links = {decode_png(files[path])[0] for path in images}
    assert links == {shared.url, group("g2", at(22)).url, CONTACT_URL}
    assert len(images) == 3
    for path in images:
        assert re.fullmatch(r"qr/[0-9a-f]{12}\.png", path)


def test_entry_codes_point_at_the_permanent_page_addresses() -> None:
    files = site_of(project())
    assert decode_png(files["autumn/entry.png"]) == ["https://qun.example.com/autumn/"]
    assert decode_png(files["autumn/store/entry.png"]) == ["https://qun.example.com/autumn/store/"]
    assert decode_png(files["autumn/live/entry.png"]) == ["https://qun.example.com/autumn/live/"]


def test_generation_is_deterministic_and_sorted() -> None:
    first, second = site_of(_hostile_project()), site_of(_hostile_project())
    assert first == second
    assert list(first) == sorted(first)


@pytest.mark.parametrize("path", ["autumn/", "autumn/store/", "autumn/live/"])
def test_every_page_of_a_campaign_is_generated(path: str) -> None:
    files = site_of(project())
    assert f"{path}index.html" in files and f"{path}entry.png" in files


_SEGMENT = st.sampled_from(["autumn", "store", "qr", "rules", "a.png", "autumn-2"])


@given(
    st.lists(_SEGMENT, max_size=3).map(lambda parts: "".join(p + "/" for p in parts)),
    st.lists(_SEGMENT, min_size=1, max_size=3),
    st.booleans(),
)
def test_relative_link_is_what_relpath_gives(page_path: str, parts: list[str], folder: bool) -> None:
    target = "/".join(parts) + ("/" if folder else "")
    link = posixpath.relpath("/" + target, "/" + page_path)
    expected = "./" if link == "." else link + "/" if folder else link
    assert relative(page_path, target) == expected
    assert posixpath.normpath(posixpath.join("/" + page_path, expected)) == "/" + target.rstrip("/")
