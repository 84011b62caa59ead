"""CI's bot commit (`qunma ci inbox`), against a real git remote on disk: a bare repository, a marketer's
clone that uploads saved codes into qr/inbox/, and CI's own clone that applies them and pushes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from inboxcards import group_link
from inboxkit import NOW, drop

from generator.cli import main
from generator.inbox import ocr

FILES = ("campaigns.yml", "pool-status.yml", "mkdocs.yml", "qr", "site_src")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Marketer", "-c", "user.email=m@example.com", "-c", "core.quotePath=false",
         *args],
        cwd=cwd, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bare repository holding the example on main, and a marketer's clone of it (tmp/marketer)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))  # none of this machine's settings
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(bare))
    marketer = tmp_path / "marketer"
    git(tmp_path, "clone", "--quiet", str(bare), str(marketer))
    repo = Path(__file__).resolve().parent.parent
    for name in FILES:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, marketer / name, ignore=shutil.ignore_patterns("inbox"))
        else:
            shutil.copy2(source, marketer / name)
    git(marketer, "add", "-A")
    git(marketer, "commit", "--quiet", "-m", "the example")
    git(marketer, "push", "--quiet", "origin", "main")
    return bare


def upload(tmp_path: Path, images: dict[str, tuple[str, tuple[int, int], str]]) -> None:
    """The marketer drops saved codes into qr/inbox/ and pushes (GitHub's "Upload files" does the same)."""
    marketer = tmp_path / "marketer"
    for file_name, (name, day, link) in images.items():
        drop(marketer, file_name, name, day, link=link)
    git(marketer, "add", "-A")
    git(marketer, "commit", "--quiet", "-m", "Add files via upload")
    git(marketer, "push", "--quiet", "origin", "main")


def ci_inbox(tmp_path: Path, output: Path) -> tuple[Result, Path]:
    """CI's checkout of main, then `qunma ci inbox` in it."""
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(clone))
    env = {"GITHUB_OUTPUT": str(output)}
    args = ["ci", "inbox", "--now", NOW, "--campaigns", str(clone / "campaigns.yml")]
    return CliRunner().invoke(main, args, env=env), clone


def shown(remote: Path, what: str) -> str:
    return git(remote, "show", what)


@pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
def test_the_bot_commit_lists_each_group_and_reaches_the_remote(tmp_path: Path, remote: Path) -> None:
    g2, g3 = group_link("ci g2"), group_link("ci g3")
    upload(
        tmp_path,
        {
            "IMG_2041.JPG": ("拾光咖啡福利2群", (11, 30), g2),
            "微信图片.jpg": ("拾光咖啡福利3群", (11, 30), g3),
        },
    )
    uploaded = git(remote, "rev-parse", "main").strip()
    output = tmp_path / "github-output"

    result, _ = ci_inbox(tmp_path, output)

    assert result.exit_code == 0, result.output
    head = git(remote, "rev-parse", "main").strip()
    assert head != uploaded and git(remote, "rev-parse", "main~1").strip() == uploaded
    assert output.read_text(encoding="utf-8") == f"sha={head}\n"
    author, subject, *body = (
        git(remote, "log", "-1", "--format=%an <%ae>%n%s%n%b", "main").strip().splitlines()
    )
    assert author == "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
    assert subject == "qunma refresh：从 qr/inbox/ 更新 2 个群的二维码"
    assert [line for line in body if line] == [
        "- qr/inbox/IMG_2041.JPG → 拾光咖啡福利2群（autumn/g2）：有效期到 2026-11-30，"
        "图片存为 qr/autumn-g2-2026-11-30.jpg",
        "- qr/inbox/微信图片.jpg → 拾光咖啡福利3群（autumn/g3）：有效期到 2026-11-30，"
        "图片存为 qr/autumn-g3-2026-11-30.jpg",
    ]
    changed = git(remote, "diff", "--no-renames", "--name-status", uploaded, "main").splitlines()
    assert sorted(changed) == [
        "A\tqr/autumn-g2-2026-11-30.jpg",
        "A\tqr/autumn-g3-2026-11-30.jpg",
        "D\tqr/inbox/IMG_2041.JPG",
        "D\tqr/inbox/微信图片.jpg",
        "M\tcampaigns.yml",
    ]
    diff = git(remote, "diff", "-U0", uploaded, "main", "--", "campaigns.yml")
    edits = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert edits == [
        "-        qr: qr/autumn-g2.png        # 从微信保存的群二维码图片，链接会自动读出来",
        "-        issued: 2026-11-22 09:30",
        "+        qr: qr/autumn-g2-2026-11-30.jpg # 从微信保存的群二维码图片，链接会自动读出来",
        "+        issued: 2026-11-23 00:00",
        "-        url: https://weixin.qq.com/g/AQYAAB2cXv7nMkR4tP9sW3qZ6yE8uI1oL5jK",
        "-        issued: 2026-11-23 09:00",
        "+        qr: qr/autumn-g3-2026-11-30.jpg",
        "+        issued: 2026-11-23 00:00",
    ]


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)


def test_a_refused_inbox_fails_the_run_and_commits_nothing(tmp_path: Path, remote: Path, plain: None) -> None:
    upload(
        tmp_path,
        {
            "g3-11月30日.jpg": ("拾光咖啡福利3群", (11, 30), group_link("x")),
            "bad.png": ("?", (11, 30), "https://u.wechat.com/ABC"),
        },
    )
    uploaded = git(remote, "rev-parse", "main").strip()

    result, clone = ci_inbox(tmp_path, tmp_path / "output")

    assert result.exit_code == 1
    assert result.output.startswith("::error title=qr/inbox/bad.png::图片里的二维码是微信个人名片")
    assert git(remote, "rev-parse", "main").strip() == uploaded
    assert sorted(p.name for p in (clone / "qr" / "inbox").iterdir()) == ["bad.png", "g3-11月30日.jpg"]
    assert not (tmp_path / "output").exists()


def test_an_empty_inbox_commits_nothing(tmp_path: Path, remote: Path, plain: None) -> None:
    before = git(remote, "rev-parse", "main").strip()
    result, _ = ci_inbox(tmp_path, tmp_path / "output")
    assert result.exit_code == 0, result.output
    assert "qr/inbox/ 里没有图片" in result.output
    assert git(remote, "rev-parse", "main").strip() == before


def test_a_push_after_someone_elses_fails_and_the_next_run_applies_it(
    tmp_path: Path, remote: Path, plain: None
) -> None:
    upload(tmp_path, {"g3-11月30日.jpg": ("拾光咖啡福利3群", (11, 30), group_link("y"))})
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "--quiet", str(remote), str(clone))
    marketer = tmp_path / "marketer"  # meanwhile, another change reaches main
    (marketer / "pool-status.yml").write_text("updated: 2026-11-23 10:05\ngroups: {}\n", encoding="utf-8")
    git(marketer, "commit", "--quiet", "-am", "pool status")
    git(marketer, "push", "--quiet", "origin", "main")
    theirs = git(remote, "rev-parse", "main").strip()

    args = ["ci", "inbox", "--now", NOW, "--campaigns", str(clone / "campaigns.yml")]
    result = CliRunner().invoke(main, args, env={"GITHUB_OUTPUT": str(tmp_path / "output")})

    assert result.exit_code == 1
    assert "推送到 main 失败" in result.output and "下一次运行会重新应用 qr/inbox/" in result.output
    assert git(remote, "rev-parse", "main").strip() == theirs  # nothing lost, nothing forced
    shutil.rmtree(clone)
    again, _ = ci_inbox(tmp_path, tmp_path / "output")  # the next run
    assert again.exit_code == 0, again.output
    assert "qr: qr/autumn-g3-2026-11-30.jpg" in shown(remote, "main:campaigns.yml")
    assert "groups: {}" in shown(remote, "main:pool-status.yml")


def test_images_only_set_aside_make_a_commit_that_says_so(tmp_path: Path, remote: Path, plain: None) -> None:
    g3 = "https://weixin.qq.com/g/AQYAAB2cXv7nMkR4tP9sW3qZ6yE8uI1oL5jK"  # the code g3 has already
    upload(tmp_path, {"g3-11月30日.jpg": ("拾光咖啡福利3群", (11, 30), g3)})
    uploaded = git(remote, "rev-parse", "main").strip()

    result, _ = ci_inbox(tmp_path, tmp_path / "output")

    assert result.exit_code == 0, result.output
    subject, *body = git(remote, "log", "-1", "--format=%s%n%b", "main").strip().splitlines()
    assert subject == "qunma refresh：移走 qr/inbox/ 里用不上的图片（没有群需要更新）"
    assert body == [
        "- qr/inbox/g3-11月30日.jpg: autumn/g3 在 campaigns.yml 里已经是这个码：没有改动，已从 qr/inbox/ 移走"
    ]
    changed = git(remote, "diff", "--no-renames", "--name-status", uploaded, "main").splitlines()
    assert changed == ["D\tqr/inbox/g3-11月30日.jpg"]
