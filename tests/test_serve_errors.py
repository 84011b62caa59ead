"""`qunma serve` while campaigns.yml has problems: every request is answered within seconds, each page
shows the problems (FILE:LINE:COL and the fix) above the last good site, and saving a fixed file brings the
pages back. MkDocs alone holds every request until a build passes ("The server will appear stuck…")."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from test_plugin import _free_port

from generator.render.errorpage import error_banner, with_banner
from generator.scaffold.init import site_files

ANSWER_WITHIN = 15  # seconds: a rebuild of this small site takes ~1 s; a request held by MkDocs never ends
BROKEN = ("    title: 新人福利群", "    titel: 新人福利群")
MESSAGE = "campaigns.yml:40:5: 未知的键“titel”：你是不是想写“title”？"


def _fetch(url: str) -> tuple[int, str]:
    """Status and text of url; a request not answered within ANSWER_WITHIN seconds fails the test."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_WITHIN) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
    except TimeoutError:
        raise AssertionError(f"{url} hung for {time.monotonic() - started:.0f} s") from None


def _until(url: str, wanted: str, seconds: float, *, absent: str | None = None) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            _, text = _fetch(url)
        except urllib.error.URLError:  # not listening yet
            text = ""
        if wanted in text and (absent is None or absent not in text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} never showed {wanted!r} within {seconds} s:\n{text[:2000]}")
        time.sleep(0.3)


def _save(path: Path, text: str) -> None:
    replacement = path.with_name(path.name + ".new")
    replacement.write_text(text, encoding="utf-8")
    replacement.replace(path)  # how editors save


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    for name, data in site_files("zh", datetime.now().astimezone()).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@contextmanager
def _serving(site: Path, log: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-c", "from generator.cli import main; main()", "serve"]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"], cwd=site, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_a_broken_file_shows_its_problems_in_the_browser_and_never_hangs(site: Path, tmp_path: Path) -> None:
    campaigns = site / "campaigns.yml"
    good = campaigns.read_text(encoding="utf-8")
    with _serving(site, tmp_path / "serve.log") as base:
        page = _until(f"{base}/welcome/", 'data-group="g1"', 120)
        assert "qunma-errors" not in page
        _save(campaigns, good.replace(*BROKEN))
        page = _until(f"{base}/welcome/", MESSAGE, 60)
        assert 'data-group="g1"' in page  # the last good page, below the problems
        assert "/livereload/" in page  # reloads by itself once the file is fixed
        status, other = _fetch(f"{base}/welcome/store/")  # every page says so, at once
        assert status == 200 and MESSAGE in other and 'data-group="g1"' in other
        _save(campaigns, good)
        page = _until(f"{base}/welcome/", 'data-group="g1"', 60, absent="qunma-errors")
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "appear stuck" not in log and "Traceback" not in log
    assert MESSAGE in log  # the terminal says it too


def test_a_file_broken_from_the_start_is_served_as_its_problems(site: Path, tmp_path: Path) -> None:
    campaigns = site / "campaigns.yml"
    good = campaigns.read_text(encoding="utf-8")
    campaigns.write_text(good.replace(*BROKEN), encoding="utf-8")
    with _serving(site, tmp_path / "serve.log") as base:
        text = _until(f"{base}/welcome/", MESSAGE, 120)  # no page yet: the 404 page shows the problems
        assert 'http-equiv="refresh"' in text
        _save(campaigns, good)
        _until(f"{base}/welcome/", 'data-group="g1"', 60, absent="qunma-errors")


def test_the_banner_escapes_what_it_shows() -> None:
    banner = error_banner(["campaigns.yml:1:1: 未知的键“<script>”"], "zh")
    assert b"<script>" not in banner and b"&lt;script&gt;" in banner
    page = with_banner(b"<html><head></head><body class=x><p>last good</p></body></html>", banner)
    assert page.index(b"qunma-errors") > page.index(b"<body class=x>") and page.endswith(b"</body></html>")
