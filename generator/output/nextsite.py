"""The next site, made from the one before it: every file checked, only what changed written.

On a real disk a build pays for creating and deleting files, not for making their bytes: on ext4 without
a journal (this project's VM) creating one also scans past every inode freed in the last minutes, so a
site written into an empty folder after the old one was deleted cost a rebuild two thirds of its time. So
a build does not write the site into an empty folder: it brings `.<site>.next` up to date, which holds
the site before the current one (the swap leaves it there; nothing is deleted) or what a killed build
left. Every file it must hold is compared byte for byte with what the build made: kept when equal; else
hard-linked from the current site when that one already holds those bytes (no new inode, no data
written); else written. Whatever else is in it goes. In an empty folder (a first build, a CI run) half of
the files and folders are made by a forked helper on the other core: the kernel's work is the cost.

Files are never written in place: a changed file is removed and created anew, so a file shared (hard
linked) with the current site is never touched through the other name, and the current site stays as it
was until the swap. Nothing here trusts what the folder held before: a stale, half-updated or tampered
one ends up byte-identical to a site built into an empty folder.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from generator.common.beside import beside

StrPath = str | os.PathLike[str]
_FOLDER, _FILE, _OTHER = "d", "f", "o"
_CHUNK = 1 << 20
BESIDE_FROM = 2000  # files from which writing half of them in a forked process pays (~20 ms a fork)
_NO_LINKS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NO_LINKS  # never blocking on a FIFO
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_LINKS
# link() failing for these means the file system cannot link here (or not this file): write instead
_CANNOT_LINK = {errno.EPERM, errno.EACCES, errno.EMLINK, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP}


def entries(root: Path) -> dict[str, str]:
    """Every entry under root by relative path ("a/b.png"): "d" a folder, "f" a regular file, "o" anything
    else (a link is never followed)."""
    found: dict[str, str] = {}
    folders = [""]
    while folders:
        here = folders.pop()
        with os.scandir(os.path.join(root, here)) as listing:
            for entry in listing:
                path = here + entry.name
                if entry.is_dir(follow_symlinks=False):
                    found[path] = _FOLDER
                    folders.append(path + "/")
                else:
                    found[path] = _FILE if entry.is_file(follow_symlinks=False) else _OTHER
    return found


class NextSite:
    """Brings `folder` to hold exactly the given files, reusing what it and the current site hold."""

    def __init__(self, folder: Path, current: Path | None = None) -> None:
        self.folder = folder
        self.current = current  # the site now published, if any: read and linked from, never changed
        self.linking = current is not None and os.path.isdir(current)  # until the file system refuses a link
        self._present: dict[str, str] = {}
        self._copy = False
        # Paths as strings: 18,000 files, each joined to both folders, are a tenth of a rebuild in pathlib.
        self._into, self._from = os.path.join(folder, ""), os.path.join(current or folder, "")

    def update(self, files: Mapping[str, bytes], made: Path, *, copy: bool = False) -> None:
        """Make folder hold files (site path → bytes) and every entry under made (what MkDocs wrote, taken
        by renaming, or copied when copy; it wins over files at the same path, as MkDocs' later writes win),
        and nothing else."""
        self._copy = copy
        self._present = entries(self.folder)
        moved = entries(made)
        own = sorted(files.keys() - moved.keys())
        first, second = halves(own)
        # Creating files and folders costs the kernel more than making their bytes cost us: half of them
        # (whole top-level folders, so that the two processes never meet) are made on the other core.
        with beside(lambda: self._make(second, files), worth_it=len(second) >= BESIDE_FROM) as other:
            self._make(first, files)
            other.result()
        folders = {parent for path in own for parent in _parents(path)}
        self._present.update(dict.fromkeys(folders, _FOLDER))  # made here or beside
        for path, kind in sorted(moved.items()):  # a folder sorts before what is in it
            if kind == _FOLDER:
                self._folder(path)
                folders.add(path)
            else:
                self._take(path, made / path, kind)
        self._remove_all_but(folders | files.keys() | moved.keys())

    def _make(self, paths: list[str], files: Mapping[str, bytes]) -> bool:
        for folder in sorted({parent for path in paths for parent in _parents(path)}):
            self._folder(folder)
        for path in paths:
            self._put(path, files[path])
        return True

    def _put(self, path: str, content: bytes) -> None:
        target = self._into + path
        kind = self._present.get(path)
        if kind == _FILE and holds(target, content):
            return
        if kind is not None:
            clear(target)
        try:
            self._link_or_write(path, content)
        except FileExistsError:  # made since the folder was listed, by a helper that then failed
            clear(target)
            self._link_or_write(path, content)

    def _link_or_write(self, path: str, content: bytes) -> None:
        if self.linking and holds(self._from + path, content):
            try:
                os.link(self._from + path, self._into + path, follow_symlinks=False)
                return
            except OSError as exc:
                if exc.errno not in _CANNOT_LINK:
                    raise
                self.linking = False
        write_new(self._into + path, content)

    def _take(self, path: str, source: Path, kind: str) -> None:
        target = self.folder / path
        present = self._present.get(path)
        if kind == _FILE == present and same_files(source, target):
            return
        if present is not None:
            clear(target)
        if self._copy:
            shutil.copyfile(source, target, follow_symlinks=False)
        else:
            os.rename(source, target)

    def _folder(self, path: str) -> None:
        kind = self._present.get(path)
        if kind == _FOLDER:
            return
        target = self._into + path
        if kind is not None:
            clear(target)
        try:
            os.mkdir(target, 0o777)  # as the umask allows, as MkDocs makes them
        except FileExistsError:  # made by a helper that then failed
            if not stat.S_ISDIR(os.lstat(target).st_mode):
                raise
        self._present[path] = _FOLDER

    def _remove_all_but(self, keep: set[str]) -> None:
        """Remove what the folder held that the new site does not: innermost first (gone already is fine:
        a file's path may have held a folder, which went whole)."""
        for path in sorted(self._present.keys() - keep, reverse=True):
            with suppress(FileNotFoundError):
                if self._present[path] == _FOLDER:
                    os.rmdir(self._into + path)
                else:
                    os.unlink(self._into + path)
            del self._present[path]


def halves(paths: list[str]) -> tuple[list[str], list[str]]:
    """Sorted site paths in two parts of about the same work (a file or folder to make), never splitting a
    top-level folder between them."""
    seen: set[str] = set()
    work = []
    for path in paths:
        new = [parent for parent in _parents(path) if parent not in seen]
        seen.update(new)
        work.append(1 + len(new))
    total, done = sum(work), 0
    for index, path in enumerate(paths):
        if index and done * 2 >= total and _top(path) != _top(paths[index - 1]):
            return paths[:index], paths[index:]
        done += work[index]
    return paths, []


def _top(path: str) -> str:
    return path.split("/", 1)[0]


def clear(path: StrPath) -> None:
    """Remove whatever is at path: a folder with everything in it, a file, a link (never followed)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _parents(path: str) -> list[str]:
    """The folders above a site path, outermost first: "a/b/c.png" → ["a", "a/b"]."""
    parents = []
    slash = path.find("/")
    while slash != -1:
        parents.append(path[:slash])
        slash = path.find("/", slash + 1)
    return parents


def holds(path: StrPath, content: bytes) -> bool:
    """Whether path is a regular file holding exactly content (never following a link or blocking on a
    FIFO; reading at most one byte more than content)."""
    try:
        handle = os.open(path, _READ)
    except OSError:
        return False
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
            return False
        found = bytearray()
        while len(found) <= len(content) and (chunk := os.read(handle, len(content) + 1 - len(found))):
            found += chunk
        return found == content
    finally:
        os.close(handle)


def same_files(first: Path, second: Path) -> bool:
    """Whether two regular files hold the same bytes (read in chunks: MkDocs copies the site's own
    images and downloads, which may be large)."""
    with open(first, "rb") as one, open(second, "rb") as other:
        if os.fstat(one.fileno()).st_size != os.fstat(other.fileno()).st_size:
            return False
        while (chunk := one.read(_CHUNK)) == other.read(_CHUNK):
            if not chunk:
                return True
    return False


def write_new(path: StrPath, content: bytes) -> None:
    """Create the file at path (nothing may be there) holding content."""
    handle = os.open(path, _CREATE, 0o666)  # as the umask allows, as MkDocs writes them
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)
