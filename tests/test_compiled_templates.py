"""Compiled templates kept in .qunma-cache/templates/ (issue 18): a rebuild compiles none of mkdocs-material's
templates nor ours and makes the same site; an entry is compiled Python that runs when its template renders,
so one that is not sealed under this machine's key — forged, tampered, of another key — is never run; a
changed template, other options or a folder that is a link never get a kept entry."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2 import DictLoader, Environment
from jinja2.bccache import Bucket

from generator.cli import main
from generator.common import cachekey
from generator.render import compiled
from generator.render.compiled import SUFFIX, kept_in, sealed_cache
from generator.render.templating import environment, environments

NOW = "2026-11-23T12:00+08:00"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every template compiled from its source in this process."""
    done: list[str] = []
    real = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        done.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    return done


def build(project: Path, site: str = "site") -> dict[str, bytes]:
    args = [
        "build",
        "--campaigns",
        str(project / "campaigns.yml"),
        "--now",
        NOW,
        "--site-dir",
        str(project / site),
    ]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    root = project / site
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def entries(project: Path) -> list[Path]:
    return sorted((project / ".qunma-cache" / "templates").glob(f"*{SUFFIX}"))


def new_process() -> None:
    """Forget the templates this process loaded, as the next `qunma build` (a new process) starts."""
    for ours in environments():
        ours.cache.clear()  # type: ignore[union-attr]


@pytest.fixture(autouse=True)
def _one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.common.beside.fork_is_safe", lambda: False)  # every compile seen here
    new_process()


def test_a_rebuild_compiles_no_template_and_makes_the_same_site(
    example_dir: Path, compiles: list[str]
) -> None:
    (example_dir / "site_src" / "about.md").write_text("# 关于我们\n\n门店地址。\n", encoding="utf-8")
    first = build(example_dir)
    assert {"landing.html", "staff.html", "main.html", "partials/header.html", "sitemap.xml"} <= set(compiles)
    assert len(entries(example_dir)) == len(set(compiles))
    compiles.clear()
    new_process()
    shutil.rmtree(example_dir / "site")
    assert build(example_dir) == first
    assert compiles == []


def forge(project: Path, seal_with: bytes | None = None) -> None:
    """Keep compiled code that puts a script on every landing page as landing.html's entry: sealed under this
    machine's key (as only qunma itself can), or with a seal made with another secret."""
    ours = environment()
    cache = sealed_cache(ours, project / ".qunma-cache" / "templates")
    assert cache is not None and ours.loader is not None
    source, filename, _ = ours.loader.get_source(ours, "landing.html")
    bucket = Bucket(ours, cache.get_cache_key("landing.html", filename), cache.get_source_checksum(source))
    bucket.code = ours.compile("<script>stolen()</script>", "landing.html", filename)
    if seal_with is not None:
        cache = compiled.SealedBytecodeCache(cache.folder, seal_with, cache.kind)
    cache.dump_bytecode(bucket)


def test_compiled_code_runs_only_when_sealed_under_this_key(
    example_dir: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = build(example_dir)

    def stolen() -> list[str]:
        new_process()
        shutil.rmtree(example_dir / "site")
        return [path for path, content in build(example_dir).items() if b"stolen()" in content]

    forge(example_dir)  # the control: code sealed with the key is what the build runs
    assert "autumn/index.html" in stolen()
    forge(example_dir, seal_with=b"a guessed key")  # as whoever can write the cache but has not the key
    assert stolen() == []
    forge(example_dir)
    monkeypatch.setenv(cachekey.ENV, "another repository's key")  # a cache restored from elsewhere
    cachekey._master.cache_clear()
    compiles.clear()
    assert stolen() == [] and "landing.html" in compiles
    assert build(example_dir) == reference


def test_a_changed_template_or_other_options_are_compiled_afresh(tmp_path: Path, compiles: list[str]) -> None:
    templates = {"page.html": "{% if true %}\n  <b>{{ name }}</b>\n{% endif %}\n"}

    def render(**options: object) -> str:
        environment = Environment(loader=DictLoader(templates), **{"autoescape": True, **options})  # type: ignore[arg-type]
        with kept_in([environment], tmp_path / "templates"):
            return environment.get_template("page.html").render(name="<王>")

    assert render() == "\n  <b>&lt;王&gt;</b>\n"
    assert render() == "\n  <b>&lt;王&gt;</b>\n" and len(compiles) == 1  # the second from the entry
    assert render(trim_blocks=True) == "  <b>&lt;王&gt;</b>\n"  # not the other's code
    assert len(compiles) == 2
    templates["page.html"] = "<i>{{ name }}</i>"
    assert render() == "<i>&lt;王&gt;</i>"
    assert len(compiles) == 3
    assert render(autoescape=False) == "<i><王></i>"  # autoescape compiled in: its own entry
    assert len(compiles) == 4


def test_without_a_safe_folder_or_a_key_nothing_is_kept_and_pages_still_render(
    tmp_path: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    environment = Environment(loader=DictLoader({"a": "{{ 1 + 1 }}"}))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "cache").mkdir()
    os.symlink(elsewhere, tmp_path / "cache" / "templates")  # planted in a restored cache
    assert sealed_cache(environment, tmp_path / "cache" / "templates") is None
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    monkeypatch.setattr(compiled, "write_atomically", lambda path, data: False)  # as a full or read-only disk
    for folder in (tmp_path / "cache" / "templates", read_only, read_only):
        with kept_in([environment], folder):
            assert environment.get_template("a").render() == "2"
        environment.cache.clear()  # type: ignore[union-attr]
    assert compiles == ["a", "a", "a"] and list(elsewhere.iterdir()) == [] and list(read_only.iterdir()) == []
    monkeypatch.setattr(cachekey, "_key_file", lambda: None)  # no key can be had: no cache
    cachekey._master.cache_clear()
    assert sealed_cache(environment, tmp_path / "fine") is None
    # An autoescape function cannot be named in an entry's key: such an environment keeps nothing.
    assert sealed_cache(Environment(autoescape=lambda name: True), tmp_path / "fine") is None
