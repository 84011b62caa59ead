"""Cyclic garbage collection paused while a large model or site is made."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """No cyclic collection inside the block (the collector as it was after it). Loading 10,000 groups or
    building a site makes millions of objects that live until the end and form no cycles worth finding: the
    collector rescanned them over and over (more than half of a large load, a tenth of a rebuild's CPU) and
    freed nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
