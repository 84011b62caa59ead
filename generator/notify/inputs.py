"""What other steps tell `qunma notify`: the QR inbox's report and a deploy's outcome, as to-do items.

The inbox report is the interface to `qunma refresh` (the QR inbox, issue 15): a JSON file, written after
every refresh (an empty report, too: it tells that earlier refusals are over),

    {"version": 1,
     "applied": [{"image": "IMG_2031.png", "campaign": "autumn", "group": "g3",
                  "valid_until": "2026-11-30T10:00:00+08:00"}],
     "refused": [{"image": "IMG_2032.png", "reason": "图片里没有能识别的二维码"}]}

(`valid_until` may be null: a permanent code). `qunma refresh` itself keeps a richer file of the same
version (.qunma-cache/inbox-result.json: `outcome`, a last valid day as `valid_until`, each refusal's
sentence as `message`), which is read as such a report: after a refusal nothing was applied.

A deploy's outcome comes as `--deploy-failed REASON` or `--deployed` (see cli.py), or as the result file
`qunma deploy --result` writes ({"version": 1, "ok": …, "reason": …}): a failure stays an open item until a
later run reports a deploy that worked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.common.cachefile import read_regular
from generator.common.remotetext import shown
from generator.errors import QunmaError, display_path
from generator.messages import t
from generator.model import Project
from generator.plan.todo import Todo, TodoKind, short_time

INBOX_VERSION = 1
MAX_REPORT_BYTES = 1 * 2**20
MAX_IMAGES = 1000
_NAME = 200  # characters of an image name or an id, shown


@dataclass(frozen=True)
class InboxApplied:
    """An image of qr/inbox/ whose code replaced a group's code in campaigns.yml."""

    image: str  # its file name
    campaign: str  # campaign id
    group: str  # group id
    valid_until: datetime | None  # None: a permanent code


@dataclass(frozen=True)
class InboxRefused:
    image: str
    reason: str  # why, in the site's language


@dataclass(frozen=True)
class InboxReport:
    applied: tuple[InboxApplied, ...] = ()
    refused: tuple[InboxRefused, ...] = ()


def read_inbox_report(path: Path, lang: str, timezone: str = "Asia/Shanghai") -> InboxReport:
    """The report at path; QunmaError naming the file when it is missing or not of this shape. A last valid
    day without a time (refresh's own file) means the start of that day in the site's time zone."""
    document = _read_json(path, lang)
    try:
        return _report(document, ZoneInfo(timezone))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        detail = shown(str(exc), 120) if isinstance(exc, ValueError) else type(exc).__name__
        raise QunmaError(t(lang, "notify_report_bad", file=display_path(path), detail=detail)) from None


def read_deploy_result(path: Path, lang: str) -> str | None:
    """The outcome `qunma deploy --result` wrote: None when it worked, else why it failed (one line)."""
    document = _read_json(path, lang)
    ok = document.get("ok") if isinstance(document, dict) and document.get("version") == 1 else None
    if not isinstance(ok, bool):
        detail = 'not {"version": 1, "ok": …}'
        raise QunmaError(t(lang, "notify_report_bad", file=display_path(path), detail=detail))
    reason = document.get("reason")
    return None if ok else shown(reason if isinstance(reason, str) and reason else "qunma deploy", 500)


def _read_json(path: Path, lang: str) -> Any:
    data = read_regular(path, MAX_REPORT_BYTES) if path.exists() else None
    if data is None:
        raise QunmaError(t(lang, "notify_report_unreadable", file=display_path(path)))
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        detail = shown(str(exc), 120) if isinstance(exc, ValueError) else type(exc).__name__
        raise QunmaError(t(lang, "notify_report_bad", file=display_path(path), detail=detail)) from None


def _report(document: Any, tz: ZoneInfo) -> InboxReport:
    if not isinstance(document, dict) or document.get("version") != INBOX_VERSION:
        raise ValueError(f'not {{"version": {INBOX_VERSION}, …}}')
    applied, refused = document.get("applied", []), document.get("refused", [])
    lists = isinstance(applied, list) and isinstance(refused, list)
    if not lists or len(applied) + len(refused) > MAX_IMAGES:
        raise ValueError(f"applied and refused are not lists of at most {MAX_IMAGES} images")
    if document.get("outcome") == "refused":  # refresh's own file: all or nothing, so nothing was applied
        applied = []
    return InboxReport(
        tuple(_applied(entry, tz) for entry in applied),
        tuple(InboxRefused(_text(e["image"]), _text(e.get("message") or e["reason"], 500)) for e in refused),
    )


def _applied(entry: dict[str, Any], tz: ZoneInfo) -> InboxApplied:
    names = (_text(entry["image"]), _text(entry["campaign"]), _text(entry["group"]))
    return InboxApplied(*names, _time(entry.get("valid_until"), tz))


def _text(value: Any, limit: int = _NAME) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a name or reason is not a text")
    return shown(value.strip(), limit)


def _time(value: Any, tz: ZoneInfo) -> datetime | None:
    if value is None:
        return None
    text = _text(value)
    moment = datetime.fromisoformat(text)
    if len(text) == len("2026-11-30"):  # a last valid day: the code is shown until that day begins
        return moment.replace(tzinfo=tz)
    if moment.tzinfo is None:
        raise ValueError("valid_until has no UTC offset")
    return moment


def inbox_items(report: InboxReport, project: Project, now: datetime) -> list[Todo]:
    """Applied images (news told once) and refused ones (open until a report no longer lists them)."""
    lang, tz = project.site.language, ZoneInfo(project.site.timezone)
    items = []
    for entry in report.applied:
        where, link = _group_place(project, entry.campaign, entry.group)
        until = t(lang, "todo_never") if entry.valid_until is None else short_time(entry.valid_until, now, tz)
        items.append(
            Todo(
                key=f"inbox-applied:{entry.image}:{entry.campaign}/{entry.group}",
                kind=TodoKind.INBOX_APPLIED,
                severity=1,
                source="inbox",
                where=where,
                what=t(lang, "todo_inbox_applied_what", image=entry.image, until=until),
                do="",
                link=link,
            )
        )
    for refused in report.refused:
        items.append(
            Todo(
                key=f"inbox-refused:{refused.image}",
                kind=TodoKind.INBOX_REFUSED,
                severity=2,
                source="inbox",
                where=t(lang, "todo_inbox_where"),
                what=t(lang, "todo_inbox_refused_what", image=refused.image, reason=refused.reason),
                do=t(lang, "todo_inbox_refused_do"),
            )
        )
    return items


def _group_place(project: Project, campaign_id: str, group_id: str) -> tuple[str, str]:
    """The campaign title and group name, and the campaign's page (the ids when campaigns.yml lacks them)."""
    for campaign in project.campaigns:
        if campaign.id == campaign_id:
            names = [g.name for g in campaign.groups if g.id == group_id] or [group_id]
            return f"{campaign.title} · {names[0]}", project.site.base_url + f"{campaign.id}/"
    return f"{campaign_id} · {group_id}", ""


def deploy_item(project: Project, reason: str) -> Todo:
    """A deploy that failed: open (urgent: customers may see codes that stopped working) until one works."""
    lang = project.site.language
    return Todo(
        key="deploy",
        kind=TodoKind.DEPLOY,
        severity=3,
        source="deploy",
        where=t(lang, "todo_deploy_where", site=project.site.title),
        what=t(lang, "todo_deploy_what", reason=shown(reason.strip() or "?", 300)),
        do=t(lang, "todo_deploy_do"),
        link=project.site.base_url,
    )
