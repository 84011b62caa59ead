"""The model cache: a checked campaigns.yml kept as JSON of the model (modelcodec.py), for the next command
on the same file.

CI rebuilds every 10 minutes from a campaigns.yml that rarely changes, and runs `qunma status` right after
`qunma build`: reading and checking 10,000 groups takes ~1.1 s, reading the kept model ~0.07 s. An entry is
used only when everything the loader's result depends on is the same: the bytes of campaigns.yml, its
path, the working folder (problems name files relative to it), qunma's own source, Python and PyYAML, and
the content of every image the loader looked at. `now` is not part of it: the warnings
that depend on it are worked out afresh (timechecks.py), and pool-status.yml is always read afresh.
Only a file without problems is kept. An entry is sealed with an HMAC under the cache key (cachekey.py)
and its format can only describe the model's own types (no pickle): an entry forged by someone who can
write the cache but has not the key is never read, let alone run. A broken, foreign, oversized or
non-regular entry is ignored. `qunma build` keeps entries, `qunma status` only reads them, `qunma check`
never uses them. A folder that cannot be written, or no key, only costs the time. Like the QR pack, it
lives in .qunma-cache/ (actions/cache keeps it).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.common.cachefile import SEAL, read_regular, real_folder, seal, sealed, write_atomically
from generator.common.cachekey import cache_secret
from generator.input import modelcodec
from generator.input.timechecks import TimeCheck
from generator.model import Project

CACHE_DIR = ".qunma-cache"  # beside campaigns.yml unless configured (plugin option cache_dir)
FOLDER = "model"  # inside the cache folder; the QR images are in its qr/ folder
KEEP = 4  # entries kept: a few files (or branches) built in turn each keep theirs
SUFFIX = ".model"
_MAGIC = b"qunma-model 2\n"
_DIGEST = 32
_IMAGE_LIMIT = 256 << 20  # an image the loader read; larger is no image of ours (the entry is not used)


def cache_dir(campaigns: Path, configured: Path | None = None) -> Path:
    """The cache folder of a campaigns.yml: the configured one (links in its path followed once, here:
    the user chose it), else .qunma-cache beside it."""
    if configured is None:
        return campaigns.parent / CACHE_DIR
    try:
        return configured.resolve()
    except (OSError, RuntimeError):  # a loop of links: refused later, as any folder that is a link
        return configured


@dataclass(frozen=True)
class Loaded:
    """A checked campaigns.yml: its project (warnings but the time ones), time checks, images looked at."""

    project: Project
    time_checks: tuple[TimeCheck, ...]
    files: tuple[Path, ...]


@dataclass(frozen=True)
class _Entry:
    """What an entry holds: the loader's result and the sha256 of every image it looked at."""

    stamps: tuple[tuple[Path, str], ...]
    loaded: Loaded


def cached_load(folder: Path, campaigns: Path, load: Callable[[], Loaded], *, keep: bool = True) -> Loaded:
    """load() of campaigns, or its result kept in folder by an earlier identical load (keep: store new)."""
    try:
        text = campaigns.read_bytes()
    except OSError:
        return load()  # the loader says what is wrong with the file
    secret = cache_secret(b"model", create=keep) if real_folder(folder) else None
    if secret is None:
        return load()
    key = _key(campaigns, text)
    entry = folder / f"{key.hex()[:40]}{SUFFIX}"
    found = _read(entry, key, secret, _limit(text))
    if found is not None:
        return found
    loaded = load()
    if keep:
        _write(folder, entry, key, secret, loaded)
    return loaded


def _limit(text: bytes) -> int:
    # The model of a file is about its size (1.1× for the bench file): far above that is no entry of ours.
    return (16 << 20) + 32 * len(text)


def _key(campaigns: Path, text: bytes) -> bytes:
    digest = hashlib.sha256(_code_digest())
    for part in (str(campaigns.resolve()), os.getcwd(), sys.version, yaml.__version__):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(text)
    return digest.digest()


@cache
def _code_digest() -> bytes:
    """qunma's own source: an entry from another version of the loader is never used."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _stamp(path: Path) -> str | None:
    # Content, not modification time: every CI checkout gives every file a new one.
    data = read_regular(path, _IMAGE_LIMIT)
    return None if data is None else hashlib.sha256(data).hexdigest()


def _read(entry: Path, key: bytes, secret: bytes, limit: int) -> Loaded | None:
    data = read_regular(entry, len(_MAGIC) + SEAL + limit)
    if data is None or not data.startswith(_MAGIC):
        return None
    check, body = data[len(_MAGIC) : len(_MAGIC) + SEAL], data[len(_MAGIC) + SEAL :]
    if not sealed(secret, check, _MAGIC, key, body):
        return None  # damaged, or not made with this key: nothing in it is looked at
    try:
        found: _Entry = modelcodec.loads(body, _Entry)
    except ValueError:
        return None
    if any(_stamp(path) != stamp for path, stamp in found.stamps):
        return None  # an image was replaced or removed since
    return found.loaded


def _write(folder: Path, entry: Path, key: bytes, secret: bytes, loaded: Loaded) -> None:
    stamps = []
    for path in loaded.files:
        stamp = _stamp(path)
        if stamp is None:
            return  # an image gone meanwhile
        stamps.append((path, stamp))
    try:
        body = modelcodec.dumps(_Entry(tuple(stamps), loaded), _Entry)
    except (TypeError, ValueError, RecursionError):  # a value the format cannot hold: no entry, no harm
        return
    if write_atomically(entry, _MAGIC + seal(secret, _MAGIC, key, body) + body):
        _prune(folder)


def _prune(folder: Path) -> None:
    try:
        entries = [(path.lstat().st_mtime_ns, path) for path in folder.glob(f"*{SUFFIX}")]
        for _, old in sorted(entries, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
        for old in folder.glob("*.pickle"):  # the earlier format's entries, never read again
            old.unlink(missing_ok=True)
    except OSError:  # another build pruning at the same time
        return
