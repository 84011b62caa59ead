"""Each state of a landing page says one coherent thing, as a customer's phone shows it (the visible text,
not the HTML): "活动已结束" sat above "福利群都满员了…" and the benefits; "活动将于…开始" above "现在暂时没有
可加入的群"; the fallback's welcome block still named 福利1群. And at the start time of a not-started campaign
whose page has no group card, the script threw `TypeError: Cannot set properties of null (setting
'hidden')` and scheduled nothing more."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import BUILD_NOW
from handmade import NOW, at, campaign, group, project
from pagecheck import assert_clean, decoded

from generator.build import generate
from generator.plan.rotation import PageState, plan

pytestmark = pytest.mark.browser

WELCOME = ("欢迎", "新朋友", "入群欢迎语")  # the bot template is the staff's to paste, never the customer's
CODE = "长按识别二维码加入群聊"
EMPTY = "暂时没有可加入的群"
ENDED = "活动已结束"
SOON = "活动将于"
FULL = "福利群都满员了"  # the autumn campaign's fallback text: right when its groups are full, only then

# (page, phone clock, state, what it says, what it must not say at the same time)
STATES = [
    ("autumn/", BUILD_NOW, "open", ["拾光咖啡福利1群", CODE, "已有 186 人加入", "进群福利", "查看群规"],
     [EMPTY, ENDED, SOON, FULL, *WELCOME]),
    ("soldout/", BUILD_NOW, "empty", [EMPTY, "请扫码添加客服，新群开放时我们会拉你进群。", "添加客服"],
     [CODE, "售罄测试1群", ENDED, SOON, *WELCOME]),
    ("spring/", BUILD_NOW, "not-started", ["活动将于 2027年2月20日 10:00 开始", "预约群 2 月 20 日"],
     [EMPTY, "新群开放时", ENDED, CODE, *WELCOME]),
    ("double11/", BUILD_NOW, "archived", [ENDED, "感谢参与"],
     ["进群福利", "双十一专属折扣", FULL, EMPTY, "查看群规", CODE, SOON, *WELCOME]),
    # Between builds, by the page's script: the pool ran dry, then the campaign ended.
    ("autumn/", datetime.fromisoformat("2026-12-10T10:00+08:00"), "empty (script)", [EMPTY, FULL, "进群福利"],
     ["拾光咖啡福利", CODE, ENDED, SOON, *WELCOME]),
    ("autumn/", datetime.fromisoformat("2027-03-01T10:00+08:00"), "ended (script)",
     [ENDED, "秋冬活动已结束，感谢参与！"],
     ["进群福利", "每周新品试饮名额", FULL, EMPTY, "拾光咖啡福利", "查看群规", CODE, *WELCOME]),
]  # fmt: skip


@pytest.mark.parametrize(("path", "clock", "state", "says", "never"), STATES, ids=[s[2] for s in STATES])
def test_each_state_says_one_thing(open_page, site, path, clock, state, says, never) -> None:  # type: ignore[no-untyped-def]
    if clock == BUILD_NOW and "script" not in state:
        assert site.page(path).state is PageState(state), f"the example should make {path} {state}"
    visit = open_page(path, clock=clock)
    shown = visit.page.inner_text("main")  # what is rendered: hidden cards and <noscript> do not count
    for text in says:
        assert text in shown, f"{state}: {text!r} missing from\n{shown}"
    for text in never:
        assert text not in shown, f"{state}: {text!r} contradicts what the page says:\n{shown}"
    if state != "open":
        assert decoded(visit.page.screenshot()) == [site.project.site.contact.url]
    assert_clean(visit)


def _fallback_says(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("() => document.getElementById('state-msg').textContent"))


def test_at_the_start_of_a_campaign_without_a_group_card_the_script_carries_on(open_page, site) -> None:  # type: ignore[no-untyped-def]
    spring = site.page("spring/")
    assert spring.state is PageState.NOT_STARTED and all(w.group is None for w in spring.timeline)
    visit = open_page("spring/")
    page = visit.page
    assert page.query_selector("#qm-card") is None  # no window shows a group: the page has no card
    starts = spring.campaign.starts
    assert starts is not None
    page.clock.fast_forward(int((starts - BUILD_NOW).total_seconds() * 1000) + 1000)
    page.wait_for_function("() => document.getElementById('state-msg').textContent.includes('暂时没有')")
    assert _fallback_says(page) == EMPTY
    assert "请扫码添加客服，新群开放时我们会拉你进群。" in page.inner_text("main")
    assert_clean(visit)  # it threw: TypeError: Cannot set properties of null (setting 'hidden')


def test_after_the_start_the_script_still_follows_the_timeline(open_page, serve_files) -> None:  # type: ignore[no-untyped-def]
    # Not started until the 25th, then no group (its only code expires before), then ended on the 27th.
    proj = project(campaign(starts=at(25), ends=at(27), groups=(group("g1", at(17)),)))
    base = serve_files(generate(proj, plan(proj, NOW)))
    visit = open_page("autumn/", base=base, clock=NOW)
    page = visit.page
    assert page.query_selector("#qm-card") is None and _fallback_says(page) == "活动将于 11月25日 10:00 开始"
    page.clock.fast_forward(int((at(25) - NOW + timedelta(seconds=1)).total_seconds() * 1000))
    page.wait_for_function("() => document.getElementById('state-msg').textContent === '暂时没有可加入的群'")
    assert "进群福利" in page.inner_text("main")
    page.clock.fast_forward(int(timedelta(days=2).total_seconds() * 1000))
    page.wait_for_function("() => document.getElementById('state-msg').textContent === '活动已结束'")
    shown = page.inner_text("main")
    assert "感谢参与" in shown and "进群福利" not in shown and "查看群规" not in shown
    assert_clean(visit)
