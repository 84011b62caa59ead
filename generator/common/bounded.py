"""Running another program within a time bound: git for `qunma sync --push`, a CDN purge hook for deploy.

`subprocess.run(timeout=…)` kills only the program it started; git's ssh, or tccli's Python, would live on
and hold the pipes open, so the wait would not end. The program gets a process group of its own, and the
whole group is killed when the time is up.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ran:
    code: int | None  # None: killed at the time bound
    out: str
    err: str


def run_bounded(
    argv: Sequence[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bytes = b"",
) -> Ran:
    """Run argv with stdin, capture its output; at `timeout` seconds kill it with its process group.

    OSError when it cannot be started (no such program)."""
    process = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=dict(env) if env is not None else None,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(stdin, timeout=max(0.01, timeout))
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return Ran(None, "", "")
    return Ran(process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:  # already gone
        pass
    try:
        process.communicate(timeout=5)
    except subprocess.TimeoutExpired:  # a grandchild that left the group still holds the pipes: let go
        pass
