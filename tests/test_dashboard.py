"""The dashboard (/staff/): its to-do list is the notifications' items, its timelines are the plan's, it
loads nothing from anywhere, and it is the same bytes for the same input."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from notify_scene import NOW, write_scene

from generator.build import generate
from generator.input.load import load_project
from generator.input.poolhistory import HISTORY_FILE, read_history
from generator.plan.rotation import plan
from generator.plan.status import status_document
from generator.plan.todo import todo_items
from generator.render.dashboard import MAX_POOLS, dashboard_files

PAGE = "staff/index.html"


class _Dashboard(HTMLParser):
    """What the page refers to, its robots meta, its to-do keys and its timelines' windows by pool."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []  # anything a browser would fetch by itself
        self.links: list[str] = []
        self.robots: str | None = None
        self.todos: list[str] = []
        self.pools: dict[str, list[dict[str, str]]] = {}
        self._pool: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        inline = (a.get("href") or a.get("src") or "").startswith("data:")  # the favicon: in the page itself
        loads = tag in ("script", "img", "link", "iframe", "image", "use", "source") or "src" in a
        if loads and not inline:
            self.loads.append(f"{tag} {a}")
        if tag == "a":
            self.links.append(a["href"])
        if tag == "meta" and a.get("name") == "robots":
            self.robots = a["content"]
        if tag == "li" and "data-key" in a:
            self.todos.append(a["data-key"])
        if tag == "section" and "data-pages" in a:
            self._pool = a["data-pages"]
            self.pools[self._pool] = []
        if tag == "rect" and a.get("class") == "window" and self._pool is not None:
            self.pools[self._pool].append(a)


def _built(tmp_path: Path) -> tuple[str, _Dashboard]:
    campaigns = write_scene(tmp_path / "scene")
    project = load_project(campaigns, now=NOW)
    files = generate(project, plan(project, NOW))
    html = files[PAGE].decode("utf-8")
    parsed = _Dashboard()
    parsed.feed(html)
    return html, parsed


def test_the_dashboard_is_built_with_the_site_and_is_the_golden_page(tmp_path: Path, golden) -> None:  # type: ignore[no-untyped-def]
    html, parsed = _built(tmp_path)
    golden("pages/dashboard.html", html)
    assert parsed.robots == "noindex, nofollow"
    assert parsed.loads == []  # no script, image, stylesheet or font: everything is inline
    assert all(link.startswith(("https://qun.example.com/", "../")) for link in parsed.links), parsed.links
    again, _ = _built(tmp_path / "again")
    assert again == html  # the same input and `now`: the same bytes


def test_its_to_do_list_is_what_notify_sends(tmp_path: Path) -> None:
    _, parsed = _built(tmp_path)
    project = load_project(tmp_path / "scene" / "campaigns.yml", now=NOW)
    history, _ = read_history(project.root / HISTORY_FILE, "zh")
    assert parsed.todos == [item.key for item in todo_items(project, plan(project, NOW), history)]
    assert len(parsed.todos) == 5


def test_its_timelines_are_the_plan_and_status_json(tmp_path: Path) -> None:
    _, parsed = _built(tmp_path)
    project = load_project(tmp_path / "scene" / "campaigns.yml", now=NOW)
    document = status_document(plan(project, NOW), NOW.tzinfo)  # type: ignore[arg-type]
    timelines = {page["path"]: page["timeline"] for page in document["pages"]}  # type: ignore[union-attr]
    assert set(parsed.pools) == {"autumn/ autumn/store/ autumn/live/", "vip/", "spring/"}
    for pages, rects in parsed.pools.items():
        drawn = sorted((r["data-start"], r["data-end"], r.get("data-group"), r["data-state"]) for r in rects)
        for path in pages.split():
            listed = [(w["start"], w["end"] or "", w["group"], w["state"]) for w in timelines[path]]
            assert drawn[: len(listed)] == listed[: len(drawn)], path
    autumn = parsed.pools["autumn/ autumn/store/ autumn/live/"]
    assert [r.get("data-group") for r in autumn] == ["g2", None]  # g2 until 21:30, then the contact
    assert autumn[1]["data-state"] == "empty" and autumn[1]["data-start"] == "2026-11-28T21:30:00+08:00"


def test_a_site_with_many_pools_draws_the_most_troubled_and_names_the_rest(tmp_path: Path) -> None:
    blocks = "".join(
        f"  - id: c{n}\n    title: 门店{n}\n    rules: standard\n    groups:\n"
        f"      - id: g\n        name: 群{n}\n"
        f"        url: https://weixin.qq.com/g/AQYAAE5fAy4oPlU7wS2vZ6tC9bH1xQ5rO8m{n:04d}\n"
        f"        issued: 2026-11-27 08:00\n        members: {195 if n == MAX_POOLS + 5 else 10}\n"
        for n in range(MAX_POOLS + 10)
    )
    folder = tmp_path / "many"
    folder.mkdir()
    head = (
        "site:\n  title: 大品牌\n  base_url: https://qun.example.com/\nrule_sets:\n  standard:\n    who: x\n"
    )
    (folder / "campaigns.yml").write_text(head + "campaigns:\n" + blocks, encoding="utf-8")
    project = load_project(folder / "campaigns.yml", now=NOW)
    html = dashboard_files(project, plan(project, NOW), read_history(folder / HISTORY_FILE, "zh")[0])[PAGE]
    parsed = _Dashboard()
    parsed.feed(html.decode("utf-8"))
    assert len(parsed.pools) == MAX_POOLS and next(iter(parsed.pools)) == f"c{MAX_POOLS + 5}/"  # empty first
    assert "另外 10 个群池" in html.decode("utf-8")


def test_staff_is_a_reserved_campaign_id(tmp_path: Path) -> None:
    import pytest

    from generator.errors import InputError

    campaigns = write_scene(tmp_path / "scene")
    text = campaigns.read_text(encoding="utf-8").replace("  - id: spring", "  - id: staff")
    campaigns.write_text(text.replace("spring/s1", "staff/s1"), encoding="utf-8")
    (tmp_path / "scene" / "pool-status.yml").write_text("groups: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_project(campaigns, now=NOW)
    assert "已被网站自己的页面占用" in str(caught.value.problems[0])
