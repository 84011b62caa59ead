"""Builds that write only what changed (issue 18): the next site is made from the one before it, in
`.<site>.next`, and whatever that folder held, the site that comes out is byte-identical to one built into an
empty folder; the site in place is never changed through a file it shares with the next one."""

from __future__ import annotations

import errno
import os
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.output import nextsite

NOW = "2026-11-23T12:00+08:00"
TITLES = ("title: 秋冬新品福利群", "title: 冬季新品福利群")
OWN = ("autumn/", "double11/", "spring/", "vip/", "qr/")  # qunma's files (the rest: MkDocs' and the theme's)


def build(example_dir: Path, site: Path, title: str = TITLES[0]) -> None:
    campaigns = example_dir / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8")
    campaigns.write_text(text.replace(TITLES[0], title).replace(TITLES[1], title), encoding="utf-8")
    args = ["build", "--campaigns", str(campaigns), "--now", NOW, "--site-dir", str(site)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output


def tree(root: Path) -> dict[str, bytes]:
    """Every entry under root by relative path: files by content, folders as "<dir>", links as "<link>"."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        found[name] = b"<link>" if path.is_symlink() else path.read_bytes() if path.is_file() else b"<dir>"
    return found


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def reference(example_dir: Path) -> dict[str, dict[str, bytes]]:
    """Each version's site built into an empty folder."""
    sites = {}
    for title in TITLES:
        build(example_dir, example_dir.parent / "reference", title)
        sites[title] = tree(example_dir.parent / "reference")
        shutil.rmtree(example_dir.parent / "reference")
    return sites


def test_a_rebuild_writes_only_the_files_that_changed(
    example_dir: Path, reference: dict[str, dict[str, bytes]]
) -> None:
    site = example_dir / "site"
    build(example_dir, site, TITLES[0])
    build(example_dir, site, TITLES[1])  # the first site is kept as the next one
    assert tree(site) == reference[TITLES[1]] and (example_dir / ".site.next").is_dir()
    before = inodes(site)
    build(example_dir, site, TITLES[1])  # nothing changed
    after = inodes(site)
    own = [path for path in before if path.startswith(OWN)]
    assert len(own) > 30 and all(after[path] == before[path] for path in own), "a file was written again"
    build(example_dir, site, TITLES[0])
    changed = {p for p in own if reference[TITLES[0]][p] != reference[TITLES[1]][p]}
    assert changed and len(changed) < len(own) / 2, changed  # the title is on the pages, not in the codes
    again = inodes(site)
    assert {p for p in own if again[p] != after[p]} == changed
    assert tree(site) == reference[TITLES[0]]


@pytest.mark.parametrize("helper", ["none", "a forked helper"])
def test_whatever_the_next_folder_holds_the_site_is_byte_identical(
    example_dir: Path,
    tmp_path: Path,
    reference: dict[str, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    helper: str,
) -> None:
    if helper != "none":  # half the files written by a forked process, as in a large site
        monkeypatch.setattr(nextsite, "BESIDE_FROM", 1)
        monkeypatch.setattr("generator.common.beside.threading.active_count", lambda: 1)  # other tests serve
    site, following = example_dir / "site", example_dir / ".site.next"
    build(example_dir, site, TITLES[0])
    build(example_dir, site, TITLES[1])
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_bytes(b"not the site's")
    page = following / "autumn" / "index.html"  # same length, other bytes: only reading tells
    page.write_bytes(bytes(len(page.read_bytes())))
    (following / "autumn" / "rules" / "index.html").write_bytes(b"half writ")  # a killed build's file
    (following / "autumn" / "store" / "index.html").unlink()
    (following / "autumn" / "store" / "index.html").symlink_to(outside / "precious.txt")  # never followed
    os.mkfifo(following / "qunma-manifest.json.tmp")
    (following / "vip" / "index.html").unlink()
    os.mkfifo(following / "vip" / "index.html")  # a FIFO where a page goes: never waited on
    shutil.rmtree(following / "double11")
    (following / "double11").write_bytes(b"a file where a folder goes")
    (following / "qr" / "stale.png").mkdir()  # a folder where nothing goes, with a link out of the site
    (following / "qr" / "stale.png" / "away").symlink_to(outside, target_is_directory=True)
    build(example_dir, site, TITLES[0])
    assert tree(site) == reference[TITLES[0]]
    assert tree(outside) == {"precious.txt": b"not the site's"}


@pytest.mark.parametrize("found", ["a link out of the project", "a file"])
def test_a_next_folder_that_is_not_a_folder_is_replaced_never_followed(
    example_dir: Path, tmp_path: Path, reference: dict[str, dict[str, bytes]], found: str
) -> None:
    site, following = example_dir / "site", example_dir / ".site.next"
    build(example_dir, site, TITLES[0])
    outside = tmp_path / "outside"
    (outside / "autumn").mkdir(parents=True)
    (outside / "autumn" / "notes.txt").write_bytes(b"mine")
    if found == "a file":
        following.write_bytes(b"not a folder")
    else:
        following.symlink_to(outside, target_is_directory=True)
    build(example_dir, site, TITLES[1])
    assert tree(site) == reference[TITLES[1]]
    assert tree(outside) == {"autumn": b"<dir>", "autumn/notes.txt": b"mine"}


def test_without_a_next_folder_or_without_a_site_the_build_is_whole(
    example_dir: Path, reference: dict[str, dict[str, bytes]]
) -> None:
    site, following = example_dir / "site", example_dir / ".site.next"
    build(example_dir, site, TITLES[0])
    build(example_dir, site, TITLES[1])
    shutil.rmtree(site)  # a person deleted it; the next folder holds the first version
    build(example_dir, site, TITLES[1])
    assert tree(site) == reference[TITLES[1]] and not following.exists()


def test_a_helper_that_fails_half_way_leaves_its_files_to_the_build(
    example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: dict[str, dict[str, bytes]]
) -> None:
    site, parent, failed = example_dir / "site", os.getpid(), tmp_path / "helper-failed"
    build(example_dir, site, TITLES[0])
    done = 0

    def counted(real: Any) -> Any:
        def step(*args: Any, **kwargs: Any) -> Any:
            nonlocal done
            real(*args, **kwargs)
            done += 1
            if os.getpid() != parent and done == 3:  # the helper's disk hiccups after three files
                failed.touch()
                raise OSError(errno.EIO, os.strerror(errno.EIO))

        return step

    monkeypatch.setattr(nextsite, "BESIDE_FROM", 1)
    monkeypatch.setattr("generator.common.beside.threading.active_count", lambda: 1)  # other tests serve
    monkeypatch.setattr(nextsite, "write_new", counted(nextsite.write_new))
    monkeypatch.setattr(nextsite.os, "link", counted(os.link))
    build(example_dir, site, TITLES[1])  # what the helper made before it failed is found, checked, kept
    assert failed.exists() and tree(site) == reference[TITLES[1]]


def test_a_file_system_without_hard_links_gets_the_files_written(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch, reference: dict[str, dict[str, bytes]]
) -> None:
    site = example_dir / "site"
    build(example_dir, site, TITLES[0])
    tried: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        tried.append(args)
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))  # as FAT, or a link to another user's file

    monkeypatch.setattr(nextsite.os, "link", refuse)
    build(example_dir, site, TITLES[1])
    assert tree(site) == reference[TITLES[1]]
    assert len(tried) == 1, "asked once, not once a file"


def test_the_site_holds_no_two_names_for_one_file(example_dir: Path, tmp_path: Path) -> None:
    """Hard links join the site and the next folder only: a tar of the site (GitHub Pages' artifact, an
    upload to a bucket) holds every file as a file."""
    site = example_dir / "site"
    for title in (*TITLES, TITLES[0], TITLES[0]):
        build(example_dir, site, title)
        files = inodes(site)
        assert len(set(files.values())) == len(files)
    with tarfile.open(tmp_path / "site.tar", "w") as archive:
        archive.add(site, arcname="site")
    with tarfile.open(tmp_path / "site.tar") as archive:
        members = archive.getmembers()
    assert members and not [m.name for m in members if m.islnk() or m.issym()]


def test_the_two_halves_never_share_a_top_level_folder() -> None:
    paths = sorted(
        [f"c{c:03d}/{page}index.html" for c in range(40) for page in ("", "ch0/", "ch1/", "rules/")]
        + [f"qr/{n:04d}.png" for n in range(60)]
        + ["qunma-manifest.json"]
    )
    first, second = nextsite.halves(paths)
    assert first + second == paths
    assert not {p.split("/")[0] for p in first} & {p.split("/")[0] for p in second}
    assert abs(len(first) - len(second)) < len(paths) / 4
    assert nextsite.halves([]) == ([], []) and nextsite.halves(["one.html"]) == (["one.html"], [])
