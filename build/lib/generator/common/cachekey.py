"""The secret that seals .qunma-cache entries, kept outside the cache and outside the repository.

From the environment variable QUNMA_CACHE_KEY when it is set (CI passes a repository secret, so that its
runs, each on a fresh machine, can use the cache that earlier runs saved), else from a key file of the
user's, made on first use: `$XDG_CONFIG_HOME/qunma/cache.key` (by default `~/.config/qunma/cache.key`),
32 random bytes, readable by its owner only. Without the secret, an entry cannot be made to pass: a cache
written on another machine (or under another key) is simply not used. A fresh CI machine without the
secret makes a new key each run: safe, only without the cache's speed. The key is never printed.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from generator.common.cachefile import read_regular

ENV = "QUNMA_CACHE_KEY"
_FILE = Path("qunma") / "cache.key"
_BYTES = 32


def cache_secret(purpose: bytes, *, create: bool = True) -> bytes | None:
    """The key that seals one kind of entry (b"qr", b"model"); None when no key can be had: no cache.
    create=False (a command that only reads the cache) makes no key file: without one no entry passes."""
    master = _master(os.environ.get(ENV) or None, _key_file(), create)
    if master is None:
        return None
    # One key for each kind of entry: an entry of one kind never passes as one of another.
    return hmac.digest(master, b"qunma cache " + purpose, "sha256")


def _key_file() -> Path | None:
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        try:
            base = str(Path.home() / ".config")
        except (RuntimeError, KeyError):  # no home folder (a bare service account)
            return None
    return Path(base) / _FILE


@lru_cache(maxsize=8)
def _master(variable: str | None, file: Path | None, create: bool) -> bytes | None:
    """The secret: the variable's value, else the key file's (made when missing or unsafe, if create)."""
    if variable is not None:
        return variable.encode("utf-8", "surrogateescape")
    if file is None:
        return None
    key = _read_key(file)
    if key is None and create and _fix_key(file):
        key = _read_key(file)
    return key


def _read_key(file: Path) -> bytes | None:
    """The key in file when it is a regular file of its owner's, private to them, holding a key."""
    data = read_regular(file, 2 * _BYTES + 1)
    try:
        info = file.lstat()
        text = (data or b"").decode("ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if len(key) != _BYTES or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return key if os.name == "nt" or not info.st_mode & 0o077 else None


def _fix_key(file: Path) -> bool:
    """Make a new key file where there is none (or an unusable file of ours); False when that cannot be."""
    try:
        info = file.lstat()
    except FileNotFoundError:
        info = None
    except OSError:
        return False
    if info is not None and not (stat.S_ISREG(info.st_mode) and _owned(info)):
        return False  # a link, a folder, another user's file: not ours to replace
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".cache.key.", dir=file.parent)  # private (0600)
        try:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(_BYTES) + "\n")
            _install(Path(temporary), file, replace=info is not None)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _install(temporary: Path, file: Path, *, replace: bool) -> None:
    if replace:  # an unreadable or readable-by-others key: a new one (entries sealed with it are redone)
        os.replace(temporary, file)
        return
    try:
        os.link(temporary, file)  # whole or not at all; a process that made one first wins
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links: still whole, the last one wins
        os.replace(temporary, file)


def _owned(info: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()
