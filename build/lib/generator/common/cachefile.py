"""Files of .qunma-cache/: written whole and atomically, each part sealed with an HMAC under a key kept
outside the cache (cachekey.py), read only when they are regular files of bounded size.

Whoever can write the cache (a CI cache restored from another branch, a shared folder) could otherwise
make a build publish a link of theirs or, with a FIFO or a link to /dev/zero, hang it or eat its memory.
So a seal is checked before anything in an entry is believed; a file is opened without following a
symbolic link and without blocking (a FIFO), and only a regular file up to a bound is read. Anything
else, like a damaged or foreign entry, is as if there were no entry: the build does the work afresh.
A failure to write (a read-only checkout, a full disk) only costs time.
"""

from __future__ import annotations

import hmac
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

SEAL = 32  # bytes of an HMAC-SHA256
_BUFFER = 1 << 20  # a pack is read entry by entry: few system calls, little memory
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a symbolic link (to /dev/zero, to a file elsewhere) is not followed
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO returns at once (fstat then refuses it)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def seal(secret: bytes, *parts: bytes) -> bytes:
    """HMAC-SHA256 of the parts under secret: only a holder of the secret can make an entry that passes."""
    return hmac.digest(secret, b"".join(parts), "sha256")


def sealed(secret: bytes, check: bytes, *parts: bytes) -> bool:
    """Whether check is the seal of parts (compared in constant time)."""
    return hmac.compare_digest(check, seal(secret, *parts))


def open_regular(path: Path, limit: int) -> BinaryIO | None:
    """path opened for reading if it is a regular file (not a link, FIFO or device) of at most limit
    bytes; None otherwise, or when it cannot be opened."""
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError):  # missing, a link (ELOOP), a name with NUL
        return None
    try:
        info = os.fstat(handle)
        if stat.S_ISREG(info.st_mode) and info.st_size <= limit:
            return open(handle, "rb", buffering=_BUFFER)  # noqa: SIM115 (the caller closes it)
    except OSError:
        pass
    os.close(handle)
    return None


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of path if it is a regular file of at most limit bytes (also while it is read), else None."""
    file = open_regular(path, limit)
    if file is None:
        return None
    try:
        with file:
            data = file.read(limit + 1)  # a file that grew meanwhile is refused, not read on and on
    except OSError:
        return None
    return data if len(data) <= limit else None


def real_folder(folder: Path) -> bool:
    """Whether folder and the cache folder it is in are real folders (or not there yet), not symbolic links:
    a link planted in a restored cache must not make a build write, or prune, somewhere else."""
    for part in (folder, folder.parent):
        try:
            mode = os.lstat(part).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            return False
        if not stat.S_ISDIR(mode):
            return False
    return True


def write_atomically(path: Path, data: bytes) -> bool:
    """Replace the file at path with data (readable as the umask allows); False when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private
            os.replace(temporary, path)  # a link or FIFO at path is replaced, never followed
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return False
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
