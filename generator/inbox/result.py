"""What a refresh did, typed, and kept as JSON for `qunma notify` ("inbox images applied or refused").

Every `qunma refresh` that is not a dry run (and `qunma ci inbox`) writes RESULT_FILE in the cache folder
beside campaigns.yml (.qunma-cache/inbox-result.json), atomically, whatever the outcome:

    {"version": 1, "when": "2026-11-23T10:00:00+08:00", "outcome": "applied" | "refused" | "nothing",
     "ocr": true,
     "applied": [{"image": "qr/inbox/a.png", "campaign": "autumn", "group": "g1", "name": "拾光咖啡福利1群",
                  "new_group": false, "stored": "qr/autumn-g1-2026-11-30.png", "valid_until": "2026-11-30",
                  "written": {"qr": "qr/autumn-g1-2026-11-30.png", "issued": "2026-11-23 00:00"},
                  "name_from": "image"}],
     "skipped": [{"image": "…", "reason": "superseded" | "same_code" | "stale", "message": "…",
                  "campaign": "autumn", "group": "g1"}],
     "refused": [{"image": "…", "reason": "inbox_name_unknown", "message": "…"}]}

"refused" means nothing was changed (all or nothing) and every image stayed in the inbox; `applied`
then lists what would have been applied. `read_result` reads it back as a RefreshResult (None when there
is none or it is not one); messages are in the site's language.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.common.cachefile import write_atomically
from generator.common.regularfile import read_regular

RESULT_FILE = "inbox-result.json"
VERSION = 1
_LIMIT = 4 << 20


@dataclass(frozen=True)
class Applied:
    image: str  # the inbox file, relative to the folder of campaigns.yml
    campaign: str
    group: str
    name: str
    new_group: bool
    stored: str  # where the image is now (qr/…), as written in qr:
    valid_until: str | None  # the last valid day printed on the image (None: a permanent WeCom code)
    written: dict[str, str]  # campaigns.yml key → the value written
    name_from: str  # "image" (read on it) or "file" (its file name)


@dataclass(frozen=True)
class Skipped:
    image: str
    reason: str  # "superseded" (a newer image of the group), "same_code" (already in), "stale" (older)
    message: str
    campaign: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class Refused:
    image: str
    reason: str  # the message's catalogue key, e.g. "inbox_name_unknown"
    message: str


@dataclass(frozen=True)
class RefreshResult:
    when: str  # the refresh time (ISO 8601)
    outcome: str  # "applied", "refused", "nothing" (or "dry_run", never written)
    ocr: bool  # names and dates were read on the images (the `ocr` extra is installed)
    applied: tuple[Applied, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    refused: tuple[Refused, ...] = ()
    version: int = field(default=VERSION)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_result(cache: Path, result: RefreshResult) -> bool:
    """Keep result as cache/RESULT_FILE; False when it could not be written (the refresh stands)."""
    return write_atomically(cache / RESULT_FILE, result.to_json().encode("utf-8"))


def read_result(cache: Path) -> RefreshResult | None:
    """The last refresh's result kept in cache, or None."""
    try:
        data = json.loads(read_regular(cache / RESULT_FILE, _LIMIT))
        return _result(data)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def _result(data: Any) -> RefreshResult:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("not a refresh result")
    return RefreshResult(
        when=str(data["when"]),
        outcome=str(data["outcome"]),
        ocr=bool(data["ocr"]),
        applied=tuple(Applied(**item) for item in data["applied"]),
        skipped=tuple(Skipped(**item) for item in data["skipped"]),
        refused=tuple(Refused(**item) for item in data["refused"]),
    )
