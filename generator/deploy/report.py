"""What `qunma deploy` prints, and the small JSON result it leaves for `qunma notify` and CI.

The result file (`qunma deploy --result FILE`) is written on success and on failure alike, atomically:
    {"version": 1, "ok": true|false, "dry_run": bool, "target": "host/bucket" | null,
     "phase": "done" | where it stopped (config, site, read, assets, pages, manifest, delete, state),
     "reason": one line in the site's language ("" on success), "uploaded": n, "uploaded_bytes": n,
     "deleted": n, "unchanged": n | null, "purge": {"status": "ok|failed|skipped|none", "urls": n,
     "reason": "…"}, "seconds": s, "finished": ISO 8601 UTC}
No secret is ever in it: reasons are the same scrubbed lines the command prints.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generator.deploy.purge import PurgeResult
from generator.deploy.run import DeployFailed, Outcome
from generator.messages import t

RESULT_VERSION = 1


def plan_lines(outcome: Outcome, lang: str) -> list[str]:
    """The dry run: every upload, delete and purge the deploy would make, then the counts."""
    plan = outcome.plan
    lines = [f"  + {u.path}  ({u.content_type}; {u.cache_control})" for u in plan.uploads]
    lines += [f"  - {path}" for path in plan.deletes]
    lines += [f"  ~ {url}" for url in plan.purge]
    counts = _counts(outcome, lang)
    return [t(lang, "deploy_dry_run_title"), *lines, t(lang, "deploy_dry_run_done", **counts)]


def done_lines(outcome: Outcome, target: str, lang: str) -> list[str]:
    counts = _counts(outcome, lang) | {"target": target, "seconds": f"{outcome.seconds:.1f}"}
    key = "deploy_nothing" if outcome.plan.changes_nothing() else "deploy_done"
    lines = [t(lang, key, **counts)]
    status = outcome.purge.status
    if status != "none":
        lines.append(t(lang, f"deploy_purge_{status}", count=outcome.purge.urls, reason=outcome.purge.reason))
    return lines


def _counts(outcome: Outcome, lang: str) -> dict[str, object]:
    plan = outcome.plan
    return {
        "uploads": len(plan.uploads),
        "size": _size(plan.upload_bytes),
        "deletes": len(plan.deletes),
        "kept": len(plan.kept),
        "unchanged": plan.unchanged,
        "purges": len(plan.purge),
    }


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 1024:.1f} KB"


def result_document(
    outcome: Outcome | None, failure: Exception | None, target: str | None, *, dry_run: bool
) -> dict[str, Any]:
    """The result as a JSON-ready dict: from an outcome, or from the error that stopped the deploy."""
    progress = (
        outcome.progress if outcome else failure.progress if isinstance(failure, DeployFailed) else None
    )
    purge = outcome.purge if outcome else PurgeResult("none", 0)
    seconds = outcome.seconds if outcome else failure.seconds if isinstance(failure, DeployFailed) else 0.0
    return {
        "version": RESULT_VERSION,
        "ok": failure is None,
        "dry_run": dry_run,
        "target": target,
        "phase": "done" if failure is None else progress.phase if progress else "config",
        "reason": "" if failure is None else str(failure),
        "uploaded": progress.uploaded if progress else 0,
        "uploaded_bytes": progress.uploaded_bytes if progress else 0,
        "deleted": progress.deleted if progress else 0,
        "unchanged": outcome.plan.unchanged if outcome else None,
        "purge": {"status": purge.status, "urls": purge.urls, "reason": purge.reason},
        "seconds": seconds,
        "finished": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def write_result(path: Path, document: dict[str, Any]) -> None:
    """Write the result file atomically (a reader never sees half of it)."""
    data = (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".qunma-deploy-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
