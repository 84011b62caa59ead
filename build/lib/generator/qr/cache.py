"""QR images for a build: rendered once per content, kept between builds, misses spread over the cores.

A code's image depends only on (link, scale, border, logo content, encoder version), so its PNG is stored
under the sha256 of those (as mkdocs-material's social plugin keeps its cards). The store is one pack
file, `<folder>/images.pack`, read whole and rewritten whole, atomically, holding exactly the codes of the
last build: measured on 10,000 codes, a pack reads in 0.04 s and writes in 0.03 s where one file a code
took 0.44 s and 1.5 s; and CI (actions/cache) saves and restores one file. Every entry is sealed with an
HMAC of its key and bytes under the cache key (cachekey.py), which is not in the cache: an entry forged by
someone who can write the cache (a scam link's image under a real link's key) does not pass, nor does a
truncated, corrupted or foreign one; the code is then rendered afresh, so a cache can make a build faster
but never different. The pack is read only when it is a regular file within a bound (so neither a FIFO nor
a link to /dev/zero hangs the build or fills its memory), entry by entry, stopping at the first that does
not pass. A build that cannot write its cache, or has no key, still builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from generator.common.beside import fork_is_safe
from generator.common.cachefile import SEAL, open_regular, real_folder, seal, sealed, write_atomically
from generator.common.cachekey import cache_secret
from generator.common.regularfile import read_regular
from generator.qr.image import ENCODER_VERSION, qr_png

PACK = "images.pack"
_MAGIC = b"qunma-qr-pack 2\n"
_DIGEST = 32
_HEAD = _DIGEST + 4 + SEAL  # key, length of the PNG, seal
MAX_PNG = 4 << 20  # bytes of one PNG: a version-40 code at 10 px a module in 8-bit colour is 3.4 MB raw
_PER_CODE = 64 << 10  # bytes a code in a pack may take on average (real ones: 0.4 to 40 KB)
_PARALLEL_FROM = 400  # fewer misses render faster in this process than worker start-up (~0.3 s) costs
_CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class CodeRequest:
    """One QR image: the link it encodes, pixels a module, modules of quiet zone, optional centre logo."""

    link: str
    scale: int
    border: int = 4
    logo: Path | None = None


def render(request: CodeRequest) -> bytes:
    """The PNG of one request, rendered now (OSError when its logo is unreadable)."""
    return qr_png(request.link, scale=request.scale, border=request.border, logo=request.logo)


def _render_chunk(requests: list[CodeRequest]) -> list[bytes]:
    return [render(request) for request in requests]


class QrImages:
    """The PNGs of a build's codes: from the pack in `folder` (None: no cache) or rendered."""

    def __init__(self, folder: Path | None = None, *, workers: int | None = None) -> None:
        self.folder = folder
        self.workers = workers if workers is not None else available_cores()
        self.made: dict[CodeRequest, bytes] = {}
        self.hits = self.misses = 0
        self._pending: dict[CodeRequest, Future[list[bytes]]] = {}  # rendering in the background
        self._chunks: dict[Future[list[bytes]], list[CodeRequest]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._keys: dict[CodeRequest, bytes] = {}  # this build's codes, to be written to the pack
        self._stored: set[bytes] = set()  # what the pack held before
        self._secret: bytes | None = None  # the key that seals the pack's entries (None: no pack)

    def __enter__(self) -> QrImages:
        return self

    def __exit__(self, failure: type[BaseException] | None, *exc: object) -> None:
        if failure is None:
            self.finish()
        elif self._pool is not None:  # the build failed: stop rendering, keep the pack as it was
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def render_all(self, requests: Iterable[CodeRequest], *, later: Iterable[CodeRequest] = ()) -> None:
        """Make every request's PNG: cached ones from the pack, the rest rendered (in parallel when
        many); `later` ones may go on rendering in worker processes while this one does other work, until
        png() asks for one or finish(). The pack then holds exactly these codes. OSError: unreadable logo."""
        first = list(dict.fromkeys(requests))
        wanted = [request for request in dict.fromkeys([*first, *later]) if request not in self.made]
        logos = {logo: None if logo is None else _file_digest(logo) for logo in {r.logo for r in wanted}}
        keys = {request: cache_key(request, logos[request.logo]) for request in wanted}
        stored = self._read_pack(len(keys))
        missing = [request for request in wanted if keys[request] not in stored]
        needed = set(first)
        self.made |= {request: stored[keys[request]] for request in wanted if keys[request] in stored}
        self._keys, self._stored = keys, set(stored)
        self.hits, self.misses = self.hits + len(wanted) - len(missing), self.misses + len(missing)
        now = [request for request in missing if request in needed]
        self._start(now)  # one pool for both: the first chunks queued are the first done
        self._start([request for request in missing if request not in needed])
        for future in dict.fromkeys(self._pending[request] for request in now if request in self._pending):
            self._wait(future)
        if not self._chunks:
            self.finish()

    def _read_pack(self, codes: int) -> dict[bytes, bytes]:
        if self.folder is None or not real_folder(self.folder):
            return {}  # a folder that is a link (planted in a restored cache) is neither read nor written
        self._secret = cache_secret(b"qr")
        if self._secret is None:
            return {}
        return read_pack(self.folder / PACK, self._secret, pack_limit(codes))

    def _write_pack(self) -> None:
        if self.folder is not None and self._secret is not None and self._keys:
            kept = {key: self.made[request] for request, key in self._keys.items()}
            if kept.keys() != self._stored:
                write_pack(self.folder / PACK, kept, self._secret)
        self._keys = {}

    def _start(self, requests: list[CodeRequest]) -> None:
        if not _parallel(len(requests), self.workers):
            self.made |= dict(zip(requests, _render_chunk(requests), strict=True))
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_start_method())
        for chunk in _chunked(requests, self.workers):
            future = self._pool.submit(_render_chunk, chunk)
            self._chunks[future] = chunk
            self._pending |= dict.fromkeys(chunk, future)

    def _wait(self, future: Future[list[bytes]]) -> None:
        chunk = self._chunks.pop(future)
        try:
            pngs = future.result()
        except BrokenProcessPool:
            pngs = _render_chunk(chunk)
        self.made |= dict(zip(chunk, pngs, strict=True))
        for request in chunk:
            self._pending.pop(request, None)

    def finish(self) -> None:
        """Wait for codes still rendering, stop the workers, and leave the pack holding this build's codes."""
        try:
            for future in list(self._chunks):
                self._wait(future)
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
        self._write_pack()

    def png(self, request: CodeRequest) -> bytes:
        """The PNG of request: made by render_all (waiting for it if it is still rendering), else now."""
        future = self._pending.get(request)
        if future is not None:
            self._wait(future)
        if request not in self.made:
            self.made[request] = render(request)
        return self.made[request]


def available_cores() -> int:
    """The cores this process may run on (CI runners and containers often allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_many(requests: Sequence[CodeRequest], workers: int) -> list[bytes]:
    """The PNGs of requests, in order, with no cache; in `workers` processes when there are enough to pay
    for them. The result is the same bytes in the same order whichever way they were rendered."""
    with QrImages(None, workers=workers) as images:
        images.render_all(requests)
        return [images.png(request) for request in requests]


def _parallel(count: int, workers: int) -> bool:
    return workers >= 2 and count >= _PARALLEL_FROM


def _chunked(requests: Sequence[CodeRequest], workers: int) -> list[list[CodeRequest]]:
    size = -(-len(requests) // (workers * _CHUNKS_PER_WORKER))
    return [list(requests[i : i + size]) for i in range(0, len(requests), size)]


def _start_method() -> BaseContext:
    """fork on Linux when this process runs no other thread (fastest: nothing re-imported), else spawn:
    forking a threaded process (`qunma serve` runs a server thread) can deadlock (see beside.fork_is_safe)."""
    if threading.active_count() == 1 and fork_is_safe():
        return get_context("fork")
    return get_context("spawn")


def cache_key(request: CodeRequest, logo_digest: str | None) -> bytes:
    """sha256 of everything the PNG depends on; the logo by content, not by path."""
    parts = [ENCODER_VERSION, request.link, request.scale, request.border, logo_digest]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).digest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(read_regular(path)).hexdigest()


def pack_limit(codes: int) -> int:
    """The largest pack worth reading for a build of this many codes."""
    return len(_MAGIC) + codes * (_HEAD + _PER_CODE)


def read_pack(path: Path, secret: bytes, limit: int) -> dict[bytes, bytes]:
    """The entries of the pack at path that pass their seal, key → PNG, up to the first that does not;
    {} when it is missing, unreadable, not a regular file or larger than limit."""
    file = open_regular(path, limit)
    if file is None:
        return {}
    entries: dict[bytes, bytes] = {}
    with file:
        try:
            if file.read(len(_MAGIC)) != _MAGIC:
                return {}
            while len(head := file.read(_HEAD)) == _HEAD:
                key, check = head[:_DIGEST], head[-SEAL:]
                size = int.from_bytes(head[_DIGEST : _DIGEST + 4], "big")
                png = file.read(size) if size <= MAX_PNG else b""
                if len(png) != size or not sealed(secret, check, key, png):
                    break  # damaged, forged or cut short: nothing after it is framed right for sure
                entries[key] = png
        except OSError:
            pass  # what passed so far is good
    return entries


def write_pack(path: Path, entries: dict[bytes, bytes], secret: bytes) -> bool:
    """Replace the pack at path with entries, sealed with secret, atomically; False when it cannot be
    written. A PNG over MAX_PNG is left out (no reader would take it)."""
    body = b"".join(
        key + len(png).to_bytes(4, "big") + seal(secret, key, png) + png
        for key, png in sorted(entries.items())
        if len(png) <= MAX_PNG
    )
    return write_atomically(path, _MAGIC + body)
