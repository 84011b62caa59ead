"""The operating system says no (issue 11): a full disk, a read-only or immutable folder, a busy mount while
`qunma build` or `qunma sync` writes; a preview port already taken; a person saving pool-status.yml while
`qunma sync` waits on WeCom. Each is one clear line and exit 1, never a traceback, and nothing is lost.

The file-system errors are injected where the operating system reports them (these tests may run as root,
for whom chmod does not stop a write, and cannot mount a small disk)."""

from __future__ import annotations

import ctypes
import errno
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import mkdocs.utils
import pytest
from click.testing import CliRunner
from wecom_fake import CORP_ID, SECRET, FakeWeCom, serve

import generator.output.nextsite
import generator.sync.run
from generator.cli import main
from generator.output import sitefolder as sitedir

NOW = "2026-11-23T12:00+08:00"
CHAT_A, CHAT_B = "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAAAA", "wrOgQhDgAAcwMTB7YmDkbeBsgT_BBBBB"  # vip/wecom-a, -b


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--now", NOW], env=env, catch_exceptions=False)
    return result.exit_code, result.output


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def failing(code: int, path: str | None = None) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code), *([path] if path else []))

    return fail


def one_line(output: str) -> str:
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1, output
    return output


# --- qunma build ------------------------------------------------------------------------------------------


@pytest.fixture
def built(example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example with its site built once; the working folder is the project, as a user works."""
    monkeypatch.chdir(example_dir)
    code, output = run("build")
    assert code == 0, output
    yield example_dir / "site"


def assert_old_site_kept(site: Path, before: dict[str, bytes]) -> None:
    assert tree(site) == before
    kept = sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site."))
    assert kept in ([], [".site.next"])  # where the next build starts from, checked file by file then


def test_a_full_disk_while_mkdocs_writes_pages(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(built)
    monkeypatch.setattr(mkdocs.utils, "write_file", failing(errno.ENOSPC))  # a write names no file
    code, output = run("build")
    expected = "网站生成失败（site：磁盘已满，请先腾出空间），原来的 site 没有改动"
    assert code == 1 and expected in one_line(output)
    assert_old_site_kept(built, before)


def test_a_full_disk_while_changed_files_are_written(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(built)
    campaigns = built.parent / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8")
    campaigns.write_text(text.replace("秋冬新品", "冬季新品"), encoding="utf-8")  # pages to write

    def full(path: Path, content: bytes) -> None:  # as os.open answers when no inode is left
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(generator.output.nextsite, "write_new", full)
    code, output = run("build")
    expected = "网站生成失败（site/autumn/"  # where the file goes, not the folder it is made in
    assert code == 1 and expected in one_line(output) and "磁盘已满" in output and ".site.next" not in output
    assert_old_site_kept(built, before)


def test_a_read_only_folder(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(built)
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".site.lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    code, output = run("build")
    assert code == 1 and ".site.lock：所在的文件系统是只读的" in one_line(output)
    assert_old_site_kept(built, before)


@pytest.mark.parametrize(("code", "says"), [(errno.EPERM, "chattr +i"), (errno.EBUSY, "挂载点")])
def test_an_immutable_or_busy_site_folder_refuses_the_swap(
    built: Path, monkeypatch: pytest.MonkeyPatch, code: int, says: str
) -> None:
    before = tree(built)

    def renameat2(*args: Any) -> int:  # as the system call answers for chattr +i or a mount point
        ctypes.set_errno(code)
        return -1

    monkeypatch.setattr(sitedir, "_renameat2", lambda: renameat2)
    exit_code, output = run("build")
    assert exit_code == 1 and "原来的 site 没有改动" in one_line(output) and says in output
    assert "（site：" in output
    assert_old_site_kept(built, before)


def test_a_busy_mount_refuses_the_two_rename_swap(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(built)
    real_rename = os.rename

    def rename(source: Any, target: Any, **kwargs: Any) -> None:
        if Path(source) == built:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(source))
        real_rename(source, target, **kwargs)

    monkeypatch.setattr(sitedir, "_renameat2", lambda: None)  # a system without the atomic exchange
    monkeypatch.setattr(os, "rename", rename)
    code, output = run("build")
    assert code == 1 and "site：正被占用（可能是一个挂载点" in one_line(output)
    assert_old_site_kept(built, before)


def test_an_os_error_the_core_does_not_name_is_still_one_line(example_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where the poster folder should go", encoding="utf-8")
    out = tmp_path / "blocker" / "posters"
    campaigns = str(example_dir / "campaigns.yml")
    code, output = run("poster", "autumn", "store", "--size=a6", "--campaigns", campaigns, "--out", str(out))
    assert code == 1 and "blocker" in one_line(output) and "ENOTDIR" in output


# --- qunma sync -------------------------------------------------------------------------------------------


class SavingWeCom(FakeWeCom):
    """WeCom answering while a person saves pool-status.yml (marks a group full) in their editor."""

    status: Path | None = None  # None: nobody saves

    def answer(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, dict[str, Any]]:
        if path.endswith("/groupchat/get") and self.status is not None:
            mark_full(self.status)  # while the first group is being read
            self.status = None
        return super().answer(method, path, query, body)


def mark_full(status: Path) -> None:
    """What a person does: `full: true` under vip/wecom-a, saved as editors save (a new file renamed)."""
    text = status.read_text(encoding="utf-8")
    entry = "  vip/wecom-a:\n    members: 312\n"
    assert entry in text
    text = text.replace(entry, entry + "    full: true\n")
    saved = status.with_name("pool-status.yml.saving")
    saved.write_text(text, encoding="utf-8")
    saved.replace(status)


@pytest.fixture
def wecom(example_dir: Path) -> Iterator[tuple[SavingWeCom, dict[str, str]]]:
    fake = SavingWeCom(members={CHAT_A: 330, CHAT_B: 299})
    fake.status = example_dir / "pool-status.yml"
    with serve(fake) as base:
        yield fake, {"WECOM_CORP_ID": CORP_ID, "WECOM_SECRET": SECRET, "WECOM_API_BASE": base}


def test_a_full_flag_saved_while_sync_waits_on_wecom_is_kept(
    example_dir: Path, wecom: tuple[SavingWeCom, dict[str, str]]
) -> None:
    fake, env = wecom
    code, output = run("sync", "--campaigns", str(example_dir / "campaigns.yml"), env=env)
    assert code == 0, output
    text = (example_dir / "pool-status.yml").read_text(encoding="utf-8")
    assert "  vip/wecom-a:\n    members: 330\n    full: true\n" in text, text  # the person's change stays
    assert "  vip/wecom-b:\n    members: 299\n" in text and "autumn/g1:\n    members: 186\n" in text


def test_a_change_saved_in_the_last_instant_stops_sync_and_is_kept(
    example_dir: Path, wecom: tuple[SavingWeCom, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, env = wecom
    status, fake.status = example_dir / "pool-status.yml", None
    real_merge = generator.sync.run.merged_status

    def merge_while_a_person_saves(*args: Any) -> Any:  # after sync read the file, before it writes
        mark_full(status)
        return real_merge(*args)

    monkeypatch.setattr(generator.sync.run, "merged_status", merge_while_a_person_saves)
    code, output = run("sync", "--campaigns", str(example_dir / "campaigns.yml"), env=env)
    assert code == 1 and "被修改了" in one_line(output) and "pool-status.yml" in output
    assert "    members: 312\n    full: true\n" in status.read_text(encoding="utf-8")
    assert [p.name for p in example_dir.iterdir() if p.name.startswith(".pool-status")] == []


@pytest.mark.parametrize(
    ("where", "code", "says"),
    [
        ("fsync", errno.ENOSPC, "磁盘已满"),
        ("mkstemp", errno.EROFS, "只读"),
        ("replace", errno.EPERM, "不可修改"),
        ("replace", errno.EBUSY, "正被占用"),
    ],
)
def test_sync_on_a_full_read_only_or_immutable_disk_leaves_pool_status_as_it_was(
    example_dir: Path,
    wecom: tuple[SavingWeCom, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    code: int,
    says: str,
) -> None:
    fake, env = wecom
    fake.status = None
    monkeypatch.chdir(example_dir)
    status = example_dir / "pool-status.yml"
    before = status.read_bytes()
    module = tempfile if where == "mkstemp" else os
    path = None if where == "fsync" else str(status if where == "replace" else example_dir)
    monkeypatch.setattr(module, where, failing(code, path))
    exit_code, output = run("sync", "--campaigns", str(example_dir / "campaigns.yml"), env=env)
    assert exit_code == 1 and "无法写入 pool-status.yml" in one_line(output) and says in output
    assert "pool-status.yml 保持原样" in output
    assert status.read_bytes() == before
    assert [p.name for p in example_dir.iterdir() if p.name.startswith(".pool-status")] == []


# --- qunma serve ----------------------------------------------------------------------------------------


def test_serve_on_a_port_in_use_says_so_before_building(example_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        qunma = Path(sys.executable).with_name("qunma")
        started = time.monotonic()
        done = subprocess.run(
            [str(qunma), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=example_dir,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1, done.stdout + done.stderr
    message = one_line(done.stdout + done.stderr)
    assert f"127.0.0.1:{port} 已被占用" in message and f"--dev-addr 127.0.0.1:{port + 1}" in message
    assert "Building" not in message and not (example_dir / ".qunma-cache").exists(), "no build first"
    assert time.monotonic() - started < 60
