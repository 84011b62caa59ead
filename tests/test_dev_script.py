"""./dev.sh installs only what each command needs, exactly as uv.lock pins it: setup builds nothing,
site/serve add only the CJK font, only test asks for Chromium (a failing snap wrapper on GitHub's Ubuntu
runners); it waits, bounded, for another apt-get; ./qunma runs the repository's qunma where it is called."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from dev_sandbox import DEV_SH, REPO, UV_VERSION, Fakes, run_dev

APT = ["apt-get", "-o", "DPkg::Lock::Timeout=120"]
APT_UPDATE = [*APT, "update", "-qq"]
SYNC = ["uv", "sync", "--locked", "--quiet"]


def _installs(calls: list[list[str]]) -> list[str]:
    """The Debian packages apt-get was asked to install."""
    return [arg for call in calls if call[3:4] == ["install"] for arg in call[4:] if arg[0] != "-"]


def test_setup_syncs_the_locked_packages_and_builds_nothing(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "setup", font=False)
    assert run.returncode == 0, run.stderr
    assert run.calls == [[*SYNC, "--inexact"]]  # no apt-get, no qunma


def test_setup_passes_its_arguments_to_uv_sync(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "setup", "--extra", "test")
    assert run.calls == [[*SYNC, "--inexact", "--extra", "test"]]


def test_a_fresh_clone_gets_the_pinned_uv_in_a_venv_of_its_own(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "setup", fakes=Fakes(uv=False))
    assert run.returncode == 0, run.stderr
    assert UV_VERSION is not None
    assert run.calls == [
        ["python3", "-m", "venv", ".venv-tools"],  # never pip into the system Python
        ["python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"uv=={UV_VERSION[1]}"],
        [*SYNC, "--inexact"],
    ]
    (tmp_path / "again").mkdir()
    again = run_dev(tmp_path / "again", "setup")  # with the pinned uv there, nothing is bootstrapped
    assert again.calls == [[*SYNC, "--inexact"]]


def test_a_stale_lock_fails_loudly_and_names_the_command_that_updates_it(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "site", fakes=Fakes(lock_current=False))
    assert run.returncode == 1
    assert "./dev.sh lock" in run.stderr and "uv.lock" in run.stderr
    assert not any(call[0] == "qunma" for call in run.calls)  # nothing built with the wrong packages


def test_lock_is_uv_lock(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "lock", "--upgrade-package", "pyyaml")
    assert run.returncode == 0, run.stderr
    assert run.calls == [["uv", "lock", "--upgrade-package", "pyyaml"]]


@pytest.mark.parametrize("command", ["site", "serve"])
def test_site_and_serve_install_only_a_missing_font(tmp_path: Path, command: str) -> None:
    run = run_dev(tmp_path, command, "--now", "2026-11-23T10:00:00+08:00", font=False, chromium=False)
    assert run.returncode == 0, run.stderr
    assert run.calls == [
        [*SYNC, "--inexact"],
        APT_UPDATE,
        [*APT, "install", "-y", "-qq", "fonts-wqy-microhei"],  # never chromium
        ["qunma", "build" if command == "site" else "serve", "--now", "2026-11-23T10:00:00+08:00"],
    ]


def test_site_with_the_font_installed_touches_no_debian_package(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "site", "--posters", font=True, chromium=False)
    assert run.returncode == 0, run.stderr
    assert run.calls == [[*SYNC, "--inexact"], ["qunma", "build", "--posters"]]
    assert "site/index.html" in run.stdout


def test_test_syncs_exactly_with_the_test_tools_then_installs_chromium_and_the_font(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "test", "-k", "workflow", font=False, chromium=False)
    assert run.returncode == 0, run.stderr
    assert run.calls[0] == [*SYNC, "--extra", "test", "--extra", "ocr"]  # exact: no --inexact
    assert run.calls[1] == APT_UPDATE
    assert _installs(run.calls) == ["chromium", "fonts-wqy-microhei"]
    assert run.calls[-1] == ["python", "-m", "pytest", "-k", "workflow"]


def test_test_with_everything_installed_only_syncs_and_runs_pytest(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "test", font=True, chromium=True)
    assert run.returncode == 0, run.stderr
    assert run.calls == [[*SYNC, "--extra", "test", "--extra", "ocr"], ["python", "-m", "pytest"]]


def test_another_apt_get_holding_the_lock_is_waited_for(tmp_path: Path) -> None:
    fakes = Fakes(font=False, apt_locked=2)
    run = run_dev(tmp_path, "site", fakes=fakes, env={"QUNMA_APT_WAIT": "10", "QUNMA_APT_POLL": "1"})
    assert run.returncode == 0, run.stderr
    assert "waiting up to 10 s for another apt-get" in run.stderr
    apt = [call[3] for call in run.calls if call[0] == "apt-get"]
    assert apt == ["update", "update", "update", "install"]
    assert run.calls[-1][0] == "qunma"


def test_waiting_for_the_apt_lock_is_bounded_and_says_why_it_stopped(tmp_path: Path) -> None:
    fakes = Fakes(font=False, apt_locked=1000)
    run = run_dev(tmp_path, "site", fakes=fakes, env={"QUNMA_APT_WAIT": "1", "QUNMA_APT_POLL": "1"})
    assert run.returncode == 1
    assert "held the package lock for over 1 s" in run.stderr and "Could not get lock" in run.stderr
    assert 2 <= len(run.calls) <= 8 and not any(call[0] == "qunma" for call in run.calls)


def test_the_qunma_wrapper_runs_where_it_is_called(tmp_path: Path) -> None:
    here = tmp_path / "somewhere"
    here.mkdir()
    run = run_dev(tmp_path, "./qunma", "check", "--campaigns", "x.yml", cwd=here)
    assert run.returncode == 0, run.stderr
    assert run.calls == [[*SYNC, "--inexact"], ["qunma", "check", "--campaigns", "x.yml"]]


def test_the_qunma_wrapper_keeps_the_callers_folder(tmp_path: Path) -> None:
    """Relative paths given to ./qunma mean the folder it was called from, not the repository."""
    repo = tmp_path / "repo"
    (repo / ".venv" / "bin").mkdir(parents=True)
    for name in ("dev.sh", "qunma"):
        shutil.copy(REPO / name, repo / name)
    fake = repo / ".venv" / "bin" / "qunma"
    fake.write_text('#!/bin/sh\npwd\necho "$@"\n', encoding="utf-8")
    fake.chmod(0o755)
    tools = repo / ".venv-tools" / "bin"
    tools.mkdir(parents=True)
    assert UV_VERSION is not None
    (tools / "uv").write_text(f'#!/bin/sh\n[ "$1" = --version ] && echo "uv {UV_VERSION[1]}"\nexit 0\n')
    (tools / "uv").chmod(0o755)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [str(repo / "qunma"), "check", "--campaigns", "x.yml"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "PATH": os.environ.get("PATH", "")},
    )
    assert done.stdout.splitlines() == [str(elsewhere), "check --campaigns x.yml"]


def test_an_unknown_command_prints_the_usage(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "deploy")
    assert run.returncode == 2 and run.calls == []
    assert run.stderr.startswith("usage: ./dev.sh site|serve|test|setup|qunma|lock")


def test_the_header_documents_every_command() -> None:
    script = DEV_SH.read_text(encoding="utf-8")
    commands = re.findall(r"^  ([a-z]+)\)$", script, re.MULTILINE)
    assert sorted(commands) == ["lock", "qunma", "serve", "setup", "site", "test"]
    header = script.split("set -euo pipefail", 1)[0]
    for command in commands:
        assert re.search(rf"^#   \./dev\.sh {command} ", header, re.MULTILINE), command


UV = REPO / ".venv-tools" / "bin" / "uv"


@pytest.mark.skipif(not UV.exists(), reason="the pinned uv is installed by ./dev.sh (./dev.sh test)")
def test_the_committed_lock_matches_pyproject() -> None:
    """What `uv sync --locked` in ./dev.sh and CI checks, said here by name: edit dependencies in
    pyproject.toml, then run ./dev.sh lock and commit uv.lock."""
    done = subprocess.run(
        [str(UV), "lock", "--check", "--offline"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
    )
    assert done.returncode == 0, f"uv.lock is out of date: run ./dev.sh lock\n{done.stderr}"
