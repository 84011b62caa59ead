"""`qunma deploy`: the site folder → the bucket, incrementally, in the order changes.py explains.

Requests of one phase run in parallel (WORKERS at a time); a phase starts only when the one before it has
fully succeeded, and the first failure stops the deploy: requests not yet started are never sent, and the
state is not written, so the next deploy redoes whatever is missing. The whole command runs under one
deadline (Storage checks it before every attempt); the purge hook has its own bound.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from generator.common.oserrors import os_problem
from generator.deploy.changes import DeployPlan, Upload, make_plan
from generator.deploy.purge import PurgeResult, purge
from generator.deploy.sitefiles import STATE_KEY, read_file, scan_site
from generator.deploy.state import MAX_BYTES, Live, parse_state, state_json
from generator.deploy.storage import WORKERS, Storage
from generator.deploy.target import Target
from generator.errors import QunmaError, display_path
from generator.messages import t

T = TypeVar("T")


@dataclass
class Progress:
    """What a deploy got done so far: in the result file and the error message when it fails."""

    phase: str = "site"  # site, read, assets, pages, manifest, delete, state, purge, done
    uploaded: int = 0
    uploaded_bytes: int = 0
    deleted: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


@dataclass(frozen=True)
class Outcome:
    plan: DeployPlan
    dry_run: bool
    progress: Progress
    purge: PurgeResult
    seconds: float


class DeployFailed(QunmaError):
    """The deploy stopped; the live site is as consistent as before (see changes.py)."""

    def __init__(self, message: str, progress: Progress, seconds: float) -> None:
        super().__init__(message)
        self.progress, self.seconds = progress, seconds


def deploy(
    site_dir: Path,
    target: Target,
    *,
    base_url: str,
    lang: str,
    now: datetime,
    dry_run: bool = False,
    storage: Callable[[Target, str, float], Storage] = Storage,
) -> Outcome:
    """Make the bucket hold the site folder; DeployFailed (printable, no secret in it) when it cannot."""
    started = time.monotonic()
    progress = Progress()
    try:
        site = scan_site(site_dir, lang)
        bucket = storage(target, lang, started)
        with bucket.scrubbed_logs():
            progress.phase = "read"
            raw = bucket.get(STATE_KEY, MAX_BYTES)
            live = Live() if raw is None else parse_state(raw, f"{target.describe()}/{STATE_KEY}", lang)
            plan = make_plan(
                site, live, now, grace=target.grace, html_max_age=target.html_max_age, base_url=base_url
            )
            if dry_run:
                return Outcome(plan, True, progress, PurgeResult("none", len(plan.purge)), _since(started))
            _apply(bucket, site_dir, plan, live, progress, lang)
    except QunmaError as exc:
        raise _failed(str(exc), progress, started, lang) from None
    except OSError as exc:  # the site folder could not be read (a file vanished, permissions …)
        raise _failed(os_problem(exc, lang), progress, started, lang) from None
    progress.phase = "purge"
    purged = purge(plan.purge, target.purge_command, target.purge_timeout, target.secrets(), lang)
    progress.phase = "done"
    return Outcome(plan, False, progress, purged, _since(started))


def _apply(
    bucket: Storage, site_dir: Path, plan: DeployPlan, live: Live, progress: Progress, lang: str
) -> None:
    for phase, uploads in (("assets", plan.assets), ("pages", plan.pages), ("manifest", plan.manifest)):
        progress.phase = phase
        _parallel(uploads, lambda u: _upload(bucket, site_dir, u, progress, lang))
    progress.phase = "delete"
    _parallel(plan.deletes, lambda path: _delete(bucket, path, progress))
    if plan.state.files != live.files or plan.state.retired != live.retired:
        progress.phase = "state"
        short = f"public, max-age={bucket.target.html_max_age}"
        bucket.put(STATE_KEY, state_json(plan.state), "application/json; charset=utf-8", short)


def _upload(bucket: Storage, site_dir: Path, upload: Upload, progress: Progress, lang: str) -> None:
    data = read_file(site_dir, upload.path)
    if hashlib.sha256(data).hexdigest() != upload.sha256:  # rebuilt while deploying: stop, redo later
        raise QunmaError(t(lang, "deploy_site_changed", path=display_path(site_dir / upload.path)))
    bucket.put(upload.path, data, upload.content_type, upload.cache_control)
    with progress.lock:
        progress.uploaded += 1
        progress.uploaded_bytes += len(data)


def _delete(bucket: Storage, path: str, progress: Progress) -> None:
    bucket.delete(path)
    with progress.lock:
        progress.deleted += 1


def _parallel(items: Sequence[T], work: Callable[[T], None]) -> None:
    """work(item) for every item, WORKERS at a time; the first exception stops the rest and is raised."""
    if not items:
        return
    stop = threading.Event()

    def guarded(item: T) -> None:
        if not stop.is_set():  # after a failure, nothing new is sent
            work(item)

    with ThreadPoolExecutor(max_workers=min(WORKERS, len(items))) as pool:
        futures = [pool.submit(guarded, item) for item in items]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        first = next((f.exception() for f in done if f.exception() is not None), None)
        if first is not None:
            stop.set()
            for future in futures:
                future.cancel()
    # Leaving the pool waited for the requests already in flight.
    if first is not None:
        raise first


def _failed(detail: str, progress: Progress, started: float, lang: str) -> DeployFailed:
    key = f"deploy_failed_{progress.phase}" if progress.phase in _PHASE_MESSAGES else "deploy_failed"
    message = t(lang, key, detail=detail, uploaded=progress.uploaded, deleted=progress.deleted)
    return DeployFailed(message, progress, _since(started))


_PHASE_MESSAGES = frozenset({"site", "read", "assets", "pages", "manifest", "delete", "state"})


def _since(started: float) -> float:
    return round(time.monotonic() - started, 3)
