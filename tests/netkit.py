"""The network edge as a user meets it: `qunma` commands run against hostile local servers, measured.

Each run records the exit code, both output streams, the wall time and the peak of Python's allocations
(tracemalloc, so a server thread streaming from one reused buffer adds nothing), and `assert_contained`
checks what every such run must keep: exit 0 or 1, no traceback, no line a CI runner would take as a
workflow command, no secret, a bounded time and bounded memory.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

DEADLINE = 1.0  # QUNMA_NET_DEADLINE for these runs: short, so that hostile cases stay quick
SLACK = 6.0  # seconds on top of the deadline for loading the project and starting up: a bound, not a speed
MEMORY_MB = 64.0  # peak Python allocations of one command (the largest answer allowed is 8 MB)

MINI_CAMPAIGNS = """\
site:
  title: 测试
  base_url: https://qun.example/
rule_sets:
  standard:
    who: 测试群
campaigns:
  - id: vip
    title: 会员群
    rules: standard
    channels:
      - id: card
        name: 会员卡
    groups:
      - id: a
        name: A群
        url: https://work.weixin.qq.com/gm/3f8a2c1e9b7d6a5f4e3d2c1b0a9f8e7d
        expires: never
        chat_id: wrA
      - id: b
        name: B群
        url: https://work.weixin.qq.com/gm/7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f
        expires: never
        chat_id: wrB
"""
NOW = "2026-11-23T10:00+08:00"


def mini_project(folder: Path) -> Path:
    """A small campaigns.yml (one campaign, one channel, two WeCom groups with chat_id); returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "campaigns.yml"
    path.write_text(MINI_CAMPAIGNS, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def qunma(*args: str, env: dict[str, str] | None = None) -> Run:
    """`qunma ARGS` in this process; an exception escaping the command fails the test (a traceback)."""
    tracemalloc.start()
    start = time.monotonic()
    try:
        result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
        seconds = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Run(result.exit_code, result.stdout, result.stderr, seconds, peak / 2**20)


def check_published(campaigns: Path, url: str, deadline: float = DEADLINE) -> Run:
    env = {"QUNMA_NET_DEADLINE": str(deadline)}
    return qunma("check", "--campaigns", str(campaigns), "--now", NOW, "--published", url, env=env)


def sync(campaigns: Path, base: str, secret: str, corp_id: str, deadline: float = DEADLINE) -> Run:
    env = {
        "WECOM_CORP_ID": corp_id,
        "WECOM_SECRET": secret,
        "WECOM_API_BASE": base,
        "QUNMA_NET_DEADLINE": str(deadline),
    }
    return qunma("sync", "--campaigns", str(campaigns), "--now", NOW, env=env)


def assert_contained(run: Run, *, deadline: float = DEADLINE, secrets: tuple[str, ...] = ()) -> None:
    """What every run against a hostile server keeps, whatever the server did."""
    assert run.code in (0, 1), run
    assert "Traceback" not in run.output, run.output
    for line in run.output.splitlines():
        assert not line.lstrip().startswith(("::", "##[")), f"a workflow command in the log: {line!r}"
    for secret in secrets:
        assert secret not in run.output, "a secret was printed"
    assert run.seconds < deadline + SLACK, f"{run.seconds:.1f} s"
    assert run.peak_mb < MEMORY_MB, f"{run.peak_mb:.0f} MB"
