"""The MkDocs plugin: its typed config, the files it adds, its errors, what `serve` watches, and `mkdocs
build` / `qunma serve` run as a marketer would run them."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.plugin import ENV_CAMPAIGNS, ENV_NOW, QunmaPlugin, QunmaPluginError

NOW = "2026-11-23T12:00+08:00"


@pytest.fixture(autouse=True)
def _no_handover(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_CAMPAIGNS, raising=False)
    monkeypatch.delenv(ENV_NOW, raising=False)


def configure(example_dir: Path, **options: object) -> tuple[object, QunmaPlugin]:
    """The example's MkDocs config with the plugin's options replaced, after on_config."""
    config = load_config(str(example_dir / "mkdocs.yml"), site_dir=str(example_dir / "site"))
    plugin = config.plugins["qunma"]
    assert isinstance(plugin, QunmaPlugin)
    if options:
        errors, warnings = plugin.load_config(options, str(example_dir / "mkdocs.yml"))
        assert errors == [] and warnings == []
    config.plugins.on_config(config)
    return config, plugin


def test_paths_are_relative_to_mkdocs_yml(example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    _, plugin = configure(example_dir, campaigns="campaigns.yml", now=NOW, status="pool-status.yml")
    assert plugin.campaigns == example_dir / "campaigns.yml"
    assert plugin.status == example_dir / "pool-status.yml"
    assert plugin.now == datetime.fromisoformat(NOW)


def test_now_may_be_a_yaml_time_and_a_bad_one_is_refused(example_dir: Path) -> None:
    plugin = QunmaPlugin()
    errors, _ = plugin.load_config({"now": datetime.fromisoformat(NOW)})
    assert errors == [] and plugin.config.now == datetime.fromisoformat(NOW)
    errors, _ = QunmaPlugin().load_config({"now": "next tuesday"})
    message = str(errors[0][1])
    assert len(errors) == 1 and "ISO 8601" in message and "2026-11-23T10:00+08:00" in message


def test_command_line_choices_override_the_config(example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = example_dir / "other.yml"
    monkeypatch.setenv(ENV_CAMPAIGNS, str(other))
    monkeypatch.setenv(ENV_NOW, "2026-12-01T08:00+08:00")
    _, plugin = configure(example_dir, now=NOW)
    assert plugin.campaigns == other and plugin.now == datetime.fromisoformat("2026-12-01T08:00+08:00")


def test_generated_files_and_their_inclusion(example_dir: Path) -> None:
    from mkdocs.structure.files import get_files

    config, plugin = configure(example_dir, now=NOW)
    files = config.plugins.on_files(get_files(config), config=config)
    landing = files.get_file_from_path("autumn/store/index.html")
    rules = files.get_file_from_path("autumn/rules/index.html")
    assert landing is not None and not landing.is_documentation_page() and landing.is_static_page()
    assert rules is not None and rules.is_static_page()
    assert landing.content_bytes == plugin.output.files["autumn/store/index.html"]  # type: ignore[union-attr]
    home = files.get_file_from_path("index.html")  # the example has no home page of its own: ours
    assert home is not None and home.content_bytes == plugin.output.files["index.html"]  # type: ignore[union-attr]
    not_found = files.get_file_from_path("404.html")
    assert not_found is not None and not_found.content_bytes == plugin.output.files["404.html"]  # type: ignore[union-attr]
    assert "404.html" not in config.theme.static_templates  # the theme's would be written over ours
    assert files.get_file_from_path("qunma-manifest.json") is not None


def test_invalid_input_becomes_a_plugin_error_with_every_problem(example_dir: Path) -> None:
    from mkdocs.commands.build import build

    campaigns = example_dir / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8").replace("id: g3", "id: g1")
    text = text.replace("issued: 2026-11-23 09:00", "issued: 2026-11-31 09:00")
    campaigns.write_text(text, encoding="utf-8")
    config, _ = configure(example_dir, now=NOW)
    with pytest.raises(Abort) as caught:
        build(config)
    cause = caught.value.__context__
    assert isinstance(cause, QunmaPluginError)
    assert len(cause.error.problems) >= 2
    assert all(str(problem) in str(cause) for problem in cause.error.problems)
    assert not (example_dir / "site" / "autumn").exists()


class _Server:
    def __init__(self) -> None:
        self.watched: list[tuple[str, bool]] = []

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        self.watched.append((path, recursive))


def test_serve_watches_the_campaigns_folder_and_image_folders(example_dir: Path) -> None:
    from mkdocs.structure.files import get_files

    config, plugin = configure(example_dir, now=NOW)
    config.plugins.on_files(get_files(config), config=config)
    server = _Server()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert (str(example_dir), False) in server.watched
    assert (str(example_dir / "qr"), False) in server.watched
    assert (str(example_dir / "site_src" / "assets"), False) in server.watched


def test_plain_mkdocs_build_works_too(example_dir: Path) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, ENV_NOW: NOW, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(mkdocs), "build", "-d", "out"], cwd=example_dir, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert 'data-group="g1"' in (example_dir / "out" / "autumn" / "index.html").read_text(encoding="utf-8")
    # A clean example build says nothing worth a look: it said "Doc file 'index.md' contains an
    # unrecognized relative link 'autumn/'" for the theme's home page.
    routine = re.compile(r"INFO +- +(Cleaning site|Building documentation|Documentation built)")
    said = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert [line for line in said if not routine.match(line)] == []
    assert "找不到这个页面" in (example_dir / "out" / "404.html").read_text(encoding="utf-8")


def test_a_home_page_of_the_sites_own_wins_and_the_404_page_stays_ours(example_dir: Path) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    (example_dir / "site_src" / "index.md").write_text("# 我们自己写的首页\n", encoding="utf-8")
    env = {**os.environ, ENV_NOW: NOW, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(mkdocs), "build", "-q", "-d", "out"], cwd=example_dir, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "我们自己写的首页" in (example_dir / "out" / "index.html").read_text(encoding="utf-8")
    not_found = (example_dir / "out" / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in not_found and "md-nav" not in not_found


def test_properdocs_builds_the_same_pages(example_dir: Path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.x, finds the plugin under its own entry-point group and
    makes the very pages `mkdocs build` makes: moving engines must never strand a site."""
    properdocs = Path(sys.executable).with_name("properdocs")
    if not properdocs.exists():
        pytest.skip("properdocs is not installed (pip install properdocs)")
    from importlib.metadata import entry_points

    (ours,) = [ep for ep in entry_points(group="properdocs.plugins") if ep.name == "qunma"]
    assert ours.value == "generator.plugin:QunmaPlugin"
    env = {**os.environ, ENV_NOW: NOW, "DISABLE_MKDOCS_2_WARNING": "true"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    for engine, out in ((properdocs, "by-properdocs"), (mkdocs, "by-mkdocs")):
        done = subprocess.run(
            [str(engine), "build", "-q", "-d", out], cwd=example_dir, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    ours_pages = sorted((example_dir / "by-mkdocs").glob("autumn/**/index.html"))
    assert len(ours_pages) >= 4
    for page in ours_pages:
        twin = example_dir / "by-properdocs" / page.relative_to(example_dir / "by-mkdocs")
        assert twin.read_bytes() == page.read_bytes(), page


# --- qunma serve ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = _get(url)
        if text is not None and needle in text:
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {needle!r} within {seconds} s")


def test_qunma_serve_rebuilds_and_reloads_on_save(example_dir: Path, tmp_path: Path) -> None:
    shutil.rmtree(example_dir / "site_src")  # served from built-in defaults: no mkdocs.yml, no site_src
    (example_dir / "mkdocs.yml").unlink()
    (example_dir / "site_src" / "assets").mkdir(parents=True)
    shutil.copy2(Path(__file__).parents[1] / "site_src/assets/logo.png", example_dir / "site_src/assets")
    port = _free_port()
    qunma = Path(sys.executable).with_name("qunma")
    command = [str(qunma), "serve", "--campaigns", "campaigns.yml", "--dev-addr", f"127.0.0.1:{port}"]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(command, cwd=example_dir, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/autumn/"
        page = _wait_for(url, "秋冬新品福利群", 120)
        assert "/livereload/" in page, "live reload must be on (MkDocs 1.6.1 + click ≥ 8.3 turn it off)"
        campaigns = example_dir / "campaigns.yml"
        text = campaigns.read_text(encoding="utf-8").replace("title: 秋冬新品福利群", "title: 冬季新品福利群")
        replacement = example_dir / "campaigns.yml.new"
        replacement.write_text(text, encoding="utf-8")
        replacement.replace(campaigns)  # how editors save
        _wait_for(url, "冬季新品福利群", 120)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_a_hand_written_page_at_a_generated_address_is_replaced_with_a_warning(
    example_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.structure.files import get_files

    (example_dir / "site_src" / "autumn").mkdir()
    (example_dir / "site_src" / "autumn" / "index.md").write_text("# 手写\n", encoding="utf-8")
    config, _ = configure(example_dir, now=NOW)
    with caplog.at_level("WARNING", logger="mkdocs.plugins.qunma"):
        files = config.plugins.on_files(get_files(config), config=config)
    assert files.get_file_from_path("autumn/index.md") is None
    assert files.get_file_from_path("autumn/index.html") is not None
    assert any("autumn/index.md" in record.getMessage() for record in caplog.records)
