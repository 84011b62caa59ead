"""Files of .qunma-cache/: written whole and atomically, each part under a checksum of its key and bytes,
and a failure to write only costs time (a read-only checkout, a full disk)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def checksum(key: bytes, body: bytes) -> bytes:
    """sha256 of key and body: a damaged, truncated or foreign body does not match its key."""
    return hashlib.sha256(key + body).digest()


def write_atomically(path: Path, data: bytes) -> bool:
    """Replace the file at path with data (readable as the umask allows); False when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private
            os.replace(temporary, path)
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
