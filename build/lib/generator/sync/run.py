"""`qunma sync`: live member counts of WeCom customer groups → pool-status.yml, all or nothing.

Every group with a `chat_id` (in campaigns that are not archived) is read first; only when all of them
answered is the new status written (atomically, by poolstatus.write_status). On any error nothing is written
and the message names the group. The counts go into pool-status.yml as it is when they have all arrived,
so a `full: true` a person saved while WeCom was answering stays; a change saved in the last instant,
between that read and the write, makes sync write nothing and say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.common.oserrors import os_problem, os_reason
from generator.errors import QunmaError, display_path
from generator.input.poolstatus import STATUS_FILE, StatusChanged, current_status, write_status
from generator.messages import t
from generator.model import Campaign, Group, GroupStatus, PoolStatus, Project
from generator.sync import MemberSource
from generator.sync.wecom import (
    DEFAULT_BASE,
    ENV_BASE,
    LIMITS,
    RETRYABLE,
    TOKEN_INVALID,
    TOKEN_PATH,
    WeComApiError,
    WeComClient,
    credentials_from_env,
    missing_env,
)


@dataclass(frozen=True)
class SyncedGroup:
    key: str  # "<campaign id>/<group id>"
    name: str
    before: int | None
    after: int


@dataclass(frozen=True)
class SyncResult:
    status: PoolStatus | None  # None: no group has a chat_id, nothing was written
    groups: tuple[SyncedGroup, ...]


def synced_groups(project: Project) -> list[tuple[Campaign, Group]]:
    """The groups `qunma sync` reads: those with a chat_id, in campaigns that are not archived."""
    return [(c, g) for c in project.campaigns if not c.archived for g in c.groups if g.chat_id]


def sync(project: Project, status_path: Path, source: MemberSource, now: datetime) -> SyncResult:
    """Read every synced group's member count, then write the merged status (nothing on error)."""
    targets = synced_groups(project)
    if not targets:
        return SyncResult(None, ())
    counts = [(campaign, group, _count(project, campaign, group, source)) for campaign, group in targets]
    lang, shown = project.site.language, display_path(status_path)
    try:
        snapshot, current = current_status(status_path, project)  # as a person may have saved it meanwhile
        status = merged_status(current, counts, now.astimezone(ZoneInfo(project.site.timezone)))
        write_status(status_path, status, unchanged_since=snapshot)
    except StatusChanged:
        raise QunmaError(t(lang, "sync_status_changed", file=shown)) from None
    except OSError as exc:  # a full disk, a read-only folder, …: pool-status.yml was left as it was
        named = exc.filename not in (None, str(status_path))  # the folder, say: else the file is named
        detail = os_problem(exc, lang) if named else os_reason(exc, lang)
        raise QunmaError(t(lang, "sync_write_failed", file=shown, detail=detail)) from None
    return SyncResult(status, tuple(_synced(current, c, g, n) for c, g, n in counts))


def sync_from_env(project: Project, environ: Mapping[str, str], now: datetime) -> SyncResult:
    """`qunma sync` as the command runs it: credentials and API address from the environment."""
    status_path = project.root / STATUS_FILE
    if not synced_groups(project):
        return SyncResult(None, ())
    lang = project.site.language
    missing = missing_env(environ)
    if missing:
        raise QunmaError(t(lang, "sync_missing_env", names="、".join(missing)))
    base = environ.get(ENV_BASE, "").strip() or DEFAULT_BASE
    if not base.startswith(("https://", "http://")):
        raise QunmaError(t(lang, "sync_bad_base", name=ENV_BASE, value=base))
    # One deadline for the whole command: a minute, plus a second for each group it reads.
    limits = replace(LIMITS, deadline=LIMITS.deadline + len(synced_groups(project)))
    client = WeComClient(credentials_from_env(environ), base, limits=limits.with_env(environ, lang))
    return sync(project, status_path, client, now)


def merged_status(old: PoolStatus, counts: list[tuple[Campaign, Group, int]], now: datetime) -> PoolStatus:
    """The old status with fresh member counts; entries written by people (and `full:` flags) are kept."""
    groups = dict(old.groups)
    for campaign, group, members in counts:
        key = f"{campaign.id}/{group.id}"
        previous = groups.get(key)
        groups[key] = GroupStatus(members=members, full=previous.full if previous else False)
    return PoolStatus(updated=now, groups=groups)


def report_lines(result: SyncResult, lang: str) -> list[str]:
    """What the command prints: one line per group read, or why nothing was done."""
    if result.status is None:
        return [t(lang, "sync_nothing")]
    lines = [
        t(lang, "sync_group_line", name=g.name, ref=g.key, before=_or_unknown(g.before), after=g.after)
        for g in result.groups
    ]
    return [*lines, t(lang, "sync_done", count=len(result.groups), file=STATUS_FILE)]


def _or_unknown(members: int | None) -> str:
    return "?" if members is None else str(members)


def _count(project: Project, campaign: Campaign, group: Group, source: MemberSource) -> int:
    assert group.chat_id is not None
    try:
        return source.member_count(group.chat_id)
    except WeComApiError as exc:
        raise QunmaError(_failure(project.site.language, campaign, group, exc)) from None


def _synced(old: PoolStatus, campaign: Campaign, group: Group, members: int) -> SyncedGroup:
    previous = old.get(campaign.id, group.id)
    before = previous.members if previous and previous.members is not None else group.members
    return SyncedGroup(f"{campaign.id}/{group.id}", group.name, before, members)


def _failure(lang: str, campaign: Campaign, group: Group, exc: WeComApiError) -> str:
    reason = exc.reason(lang)
    if exc.tries > 1:
        reason = t(lang, "sync_reason_tries", tries=exc.tries, reason=reason)
    return t(
        lang,
        "sync_group_failed",
        name=group.name,
        ref=f"{campaign.id}/{group.id}",
        chat_id=group.chat_id,
        reason=reason,
        hint=t(lang, _hint_key(exc)),
    )


_CREDENTIALS = frozenset({40001, 40013, 40091, 41002, 41004})
_PERMISSION = frozenset({48001, 48002, 60011})
_UNTRUSTED_IP = 60020


def _hint_key(exc: WeComApiError) -> str:
    if exc.errcode == _UNTRUSTED_IP:  # from gettoken too: the secret is right, the caller's IP is not
        return "sync_hint_ip"
    if exc.errcode in RETRYABLE or exc.tries > 1:
        return "sync_hint_later"
    if exc.errcode in _CREDENTIALS or (exc.path == TOKEN_PATH and exc.errcode is not None):
        return "sync_hint_credentials"
    if exc.errcode in TOKEN_INVALID:
        return "sync_hint_token"
    if exc.errcode in _PERMISSION:
        return "sync_hint_permission"
    if exc.errcode is None:
        return "sync_hint_base"
    return "sync_hint_errcode"
