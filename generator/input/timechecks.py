"""Warnings that depend on the build time: a group's code already expired, or issued in the future; a campaign
running with no group at all (every page of it shows the fallback).

The loader records what to check (TimeCheck) instead of checking at once, so that a loaded project does not
depend on `now`: the model cache keeps one project for every build of the same campaigns.yml, and these
warnings are worked out afresh for each build's moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from generator.errors import Problem
from generator.messages import t


@dataclass(frozen=True)
class TimeCheck:
    """One group's times, where they are written (1-based line, column), and its campaign's end."""

    group: str
    issued: datetime | None
    expires: datetime | None
    issued_at: tuple[int, int]
    expires_at: tuple[int, int]  # the `expires` value, or `issued` when the expiry is worked out from it
    campaign_ends: datetime | None
    campaign_archived: bool
    # A campaign without groups: `group` is its id, `issued_at` where its groups (or it) are written.
    empty_campaign: bool = False
    campaign_starts: datetime | None = None


def time_warnings(checks: Iterable[TimeCheck], now: datetime, file: str, lang: str) -> list[Problem]:
    """The warnings of the groups of campaigns still running at `now`."""
    problems = []
    for check in checks:
        if check.campaign_archived or (check.campaign_ends is not None and check.campaign_ends <= now):
            continue
        if check.empty_campaign:
            if check.campaign_starts is None or check.campaign_starts <= now:
                message = t(lang, "campaign_no_groups", campaign=check.group)
                problems.append(Problem(file, *check.issued_at, message))
            continue
        if check.expires is not None and check.expires <= now:
            expires = check.expires.strftime("%Y-%m-%d %H:%M")
            message = t(lang, "group_expired", group=check.group, expires=expires)
            problems.append(Problem(file, *check.expires_at, message))
        if check.issued is not None and check.issued > now:
            message = t(lang, "group_issued_future", group=check.group)
            problems.append(Problem(file, *check.issued_at, message))
    return problems
