"""The model cache: a checked campaigns.yml kept as a pickled Project, for the next command on the same file.

CI rebuilds every 10 minutes from a campaigns.yml that rarely changes, and runs `qunma status` right after
`qunma build`: reading and checking 10,000 groups takes ~1.1 s, unpickling the result 0.07 s. An entry is
used only when everything the loader's result depends on is the same: the bytes of campaigns.yml, its
path, the working folder (problems name files relative to it), qunma's own source, Python and PyYAML, and
the content of every image the loader looked at. `now` is not part of it: the warnings
that depend on it are worked out afresh (timechecks.py), and pool-status.yml is always read afresh.
Only a file without problems is kept; a broken, truncated or foreign entry is ignored. `qunma build`
keeps entries, `qunma status` only reads them, `qunma check` never uses them. A folder that cannot
be written only costs the time. Like the QR pack, it lives in .qunma-cache/ (actions/cache keeps it).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.cachefile import checksum, write_atomically
from generator.model import Project
from generator.regularfile import read_regular
from generator.timechecks import TimeCheck

CACHE_DIR = ".qunma-cache"  # beside campaigns.yml unless configured (plugin option cache_dir)
FOLDER = "model"  # inside the cache folder; the QR images are in its qr/ folder
KEEP = 4  # entries kept: a few files (or branches) built in turn each keep theirs
_MAGIC = b"qunma-model 1\n"
_DIGEST = 32


def cache_dir(campaigns: Path, configured: Path | None = None) -> Path:
    """The cache folder of a campaigns.yml: the configured one, else .qunma-cache beside it."""
    return configured or campaigns.parent / CACHE_DIR


@dataclass(frozen=True)
class Loaded:
    """A checked campaigns.yml: its project (warnings but the time ones), time checks, images looked at."""

    project: Project
    time_checks: tuple[TimeCheck, ...]
    files: tuple[Path, ...]


def cached_load(folder: Path, campaigns: Path, load: Callable[[], Loaded], *, keep: bool = True) -> Loaded:
    """load() of campaigns, or its result kept in folder by an earlier identical load (keep: store new)."""
    try:
        text = campaigns.read_bytes()
    except OSError:
        return load()  # the loader says what is wrong with the file
    key = _key(campaigns, text)
    entry = folder / f"{key.hex()[:40]}.pickle"
    found = _read(entry, key)
    if found is not None:
        return found
    loaded = load()
    if keep:
        _write(folder, entry, key, loaded)
    return loaded


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
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _stamp(path: Path) -> bytes:
    # Content, not modification time: every CI checkout gives every file a new one.
    return hashlib.sha256(read_regular(path)).digest()  # swapped for a FIFO or /dev/zero: OSError


def _read(entry: Path, key: bytes) -> Loaded | None:
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    body = data[len(_MAGIC) + _DIGEST :]
    if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : len(_MAGIC) + _DIGEST] != checksum(key, body):
        return None
    try:
        stamps, loaded = pickle.loads(body)  # written by _write below, under a digest of the key and itself
        if any(_stamp(path) != stamp for path, stamp in stamps):
            return None  # an image was replaced or removed since
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return loaded if isinstance(loaded, Loaded) else None


def _write(folder: Path, entry: Path, key: bytes, loaded: Loaded) -> None:
    try:
        stamps = [(path, _stamp(path)) for path in loaded.files]
        body = pickle.dumps((stamps, loaded), protocol=pickle.HIGHEST_PROTOCOL)
        if write_atomically(entry, _MAGIC + checksum(key, body) + body):
            _prune(folder)
    except OSError:  # an image gone meanwhile, or another build pruning at the same time
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
