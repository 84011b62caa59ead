"""Work done beside the main line of a build, in a forked process, for a second core.

A build makes its pages in one process; with 1,000 campaigns the staff kits, rule pages and manifest take
about 1.3 s that another core can spend while this one makes the landing pages (measured: a one-group
rebuild 0.9 s shorter on 2 cores). The child is forked, so it reads the loaded project from the memory it
shares with its parent and sends back only the files it made. Forking is done only where it is safe and
pays: Linux, a process running no other thread (forking a threaded one can deadlock; `qunma serve` runs a
server thread), and enough work. Otherwise, or if the child fails in any way, the work is done here
instead: the same work raises the same error where it belongs.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class Beside(Generic[T]):
    """The result of work started by beside(): result() waits for it (or does it here)."""

    def __init__(self, work: Callable[[], T], parallel: bool) -> None:
        self.work = work
        self.reader: Connection | None = None
        self.process = None
        if parallel:
            context = get_context("fork")
            self.reader, writer = context.Pipe(duplex=False)
            self.process = context.Process(target=_child, args=(work, writer), daemon=True)
            self.process.start()
            writer.close()

    def result(self) -> T:
        """The work's result: from the child if it managed, else made here (raising its error, if any)."""
        if self.reader is None or self.process is None:
            return self.work()
        try:
            found = self.reader.recv()
        except (EOFError, OSError):  # the child died without a word
            found = None
        self.stop()
        return found[0] if isinstance(found, tuple) and self.process.exitcode == 0 else self.work()

    def stop(self) -> None:
        """End the child (done, or no longer wanted) and close the pipe."""
        if self.process is not None:
            self.process.join(timeout=0.5)  # done: it exits once its files are sent
            if self.process.is_alive():  # not wanted any more, still working or blocked on the pipe
                self.process.kill()
                self.process.join()
        if self.reader is not None:
            self.reader.close()
            self.reader = None


@contextmanager
def beside(work: Callable[[], T], *, worth_it: bool) -> Iterator[Beside[T]]:
    """Start work in a forked process when worth_it and safe; the child is stopped when the block ends."""
    safe = threading.active_count() == 1 and fork_is_safe()
    started = Beside(work, parallel=worth_it and safe)
    try:
        yield started
    finally:
        started.stop()


def fork_is_safe() -> bool:
    """Linux, and no other thread: macOS's system libraries may crash a forked child, and forking a threaded
    process can deadlock."""
    return sys.platform == "linux" and "fork" in get_all_start_methods()


def _child(work: Callable[[], object], writer: Connection) -> None:
    try:
        writer.send((work(),))
    except BaseException:  # any failure: the parent does the work itself and meets the error there
        writer.send(None)
    finally:
        writer.close()
