"""Compiled templates kept between builds in .qunma-cache/templates/, sealed like every cache entry.

Jinja2 compiles each template it loads from its source (parse, generate Python, compile it) in every
process: mkdocs-material's page and its partials, which MkDocs renders after our files are made, and our
own pages. That was ~0.15 s of every build, most of it while the other core had nothing to do (measured:
MkDocs' one Markdown page 0.115 s → 0.007 s). Jinja's bytecode cache keeps the compiled code, but it is
Python code (marshal) that runs when the template renders: an entry is used only when its HMAC under the
cache key (cachekey.py, kept outside the cache) passes, so a cache written by anyone without the key is
never run. Jinja itself drops an entry whose template source changed (it keeps the source's checksum);
what else changes the compiled code — Jinja's and Python's versions, the environment's syntax and
options, its extensions' code — is part of the entry's name. A missing, damaged or foreign entry only
costs the compile; a folder that cannot be written, or no key, only costs the time.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from generator.common.cachefile import SEAL, read_regular, real_folder, seal, sealed, write_atomically
from generator.common.cachekey import cache_secret

FOLDER = "templates"  # inside the cache folder
SUFFIX = ".jinja"
KEEP = 300  # entries kept (mkdocs-material's and ours are ~35 a set): several versions built in turn
_MAGIC = b"qunma-template 1\n"
_LIMIT = 8 << 20  # an entry larger than this is no compiled template of ours


class SealedBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in `folder`, every entry sealed with `secret`; `kind` names the environment
    (what else than the source its compiled code depends on)."""

    def __init__(self, folder: Path, secret: bytes, kind: bytes) -> None:
        self.folder, self.secret, self.kind = folder, secret, kind

    def _entry(self, bucket: Bucket) -> tuple[Path, bytes]:
        name = hashlib.sha256(self.kind + b"\0" + bucket.key.encode()).digest()
        return self.folder / f"{name.hex()[:40]}{SUFFIX}", name

    def load_bytecode(self, bucket: Bucket) -> None:
        path, name = self._entry(bucket)
        data = read_regular(path, len(_MAGIC) + SEAL + _LIMIT)
        if data is None or not data.startswith(_MAGIC):
            return
        check, body = data[len(_MAGIC) : len(_MAGIC) + SEAL], data[len(_MAGIC) + SEAL :]
        if sealed(self.secret, check, _MAGIC, name, body):  # else nothing in it is looked at
            bucket.bytecode_from_string(body)  # Jinja checks its source checksum and format

    def dump_bytecode(self, bucket: Bucket) -> None:
        path, name = self._entry(bucket)
        body = bucket.bytecode_to_string()
        if write_atomically(path, _MAGIC + seal(self.secret, _MAGIC, name, body) + body):
            _prune(self.folder)


def sealed_cache(environment: Environment, folder: Path) -> SealedBytecodeCache | None:
    """A cache for environment's compiled templates in folder; None when none can be kept safely: no key,
    a folder that is a link (planted in a restored cache), or options whose effect cannot be named."""
    kind = _kind(environment)
    if kind is None or not real_folder(folder):
        return None
    secret = cache_secret(b"templates")
    return None if secret is None else SealedBytecodeCache(folder, secret, kind)


@contextmanager
def kept_in(environments: Iterable[Environment], folder: Path) -> Iterator[None]:
    """Keep the environments' compiled templates in folder for the block (and in processes forked in it)."""
    saved = [(environment, environment.bytecode_cache) for environment in environments]
    for environment, _ in saved:
        environment.bytecode_cache = sealed_cache(environment, folder)
    try:
        yield
    finally:
        for environment, cache in saved:
            environment.bytecode_cache = cache


def _kind(environment: Environment) -> bytes | None:
    """Everything besides a template's source that its compiled code depends on; None when an option is
    code whose effect cannot be named (an autoescape or finalize function)."""
    if not isinstance(environment.autoescape, bool) or environment.finalize is not None:
        return None
    env = environment
    parts: list[object] = [
        sys.version,
        getattr(jinja2, "__version__", ""),
        _class(type(env)),
        _class(env.code_generator_class),
        _class(env.context_class),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.autoescape,
        env.is_async,
        sorted(_class(type(extension)) for extension in env.extensions.values()),
    ]
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).digest()


_CLASSES: dict[type, str] = {}  # worked out once a process


def _class(kind: type) -> str:
    """A class by name and by the content of the file that defines it (an upgraded package compiles anew)."""
    if kind in _CLASSES:
        return _CLASSES[kind]
    try:
        source = inspect.getsourcefile(kind)
        digest = hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else ""
    except (OSError, TypeError):
        digest = ""
    _CLASSES[kind] = named = f"{kind.__module__}.{kind.__qualname__}:{digest}"
    return named


def _prune(folder: Path) -> None:
    with suppress(OSError):  # another build pruning at the same time
        with os.scandir(folder) as listing:
            entries = [
                (e.stat(follow_symlinks=False).st_mtime_ns, e.path)
                for e in listing
                if e.name.endswith(SUFFIX)
            ]
        for _, old in sorted(entries, reverse=True)[KEEP:]:
            with suppress(FileNotFoundError):
                os.unlink(old)
