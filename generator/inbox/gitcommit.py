"""CI's half of the inbox (`qunma ci inbox`): refresh, then one bot commit of exactly the files it changed,
pushed to the branch, whose message lists each group updated.

A refused inbox raises before git is touched (the run fails with the message; the images stay). A push
the remote rejects (someone pushed meanwhile) fails the run too: the next run applies the inbox again.
Every git call has a time limit; what git prints is made safe for a CI log before it is shown.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.common.remotetext import shown
from generator.errors import QunmaError
from generator.inbox.refresh import refresh
from generator.inbox.report import commit_message
from generator.inbox.result import RefreshResult
from generator.input.load import load_project
from generator.messages import t

BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
GIT_TIMEOUT = 120.0  # seconds, for any one git command (a push over a slow network included)


@dataclass(frozen=True)
class Committed:
    result: RefreshResult
    sha: str | None  # the bot commit pushed; None when there was nothing to commit
    lang: str  # the site's language


def commit_inbox(
    campaigns: Path, *, now: datetime | None, remote: str, branch: str, environ: Mapping[str, str]
) -> Committed:
    """Apply the inbox beside campaigns and push it as one bot commit to remote's branch."""
    project = load_project(campaigns, now=now)
    lang, folder = project.site.language, campaigns.resolve().parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder, lang).strip())
    done = refresh(campaigns, now=now, project=project)
    result = done.result
    if result.outcome != "applied":
        return Committed(result, None, lang)
    changed = {campaigns.resolve()} | {folder / a.stored for a in result.applied}
    changed |= {folder / a.image for a in result.applied} | {folder / s.image for s in result.skipped}
    paths = sorted(str(path.relative_to(top)) for path in changed)
    _git(["add", "-A", "--", *paths], top, lang)
    if _git(["diff", "--cached", "--name-only"], top, lang).strip() == "":
        return Committed(result, None, lang)
    identity = ["-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}"]
    _git([*identity, "commit", "--quiet", "--no-verify", "-m", commit_message(result, lang)], top, lang)
    sha = _git(["rev-parse", "HEAD"], top, lang).strip()
    try:
        _git(["push", "--quiet", remote, f"HEAD:refs/heads/{branch}"], top, lang)
    except QunmaError as exc:
        raise QunmaError(t(lang, "inbox_push_failed", branch=branch, detail=str(exc))) from None
    _output(environ, sha)
    return Committed(result, sha, lang)


def _git(args: list[str], cwd: Path, lang: str) -> str:
    command = ["git", *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env=None,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise QunmaError(t(lang, "inbox_git_failed", command=_named(args), detail=shown(str(exc)))) from None
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        detail = shown(" / ".join(lines[-3:]) or f"exit {done.returncode}")
        raise QunmaError(t(lang, "inbox_git_failed", command=_named(args), detail=detail))
    return done.stdout


def _named(args: list[str]) -> str:
    words = [arg for arg in args if not arg.startswith("-") and "=" not in arg]
    return "git " + " ".join(words[:1])


def _output(environ: Mapping[str, str], sha: str) -> None:
    """The commit for the steps and jobs after this one ($GITHUB_OUTPUT: sha=…)."""
    target = environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as file:
            file.write(f"sha={sha}\n")


def error_lines(result: RefreshResult) -> list[str]:
    """A GitHub Actions ::error:: line for each refused image (its message is already made safe)."""
    return [f"::error title={_escape(item.image, True)}::{_escape(item.message)}" for item in result.refused]


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text
