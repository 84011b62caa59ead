"""pool-history.json: the member counts `qunma sync` read over the last two weeks, and how the last sync went.

Beside pool-status.yml, written by `qunma sync` only (atomically; campaigns.yml is never touched), read by
the build (the dashboard's seat charts) and `qunma notify` (the rate of joins, the sync warning). Small and
bounded: of the samples of the last 3 days one an hour is kept, of the 11 days before one every 6 hours, of
older ones none, so a group has at most ~120 samples (~2 KB) whatever the sync interval. It is read only as a
regular file of bounded size, and a damaged one counts as empty (with a warning): the next sync starts it
afresh. A build never fails because of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from generator.common.cachefile import read_regular
from generator.common.remotetext import shown
from generator.errors import display_path
from generator.input.bounds import MAX_MEMBERS
from generator.messages import t
from generator.model import CountSample, PoolHistory, PoolStatus, SyncOutcome

HISTORY_FILE = "pool-history.json"
VERSION = 1
KEEP = timedelta(days=14)  # "the last weeks": two of them
FINE = timedelta(days=3)  # within this, one sample an hour; before it, one every COARSE
COARSE = timedelta(hours=6)
MAX_BYTES = 32 * 2**20  # ~120 samples of ~16 bytes for each of 10,000 synced groups is 20 MB
MAX_SAMPLES = 200  # a group's list, read: more than compaction ever keeps
MAX_REASON = 500  # characters of a failed sync's reason
_FIRST, _LAST = 946_684_800, 253_402_300_799  # 2000-01-01 and 9999-12-31 (the loader's range of years)


def read_history(path: Path, lang: str) -> tuple[PoolHistory, list[str]]:
    """The history at path (empty when there is none) and warnings: a damaged file counts as empty."""
    if not path.exists():
        return PoolHistory(), []
    data = read_regular(path, MAX_BYTES)
    try:
        if data is None:
            raise ValueError("not a regular file of at most 32 MB")
        return _parsed(json.loads(data)), []
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
        detail = str(exc)[:120] if isinstance(exc, ValueError) else type(exc).__name__
        return PoolHistory(), [t(lang, "history_damaged", file=display_path(path), detail=detail)]


def _parsed(document: Any) -> PoolHistory:
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise ValueError(f"not version {VERSION} of pool-history.json")
    groups = document.get("groups", {})
    if not isinstance(groups, dict):
        raise ValueError("groups is not an object")
    parsed = {_key(key): _samples(rows) for key, rows in groups.items()}
    sync = document.get("sync")
    return PoolHistory(parsed, None if sync is None else _outcome(sync))


def _key(key: str) -> str:
    campaign, _, group = key.partition("/")
    if not campaign or not group or len(key) > 200 or not key.isprintable():
        raise ValueError(f"a group key is not campaign/group: {key[:60]!r}")
    return key


def _samples(rows: Any) -> tuple[CountSample, ...]:
    if not isinstance(rows, list) or len(rows) > MAX_SAMPLES:
        raise ValueError("a group's samples are not a list of at most 200")
    samples = tuple(CountSample(_time(at), _members(members)) for at, members in rows)
    if any(a.at >= b.at for a, b in zip(samples, samples[1:], strict=False)):
        raise ValueError("samples are not in time order")
    return samples


def _time(value: Any) -> datetime:
    if type(value) is not int or not _FIRST <= value <= _LAST:
        raise ValueError(f"a time is not seconds since 1970 within the years 2000-9999: {str(value)[:30]}")
    return datetime.fromtimestamp(value, UTC)


def _members(value: Any) -> int:
    if type(value) is not int or not 0 <= value <= MAX_MEMBERS:
        raise ValueError(f"a member count is not a whole number from 0 to {MAX_MEMBERS}")
    return value


def _outcome(value: Any) -> SyncOutcome:
    if not isinstance(value, dict) or type(value.get("ok")) is not bool:
        raise ValueError("sync is not an object with ok: true/false")
    errcode, reason = value.get("errcode"), value.get("reason", "")
    if errcode is not None and (type(errcode) is not int or abs(errcode) > 10**12):
        raise ValueError("sync.errcode is not a whole number")
    if not isinstance(reason, str) or len(reason) > MAX_REASON:
        raise ValueError("sync.reason is not a short text")
    # Escaped again: the file may have been written by someone else than `qunma sync`.
    return SyncOutcome(_time(value["at"]), value["ok"], errcode, shown(reason, MAX_REASON))


# --- recording -----------------------------------------------------------------------------------------


def recorded(history: PoolHistory, counts: dict[str, int], now: datetime) -> PoolHistory:
    """The history with the counts just read at `now`, compacted; groups not synced for KEEP dropped."""
    groups: dict[str, tuple[CountSample, ...]] = {}
    for key in sorted(set(history.groups) | set(counts)):
        samples = [sample for sample in history.groups.get(key, ()) if sample.at < now]
        if key in counts:
            samples.append(CountSample(now, counts[key]))
        kept = compacted(samples, now)
        if kept:
            groups[key] = kept
    return replace(history, groups=groups)


def compacted(samples: list[CountSample], now: datetime) -> tuple[CountSample, ...]:
    """The newest sample of each hour of the last FINE, and of each COARSE stretch before, within KEEP."""
    kept: dict[int, CountSample] = {}
    for sample in samples:  # oldest first: a later sample of the same stretch replaces an earlier one
        age = now - sample.at
        if age > KEEP:
            continue
        step = 3600 if age <= FINE else int(COARSE.total_seconds())
        kept[(int(sample.at.timestamp()) // step) * step] = sample
    return tuple(sorted(kept.values(), key=lambda sample: sample.at))


def observed(history: PoolHistory, status: PoolStatus, now: datetime) -> PoolHistory:
    """The history with pool-status.yml's counts as of its `updated:`, for the groups whose newest sample is
    older: counts a person typed, or that `qunma sync --push` committed from another machine, feed the rate
    of joins too. A status without `updated:`, or dated after now, adds nothing."""
    at = status.updated
    if at is None or at > now:
        return history
    groups = dict(history.groups)
    for key, group in status.groups.items():
        samples = groups.get(key, ())
        if group.members is not None and all(sample.at < at for sample in samples):
            groups[key] = compacted([*samples, CountSample(at, group.members)], now)
    return history if groups == history.groups else replace(history, groups=groups)


def with_outcome(history: PoolHistory, outcome: SyncOutcome) -> PoolHistory:
    """The history with how the sync just went."""
    return replace(history, last_sync=replace(outcome, reason=outcome.reason[:MAX_REASON]))


def history_text(history: PoolHistory) -> str:
    """The file's text: deterministic, one group a line (so that a committed copy diffs readably)."""
    head: dict[str, Any] = {"version": VERSION}
    if history.last_sync is not None:
        head["sync"] = _outcome_document(history.last_sync)
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1] + ', "groups": {']
    rows = [
        f"{json.dumps(key, ensure_ascii=False)}: {json.dumps([[_seconds(s.at), s.members] for s in samples])}"
        for key, samples in sorted(history.groups.items())
    ]
    lines.append(",\n".join(rows))
    lines.append("}}")
    return "\n".join(line for line in lines if line) + "\n"


def _outcome_document(outcome: SyncOutcome) -> dict[str, Any]:
    document: dict[str, Any] = {"at": _seconds(outcome.at), "ok": outcome.ok}
    if outcome.errcode is not None:
        document["errcode"] = outcome.errcode
    if outcome.reason:
        document["reason"] = outcome.reason
    return document


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def write_history(path: Path, history: PoolHistory) -> None:
    """Write pool-history.json atomically (a temp file beside it, then a rename); OSError on failure."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(history_text(history).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
