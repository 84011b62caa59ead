"""The site folder a build replaces (issue 11, data loss): never the project, its pages or its inputs; and
swapped in whole, whatever instant a build is killed at and however many builds run at once."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.output import sitefolder as sitedir

NOW = "2026-11-23T12:00+08:00"
KILLHOOK = Path(__file__).with_name("killhook.py")


def build(campaigns: Path, *extra: str) -> tuple[int, str]:
    """`qunma build` in this process, as a user types it; (exit code, everything it printed)."""
    args = ["build", "--campaigns", str(campaigns), "--now", NOW, *extra]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.output


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (hidden ones and .git too), by relative path; folders as empty values."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(root.rglob("*"))
    }


def beside(site: Path) -> list[str]:
    """What builds keep next to the site folder: staging, parked old sites, the lock."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def git_init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=60)


# --- folders a build must refuse, touching nothing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("site_dir", "says"),
    [
        (".", "项目文件夹"),  # as found: the project, campaigns.yml and .git deleted
        ("..", "项目文件夹"),  # a parent folder: worse
        ("site_src", "网页源文件夹"),  # the hand-written pages deleted
        ("site_src/out", "网页源文件夹"),  # inside the pages: built into itself next time
        ("qr", "不是 qunma 生成的网站"),  # the saved group codes
    ],
)
def test_a_site_folder_holding_the_project_is_refused_and_nothing_touched(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, site_dir: str, says: str
) -> None:
    git_init(example_dir)
    (example_dir / "notes.txt").write_text("uncommitted work\n", encoding="utf-8")
    monkeypatch.chdir(example_dir)
    before = tree(example_dir.parent)
    code, output = build(Path("campaigns.yml"), "--site-dir", site_dir)
    assert code == 1 and says in output and "什么都没有改动" in output, output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1
    assert tree(example_dir.parent) == before


def test_a_folder_with_a_git_repository_or_other_files_is_refused(example_dir: Path, tmp_path: Path) -> None:
    pages = tmp_path / "gh-pages"
    git_init(pages)
    code, output = build(example_dir / "campaigns.yml", "--site-dir", str(pages))
    assert code == 1 and ".git" in output and (pages / ".git" / "HEAD").is_file(), output
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "contract.docx").write_bytes(b"precious")
    code, output = build(example_dir / "campaigns.yml", "--site-dir", str(documents))
    assert code == 1 and "qunma-manifest.json" in output, output
    assert (documents / "contract.docx").read_bytes() == b"precious" and beside(documents) == []


def test_an_image_kept_inside_the_site_folder_is_refused_before_the_swap(example_dir: Path) -> None:
    out = example_dir / "out"
    assert build(example_dir / "campaigns.yml", "--site-dir", str(out))[0] == 0
    (example_dir / "qr" / "autumn-g2.png").rename(out / "autumn-g2.png")
    campaigns = example_dir / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8").replace("qr: qr/autumn-g2.png", "qr: out/autumn-g2.png")
    campaigns.write_text(text, encoding="utf-8")
    before = tree(out)
    code, output = build(campaigns, "--site-dir", str(out))
    assert code == 1 and "out/autumn-g2.png" in output and "什么都没有改动" in output, output
    assert tree(out) == before and beside(out) == []


def test_fresh_empty_and_previously_built_folders_are_fine(example_dir: Path) -> None:
    (example_dir / "empty").mkdir()
    for site_dir in ("site", "empty", "site", "nested/deeper/site"):
        code, output = build(example_dir / "campaigns.yml", "--site-dir", str(example_dir / site_dir))
        assert code == 0, output
        assert (example_dir / site_dir / "qunma-manifest.json").is_file()


def test_plain_mkdocs_build_refuses_a_site_dir_holding_inputs(example_dir: Path) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "QUNMA_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    before = tree(example_dir)
    done = subprocess.run(
        [str(mkdocs), "build", "-q", "-d", "qr"],
        cwd=example_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "不能把网站生成到 qr" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and tree(example_dir) == before


# --- the lock: one build of a site at a time ---------------------------------------------------------------


def test_a_build_waits_for_the_lock_then_says_another_build_is_running(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example_dir)
    site = example_dir / "site"
    assert build(example_dir / "campaigns.yml", "--site-dir", str(site))[0] == 0
    before = tree(site)
    monkeypatch.setattr(sitedir, "LOCK_WAIT", 1.0)
    with (example_dir / ".site.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        code, output = build(example_dir / "campaigns.yml", "--site-dir", str(site))
        waited = time.monotonic() - started
    assert code == 1 and "另一个构建正在生成 site，等了 1 秒仍未结束" in output, output
    assert "Traceback" not in output and 1.0 <= waited < 30
    assert tree(site) == before


def qunma(example_dir: Path, site: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """A real `qunma build` process, through tests/killhook.py."""
    command = [sys.executable, str(KILLHOOK), "build", "--campaigns", "campaigns.yml", "--now", NOW]
    return subprocess.Popen(
        [*command, "--site-dir", str(site)],
        cwd=example_dir,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=180)
    return process.returncode, out + err


def wait_for_lock(lock: Path, process: subprocess.Popen[str]) -> None:
    """Until process holds the site's lock (a killed build may have left the file, unlocked)."""
    deadline = time.monotonic() + 60
    while not held(lock):
        assert process.poll() is None and time.monotonic() < deadline, finish(process)
        time.sleep(0.02)


def held(lock: Path) -> bool:
    try:
        probe = os.open(lock, os.O_RDONLY)  # never creates it
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released again as it is closed
    except BlockingIOError:
        return True
    finally:
        os.close(probe)
    return False


def test_two_builds_at_once_both_succeed_one_after_the_other(example_dir: Path) -> None:
    site = example_dir / "site"
    first = qunma(example_dir, site, {"KILL_HOLD": "2"})  # holds the lock for 2 s before it builds
    wait_for_lock(example_dir / ".site.lock", first)
    second = qunma(example_dir, site)
    (code1, out1), (code2, out2) = finish(first), finish(second)
    assert code1 == 0 and code2 == 0, out1 + out2
    assert "Traceback" not in out1 + out2
    assert "另一个构建正在生成 site，等它结束" in out2
    assert (site / "autumn" / "index.html").is_file() and beside(site) == [".site.next"]


# --- kill -9 at any instant ---------------------------------------------------------------------------------


FIRST_TITLE = "title: 秋冬新品福利群"
NEXT = ".site.next"  # where the next build starts from: the site before the current one


def set_title(example_dir: Path, title: str) -> None:
    """The first campaign's title (it is on its pages, not in its codes)."""
    campaigns = example_dir / "campaigns.yml"
    lines = campaigns.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("    title: "))
    lines[at] = "    " + title
    campaigns.write_text("\n".join(lines), encoding="utf-8")


class Versions:
    """The complete site of each title, built into an empty folder (builds are byte-identical)."""

    def __init__(self, example_dir: Path) -> None:
        self.example_dir = example_dir
        self.sites: dict[str, dict[str, bytes]] = {}
        self.built = 0

    def next_title(self) -> str:
        """A title no build had before: each build then has pages to change."""
        self.built += 1
        title = f"title: 第{self.built}期福利群"
        set_title(self.example_dir, title)
        return title

    def __getitem__(self, title: str) -> dict[str, bytes]:
        if title not in self.sites:
            reference = self.example_dir.parent / "reference"
            chosen = self.example_dir / "campaigns.yml"
            saved = chosen.read_text(encoding="utf-8")
            set_title(self.example_dir, title)
            code, output = build(chosen, "--site-dir", str(reference))
            chosen.write_text(saved, encoding="utf-8")
            assert code == 0, output
            self.sites[title] = tree(reference)
            shutil.rmtree(reference)
        return self.sites[title]


@pytest.fixture
def versions(example_dir: Path) -> Versions:
    return Versions(example_dir)


def steps_of(example_dir: Path, site: Path, phase: str, env: dict[str, str]) -> int:
    """How many steps a whole build takes in phase."""
    report = example_dir.parent / f"steps-{phase}"
    code, output = finish(qunma(example_dir, site, {**env, "KILL_PHASE": phase, "KILL_REPORT": str(report)}))
    assert code == 0, output
    return int(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("swap", ["exchange", "two renames"])
def test_a_build_killed_at_any_step_leaves_the_old_or_the_new_site(
    example_dir: Path, versions: Versions, swap: str
) -> None:
    site = example_dir / "site"
    env = {"KILL_NO_EXCHANGE": "1" if swap == "two renames" else "0"}
    assert build(example_dir / "campaigns.yml", "--site-dir", str(site))[0] == 0
    versions.next_title()
    assert steps_of(example_dir, site, "swap", env) >= 1  # a site to replace, and no next site yet
    current = versions.next_title()
    updating = steps_of(example_dir, site, "update", env)  # the next site, from the site before last
    assert updating >= 8, updating
    missing = 0
    # Each run starts from what the killed one before it left. Update steps: new folders, files written,
    # linked or removed in the next site, which the site never sees. Swap steps: the exchange, then cleaning
    # up; or rename site → parked, next → site, parked → next. Recover steps: a parked site put back.
    updates = (0, 1, updating // 2, updating - 1)
    swaps = (0, 1, 3) if swap == "exchange" else (0, 2, 3, 1)
    kills = [("update", at) for at in updates] + [("swap", at) for at in swaps] + [("recover", 0)]
    for phase, at in kills:
        new = versions.next_title()
        code, output = finish(qunma(example_dir, site, {**env, "KILL_PHASE": phase, "KILL_AT": str(at)}))
        assert code == -9 and "Traceback" not in output, (phase, at, output)
        parked = [name for name in beside(site) if ".old-" in name]
        if swap == "two renames" and not site.exists():
            # Killed between the two renames: the old site waits, whole, for the next build to put it back.
            assert len(parked) == 1 and tree(site.parent / parked[0]) == versions[current], (phase, at)
            missing += 1
            continue
        if phase == "update":
            assert tree(site) == versions[current], f"killed at update step {at}: the site changed"
        assert tree(site) in (versions[current], versions[new]), f"killed at {phase} step {at}: a mixed site"
        current = new if tree(site) == versions[new] else current
    assert missing == (2 if swap == "two renames" else 0)  # killed at swap step 1 and at recover step 0
    new = versions.next_title()
    code, output = finish(qunma(example_dir, site, env))
    assert code == 0, output
    assert tree(site) == versions[new], "the next build makes the whole site, whatever a killed one left"
    assert beside(site) == [NEXT], "and cleans up after killed ones"


def test_a_build_killed_while_it_builds_keeps_the_old_site(example_dir: Path, versions: Versions) -> None:
    site = example_dir / "site"
    set_title(example_dir, old := FIRST_TITLE)
    assert build(example_dir / "campaigns.yml", "--site-dir", str(site))[0] == 0
    new = versions.next_title()
    chance = random.Random(11)  # the same instants on every run
    for _ in range(3):
        process = qunma(example_dir, site)
        wait_for_lock(example_dir / ".site.lock", process)  # the build is under way
        time.sleep(chance.uniform(0, 0.4))
        process.kill()
        finish(process)
        assert tree(site) in (versions[old], versions[new])
    assert finish(qunma(example_dir, site))[0] == 0
    assert tree(site) == versions[new] and beside(site) in ([], [NEXT])


def test_a_parked_old_site_is_put_back_even_by_a_build_that_fails(example_dir: Path) -> None:
    site = example_dir / "site"
    assert build(example_dir / "campaigns.yml", "--site-dir", str(site))[0] == 0
    before = tree(site)
    site.rename(example_dir / ".site.old-4f2a")  # what a build killed between its two renames leaves
    (example_dir / ".site.building-77aa" / "autumn").mkdir(parents=True)  # and a half-built site
    campaigns = example_dir / "campaigns.yml"
    campaigns.write_text(campaigns.read_text(encoding="utf-8").replace("id: g3", "id: g1"), encoding="utf-8")
    code, output = build(campaigns, "--site-dir", str(site))
    assert code == 1 and "campaigns.yml:" in output
    assert tree(site) == before and beside(site) == []
