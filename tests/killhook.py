"""`qunma` run in this process and killed with SIGKILL at a chosen instant, for tests/test_site_folder.py.

KILL_AT=k: killed just before the k-th step that changes the folders beside the site (renames, the atomic
exchange, every deletion, link, new folder or new file) in the phase KILL_PHASE: "swap" (default: from the
moment the new site is swapped in, through cleaning up and releasing the lock), "update" (bringing the next
site, `.<site>.next`, up to date) or "recover" (cleaning up after killed builds, as a build starts); -1:
never. KILL_REPORT=path: the number of such steps is written there at exit.
KILL_NO_EXCHANGE=1: as on a system without renameat2 (the two-rename swap). KILL_HOLD=seconds: sleep
while holding the site's lock (so that a second build must wait). Nothing here is part of qunma.
"""

from __future__ import annotations

import atexit
import os
import shutil  # imported before os is patched, so rmtree keeps its file-descriptor walk
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.cli import main
from generator.output import sitefolder as sitedir
from generator.output.nextsite import NextSite

assert shutil  # only imported for the order above

_steps = 0
_armed = False


def _step() -> None:
    global _steps
    if _armed:
        if _steps == int(os.environ.get("KILL_AT", "-1")):
            os.kill(os.getpid(), signal.SIGKILL)
        _steps += 1


def _counted(function: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        _step()
        return function(*args, **kwargs)

    return counted


def _counted_creating(function: Callable[..., Any]) -> Callable[..., Any]:
    """os.open: a step only when it may create a file."""

    def counted(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
        if flags & os.O_CREAT:
            _step()
        return function(path, flags, *args, **kwargs)

    return counted


def _armed_in(function: Callable[..., Any], *, after: bool) -> Callable[..., Any]:
    """Count steps while function runs; after: also from then on (the old site is deleted after publish)."""

    def arming(*args: Any, **kwargs: Any) -> Any:
        global _armed
        _armed = True
        try:
            return function(*args, **kwargs)
        finally:
            _armed = after

    return arming


def _report() -> None:
    if report := os.environ.get("KILL_REPORT"):
        Path(report).write_text(str(_steps), encoding="utf-8")


def _holding(function: Callable[..., Any]) -> Callable[..., Any]:
    def holding(*args: Any, **kwargs: Any) -> Any:
        time.sleep(float(os.environ.get("KILL_HOLD", "0")))
        return function(*args, **kwargs)

    return holding


def run() -> None:
    for name in ("rename", "replace", "unlink", "rmdir", "link", "mkdir"):
        setattr(os, name, _counted(getattr(os, name)))
    os.open = _counted_creating(os.open)  # type: ignore[assignment]
    if os.environ.get("KILL_NO_EXCHANGE") == "1":
        sitedir._exchange = lambda first, second: False  # type: ignore[assignment]
    else:
        sitedir._exchange = _counted(sitedir._exchange)  # type: ignore[assignment]
    if os.environ.get("KILL_PHASE") == "recover":
        sitedir.recover = _armed_in(sitedir.recover, after=False)  # type: ignore[assignment]
    elif os.environ.get("KILL_PHASE") == "update":
        NextSite.update = _armed_in(NextSite.update, after=False)  # type: ignore[method-assign]
    else:
        sitedir.publish = _armed_in(sitedir.publish, after=True)  # type: ignore[assignment]
    sitedir.recover = _holding(sitedir.recover)  # type: ignore[assignment]
    atexit.register(_report)
    main(sys.argv[1:], prog_name="qunma")


if __name__ == "__main__":
    run()
