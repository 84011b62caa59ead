"""./dev.sh installs only what each command needs: setup builds nothing, site/serve add only the CJK font,
only test asks for Chromium (a failing snap wrapper on GitHub's Ubuntu runners)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dev_sandbox import DEV_SH, run_dev

APT_UPDATE = ["apt-get", "update", "-qq"]


def _installs(calls: list[list[str]]) -> list[str]:
    """The Debian packages apt-get was asked to install."""
    return [arg for call in calls if call[:2] == ["apt-get", "install"] for arg in call[2:] if arg[0] != "-"]


def test_setup_installs_the_python_packages_and_builds_nothing(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "setup", font=False, fresh_venv=False)
    assert run.returncode == 0, run.stderr
    assert run.calls == [
        ["python", "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
        ["python", "-m", "pip", "install", "--quiet", "-e", ".[test,ocr]"],
        ["python", "-c", "import cv2; cv2.wechat_qrcode_WeChatQRCode"],  # the contrib build still there
    ]  # no apt-get, no qunma


def test_an_installed_venv_is_not_reinstalled(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "setup")
    assert run.returncode == 0 and run.calls == []


@pytest.mark.parametrize("command", ["site", "serve"])
def test_site_and_serve_install_only_a_missing_font(tmp_path: Path, command: str) -> None:
    run = run_dev(tmp_path, command, "--now", "2026-11-23T10:00:00+08:00", font=False, chromium=False)
    assert run.returncode == 0, run.stderr
    assert run.calls == [
        APT_UPDATE,
        ["apt-get", "install", "-y", "-qq", "fonts-wqy-microhei"],  # never chromium
        ["qunma", "build" if command == "site" else "serve", "--now", "2026-11-23T10:00:00+08:00"],
    ]


def test_site_with_the_font_installed_touches_no_debian_package(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "site", "--posters", font=True, chromium=False)
    assert run.returncode == 0, run.stderr
    assert run.calls == [["qunma", "build", "--posters"]]
    assert "site/index.html" in run.stdout


def test_test_installs_chromium_and_the_font_then_runs_pytest(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "test", "-k", "workflow", font=False, chromium=False)
    assert run.returncode == 0, run.stderr
    assert run.calls[0] == APT_UPDATE
    assert _installs(run.calls) == ["chromium", "fonts-wqy-microhei"]
    assert run.calls[-1] == ["python", "-m", "pytest", "-k", "workflow"]


def test_test_with_everything_installed_only_runs_pytest(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "test", font=True, chromium=True)
    assert run.returncode == 0, run.stderr
    assert run.calls == [["python", "-m", "pytest"]]


def test_an_unknown_command_prints_the_usage(tmp_path: Path) -> None:
    run = run_dev(tmp_path, "deploy")
    assert run.returncode == 2 and run.calls == []
    assert run.stderr.startswith("usage: ./dev.sh site|serve|test|setup")


def test_the_header_documents_every_command() -> None:
    script = DEV_SH.read_text(encoding="utf-8")
    commands = re.findall(r"^  ([a-z]+)\)$", script, re.MULTILINE)
    assert sorted(commands) == ["serve", "setup", "site", "test"]
    header = script.split("set -euo pipefail", 1)[0]
    for command in commands:
        assert re.search(rf"^#   \./dev\.sh {command} ", header, re.MULTILINE), command
