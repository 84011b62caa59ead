"""Reading a file that someone else may have swapped: only a regular file, and only so many bytes.

A path in campaigns.yml, or one kept from an earlier build, may by now name a FIFO (opening it for reading
would wait for a writer forever) or a link to /dev/zero (reading it would never end): both are refused
without blocking, and a regular file larger than the limit is refused after reading at most limit + 1 bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a QR code saved from WeChat is ~100 KB, a logo less


def read_regular(path: Path, limit: int = MAX_IMAGE_BYTES) -> bytes:
    """The bytes of the regular file at path; OSError for anything else (a FIFO, a device, a folder) or
    for a file over limit bytes."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        data = file.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, "file too large", str(path))
    return data
