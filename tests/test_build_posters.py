"""`qunma build --posters`: the printable posters (PNG and print PDF) land in the site beside each page's
entry code, the same bytes build after build."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
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
    assert not list((site / "double11").glob("poster-*"))
    pngs = sorted(p.relative_to(site).with_suffix("") for p in site.rglob("poster-*.png"))
    pdfs = sorted(p.relative_to(site).with_suffix("") for p in site.rglob("poster-*.pdf"))
    assert pngs == pdfs and len(pdfs) == 2 * 9, "a print PDF beside every PNG (the 9 pages not archived)"
    spring = (site / "spring" / "poster-a6.pdf").read_bytes()
    text = pdfium.PdfDocument(spring)[0].get_textpage().get_text_range()
    assert "活动 2027年2月20日 10:00 开始" in text and "届时微信扫码" in text  # not started: says when
    # Built again (the QR cache now warm): every poster the same bytes.
    again = example_dir / "again"
    assert CliRunner().invoke(main, [*args[:-1], str(again), "--posters"]).exit_code == 0
    for path in site.rglob("poster-*"):
        assert (again / path.relative_to(site)).read_bytes() == path.read_bytes(), path


def test_build_without_posters_writes_none(example_dir: Path) -> None:
    site = example_dir / "out"
    args = ["build", "--campaigns", str(example_dir / "campaigns.yml"), "--now", NOW, "--site-dir", str(site)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (site / "autumn" / "entry.png").exists()
    assert not list(site.rglob("poster-*.png"))
