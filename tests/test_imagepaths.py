"""Only image files inside the project are read, only regular ones, and only so many bytes.

Found as: `qr: ../elsewhere.png`, an absolute path and a symbolic link leading out of the project were
read, and the link found in such an image was published; a FIFO would hang the loader, a link to /dev/zero
would eat the memory. Reproduced through `qunma check` / `qunma build` on a copy of the example, for every
image path in campaigns.yml (a group's qr, the brand logo, the contact's qr), and for the model cache that
re-reads the images a cached result depends on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from loadkit import edit

from generator.cli import main
from generator.common.regularfile import MAX_IMAGE_BYTES, read_regular
from generator.errors import InputError
from generator.input.load import load_project
from generator.qr.image import qr_image

NOW = "2026-11-23T10:00+08:00"
SCAM = "https://weixin.qq.com/g/SCAMfromOUTSIDEthePROJECT"
QR_LINE = "qr: qr/autumn-g2.png"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def check() -> tuple[int, str]:
    return run("check", "--now", NOW)




@pytest.fixture
def project(tmp_path: Path, example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example as the working folder, and beside it (outside the project) an image of a scam link."""
    qr_image(SCAM).save(tmp_path / "elsewhere.png")
    monkeypatch.chdir(example_dir)
    return example_dir


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink"])
def test_a_group_image_outside_the_project_is_refused_and_its_link_never_published(
    project: Path, how: str
) -> None:
    outside = project.parent / "elsewhere.png"
    if how == "symlink":
        (project / "qr" / "autumn-g2.png").unlink()
        (project / "qr" / "autumn-g2.png").symlink_to(outside)
        written = "qr/autumn-g2.png"
    else:
        written = "../elsewhere.png" if how == "dotdot" else str(outside)
    line, column = edit(project, QR_LINE, f"qr: {written}")
    code, output = check()
    assert code == 1
    (message,) = output.splitlines()
    says = {
        "dotdot": f"图片 ../elsewhere.png 在项目文件夹（campaigns.yml 所在的 {project}）之外",
        "absolute": f"图片 {outside} 写的是绝对路径：qunma 只读项目文件夹",
        "symlink": "qr/autumn-g2.png 是一个指向项目文件夹之外的链接（symlink）",
    }[how]
    assert message.startswith(f"campaigns.yml:{line}:{column + 4}: {says}"), message
    code, output = run("build", "--now", NOW, "--site-dir", "site")
    assert code == 1 and "Traceback" not in output and not (project / "site").exists()
    assert "SCAM" not in output  # not even the error repeats what the outside image holds


def test_the_fix_the_message_gives_works(project: Path) -> None:
    edit(project, QR_LINE, "qr: ../elsewhere.png")
    assert check()[0] == 1
    (project / "qr" / "elsewhere.png").write_bytes((project.parent / "elsewhere.png").read_bytes())
    edit(project, "qr: ../elsewhere.png", "qr: qr/elsewhere.png")
    code, output = check()
    assert code == 0, output


def test_a_symlink_within_the_project_is_fine(project: Path) -> None:
    (project / "qr" / "same.png").symlink_to(project / "qr" / "autumn-g2.png")
    edit(project, QR_LINE, "qr: qr/same.png")
    code, output = check()
    assert code == 0, output


def test_the_logo_and_the_contact_image_are_held_to_the_same_rule(project: Path) -> None:
    logo_line, logo_column = edit(project, "logo: site_src/assets/logo.png", "logo: ../elsewhere.png")
    contact_line, _ = edit(
        project, "    url: https://work.weixin.qq.com/kfid/kfc5e1b2a3c4d5e6f70\n", "    qr: /etc/hostname\n"
    )
    code, output = check()
    assert code == 1
    first, second = output.splitlines()
    assert first.startswith(
        f"campaigns.yml:{logo_line}:{logo_column + 6}: 图片 ../elsewhere.png 在项目文件夹"
    )
    assert second.startswith(f"campaigns.yml:{contact_line}:9: 图片 /etc/hostname 写的是绝对路径")


def test_a_fifo_is_refused_at_once(project: Path) -> None:
    os.mkfifo(project / "qr" / "pipe.png")
    line, column = edit(project, QR_LINE, "qr: qr/pipe.png")
    # In a child process: if it hung on the FIFO, the timeout ends it and the test fails.
    done = subprocess.run(
        [str(Path(sys.executable).with_name("qunma")), "check", "--now", NOW],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"campaigns.yml:{line}:{column + 4}: qr/pipe.png 不是普通文件（是设备、管道或其他特殊文件）"
    )


def test_a_link_to_dev_zero_is_refused(project: Path) -> None:
    (project / "qr" / "zero.png").symlink_to("/dev/zero")
    edit(project, QR_LINE, "qr: qr/zero.png")
    code, output = check()
    assert code == 1 and "qr/zero.png 是一个指向项目文件夹之外的链接" in output


def test_a_huge_file_is_refused_without_reading_it(project: Path) -> None:
    huge = project / "qr" / "huge.png"
    with huge.open("wb") as file:  # sparse: no disk used
        file.truncate(MAX_IMAGE_BYTES + 1)
    line, column = edit(project, QR_LINE, "qr: qr/huge.png")
    code, output = check()
    assert code == 1
    assert output.startswith(f"campaigns.yml:{line}:{column + 4}: 图片 qr/huge.png 太大（20 MB，最多 20 MB）")


def test_an_image_swapped_for_dev_zero_after_a_cached_load_neither_hangs_nor_eats_memory(
    project: Path,
) -> None:
    """The model cache re-reads every image a kept result depends on (git can store a symlink)."""
    campaigns, cache = project / "campaigns.yml", project / ".qunma-cache" / "model"
    load_project(campaigns, cache=cache)
    image = project / "qr" / "autumn-g2.png"
    image.unlink()
    image.symlink_to("/dev/zero")
    started = time.monotonic()
    with pytest.raises(InputError, match="qr/autumn-g2.png 是一个指向项目文件夹之外的链接"):
        load_project(campaigns, cache=cache)
    assert time.monotonic() - started < 30


def test_read_regular_refuses_what_is_not_a_bounded_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    for special in (tmp_path / "pipe", Path("/dev/zero"), tmp_path):
        with pytest.raises(OSError):
            read_regular(special)
    (tmp_path / "small").write_bytes(b"x" * 10)
    assert read_regular(tmp_path / "small", limit=10) == b"x" * 10
    with pytest.raises(OSError):
        read_regular(tmp_path / "small", limit=9)
