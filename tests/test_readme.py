"""The README's commands run as printed: every line of every ```bash block, in order, in a copy of the
repository (what a fresh clone holds), starting with its set-up command. What cannot run here is listed below
with the reason; nothing else is left out."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
UV_TOOLS = REPO / ".venv-tools"

# A part of the line → why it is not run here.
SKIPPED = {
    "./dev.sh test": "the test suite itself (.ci/run runs it): here it would run itself again",
    "api.github.com": "a request to GitHub's API with a token: no network but package registries here",
    "git@github.com:OWNER/REPO.git": "a clone of the user's own repository over SSH (the fixed-IP sync "
    "recipe): no GitHub here; tests/test_sync_push.py runs sync --push against a local bare remote instead",
    "git config core.sshCommand": "configures that clone's deploy key (the same recipe): no clone here",
    "uv tool install .": "installs into the user's own tool folder, resolving from PyPI (tests/test_init.py "
    "installs the built package into a venv of its own instead)",
}
# Long-running commands: run with --help, which shows the script is there and starts.
SHORTENED = {
    "bench/run.py": "a benchmark of 10 minutes and more on 2 cores",
    "bench/qr_parts.py": "a benchmark of minutes",
    "bench/scheduled.py": "a benchmark of minutes (four scheduled CI runs of the bench project)",
    "bench/serve.py": "a benchmark of minutes (a preview of the bench project, saved four times)",
}
SERVES = "./qunma serve"  # runs until Ctrl+C: here on a free port until it answers, then stopped


@dataclass(frozen=True)
class Command:
    line: int  # in README.md
    text: str


def readme_commands(text: str) -> Iterator[Command]:
    """Each command of each ```bash block: continuations (a trailing \\) joined, comment lines dropped."""
    for block in re.finditer(r"^```bash\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        first = text.count("\n", 0, block.start(1)) + 1
        pending: list[str] = []
        for number, raw in enumerate(block[1].splitlines(), first):
            line = raw.rstrip()
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            pending.append(line.removesuffix("\\").strip())
            if not line.endswith("\\"):
                yield Command(number - len(pending) + 1, " ".join(pending))
                pending = []


def _copy(target: Path) -> None:
    """The repository's files as a clone would hold them (tracked and new files, none ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(command: str, cwd: Path, env: dict[str, str]) -> None:
    port = _free_port()
    args = [*shlex.split(command), "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/autumn/", timeout=10) as response:
                    assert 'id="group-qr"' in response.read().decode("utf-8")
                    return
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, f"{command} stopped with {process.returncode}"
                assert time.monotonic() < deadline, f"{command} never answered"
                time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_readme_starts_with_its_two_commands_and_ci_runs_the_second() -> None:
    commands = list(readme_commands(README.read_text(encoding="utf-8")))
    assert [c.text.split("#")[0].strip() for c in commands[:2]] == ["./dev.sh site", "./dev.sh test"]
    assert "./dev.sh test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_skip_still_matches_a_command() -> None:
    commands = [c.text for c in readme_commands(README.read_text(encoding="utf-8"))]
    for part in [*SKIPPED, *SHORTENED, SERVES]:
        assert any(part in text for text in commands), f"{part!r} is no longer in the README: drop it here"


@pytest.mark.skipif(not (UV_TOOLS / "bin" / "uv").exists(), reason="the pinned uv comes with ./dev.sh test")
def test_every_command_of_the_readme_runs_as_printed(tmp_path: Path) -> None:
    clone = tmp_path / "qunma"
    _copy(clone)
    (clone / ".venv-tools").symlink_to(UV_TOOLS)  # the pinned uv, read only: its packages come from the cache
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "QUNMA_"))}
    env["UV_OFFLINE"] = "1"  # the locked packages come from uv's cache: tests reach no network
    ran = []
    for command in readme_commands(README.read_text(encoding="utf-8")):
        where = f"README.md:{command.line}: {command.text}"
        if any(part in command.text for part in SKIPPED):
            continue
        if command.text.startswith(SERVES):
            _serve(command.text.split("#")[0], clone, env)
            ran.append(command.text)
            continue
        text = command.text
        if any(part in text for part in SHORTENED):
            text = text.split("#")[0].rstrip() + " --help"
        done = subprocess.run(
            ["bash", "-c", f"set -euo pipefail\n{text}"],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, f"{where}\n{done.stdout}\n{done.stderr}"
        if text.startswith("./dev.sh site"):  # a clean build prints no warning a marketer cannot act on
            assert done.stderr == "", f"{where}\n{done.stderr}"
            assert "网站已生成" in done.stdout
        ran.append(command.text)
    assert len(ran) >= 8, ran
