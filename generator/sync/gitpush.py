"""`qunma sync --commit [--push]`: sync from a machine with a fixed IP (WeCom's trusted IP), by cron.

WeCom apps made since mid-2022 answer only calls from their trusted IPs (errcode 60020), and CI runners have
no fixed IP. So a small machine in China runs this every few minutes, in a clone of its own:
1. the clone must be clean (it is nobody's working copy); with --push it first catches up with the remote;
2. `qunma sync` reads the counts and writes pool-status.yml;
3. only when a count changed, pool-status.yml alone is committed, with the changes in the message;
4. with --push, pushed. If the remote moved meanwhile (a person marked a group full, say), the clone is
   reset to the remote and the counts just read are merged into the person's file once more (their edits
   and `full:` flags kept), committed and pushed again: once. Nothing of anyone's is lost on any failure:
   the clone goes back to where it started, and the next run reads the counts again.
Every git command is bounded in time (fetch and push included) and never waits for a password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.common.bounded import Ran, run_bounded
from generator.common.remotetext import shown
from generator.errors import QunmaError
from generator.input.load import load_project
from generator.input.poolstatus import STATUS_FILE, current_status, write_status
from generator.messages import t
from generator.model import Project
from generator.sync.run import SyncedGroup, merged_status, report_lines, sync_from_env

LOCAL_TIMEOUT = 30.0  # seconds for a git command on this machine
NETWORK_TIMEOUT = 90.0  # seconds for fetch or push
MAX_LISTED = 10  # changed groups named in a commit message
_CREDENTIALS = re.compile(r"(://)[^/@\s]+@")  # https://user:token@host → https://***@host


@dataclass(frozen=True)
class Git:
    root: Path
    lang: str = "zh"

    def run(self, *args: str, network: bool = False) -> Ran:
        """git's exit code and output; QunmaError only when it cannot run or runs out of time."""
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
        env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")  # a key, never a password prompt
        timeout = NETWORK_TIMEOUT if network else LOCAL_TIMEOUT
        try:
            ran = run_bounded(["git", *args], timeout=timeout, cwd=self.root, env=env)
        except OSError as exc:
            raise QunmaError(t(self.lang, "sync_git_failed", command="git", detail=exc.strerror)) from None
        if ran.code is None:
            raise QunmaError(
                t(self.lang, "sync_git_timeout", command=f"git {args[0]}", seconds=f"{timeout:g}")
            )
        return ran

    def __call__(self, *args: str, network: bool = False) -> str:
        """git's standard output; QunmaError (with git's last words, scrubbed) when it fails."""
        ran = self.run(*args, network=network)
        if ran.code != 0:
            command = f"git {args[0] if not args[0].startswith('-') else args[-1]}"
            raise QunmaError(
                t(self.lang, "sync_git_failed", command=command, detail=_said(ran.err or ran.out))
            )
        return ran.out


def _said(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return shown(_CREDENTIALS.sub(r"\1***@", lines[-1]), 200) if lines else "—"


def sync_and_commit(
    campaigns: Path, environ: Mapping[str, str], now: datetime, *, push: bool, remote: str = "origin"
) -> list[str]:
    """Sync, then commit pool-status.yml when a count changed (and push it); the lines to print."""
    git = Git(_toplevel(campaigns.resolve().parent))
    dirty = git("status", "--porcelain", "--untracked-files=no").splitlines()
    if dirty:
        raise QunmaError(t("zh", "sync_git_dirty", paths=shown(", ".join(d[3:] for d in dirty[:5]))))
    branch = git.run("symbolic-ref", "--quiet", "--short", "HEAD").out.strip()
    if push:
        if not branch:
            raise QunmaError(t("zh", "sync_git_detached"))
        _catch_up(git, remote, branch)
    start = git("rev-parse", "HEAD").strip()
    project = load_project(campaigns, now=now)
    git = Git(git.root, project.site.language)
    status_path = project.root / STATUS_FILE
    before = status_path.read_bytes() if status_path.exists() else None
    result = sync_from_env(project, environ, now)
    lines = report_lines(result, project.site.language)
    changed = [g for g in result.groups if g.before != g.after]
    if not changed:
        _restore(status_path, before)
        return [*lines, t(project.site.language, "sync_git_unchanged")]
    _commit(git, status_path, changed)
    lines.append(t(project.site.language, "sync_git_committed", count=len(changed), file=STATUS_FILE))
    if push:
        lines += _push(git, remote, branch, start, campaigns, result.groups, now)
    return lines


def _toplevel(folder: Path) -> Path:
    found = Git(folder).run("rev-parse", "--show-toplevel")
    if found.code != 0:
        raise QunmaError(t("zh", "sync_git_not_repo", dir=str(folder)))
    return Path(found.out.strip())


def _catch_up(git: Git, remote: str, branch: str) -> None:
    git("fetch", "--quiet", remote, branch, network=True)
    if git.run("merge", "--ff-only", "--quiet", "FETCH_HEAD").code != 0:
        raise QunmaError(t(git.lang, "sync_git_diverged", branch=branch, remote=remote))


def _restore(path: Path, before: bytes | None) -> None:
    """pool-status.yml as it was: only its `updated:` time changed, which is not worth a commit."""
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(before)


def _commit(git: Git, status_path: Path, changed: list[SyncedGroup]) -> None:
    listed = [f"{g.key} {'?' if g.before is None else g.before}→{g.after}" for g in changed[:MAX_LISTED]]
    more = f" (+{len(changed) - MAX_LISTED})" if len(changed) > MAX_LISTED else ""
    message = f"pool-status: {', '.join(listed)}{more}\n\nMember counts read from WeCom by `qunma sync`."
    configured = git.run("config", "user.email").out.strip()
    identity = [] if configured else ["-c", "user.name=qunma sync", "-c", "user.email=qunma-sync@localhost"]
    git("add", "--", str(status_path.relative_to(git.root)))
    git(*identity, "commit", "--quiet", "-m", message)


def _push(
    git: Git,
    remote: str,
    branch: str,
    start: str,
    campaigns: Path,
    counts: tuple[SyncedGroup, ...],
    now: datetime,
) -> list[str]:
    for attempt in (1, 2):
        pushed = git.run("push", "--porcelain", remote, f"HEAD:refs/heads/{branch}", network=True)
        if pushed.code == 0:
            return [t(git.lang, "sync_git_pushed", remote=remote, branch=branch)]
        rejected = _moved_on(pushed.out + pushed.err)
        if not rejected or attempt == 2:
            git("reset", "--quiet", "--hard", start)  # back to where this run started: clean, in step
            key = "sync_git_rejected_twice" if rejected else "sync_git_push_failed"
            detail = _said(pushed.err or pushed.out)
            raise QunmaError(t(git.lang, key, remote=remote, branch=branch, detail=detail))
        # Someone pushed meanwhile: take their version and merge the counts into it once more.
        git("fetch", "--quiet", remote, branch, network=True)
        git("reset", "--quiet", "--hard", "FETCH_HEAD")
        start = git("rev-parse", "HEAD").strip()
        changed = _merge_again(campaigns, counts, now)
        if not changed:
            return [t(git.lang, "sync_git_remote_had_it")]
        _commit(git, campaigns.resolve().parent / STATUS_FILE, changed)
    raise AssertionError("unreachable")


def _moved_on(said: str) -> bool:
    """Whether a push failed because the remote's branch moved on since the fetch: not a fast-forward
    any more ("[rejected]"), or moved during the push itself (the remote could not update the ref)."""
    raced = "[remote rejected]" in said and ("failed to update ref" in said or "cannot lock ref" in said)
    return "[rejected]" in said or raced


def _merge_again(campaigns: Path, counts: tuple[SyncedGroup, ...], now: datetime) -> list[SyncedGroup]:
    """The counts read from WeCom, merged into pool-status.yml as the remote has it now."""
    project: Project = load_project(campaigns, now=now)
    path = project.root / STATUS_FILE
    snapshot, current = current_status(path, project)
    groups = {f"{c.id}/{g.id}": (c, g) for c in project.campaigns for g in c.groups}
    fresh = [(*groups[s.key], s.after) for s in counts if s.key in groups]
    changed = []
    for campaign, group, members in fresh:
        before = current.get(campaign.id, group.id)
        was = before.members if before and before.members is not None else group.members
        if was != members:
            changed.append(SyncedGroup(f"{campaign.id}/{group.id}", group.name, was, members))
    if changed:
        zone = ZoneInfo(project.site.timezone)
        write_status(path, merged_status(current, fresh, now.astimezone(zone)), unchanged_since=snapshot)
    return changed
