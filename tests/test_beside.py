"""Pages made beside, in a forked process: the same files as made in this process, errors raised here, and
no fork where it is unsafe."""

from __future__ import annotations

import os
import threading
from datetime import datetime
from pathlib import Path

import pytest

from generator import build
from generator.build import generate
from generator.common.beside import beside
from generator.input.load import load_project
from generator.plan.rotation import plan

NOW = datetime.fromisoformat("2026-11-23T10:00+08:00")


@pytest.fixture
def alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in `qunma build`: no other thread (the browser tests' local web server may run in this session)."""
    monkeypatch.setattr("generator.common.beside.threading.active_count", lambda: 1)


def example(example_dir: Path):  # type: ignore[no-untyped-def]
    project = load_project(example_dir / "campaigns.yml", now=NOW)
    return project, plan(project, NOW)


def test_pages_made_beside_are_the_files_made_here(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    project, rotation = example(example_dir)
    here = generate(project, rotation)
    monkeypatch.setattr(build, "BESIDE_FROM", 0)
    assert generate(project, rotation) == here


def test_the_work_runs_in_another_process_when_safe(alone: None) -> None:
    with beside(os.getpid, worth_it=True) as other:
        assert other.process is not None and other.result() != os.getpid()
    with beside(os.getpid, worth_it=False) as same:
        assert same.process is None and same.result() == os.getpid()


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as `qunma serve` runs its server
    server.start()
    try:
        with beside(os.getpid, worth_it=True) as work:
            assert work.process is None and work.result() == os.getpid()
    finally:
        stop.set()
        server.join()


def test_an_error_beside_is_raised_here(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    project, rotation = example(example_dir)
    made_in: list[int] = []

    def broken(*args: object) -> dict[str, bytes]:
        made_in.append(os.getpid())
        raise RuntimeError("a staff page failed")

    monkeypatch.setattr(build, "BESIDE_FROM", 0)
    monkeypatch.setattr("generator.render.staffkit.staff_pages", broken)
    with pytest.raises(RuntimeError, match="a staff page failed"):
        generate(project, rotation)
    assert made_in == [os.getpid()]  # the child's attempt is not seen here; this process met the error


def test_a_child_that_dies_is_replaced_by_the_work_here(alone: None) -> None:
    def dies_in_the_child() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 42

    parent = os.getpid()
    with beside(dies_in_the_child, worth_it=True) as work:
        assert work.process is not None
        assert work.result() == 42
