"""What is live in the bucket, as the last successful deploy left it: qunma-deploy.json, written last.

`files`: every object the live site consists of, with its content hash. `retired`: objects no page of the
site needs any more but which are kept for a grace period (HTML cached in a CDN or a phone may still point
at them), with the time they became unneeded. The document is read back bounded and checked: it is the
only thing that decides what gets deleted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from generator.common.httpclient import Limits, NetError, parse_json
from generator.common.remotetext import excerpt
from generator.errors import QunmaError
from generator.messages import t

VERSION = 1
MAX_BYTES = 64 * 2**20  # ~500,000 files
LIMITS = Limits(max_bytes=MAX_BYTES, max_depth=8, max_values=4_000_000)
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Retired:
    sha256: str
    since: datetime  # when a deploy first found no page needing it (UTC)


@dataclass(frozen=True)
class Live:
    files: dict[str, str] = field(default_factory=dict)  # path → sha256 of what is live
    retired: dict[str, Retired] = field(default_factory=dict)
    deployed: datetime | None = None  # None: nothing was ever deployed here


def is_safe_key(path: str) -> bool:
    """A relative path with "/" and no "..", empty, "." or absolute part: what a site file can be."""
    parts = path.split("/")
    return bool(path) and "\\" not in path and all(p not in ("", ".", "..") for p in parts)


def state_json(live: Live) -> bytes:
    """The document's bytes (sorted keys: the same state gives the same bytes)."""
    document = {
        "version": VERSION,
        "deployed": _iso(live.deployed) if live.deployed else None,
        "files": dict(sorted(live.files.items())),
        "retired": {p: [r.sha256, _iso(r.since)] for p, r in sorted(live.retired.items())},
    }
    return (json.dumps(document, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode("utf-8")


def parse_state(raw: bytes, source: str, lang: str) -> Live:
    """Live from the document's bytes; QunmaError naming `source` when it is not one."""

    def invalid(detail: str) -> QunmaError:
        return QunmaError(t(lang, "deploy_state_invalid", source=source, detail=detail))

    try:
        document = parse_json(raw, LIMITS)
    except NetError as exc:
        raise invalid(exc.describe(lang)) from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise invalid(f"version {excerpt(document.get('version') if isinstance(document, dict) else None)}")
    files, retired = document.get("files"), document.get("retired")
    if not isinstance(files, dict) or not isinstance(retired, dict):
        raise invalid("files/retired")
    for path, sha in files.items():
        if not is_safe_key(path) or not isinstance(sha, str) or not _SHA256.fullmatch(sha):
            raise invalid(f"files: {excerpt(path, 80)}")
    kept: dict[str, Retired] = {}
    for path, entry in retired.items():
        since = _time(entry[1]) if isinstance(entry, list) and len(entry) == 2 else None
        if not is_safe_key(path) or since is None or not _SHA256.fullmatch(str(entry[0])):
            raise invalid(f"retired: {excerpt(path, 80)}")
        kept[path] = Retired(str(entry[0]), since)
    return Live(dict(files), kept, _time(document.get("deployed")))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None
