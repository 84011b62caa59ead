"""`qunma build --posters`: the printable posters land in the site beside each page's entry code."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from generator.cli import main
from generator.qr.image import decode_png

NOW = "2026-11-23T12:00+08:00"


def test_build_with_posters_writes_a_decodable_poster_per_page(example_dir: Path) -> None:
    site = example_dir / "out"
    args = ["build", "--campaigns", str(example_dir / "campaigns.yml"), "--now", NOW, "--site-dir", str(site)]
    result = CliRunner().invoke(main, [*args, "--posters"])
    assert result.exit_code == 0, result.output
    poster = site / "autumn" / "store" / "poster-a6.png"
    assert decode_png(poster.read_bytes()) == ["https://qun.shiguang-coffee.example/autumn/store/"]
    with Image.open(site / "autumn" / "poster-a4.png") as image:
        assert image.size == (2480, 3508)
    assert not (site / "double11" / "poster-a6.png").exists()  # an archived campaign is not printed again


def test_build_without_posters_writes_none(example_dir: Path) -> None:
    site = example_dir / "out"
    args = ["build", "--campaigns", str(example_dir / "campaigns.yml"), "--now", NOW, "--site-dir", str(site)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (site / "autumn" / "entry.png").exists()
    assert not list(site.rglob("poster-*.png"))
