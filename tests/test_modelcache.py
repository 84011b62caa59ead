"""The model cache: a second load of the same campaigns.yml comes from .qunma-cache, and is the same as a
fresh one; any change to what the loader read, a broken entry or a read-only folder gives a fresh load."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import InputError
from generator.input import load as load_module
from generator.input.load import load_project
from generator.qr.image import qr_png

NOW = datetime.fromisoformat("2026-11-23T10:00+08:00")


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every campaigns.yml actually read and checked (not served from the cache)."""
    done: list[Path] = []
    real = load_module._load

    def counting(path: Path):  # type: ignore[no-untyped-def]
        done.append(path)
        return real(path)

    monkeypatch.setattr(load_module, "_load", counting)
    return done


def test_the_second_load_comes_from_the_cache_and_is_the_same(example_dir: Path, loads: list[Path]) -> None:
    campaigns, cache = example_dir / "campaigns.yml", example_dir / ".qunma-cache" / "model"
    fresh = load_project(campaigns, now=NOW)
    first = load_project(campaigns, now=NOW, cache=cache)
    second = load_project(campaigns, now=NOW, cache=cache)
    assert len(loads) == 2 and len(list(cache.glob("*.model"))) == 1
    assert second == first == fresh


def test_a_fresh_checkout_of_the_same_files_uses_the_cache(example_dir: Path, loads: list[Path]) -> None:
    campaigns, cache = example_dir / "campaigns.yml", example_dir / "cache"
    load_project(campaigns, now=NOW, cache=cache)
    images = [example_dir / "qr" / "autumn-g2.png", example_dir / "site_src" / "assets" / "logo.png"]
    for path in [campaigns, *images]:
        path.write_bytes(path.read_bytes())  # as `git checkout` writes them: new modification times
    load_project(campaigns, now=NOW, cache=cache)
    assert len(loads) == 1


def test_time_warnings_are_worked_out_for_each_moment(example_dir: Path, loads: list[Path]) -> None:
    campaigns, cache = example_dir / "campaigns.yml", example_dir / "cache"
    early = load_project(campaigns, now=NOW, cache=cache)
    later = datetime.fromisoformat("2026-11-29T12:00+08:00")  # g1 and g2 expired by then
    late = load_project(campaigns, now=later, cache=cache)
    assert len(loads) == 1  # the same entry served both
    assert late.warnings == load_project(campaigns, now=later).warnings
    expired = [str(w) for w in late.warnings if "g1" in w.message]
    assert expired and not [w for w in early.warnings if "g1" in w.message]


def test_any_change_to_the_file_or_an_image_it_names_is_a_fresh_load(
    example_dir: Path, loads: list[Path]
) -> None:
    campaigns, cache = example_dir / "campaigns.yml", example_dir / "cache"
    load_project(campaigns, now=NOW, cache=cache)
    campaigns.write_text(
        campaigns.read_text(encoding="utf-8").replace("秋冬新品福利群", "冬季福利群"), "utf-8"
    )
    assert load_project(campaigns, now=NOW, cache=cache).campaign("autumn").title == "冬季福利群"
    image = example_dir / "qr" / "autumn-g2.png"
    new_link = "https://weixin.qq.com/g/AQYAANEWLINKforTHEcacheTEST000000"
    image.write_bytes(qr_png(new_link))
    os.utime(image, ns=(1, 1))  # an old time: the content is what counts
    groups = {g.id: g for g in load_project(campaigns, now=NOW, cache=cache).campaign("autumn").groups}
    assert groups["g2"].url == new_link
    assert len(loads) == 3


def test_a_broken_entry_is_ignored_and_replaced(example_dir: Path, loads: list[Path]) -> None:
    campaigns, cache = example_dir / "campaigns.yml", example_dir / "cache"
    expected = load_project(campaigns, now=NOW, cache=cache)
    (entry,) = cache.glob("*.model")
    entry.write_bytes(entry.read_bytes()[:-100])  # cut short, as by a full disk
    assert load_project(campaigns, now=NOW, cache=cache) == expected
    assert load_project(campaigns, now=NOW, cache=cache) == expected
    assert len(loads) == 2  # the broken entry was replaced by the second load


def test_problems_are_never_kept(example_dir: Path, loads: list[Path]) -> None:
    campaigns, cache = example_dir / "campaigns.yml", example_dir / "cache"
    campaigns.write_text(
        campaigns.read_text(encoding="utf-8").replace("switch_at: 190", "switch_at: 900"), "utf-8"
    )
    for _ in range(2):
        with pytest.raises(InputError):
            load_project(campaigns, now=NOW, cache=cache)
    assert len(loads) == 2 and not list(cache.glob("*"))


def test_a_cache_folder_that_cannot_be_written_only_costs_time(example_dir: Path) -> None:
    campaigns, cache = example_dir / "campaigns.yml", example_dir / "cache"
    cache.write_text("a file where the folder should be", encoding="utf-8")  # fails for root too
    assert load_project(campaigns, now=NOW, cache=cache) == load_project(campaigns, now=NOW)
    assert cache.read_text(encoding="utf-8") == "a file where the folder should be"


def test_status_after_a_build_reads_the_cache_and_says_the_same(
    example_dir: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.chdir(example_dir)
    args = ["status", "--campaigns", "campaigns.yml", "--now", "2026-11-23T10:00+08:00", "--json"]
    built = runner.invoke(main, ["build", "--campaigns", "campaigns.yml", "--now", "2026-11-23T10:00+08:00"])
    assert built.exit_code == 0, built.output
    assert list((example_dir / ".qunma-cache" / "model").glob("*.model"))
    warm = runner.invoke(main, args)
    assert len(loads) == 1  # only the build read campaigns.yml
    for entry in (example_dir / ".qunma-cache" / "model").glob("*.model"):
        entry.unlink()
    cold = runner.invoke(main, args)
    assert len(loads) == 2
    assert warm.exit_code == cold.exit_code == 0 and warm.output == cold.output
