"""`qunma sync --commit --push` as cron runs it on a machine with a fixed IP: a clone of a bare git remote on
this machine, the fake WeCom server, and a person pushing edits from another clone at the worst moment."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from wecom_fake import CORP_ID, SECRET, FakeWeCom, serve

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
CHAT_A, CHAT_B = "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAAAA", "wrOgQhDgAAcwMTB7YmDkbeBsgT_BBBBB"  # vip/wecom-a, -b
_CLEAN_GIT_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")


def git(folder: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in _CLEAN_GIT_ENV}
    done = subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


class Repos:
    def __init__(self, root: Path, example: Path) -> None:
        self.remote, self.cron, self.person = root / "remote.git", root / "cron", root / "person"
        git(root, "init", "--quiet", "--bare", "-b", "main", str(self.remote))
        seed = root / "seed"
        shutil.copytree(example, seed)
        shutil.copy2(REPO / ".gitignore", seed / ".gitignore")  # as a site's repository has it
        git(seed, "init", "--quiet", "-b", "main")
        self._identity(seed, "Seed")
        git(seed, "add", "-A")
        git(seed, "commit", "--quiet", "-m", "the site")
        git(seed, "push", "--quiet", str(self.remote), "main")
        for clone in (self.cron, self.person):
            git(root, "clone", "--quiet", str(self.remote), str(clone))
        self._identity(self.person, "Marketer")

    @staticmethod
    def _identity(folder: Path, name: str) -> None:
        git(folder, "config", "user.name", name)
        git(folder, "config", "user.email", f"{name.lower()}@example.com")

    def remote_file(self, name: str = "pool-status.yml") -> str:
        return git(self.remote, "show", f"main:{name}")

    def remote_log(self) -> list[str]:
        return git(self.remote, "log", "--format=%an|%s", "main").splitlines()

    def person_edits(self, old: str, new: str) -> None:
        path = self.person / "pool-status.yml"
        git(self.person, "pull", "--quiet", "--ff-only")
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        git(self.person, "commit", "--quiet", "-am", f"mark: {new.strip()}")
        git(self.person, "push", "--quiet")

    def push_from_person_before_each_push(self, times: int) -> None:
        """A pre-push hook in the cron clone: just before it pushes, the person pushes an edit."""
        hook = self.cron / ".git" / "hooks" / "pre-push"
        counter = self.cron.parent / "pushes"
        counter.write_text("0", encoding="utf-8")
        unset = " ".join(f"-u {name}" for name in _CLEAN_GIT_ENV)
        hook.write_text(
            "#!/bin/sh\n"
            f'n=$(cat "{counter}"); echo $((n + 1)) > "{counter}"\n'
            f'[ "$n" -ge {times} ] && exit 0\n'
            f'cd "{self.person}" || exit 1\n'
            f"env {unset} git pull --quiet --ff-only && "
            f"sed -i '0,/members: 1[0-9][0-9]/s//members: 17'$n'/' pool-status.yml && "  # autumn/g1's count
            f'env {unset} git commit --quiet -am "count $n" && env {unset} git push --quiet\n',
            encoding="utf-8",
        )
        hook.chmod(0o755)


@pytest.fixture
def fake() -> FakeWeCom:
    return FakeWeCom(members={CHAT_A: 312, CHAT_B: 298})  # what pool-status.yml already says


@pytest.fixture
def wecom(fake: FakeWeCom) -> Iterator[str]:
    with serve(fake) as url:
        yield url


@pytest.fixture
def repos(tmp_path: Path, example_dir: Path) -> Repos:
    return Repos(tmp_path, example_dir)


def sync(repos: Repos, wecom: str, *flags: str, code: int = 0) -> Result:
    env = {"WECOM_CORP_ID": CORP_ID, "WECOM_SECRET": SECRET, "WECOM_API_BASE": wecom}
    argv = ["sync", "--campaigns", str(repos.cron / "campaigns.yml"), "--now", NOW.isoformat(), *flags]
    result = CliRunner().invoke(main, argv, env=env, catch_exceptions=False)
    assert result.exit_code == code, result.output + result.stderr
    assert SECRET not in result.output + result.stderr and "Traceback" not in result.output + result.stderr
    return result


def test_unchanged_counts_make_no_commit(repos: Repos, wecom: str) -> None:
    before = repos.remote_log()
    result = sync(repos, wecom, "--push")
    assert "没有提交" in result.output
    assert repos.remote_log() == before
    assert git(repos.cron, "status", "--porcelain") == ""  # only `updated:` had changed: put back


def test_a_changed_count_is_committed_and_pushed_with_a_clear_message(
    repos: Repos, wecom: str, fake: FakeWeCom
) -> None:
    fake.members[CHAT_A] = 315
    result = sync(repos, wecom, "--push")
    assert "已提交" in result.output and "已推送" in result.output
    assert repos.remote_log()[0].split("|")[1] == "pool-status: vip/wecom-a 312→315"
    assert git(repos.remote, "show", "--stat", "--format=", "main").split()[0] == "pool-status.yml"
    assert "members: 315" in repos.remote_file() and "members: 298" in repos.remote_file()
    assert git(repos.cron, "status", "--porcelain") == ""
    assert "Member counts read from WeCom" in git(repos.remote, "log", "-1", "--format=%B", "main")


def test_commit_without_push_stays_local(repos: Repos, wecom: str, fake: FakeWeCom) -> None:
    fake.members[CHAT_B] = 200
    sync(repos, wecom, "--commit")
    assert git(repos.cron, "log", "-1", "--format=%s") == "pool-status: vip/wecom-b 298→200\n"
    assert len(repos.remote_log()) == 1


def test_a_push_race_keeps_the_persons_edit_and_the_counts(repos: Repos, wecom: str, fake: FakeWeCom) -> None:
    """The person marks a group full and pushes right between the cron's fetch and its push."""
    fake.members[CHAT_A] = 320
    hook = repos.cron / ".git" / "hooks" / "pre-push"
    hook.write_text(
        "#!/bin/sh\n"
        f'[ -e "{hook}.done" ] && exit 0\ntouch "{hook}.done"\n'
        f'cd "{repos.person}" && env {" ".join(f"-u {n}" for n in _CLEAN_GIT_ENV)} sh -c \''
        "git pull -q --ff-only && "
        'sed -i "s/    members: 298/    members: 298\\n    full: true/" pool-status.yml && '
        'git commit -qam "wecom-b is full" && git push -q\'\n',
        encoding="utf-8",
    )
    hook.chmod(0o755)
    result = sync(repos, wecom, "--push")
    assert "已推送" in result.output
    status = repos.remote_file()
    assert "members: 320" in status and "full: true" in status  # both: nothing lost
    assert [line.split("|")[1] for line in repos.remote_log()[:2]] == [
        "pool-status: vip/wecom-a 312→320",
        "wecom-b is full",
    ]
    assert git(repos.cron, "status", "--porcelain") == ""
    assert git(repos.cron, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")


def test_a_remote_that_keeps_moving_is_tried_twice_then_left_clean(
    repos: Repos, wecom: str, fake: FakeWeCom
) -> None:
    fake.members[CHAT_A] = 330
    repos.push_from_person_before_each_push(times=5)
    result = sync(repos, wecom, "--push", code=1)
    assert "两次都被拒绝" in result.stderr
    assert (repos.cron.parent / "pushes").read_text(encoding="utf-8").strip() == "2"  # bounded: two tries
    assert git(repos.cron, "status", "--porcelain") == ""
    assert "members: 171" in repos.remote_file()  # the person's second edit stays
    assert "members: 330" not in repos.remote_file()
    repos.push_from_person_before_each_push(times=0)
    sync(repos, wecom, "--push")  # the next cron run goes through
    assert "members: 330" in repos.remote_file() and "members: 171" in repos.remote_file()


def test_a_clone_with_local_changes_is_refused(repos: Repos, wecom: str, fake: FakeWeCom) -> None:
    fake.members[CHAT_A] = 301
    (repos.cron / "campaigns.yml").write_text(
        (repos.cron / "campaigns.yml").read_text(encoding="utf-8") + "\n# draft\n", encoding="utf-8"
    )
    result = sync(repos, wecom, "--push", code=1)
    assert "campaigns.yml" in result.stderr and "干净的克隆" in result.stderr
    assert fake.requests == [] and len(repos.remote_log()) == 1


def test_an_unreachable_remote_is_a_clear_error(repos: Repos, wecom: str, fake: FakeWeCom) -> None:
    git(repos.cron, "remote", "set-url", "origin", "https://user:tok3n@127.0.0.1:9/nowhere.git")
    result = sync(repos, wecom, "--push", code=1)
    assert "git fetch" in result.stderr and "tok3n" not in result.stderr
    assert fake.requests == []
