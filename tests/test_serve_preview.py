"""`qunma serve` on a save writes only the files that changed (issue 18): MkDocs empties its folder and writes
every file again on each rebuild, which on a real disk costs more than making them. The preview serves a
folder of qunma's own instead, where a file whose bytes did not change keeps its inode, a new page appears,
a removed one goes (404), and the folder goes when the preview is stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from test_plugin import _free_port
from test_serve_errors import _fetch, _save, _until
from test_serve_errors import site as site  # noqa: F401 (the fixture: a new site from `qunma init`)

CHANNEL = "      - id: store\n        name: 门店桌贴\n"
MALL = CHANNEL + "      - id: mall\n        name: 商场海报\n"


def snapshot(folder: Path) -> dict[str, tuple[bytes, tuple[int, int]]]:
    """Every file under folder: its bytes, and its inode and modification time (an inode freed by a file
    removed may be given to the next file made, but writing a file gives it a new time)."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            info = path.stat()
            found[path.relative_to(folder).as_posix()] = (path.read_bytes(), (info.st_ino, info.st_mtime_ns))
    return found


@contextmanager
def serving(site: Path, temporary: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    command = [sys.executable, "-c", "from generator.cli import main; main()", "serve"]
    env = {**os.environ, "TMPDIR": str(temporary)}
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}", process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)


def test_a_save_rewrites_only_what_changed_and_the_preview_cleans_up(site: Path, tmp_path: Path) -> None:  # noqa: F811
    campaigns = site / "campaigns.yml"
    good = campaigns.read_text(encoding="utf-8")
    assert CHANNEL in good
    # One moment for every build: on the clock, a landing page's first window starts at each build's time.
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"      now: {datetime.now().astimezone().isoformat()}\n"
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with serving(site, temporary, tmp_path / "serve.log") as (base, process):
        _until(f"{base}/welcome/store/", 'data-group="g1"', 120)
        [preview] = temporary.glob("qunma-preview-*")
        assert _fetch(f"{base}/sitemap.xml")[0] == 200  # MkDocs' own files are served as well
        assert _fetch(f"{base}/welcome/mall/")[0] == 404
        before = snapshot(preview)

        _save(campaigns, good.replace(CHANNEL, MALL))  # a new channel: its page, entry code, staff kit lines
        _until(f"{base}/welcome/mall/", 'data-group="g1"', 60)
        after = snapshot(preview)
        kept = [path for path in before.keys() & after.keys() if before[path][0] == after[path][0]]
        changed = [path for path in before.keys() & after.keys() if before[path][0] != after[path][0]]
        assert {"welcome/index.html", "welcome/store/entry.png", "welcome/rules/index.html"} <= set(kept)
        assert "welcome/staff/index.html" in changed and "welcome/mall/entry.png" in after
        assert all(before[path][1] == after[path][1] for path in kept), "an unchanged file was written again"
        assert all(before[path][1] != after[path][1] for path in changed)  # written anew, never in place

        _save(campaigns, good)  # and gone again: its page is gone from the preview
        _until(f"{base}/welcome/staff/", "门店桌贴", 60, absent="商场海报")
        assert _fetch(f"{base}/welcome/mall/")[0] == 404
        assert not (preview / "welcome" / "mall").exists()
        assert snapshot(preview).keys() == before.keys()

        process.send_signal(signal.SIGINT)  # Ctrl-C
        assert process.wait(timeout=30) == 0
    assert not preview.exists()
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
