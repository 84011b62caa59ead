"""What is said about the inbox: the lines `qunma refresh` prints, the refusal, the note `qunma check` and
`qunma build` print while images wait, and the bot commit's message in CI."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from generator.errors import QunmaError
from generator.inbox.folder import waiting
from generator.inbox.plan import Plan, plan_refresh
from generator.inbox.result import Applied, RefreshResult
from generator.messages import t
from generator.model import Project


def applied_line(item: Applied, lang: str) -> str:
    """One applied image: which group, until when, where the image went."""
    key = "inbox_applied_new" if item.new_group else "inbox_applied"
    if item.valid_until is None:
        key = "inbox_applied_permanent"
    ref = f"{item.campaign}/{item.group}"
    source = t(lang, "inbox_from_file") if item.name_from == "file" else ""
    return (
        t(lang, key, image=item.image, name=item.name, ref=ref, day=item.valid_until, stored=item.stored)
        + source
    )


def refresh_lines(result: RefreshResult, lang: str) -> list[str]:
    """What `qunma refresh` prints after a run (or a dry run)."""
    if result.outcome == "nothing":
        return [t(lang, "inbox_nothing")]
    lines = ["  " + applied_line(item, lang) for item in result.applied]
    lines += [f"  {item.image}: {item.message}" for item in result.skipped]
    if result.outcome == "dry_run":
        lines.append(t(lang, "inbox_dry_run"))
    else:
        lines.append(
            t(
                lang,
                "inbox_done",
                count=len(result.applied),
                removed=len(result.applied) + len(result.skipped),
            )
        )
    if not result.ocr and result.applied:
        lines.append(t(lang, "inbox_hint_ocr"))
    return lines


def refusal_message(plan: Plan) -> str:
    """Every refused image and why; nothing was changed."""
    lines = [t(plan.lang, "inbox_refused", count=len(plan.refused))]
    lines += [f"{item.image}: {item.message}" for item in plan.refused]
    if not plan.ocr:
        lines.append(t(plan.lang, "inbox_hint_ocr"))
    return "\n".join(lines)


def preview_lines(campaigns: Path, project: Project, now: datetime | None) -> list[str]:
    """For `qunma check` and `qunma build`: the images waiting and what `qunma refresh` would do with them
    (nothing is changed); no lines, and no image library loaded, when the inbox is empty or missing."""
    lang = project.site.language
    try:
        found = waiting(campaigns)
        if not found:
            return []
        plan = plan_refresh(campaigns, project, now)
    except (QunmaError, OSError) as exc:
        return [t(lang, "inbox_waiting_unreadable", detail=str(exc))]
    lines = [t(lang, "inbox_waiting", count=found.count)]
    if plan.refused:
        return [*lines, refusal_message(plan)]
    lines += ["  " + applied_line(item, lang) for item in plan.applied]
    lines += [f"  {item.image}: {item.message}" for item in plan.skipped]
    if not plan.ocr:
        lines.append(t(lang, "inbox_hint_ocr"))
    return lines


def commit_message(result: RefreshResult, lang: str) -> str:
    """The bot commit's message: a subject, then one line per group updated and per image set aside."""
    key = "inbox_commit_subject" if result.applied else "inbox_commit_subject_none"
    subject = t(lang, key, count=len(result.applied))
    body = [f"- {applied_line(item, lang)}" for item in result.applied]
    body += [f"- {item.image}: {item.message}" for item in result.skipped]
    return subject + "\n\n" + "\n".join(body) + "\n"
