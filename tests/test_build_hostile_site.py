"""Stored XSS without a mkdocs.yml: site.title and site.base_url reach the theme only as harmless text.

Found as: with no mkdocs.yml beside campaigns.yml, the built-in config handed site.title to MkDocs as
site_name, which mkdocs-material prints unescaped (MkDocs renders themes without autoescape) in <title> and
an aria-label on the home and 404 pages (qunma's own since issue 14, unless site_src/ has a home page); a
base_url holding `"` or `<` landed raw in href, <script src> and a script. Reproduced by real builds of such
a folder, whose HTML is then parsed.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

NOW = "2026-11-23T12:00+08:00"
TITLE = '拾光 & 咖啡" onmouseover="alert(1)" x="</title><script>alert(2)</script><img src=x onerror=alert(3)>'


class Page(HTMLParser):
    """Every start tag with its attributes, the scripts' text and the <title> text of one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "title":
            self.title += data


def build(folder: Path) -> tuple[int, str]:
    args = [
        "build",
        "--campaigns",
        str(folder / "campaigns.yml"),
        "--now",
        NOW,
        "--site-dir",
        str(folder / "site"),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def shop(example_dir: Path, tmp_path: Path) -> Path:
    """The example's campaigns.yml, images and site pages in a folder with no mkdocs.yml."""
    folder = tmp_path / "shop"
    folder.mkdir()
    for name in ("campaigns.yml", "pool-status.yml"):
        shutil.copy2(example_dir / name, folder / name)
    for name in ("qr", "site_src"):
        shutil.copytree(example_dir / name, folder / name)
    return folder


def set_site(folder: Path, *, title: str | None = None, base_url: str | None = None) -> None:
    path = folder / "campaigns.yml"
    text = path.read_text(encoding="utf-8")
    if title is not None:
        escaped = title.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace("  title: 拾光咖啡 · 福利群\n", f'  title: "{escaped}"\n')
    if base_url is not None:
        text = text.replace("base_url: https://qun.shiguang-coffee.example/", f"base_url: '{base_url}'")
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("home", ["site_src/index.md", "generated"])
def test_a_hostile_title_stays_text_on_the_home_and_404_pages(shop: Path, home: str) -> None:
    if home == "site_src/index.md":  # a home page of the site's own, made by the docs theme
        (shop / "site_src" / "index.md").write_text("# 首页\n\n扫码进群。\n", encoding="utf-8")
    set_site(shop, title=TITLE)
    code, output = build(shop)
    assert code == 0, output
    for name in ("index.html", "404.html"):
        page = Page((shop / "site" / name).read_text(encoding="utf-8"))
        assert not any(tag == "img" and "onerror" in attrs for tag, attrs in page.tags), name
        assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs), name
        assert not any("alert" in script for script in page.scripts), name
        assert page.title.endswith(TITLE), (name, page.title)  # shown as text, escaped once (no &amp;amp;)
        if name == "index.html" and home == "site_src/index.md":  # the theme's page
            labels = [
                attrs.get("aria-label") for tag, attrs in page.tags if tag == "a" and "md-logo" in str(attrs)
            ]
            assert labels and all(label == TITLE for label in labels), labels


@pytest.mark.parametrize(
    ("written", "char"),
    [  # as written in campaigns.yml (YAML double quotes: \" is ", \x01 the control character)
        ('"https://qun.example.com/\\"><script>alert(1)</script>"', '"'),
        ('"https://qun.example.com/<svg/onload=alert(1)>/"', "<"),
        ('"https://qun.example.com/x\\x01/"', "U+0001"),
    ],
)
def test_a_hostile_base_url_is_refused_where_it_is_written_and_nothing_is_built(
    shop: Path, written: str, char: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(shop)
    text = (shop / "campaigns.yml").read_text(encoding="utf-8")
    text = text.replace("base_url: https://qun.shiguang-coffee.example/", f"base_url: {written}")
    (shop / "campaigns.yml").write_text(text, encoding="utf-8")
    code, output = build(shop)
    assert code == 1 and not (shop / "site").exists()
    (message,) = output.splitlines()
    assert message.startswith("campaigns.yml:9:13: base_url“https://qun.example.com/"), message
    assert f"里有不能出现在网址里的字符“{char}”：只写网站的地址，如 https://qun.example.com/" in message


@pytest.mark.parametrize(
    ("base_url", "key"),
    [
        ("https://admin:pw@qun.example.com/", "里有用户名或密码"),
        ("https://qun.example.com/?from=poster", "不能带 ? 或 #"),
        ("https://qun_example.com/", "的域名不对"),
        ("javascript:alert(1)//", "不是网页链接"),
    ],
)
def test_base_url_must_be_a_plain_site_address(shop: Path, base_url: str, key: str) -> None:
    set_site(shop, base_url=base_url)
    code, output = build(shop)
    assert code == 1 and key in output and not (shop / "site").exists()
