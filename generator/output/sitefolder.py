"""The site folder: never one that holds anything but a site, and replaced whole whatever happens.

A build makes the new site in `.<site>.next` beside the site folder (nextsite.py: from the site before, only
what changed written), then swaps it in: on Linux in one atomic step (renameat2 with RENAME_EXCHANGE: the
two names trade places), elsewhere by two renames that park the old site as `.<site>.old-<random>` for an
instant. The old site is not deleted: it stays as `.<site>.next`, where the next build starts from. So a
`kill -9` at any moment leaves the site folder holding the old site or the new one, or (only in that
instant between two renames) missing while the old one is parked. A lock on `.<site>.lock` (flock: the
kernel releases it when its holder dies) is held for the whole build, so the folders a build finds beside
the site when it starts were left by a killed one: it puts a parked old site back if the site is missing
(else keeps it as the next build's start), and deletes the rest.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import QunmaError, display_path
from generator.input.load import STATUS_FILE
from generator.messages import t
from generator.model import Project
from generator.output.nextsite import NextSite
from generator.render.manifest import MANIFEST_PATH

if sys.platform != "win32":
    import fcntl

LOCK_WAIT = 60.0  # seconds a build waits for another build of the same site before it gives up
_POLL = 0.1
_BUILDING, _OLD, _NEXT = "building-", "old-", "next"
# flock on a file system that cannot lock (some network mounts): build without the lock, as before.
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL}


@dataclass(frozen=True)
class Inputs:
    """What a build reads, so what the site folder, which a build replaces whole, must never hold."""

    project: Path  # the folder of campaigns.yml
    docs: Path  # the folder of the site's own pages (MkDocs' docs_dir)
    files: tuple[Path, ...]  # campaigns.yml, pool-status.yml, mkdocs.yml
    images: tuple[Path, ...] = ()  # as the loader gives them: links already followed

    @classmethod
    def of(cls, campaigns: Path, status: Path | None, config_file: Path | None, docs: Path) -> Inputs:
        """What is known before campaigns.yml is loaded (status None: pool-status.yml beside it)."""
        files = [campaigns, status or campaigns.parent / STATUS_FILE]
        files += [config_file] if config_file else []
        return cls(campaigns.resolve().parent, docs, tuple(files))

    def with_images(self, project: Project) -> Inputs:
        """Also the images campaigns.yml names (group codes and the brand logo)."""
        images = [g.qr_image for c in project.campaigns for g in c.groups] + [project.site.brand.logo]
        return replace(self, images=tuple(path for path in images if path is not None))


def refuse_unsafe(site: Path, inputs: Inputs, lang: str) -> None:
    """QunmaError when replacing the folder `site` could delete anything but a site qunma built."""
    site = site.resolve()
    shown = display_path(site)
    project, docs = inputs.project.resolve(), inputs.docs.resolve()
    if project.is_relative_to(site):
        raise QunmaError(t(lang, "site_dir_project", site=shown, project=display_path(project)))
    if docs.is_relative_to(site) or site.is_relative_to(docs):
        raise QunmaError(t(lang, "site_dir_docs", site=shown, docs=display_path(docs)))
    held = next(_inside(site, inputs), None)
    if held is not None:
        raise QunmaError(t(lang, "site_dir_input", site=shown, file=display_path(held)))
    if os.path.lexists(site / ".git"):
        raise QunmaError(t(lang, "site_dir_git", site=shown))
    if _foreign(site):
        raise QunmaError(t(lang, "site_dir_foreign", site=shown, manifest=MANIFEST_PATH))


def _inside(site: Path, inputs: Inputs) -> Iterator[Path]:
    """The inputs that lie in site: files as written or once links are followed; images as the loader
    resolved them (string comparisons only: a project may name 10,000 images)."""
    whole, prefix = str(site), str(site) + os.sep
    for file in inputs.files:
        if any(p == whole or p.startswith(prefix) for p in (os.path.abspath(file), os.path.realpath(file))):
            yield file
    for image in inputs.images:
        if str(image).startswith(prefix):
            yield image


def _foreign(site: Path) -> bool:
    """Whether site is something other than a site qunma built: not a folder, or one with visible entries
    but no manifest (hidden entries alone, e.g. .DS_Store or what MkDocs keeps when it cleans, are fine)."""
    if not os.path.lexists(site):
        return False
    if not site.is_dir():
        return True
    with os.scandir(site) as entries:
        visible = any(not entry.name.startswith(".") for entry in entries)
    return visible and not (site / MANIFEST_PATH).is_file()


@dataclass
class Staging:
    """Where a build puts the new site: MkDocs writes into `made`; qunma hands its own files to `files`."""

    made: Path  # an empty folder beside the site
    files: dict[str, bytes] = field(default_factory=dict)  # site path → bytes


@contextmanager
def replacing(site: Path, lang: str, on_wait: Callable[[float], None] | None = None) -> Iterator[Staging]:
    """Lock the site folder, clean up after killed builds and yield where to build; when the block ends
    without an error, what was built becomes the site (the old one kept as the next build's start).
    on_wait(seconds): called once when another build holds the lock (for at most that long)."""
    site.parent.mkdir(parents=True, exist_ok=True)
    with _locked(site, lang, on_wait):
        recover(site)
        staging = Staging(_beside(site, _BUILDING))
        staging.made.mkdir(mode=0o777)  # as the umask allows, not private: a web server must read the site
        try:
            yield staging
            following = _next_folder(site)
            NextSite(following, site).update(staging.files, staging.made)
            publish(following, site)
        finally:
            shutil.rmtree(staging.made, ignore_errors=True)  # what MkDocs wrote that the site held already


def next_folder(site: Path) -> Path:
    """Where the next site is made: `.<site>.next` beside the site folder."""
    return site.parent / f".{site.name}.{_NEXT}"


def _next_folder(site: Path) -> Path:
    """The next site's folder, a real folder (a link or file in its place is removed, never followed)."""
    following = next_folder(site)
    if os.path.lexists(following) and not (following.is_dir() and not following.is_symlink()):
        os.unlink(following)
    if not os.path.lexists(following):
        following.mkdir(mode=0o777)
    return following


def recover(site: Path) -> None:
    """Undo what killed builds left beside the site: put a parked old site back if the site is missing, or
    keep it as the next build's start, then delete the rest. Only under the lock: then no other build is
    using any of these folders."""
    prefix = f".{site.name}."
    with os.scandir(site.parent) as entries:
        names = sorted(entry.name for entry in entries if entry.name.startswith(prefix))
    parked = [site.parent / name for name in names if name[len(prefix) :].startswith(_OLD)]
    if parked and not os.path.lexists(site):
        os.rename(parked.pop(), site)
    for old in parked:
        if not os.path.lexists(next_folder(site)):
            os.rename(old, next_folder(site))
            continue
        os.rename(old, garbage := _beside(site, _BUILDING))  # first, so that it is never taken for whole
        shutil.rmtree(garbage, ignore_errors=True)
    for name in names:
        if name[len(prefix) :].startswith(_BUILDING):
            shutil.rmtree(site.parent / name, ignore_errors=True)


def publish(following: Path, site: Path) -> None:
    """Put the finished site in place; the old one is left under following's name, for the next build."""
    if not os.path.lexists(site):
        os.rename(following, site)
    elif not _exchange(following, site):
        parked = _beside(site, _OLD)
        os.rename(site, parked)
        try:
            os.rename(following, site)
        except OSError:
            os.rename(parked, site)
            raise
        with suppress(OSError):  # the new site is in place; a parked old one left is kept next time
            os.rename(parked, following)


def _beside(site: Path, kind: str) -> Path:
    return site.parent / f".{site.name}.{kind}{secrets.token_hex(6)}"


@contextmanager
def _locked(site: Path, lang: str, on_wait: Callable[[float], None] | None) -> Iterator[None]:
    """Hold `.<site>.lock` for the block; wait a bounded time for another build of the same site."""
    path = site.parent / f".{site.name}.lock"
    deadline = time.monotonic() + LOCK_WAIT
    while (handle := _lock(path)) is None:
        if time.monotonic() >= deadline:
            shown, lock = display_path(site), display_path(path)
            raise QunmaError(t(lang, "site_dir_busy", site=shown, seconds=round(LOCK_WAIT), lock=lock))
        if on_wait is not None:
            on_wait(LOCK_WAIT)
            on_wait = None  # said once
        time.sleep(_POLL)
    try:
        yield
    finally:
        with suppress(OSError):
            os.unlink(path)  # while still locked, so that no one can be holding a lock on a removed file
        os.close(handle)


def _lock(path: Path) -> int | None:
    """A handle holding the lock on the file at path, or None while another build holds it."""
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if sys.platform != "win32":  # Windows has no flock: builds there are not kept apart
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            return None
        except OSError as exc:
            if exc.errno not in _NO_LOCKING:
                os.close(handle)
                raise
        if _still_there(handle, path):
            return handle
        os.close(handle)  # its holder removed it on finishing: lock the file that is there now


def _still_there(handle: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one atomic step; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (2.28 and later; the Linux system call is older), or None."""
    if sys.platform != "linux":
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
