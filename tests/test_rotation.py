"""The rotation planner over time: which group each page shows, its timeline, and the pool's health."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

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
    Strategy,
)
from generator.plan.rotation import Health, PagePlan, PageState, Plan, Window, plan

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 23, 12, 0, tzinfo=TZ)
MARGIN = timedelta(hours=12)
NEVER = "never"


def at(hours: float) -> datetime:
    """T0 plus some hours."""
    return T0 + timedelta(hours=hours)


def group(
    id: str,
    issued: float | None = 0,
    *,
    valid_days: int = 7,
    expires: float | str | None = None,
    members: int | None = None,
    switch_at: int = 190,
    paused: bool = False,
    channels: tuple[str, ...] | None = None,
) -> Group:
    """A group issued `issued` hours after T0 (None: no issue time), expiring per valid_days or `expires`."""
    issue_time = None if issued is None else at(issued)
    if expires == NEVER:
        expiry = None
    elif expires is not None:
        expiry = at(float(expires))
    else:
        assert issue_time is not None
        expiry = issue_time + timedelta(days=valid_days)
    return Group(
        id=id,
        name=f"{id}群",
        url=f"https://weixin.qq.com/g/{id}",
        issued=issue_time,
        expires=expiry,
        capacity=200,
        switch_at=switch_at,
        expiry_margin=MARGIN,
        members=members,
        paused=paused,
        channels=channels,
    )


def campaign(
    *groups: Group,
    id: str = "c",
    channels: tuple[str, ...] = ("store", "live"),
    strategy: Strategy = Strategy.FILL_FIRST,
    starts: float | None = None,
    ends: float | None = None,
    archived: bool = False,
    low_seats: int = 50,
) -> Campaign:
    return Campaign(
        id=id,
        title=f"活动 {id}",
        rules=RuleSet("standard"),
        channels=tuple(Channel(ch, f"渠道 {ch}") for ch in channels),
        groups=groups,
        strategy=strategy,
        starts=None if starts is None else at(starts),
        ends=None if ends is None else at(ends),
        archived=archived,
        low_seats=low_seats,
    )


def project(*campaigns: Campaign, status: dict[str, GroupStatus] | None = None, lang: str = "zh") -> Project:
    site = Site(title="测试", base_url="https://qun.example/", language=lang)
    pool = PoolStatus(updated=T0, groups=status or {})
    return Project(site, Defaults(), {}, campaigns, Path("/nowhere/campaigns.yml"), pool)


def page(built: Plan, path: str) -> PagePlan:
    return next(p for p in built.pages if p.path == path)


def shown(built: Plan) -> dict[str, str | None]:
    """path → shown group id (None: no group)."""
    return {p.path: p.shown.id if p.shown else None for p in built.pages}


# --- an independent oracle: the rules of SPEC §2 written out plainly --------------------------------------


def oracle_open(c: Campaign, g: Group, status: PoolStatus, moment: datetime) -> bool:
    entry = status.get(c.id, g.id)
    members = entry.members if entry and entry.members is not None else g.members
    if c.archived or g.paused or (entry is not None and entry.full):
        return False
    if (c.starts and moment < c.starts) or (c.ends and moment >= c.ends):
        return False
    if members is not None and members >= g.switch_at:
        return False
    if g.issued is not None and moment < g.issued:
        return False
    return g.expires is None or moment < g.expires - g.expiry_margin


def oracle_choice(c: Campaign, channel: Channel | None, status: PoolStatus, moment: datetime) -> Group | None:
    def serves(g: Group) -> bool:
        return g.channels is None or (channel is not None and channel.id in g.channels)

    candidates = [(i, g) for i, g in enumerate(c.groups) if serves(g) and oracle_open(c, g, status, moment)]
    if not candidates:
        return None
    if c.strategy is Strategy.BALANCE:

        def members(g: Group) -> int:
            entry = status.get(c.id, g.id)
            known = entry.members if entry and entry.members is not None else g.members
            return known or 0

        return min(candidates, key=lambda item: (members(item[1]), item[0]))[1]
    return candidates[0][1]


def window_at(timeline: tuple[Window, ...], moment: datetime) -> Window | None:
    for window in timeline:
        if window.start <= moment and (window.end is None or moment < window.end):
            return window
    return None


# --- a week, hour by hour ---

WEEK_POOL = (
    group("a", -150, members=120),  # shown first; stops being shown at +6h (7 days - 12h margin)
    group("b", -100, members=189),  # one seat left: still open
    group("full", -20, members=10),  # marked full in the pool status
    group("switched", -10, members=100),  # pool status says 195 ≥ switch_at
    group("paused", -5, paused=True),
    group("c", 30, valid_days=3, members=40),  # issued tomorrow, a short code
    group("live-only", -30, channels=("live",)),
    group("forever", None, expires=NEVER, channels=("store",), members=150),
    group("late", 110, valid_days=2),  # a short code in the second half of the week
)
WEEK_STATUS = {
    "c/full": GroupStatus(full=True),
    "c/switched": GroupStatus(members=195),
    "c/a": GroupStatus(members=130),
}


@pytest.mark.parametrize("strategy", [Strategy.FILL_FIRST, Strategy.BALANCE])
def test_a_week_hour_by_hour_shows_exactly_the_best_open_group_or_the_fallback(strategy: Strategy) -> None:
    proj = project(campaign(*WEEK_POOL, strategy=strategy, ends=160), status=WEEK_STATUS)
    seen: set[str | None] = set()
    for hour in range(0, 24 * 7 + 1):
        moment = at(hour)
        built = plan(proj, moment)
        for pg in built.pages:
            expected = oracle_choice(pg.campaign, pg.channel, proj.status, moment)
            assert pg.shown == expected, (hour, pg.path)
            seen.add(pg.shown.id if pg.shown else None)
            if pg.shown is not None:
                assert pg.state is PageState.OPEN
                assert oracle_open(
                    pg.campaign, pg.shown, proj.status, moment
                )  # never expired, full or paused
            else:
                assert pg.state in (PageState.EMPTY, PageState.ENDED)
            assert pg.timeline[0].start == moment and pg.timeline[0].group == pg.shown
    assert {"full", "switched", "paused"}.isdisjoint(seen)
    assert {"a", "b", "c", "live-only", "forever", "late", None} <= seen


@pytest.mark.parametrize("strategy", [Strategy.FILL_FIRST, Strategy.BALANCE])
def test_the_timeline_predicts_what_later_builds_show(strategy: Strategy) -> None:
    """A page built once can rotate on time: each window holds what a build at that moment would show."""
    proj = project(campaign(*WEEK_POOL, strategy=strategy, starts=-1, ends=160), status=WEEK_STATUS)
    built = plan(proj, T0, horizon_windows=50)
    for hour in range(0, 24 * 7 + 1):
        later = plan(proj, at(hour))
        for early, late in zip(built.pages, later.pages, strict=True):
            window = window_at(early.timeline, at(hour))
            assert window is not None, (hour, early.path)
            assert (window.group, window.state) == (late.shown, late.state), (hour, early.path)


def test_windows_are_contiguous_distinct_and_capped_by_the_horizon() -> None:
    proj = project(campaign(*WEEK_POOL, ends=160), status=WEEK_STATUS)
    for horizon in (1, 2, 3, 50):
        for pg in plan(proj, T0, horizon_windows=horizon).pages:
            timeline = pg.timeline
            assert 1 <= len(timeline) <= horizon
            for before, after in zip(timeline, timeline[1:], strict=False):
                assert before.end == after.start
                assert (before.group, before.state) != (after.group, after.state)
    full = page(plan(proj, T0, horizon_windows=50), "c/store/").timeline
    assert [(w.group.id if w.group else None, w.state) for w in full] == [
        ("a", PageState.OPEN),
        ("b", PageState.OPEN),
        ("c", PageState.OPEN),  # ranked before "forever", which waits behind it
        ("forever", PageState.OPEN),
        (None, PageState.ENDED),
    ]
    assert [w.end for w in full] == [
        at(-150 + 7 * 24 - 12),
        at(-100 + 7 * 24 - 12),
        at(30 + 3 * 24 - 12),
        at(160),
        None,
    ]


# --- strategies and channels ---


def test_fill_first_takes_list_order_and_balance_the_fewest_members() -> None:
    pool = (
        group("g1", -1, members=150),
        group("g2", -1, members=42),
        group("g3", -1),
        group("g4", -1, members=0),
    )
    fill = plan(project(campaign(*pool)), T0)
    balance = plan(project(campaign(*pool, strategy=Strategy.BALANCE)), T0)
    assert page(fill, "c/").shown.id == "g1"  # type: ignore[union-attr]
    # g3 has no known count (taken as 0) and ties with g4: list order breaks the tie.
    assert page(balance, "c/").shown.id == "g3"  # type: ignore[union-attr]


def test_balance_reads_counts_from_the_pool_status() -> None:
    pool = (group("a", -1, members=10), group("b", -1, members=20))
    built = plan(
        project(campaign(*pool, strategy=Strategy.BALANCE), status={"c/a": GroupStatus(members=30)}), T0
    )
    assert page(built, "c/").shown.id == "b"  # type: ignore[union-attr]
    assert page(built, "c/").health.seats_left == (190 - 30) + (190 - 20)


def test_a_group_with_channels_serves_only_them_and_not_the_default_page() -> None:
    pool = (group("live-1", -1, channels=("live",)), group("g1", -1), group("mp-1", -1, channels=("mp",)))
    built = plan(project(campaign(*pool, channels=("store", "live", "mp"))), T0)
    assert shown(built) == {"c/": "g1", "c/store/": "g1", "c/live/": "live-1", "c/mp/": "g1"}
    assert [p.path for p in built.pages] == ["c/", "c/store/", "c/live/", "c/mp/"]
    g1_full = {"c/g1": GroupStatus(full=True)}
    built = plan(project(campaign(*pool, channels=("store", "live", "mp")), status=g1_full), T0)
    assert shown(built) == {"c/": None, "c/store/": None, "c/live/": "live-1", "c/mp/": "mp-1"}


def test_pages_follow_campaigns_in_file_order_default_page_first() -> None:
    built = plan(project(campaign(group("x"), id="z", channels=("b", "a")), campaign(group("y"), id="a")), T0)
    assert [p.path for p in built.pages] == ["z/", "z/b/", "z/a/", "a/", "a/store/", "a/live/"]


# --- closing rules ---


@pytest.mark.parametrize(
    ("closed", "status"),
    [
        (group("x", -1, paused=True), {}),
        (group("x", -1), {"c/x": GroupStatus(full=True)}),
        (group("x", -1, members=190), {}),
        (group("x", -1, members=10), {"c/x": GroupStatus(members=190)}),
        (group("x", -7 * 24 + 12), {}),  # exactly at expires - margin
        (group("x", 1), {}),  # issued after now: opens later
    ],
)
def test_a_closed_group_is_never_shown(closed: Group, status: dict[str, GroupStatus]) -> None:
    built = plan(project(campaign(closed, group("next", -1)), status=status), T0)
    assert page(built, "c/").shown.id == "next"  # type: ignore[union-attr]


def test_status_below_switch_at_reopens_a_group_campaigns_yml_counted_as_full() -> None:
    built = plan(project(campaign(group("x", -1, members=195)), status={"c/x": GroupStatus(members=186)}), T0)
    assert page(built, "c/").shown.id == "x"  # type: ignore[union-attr]


def test_a_group_issued_later_opens_at_its_issue_time() -> None:
    built = plan(project(campaign(group("later", 5))), T0)
    pg = page(built, "c/")
    assert pg.state is PageState.EMPTY and pg.shown is None
    assert [(w.group.id if w.group else None, w.start, w.end) for w in pg.timeline] == [
        (None, T0, at(5)),
        ("later", at(5), at(5 + 7 * 24 - 12)),
        (None, at(5 + 7 * 24 - 12), None),
    ]


def test_a_campaign_not_started_switches_to_its_first_code_at_the_start() -> None:
    pool = (group("early", -1), group("late", 30))
    pg = page(plan(project(campaign(*pool, starts=10, ends=200)), T0), "c/")
    assert pg.state is PageState.NOT_STARTED and pg.shown is None
    assert [(w.group.id if w.group else None, w.state, w.start, w.end) for w in pg.timeline] == [
        (None, PageState.NOT_STARTED, T0, at(10)),
        ("early", PageState.OPEN, at(10), at(-1 + 7 * 24 - 12)),
        ("late", PageState.OPEN, at(-1 + 7 * 24 - 12), at(30 + 7 * 24 - 12)),
        (None, PageState.EMPTY, at(30 + 7 * 24 - 12), at(200)),
        (None, PageState.ENDED, at(200), None),
    ]


def test_a_start_before_the_first_code_leaves_a_fallback_window() -> None:
    pg = page(plan(project(campaign(group("g", 20), starts=10)), T0), "c/")
    assert [(w.state, w.start) for w in pg.timeline] == [
        (PageState.NOT_STARTED, T0),
        (PageState.EMPTY, at(10)),
        (PageState.OPEN, at(20)),
        (PageState.EMPTY, at(20 + 7 * 24 - 12)),
    ]


def test_ended_and_archived_campaigns_show_no_group() -> None:
    pool = (group("g", -1, expires=NEVER),)
    ended = page(plan(project(campaign(*pool, ends=-1)), T0), "c/live/")
    archived = page(plan(project(campaign(*pool, archived=True)), T0), "c/live/")
    assert (ended.state, ended.shown, ended.timeline) == (
        PageState.ENDED,
        None,
        (Window(None, T0, None, PageState.ENDED),),
    )
    assert (archived.state, archived.shown) == (PageState.ARCHIVED, None)
    assert archived.timeline == (Window(None, T0, None, PageState.ARCHIVED),)
    for pg in (ended, archived):
        assert pg.health.level is Health.OK and pg.health.reason == ""


def test_plan_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        plan(project(campaign(group("g"))), datetime(2026, 11, 23, 12, 0))


# --- pool health ---


def test_a_healthy_pool_is_ok_with_its_numbers() -> None:
    pool = (group("g1", -1, members=100), group("g2", -1, expires=NEVER))
    health = page(plan(project(campaign(*pool)), T0), "c/").health
    assert (health.level, health.reason, health.open_groups) == (Health.OK, "", 2)
    assert health.seats_left == 90 + 190
    assert health.next_expiry == at(-1 + 7 * 24 - 12)


def test_a_code_stops_counting_the_moment_it_stops_being_shown() -> None:
    pool = (group("old", -7 * 24 + 12, members=100), group("new", -1, members=100))
    pg = page(plan(project(campaign(*pool)), T0), "c/")  # T0 is exactly old's expiry minus the margin
    assert (pg.shown.id, pg.health.open_groups, pg.health.seats_left) == ("new", 1, 90)  # type: ignore[union-attr]


def test_few_seats_left_is_low_and_says_how_many() -> None:
    pool = (group("g1", -1, members=171), group("g2", -1, members=160))
    health = page(plan(project(campaign(*pool)), T0), "c/").health
    assert (health.level, health.seats_left, health.open_groups) == (Health.LOW, 19 + 30, 2)
    assert health.reason == "可展示的群只剩 49 个名额（提醒线 50）：请新建群并把二维码加到 campaigns.yml"
    assert page(plan(project(campaign(*pool, low_seats=49)), T0), "c/").health.level is Health.OK


def test_last_code_expiring_within_a_day_without_successor_is_low() -> None:
    dying = group("g1", -7 * 24 + 30)  # shown until +18h
    low = page(plan(project(campaign(dying)), T0), "c/").health
    assert low.level is Health.LOW and "2026-11-24 06:00" in low.reason
    with_successor = page(plan(project(campaign(dying, group("g2", 17))), T0), "c/").health
    assert with_successor.level is Health.OK
    with_gap = page(plan(project(campaign(dying, group("g2", 20))), T0), "c/").health
    assert with_gap.level is Health.LOW  # a successor that starts after a gap leaves the page empty
    long_before = page(plan(project(campaign(group("long", -150, expires=100), dying)), T0), "c/").health
    assert long_before.level is Health.OK  # the code that opened first outlives the dying one
    ending = page(plan(project(campaign(dying, ends=10)), T0), "c/").health
    assert ending.level is Health.OK  # the campaign ends first: nothing to add


def test_no_open_group_is_empty_and_says_why_group_by_group() -> None:
    pool = (
        group("p", -1, paused=True),
        group("f", -1),
        group("s", -1, members=190),
        group("old", -7 * 24),
        group("soon", 3),
        group("more", -1, paused=True),
    )
    pg = page(plan(project(campaign(*pool), status={"c/f": GroupStatus(full=True)}), T0), "c/")
    assert (pg.state, pg.health.level, pg.health.seats_left, pg.health.open_groups) == (
        PageState.EMPTY,
        Health.EMPTY,
        0,
        0,
    )
    assert pg.health.reason == (
        "现在没有可展示的群，顾客看到的是兜底内容（p 已暂停，f 在 pool-status.yml 里标记为已满，"
        "s 已有 190 人（到 190 人换群），old 的码已于 2026-11-23 00:00 停止展示（已过期或快过期），"
        "另有 2 个群也不可用）："
        "请新建群并把二维码加到 campaigns.yml"
    )


def test_health_speaks_english_for_english_sites() -> None:
    built = plan(project(campaign(group("g1", -1, members=170)), lang="en"), T0)
    assert page(built, "c/").health.reason.startswith(
        "the open groups have only 20 seats left (threshold 50)"
    )
    empty = plan(project(campaign(group("g1", -1, paused=True)), lang="en"), T0)
    assert page(empty, "c/").health.reason.startswith(
        "no group can be shown now and customers see the fallback"
    )


def test_a_page_with_no_group_at_all_says_so() -> None:
    built = plan(project(campaign(group("live-1", -1, channels=("live",)))), T0)
    assert "这个页面没有分配任何群" in page(built, "c/").health.reason


def test_a_campaign_about_to_start_without_a_code_is_low_and_far_from_start_ok() -> None:
    soon = page(plan(project(campaign(group("g", -200), starts=6)), T0), "c/").health
    assert soon.level is Health.LOW and "2026-11-23 18:00" in soon.reason
    far = page(plan(project(campaign(group("g", -200), starts=48)), T0), "c/").health
    assert (far.level, far.reason) == (Health.OK, "")
    ready = page(plan(project(campaign(group("g", 1), starts=6)), T0), "c/").health
    assert ready.level is Health.OK and ready.seats_left == 190


# --- fingerprint ---


def test_the_fingerprint_ignores_now_but_not_what_customers_see() -> None:
    proj = project(campaign(group("a", -1, members=10), group("b", 2, expires=170)))
    first = plan(proj, T0).fingerprint()
    assert len(first) == 64 and first == plan(proj, T0).fingerprint()
    assert plan(proj, at(0.5)).fingerprint() == first  # same window, same windows ahead
    changed_count = replace(proj, status=PoolStatus(groups={"c/a": GroupStatus(members=20)}))
    assert plan(changed_count, T0).fingerprint() == first  # a new count that changes nothing visible
    switched = replace(proj, status=PoolStatus(groups={"c/a": GroupStatus(members=190)}))
    assert plan(switched, T0).fingerprint() != first  # the page switches group
    moved = project(campaign(group("a", -1, members=10), group("b", 3, expires=170)))
    assert plan(moved, T0).fingerprint() == first  # b is ranked below a: its issue time is not visible
    reissued = project(campaign(group("a", -2, members=10), group("b", 2, expires=170)))
    assert plan(reissued, T0).fingerprint() != first  # a's window now ends earlier
    assert plan(proj, at(7 * 24)).fingerprint() != first  # time moved on to another window
