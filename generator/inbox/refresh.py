"""`qunma refresh`: the inbox applied to campaigns.yml, all or nothing.

Any image refused refuses the whole run: nothing is written and every image stays in the inbox (the
message names each one and says what to do). Otherwise the images are first written at their places
under qr/, then the new campaigns.yml is written beside the old one and checked by the real loader (with
the images where it points), then renamed over it, only if the old one still holds the bytes the plan
was made from (a save made meanwhile is never lost); only then are the inbox files removed. A failure at
any step before the rename removes what was written and leaves everything as it was.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from generator.common.oserrors import os_problem
from generator.errors import InputError, QunmaError, display_path
from generator.inbox.plan import Plan, plan_refresh
from generator.inbox.report import refusal_message
from generator.inbox.result import RefreshResult, Refused, write_result
from generator.input.load import load_project
from generator.input.modelcache import cache_dir
from generator.messages import t
from generator.model import Project


class InboxRefused(QunmaError):
    """The inbox cannot be applied; nothing was changed. The message names every image and the fix."""

    def __init__(self, message: str, result: RefreshResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class Refreshed:
    result: RefreshResult
    diff: str  # what changes in campaigns.yml (unified diff), and the images' moves


def refresh(
    campaigns: Path, *, now: datetime | None = None, dry_run: bool = False, project: Project | None = None
) -> Refreshed:
    """Apply the inbox beside campaigns (dry_run: only say what would change); InboxRefused when any image
    cannot be used. Every real run keeps its result for `qunma notify` (result.RESULT_FILE)."""
    project = project or load_project(campaigns, now=now)
    plan = plan_refresh(campaigns, project, now)
    try:
        if plan.refused:
            raise InboxRefused(refusal_message(plan), _result(plan, "refused"))
        if not plan.applied and not plan.skipped:
            return _kept(plan, _result(plan, "nothing"), dry_run)
        if dry_run:
            _checked(plan, plan.check_text, keep=False)
            return Refreshed(_result(plan, "dry_run"), diff(plan))
        _apply(plan)
    except InboxRefused as exc:
        if not dry_run:
            write_result(cache_dir(campaigns), exc.result)
        raise
    return _kept(plan, _result(plan, "applied"), dry_run)


def _kept(plan: Plan, result: RefreshResult, dry_run: bool) -> Refreshed:
    if not dry_run:
        write_result(cache_dir(plan.campaigns), result)
    return Refreshed(result, diff(plan))


def _result(plan: Plan, outcome: str) -> RefreshResult:
    return RefreshResult(plan.moment.isoformat(), outcome, plan.ocr, plan.applied, plan.skipped, plan.refused)


def diff(plan: Plan) -> str:
    """The unified diff of campaigns.yml, then each image's move."""
    name = display_path(plan.campaigns)
    lines = difflib.unified_diff(
        plan.before.splitlines(keepends=True), plan.after.splitlines(keepends=True), name, name
    )
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    moves = [f"{a.image} → {a.stored}\n" for a in plan.applied]
    moves += [f"{s.image} → ✗\n" for s in plan.skipped]
    return text + "".join(moves)


def _apply(plan: Plan) -> None:
    made: list[Path] = []
    try:
        for path, data in plan.copies:
            _create(path, data)
            made.append(path)
        if plan.after != plan.before:
            _checked(plan, plan.after, keep=True)
    except OSError as exc:
        _undo(made)
        detail = os_problem(exc, plan.lang)
        message = t(plan.lang, "inbox_write_failed", file=display_path(plan.campaigns), detail=detail)
        raise InboxRefused(message, _result(plan, "refused")) from None
    except BaseException:
        _undo(made)
        raise
    for path in plan.removals:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _undo(made: list[Path]) -> None:
    for path in made:
        with contextlib.suppress(OSError):
            path.unlink()


def _create(path: Path, data: bytes) -> None:
    """A new file at path with data (never over an existing one), on disk before the YAML points at it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _checked(plan: Plan, text: str, *, keep: bool) -> None:
    """Write text beside campaigns.yml, check it with the loader; keep: then put it in campaigns.yml's place
    (if that still holds what was read), else remove it. InboxRefused when the check fails."""
    target = plan.campaigns
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".refresh", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(plan.bom + text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        _validate(plan, Path(temporary))
        if keep:
            os.chmod(temporary, target.stat().st_mode & 0o7777)
            if target.read_bytes() != plan.raw:
                message = t(plan.lang, "inbox_changed_meanwhile", file=display_path(target))
                raise InboxRefused(message, _result(plan, "refused"))
            os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _validate(plan: Plan, written: Path) -> None:
    try:
        load_project(written, now=plan.moment)
    except InputError as exc:
        shown = display_path(plan.campaigns)
        problems = "\n".join(str(replace(problem, file=shown)) for problem in exc.problems)
        message = t(plan.lang, "inbox_invalid_after", file=shown, problems=problems)
        refused = Refused(shown, "inbox_invalid_after", message)
        raise InboxRefused(message, replace(_result(plan, "refused"), refused=(refused,))) from None
