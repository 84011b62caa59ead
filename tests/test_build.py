"""`qunma build` end to end: a real MkDocs build of the example into tmp_path, compared with goldens, built
twice to the same bytes, weighed against the 15 KB budget, and failing without touching the previous site."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.input.load import load_project
from generator.plan.rotation import plan
from generator.qr.image import decode_png

NOW = "2026-11-23T12:00+08:00"
BUDGET = 15 * 1024
GOLDEN_PAGES = ["autumn/", "autumn/store/", "autumn/live/", "vip/", "spring/", "double11/"]


def qunma_build(campaigns: Path, site: Path, *extra: str) -> tuple[int, str]:
    """Run `qunma build` in this process; (exit code, everything it printed)."""
    args = ["build", "--campaigns", str(campaigns), "--now", NOW, "--site-dir", str(site), *extra]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.output


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Staging or backup folders a build left beside the site (the QR cache is meant to stay)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".qunma-cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once for the read-only tests of this module."""
    from conftest import REPO

    root = tmp_path_factory.mktemp("built")
    for name in ("campaigns.yml", "pool-status.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, root / name)
    for folder in ("qr", "site_src"):
        shutil.copytree(REPO / folder, root / folder)
    code, output = qunma_build(root / "campaigns.yml", root / "site")
    assert code == 0, output
    return root / "site"


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_landing_pages_match_goldens(built: Path, golden, path: str) -> None:  # type: ignore[no-untyped-def]
    html = (built / path / "index.html").read_text(encoding="utf-8")
    golden(f"pages/{path.strip('/').replace('/', '-')}.html", html)


def test_rules_page_matches_golden(built: Path, golden) -> None:  # type: ignore[no-untyped-def]
    html = (built / "autumn" / "rules" / "index.html").read_text(encoding="utf-8")
    golden("pages/autumn-rules.html", html)
    assert "<title>秋冬新品福利群 · 群规 · 拾光咖啡</title>" in html


@pytest.mark.parametrize(("path", "name"), [("index.html", "home"), ("404.html", "404")])
def test_home_and_404_pages_match_goldens(built: Path, golden, path: str, name: str) -> None:  # type: ignore[no-untyped-def]
    golden(f"pages/{name}.html", (built / path).read_text(encoding="utf-8"))


def test_site_has_every_page_code_and_the_manifest(built: Path) -> None:
    for path in ["autumn/", "autumn/store/", "autumn/parcel/", "autumn/live/", "autumn/mp/", "vip/card/"]:
        assert (built / path / "index.html").is_file()
        assert decode_png((built / path / "entry.png").read_bytes()) == [
            f"https://qun.shiguang-coffee.example/{path}"
        ]
    assert (built / "index.html").read_text(encoding="utf-8").count("秋冬新品福利群") >= 1  # site_src's own
    manifest = json.loads((built / "qunma-manifest.json").read_text(encoding="utf-8"))
    assert "autumn/store/" in manifest["urls"] and len(manifest["fingerprint"]) == 64


def test_shown_code_scans_to_the_planned_group(built: Path) -> None:
    project = load_project(built.parent / "campaigns.yml", now=datetime.fromisoformat(NOW))
    pages = plan(project, datetime.fromisoformat(NOW)).pages
    for page in pages:
        html = (built / page.path / "index.html").read_text(encoding="utf-8")
        shown = re.search(r'<img id="group-qr" src="([^"]+)" data-group="([^"]+)"', html)
        if page.shown is None:
            assert shown is None, page.path
            continue
        assert shown is not None and shown.group(2) == page.shown.id, page.path
        assert decode_png((built / page.path / shown.group(1)).resolve().read_bytes()) == [page.shown.url]
    assert next(p for p in pages if p.path == "autumn/").shown.id == "g1"  # type: ignore[union-attr]


def test_home_and_404_pages_are_our_own_light_pages(built: Path) -> None:
    # They came from the docs theme: 267 KiB, an English "404 - Not found", a menu holding one item.
    for page in ("index.html", "404.html"):
        html = (built / page).read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html and "md-nav" not in html, page
        assert "assets/stylesheets" not in html and "assets/javascripts" not in html, page
    assert "找不到这个页面" in (built / "404.html").read_text(encoding="utf-8")


def page_weight(site: Path, path: str) -> int:
    """Gzip-compressed bytes of a first visit: the HTML (CSS and script inline) and the images it loads at
    once (the shown code, the logo; not the help's code, lazy inside a closed <details>)."""
    page = site / path if path.endswith(".html") else site / path / "index.html"
    html = page.read_bytes()
    images = re.findall(rb'<img (?:id="[^"]+" )?(?:class="[^"]+" )?src="([^"]+)"(?! loading)', html)
    assert images, f"{path} loads no image"
    root = site if path == "404.html" else page.parent
    loaded = [(root / src.decode().lstrip("/")).resolve().read_bytes() for src in images]
    return len(gzip.compress(html, 6)) + sum(len(gzip.compress(image, 6)) for image in loaded)


def test_every_page_is_within_the_weight_budget(built: Path) -> None:
    landing = GOLDEN_PAGES + ["autumn/parcel/", "autumn/mp/", "vip/card/"]
    weights = {p: page_weight(built, p) for p in landing + ["autumn/rules/", "", "404.html"]}
    print("page weights (gzip bytes):", weights)
    assert max(weights.values()) <= BUDGET, weights
    assert weights[""] < 4 * 1024 and weights["404.html"] < 5 * 1024, weights  # the home and 404 pages


def test_two_builds_are_byte_identical(example_dir: Path, built: Path) -> None:
    code, output = qunma_build(example_dir / "campaigns.yml", example_dir / "again")
    assert code == 0, output
    first, second = tree(built), tree(example_dir / "again")
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


# --- failures ------------------------------------------------------------------------------------------


def test_invalid_input_writes_nothing(example_dir: Path) -> None:
    campaigns = example_dir / "campaigns.yml"
    campaigns.write_text(campaigns.read_text(encoding="utf-8").replace("id: g3", "id: g1"), encoding="utf-8")
    before = tree(example_dir)
    code, output = qunma_build(campaigns, example_dir / "site")
    assert code == 1
    assert re.search(r"campaigns\.yml:\d+:\d+: ", output), output
    assert tree(example_dir) == before and leftovers(example_dir) == []


def test_invalid_input_leaves_the_previous_site(example_dir: Path) -> None:
    site = example_dir / "site"
    assert qunma_build(example_dir / "campaigns.yml", site)[0] == 0
    before = tree(site)
    campaigns = example_dir / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8").replace(
        "issued: 2026-11-23 09:00", "issued: 2026-11-31 09:00"
    )
    campaigns.write_text(text, encoding="utf-8")
    code, output = qunma_build(campaigns, site)
    assert code == 1 and "2026-11-31" in output
    assert tree(site) == before and leftovers(example_dir) == []


def test_failed_mkdocs_build_leaves_the_previous_site(example_dir: Path) -> None:
    site = example_dir / "site"
    assert qunma_build(example_dir / "campaigns.yml", site)[0] == 0
    before = tree(site)
    # A strict build aborts on a broken link after our files were generated and the pages written.
    (example_dir / "site_src" / "broken.md").write_text("[x](missing.md)\n", encoding="utf-8")
    config = example_dir / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    code, output = qunma_build(example_dir / "campaigns.yml", site)
    assert code == 1 and "site" in output
    assert tree(site) == before and leftovers(example_dir) == []


def test_built_site_is_readable_by_a_web_server(example_dir: Path) -> None:
    site = example_dir / "site"
    assert qunma_build(example_dir / "campaigns.yml", site)[0] == 0
    assert site.stat().st_mode & 0o755 == 0o755


# --- hostile text and other folders --------------------------------------------------------------------


def test_hostile_text_is_shown_as_text(example_dir: Path) -> None:
    campaigns = example_dir / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8")
    text = text.replace("title: 秋冬新品福利群", 'title: "<script>alert(1)</script>秋冬"')
    text = text.replace("name: 拾光咖啡福利3群", 'name: "</script><script>alert(3)</script>"')
    text = text.replace(
        "请先看群公告，改好群昵称（城市-昵称）。", "<img src=x onerror=alert(4)> {group_name}"
    )
    text = text.replace(
        "禁止发布广告、链接、二维码和其他群的邀请。", '"<b>粗</b> **粗** </div><script>alert(5)</script>"'
    )
    campaigns.write_text(text, encoding="utf-8")
    code, output = qunma_build(campaigns, example_dir / "site")
    assert code == 0, output
    site = example_dir / "site"
    for path in ["autumn/index.html", "autumn/store/index.html", "autumn/rules/index.html", "index.html"]:
        html = (site / path).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>粗" not in html, path
    landing = (site / "autumn" / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;秋冬</h1>" in landing
    staff = (site / "autumn" / "staff" / "index.html").read_text(encoding="utf-8")  # the welcome copy's page
    assert "&lt;img src=x onerror=alert(4)&gt;" in staff and "<img src=x" not in staff
    rules = (site / "autumn" / "rules" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;粗&lt;/b&gt; **粗** &lt;/div&gt;&lt;script&gt;alert(5)&lt;/script&gt;" in rules


def test_build_from_a_folder_without_mkdocs_yml(example_dir: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shop = tmp_path / "elsewhere" / "shop-b"
    shop.mkdir(parents=True)
    for name in ("campaigns.yml", "pool-status.yml"):
        shutil.copy2(example_dir / name, shop / name)
    shutil.copytree(example_dir / "qr", shop / "qr")
    (shop / "site_src" / "assets").mkdir(parents=True)
    shutil.copy2(example_dir / "site_src" / "assets" / "logo.png", shop / "site_src" / "assets" / "logo.png")
    monkeypatch.chdir(tmp_path)
    code, output = qunma_build(shop / "campaigns.yml", shop / "out")
    assert code == 0, output
    assert "4 个活动" not in output and "out" in output
    site = shop / "out"
    assert (site / "autumn" / "store" / "index.html").is_file()
    assert (site / "assets" / "stylesheets").is_dir(), "material renders the site's own pages"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="autumn/"' in home and 'href="double11/"' not in home, "the home lists live campaigns"
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert leftovers(shop) == [] and sorted(p.name for p in shop.iterdir()) == [
        ".qunma-cache",  # QR images kept between builds, beside campaigns.yml
        "campaigns.yml",
        "out",
        "pool-status.yml",
        "qr",
        "site_src",
    ]


def test_config_file_option_and_missing_config(example_dir: Path, tmp_path: Path) -> None:
    code, output = qunma_build(example_dir / "campaigns.yml", tmp_path / "s", "--config-file", "nope.yml")
    assert code == 1 and "nope.yml" in output and not (tmp_path / "s").exists()
    code, output = qunma_build(
        example_dir / "campaigns.yml", tmp_path / "s", "--config-file", str(example_dir / "mkdocs.yml")
    )
    assert code == 0, output and (tmp_path / "s" / "autumn" / "index.html").is_file()
