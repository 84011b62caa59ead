"""Print PDFs of posters, checked as a print shop and a phone meet them: rendered back to pixels by PDFium
(pypdfium2), its boxes read as a RIP reads them: trim size with 3 mm bleed the band runs into, crop marks on
the cut lines outside the bleed, the code vector and decodable, the text real (embedded subset) or at
600 dpi when the font cannot be embedded, the PNG's very layout, and the same bytes every time."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from printkit import wechat_reads
from test_poster import NOW, make_project

from generator.qr.image import decode_image
from generator.render import typeset
from generator.render.poster import A4, A6, PosterSize, poster_files, poster_layout
from generator.render.poster_pdf import MM, SLUG

REPO = Path(__file__).resolve().parent.parent
URL = "https://qun.example.cn/autumn/store/"
PATH = "autumn/store/poster-{}.{}"
TRIM = {"a6": (105, 148), "a4": (210, 297)}
BROWN = (0x8B, 0x5A, 0x2B)  # make_project's brand colour


@pytest.fixture(scope="module")
def font() -> Path:
    return typeset.find_font(None, "zh")


@pytest.fixture(scope="module")
def files(font: Path) -> dict[str, bytes]:
    project, plan = make_project()
    return poster_files(project, plan, font, "autumn", "store")


def first_page(data: bytes) -> pdfium.PdfPage:
    return pdfium.PdfDocument(data)[0]


def render(data: bytes, dpi: int) -> Image.Image:
    """The whole sheet (media box: bleed, slug and marks) as RGB pixels."""
    return first_page(data).render(scale=dpi / 72).to_pil().convert("RGB")


def mm(points: float) -> float:
    return points / MM


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_the_page_is_the_trim_size_with_3_mm_of_bleed_and_a_slug_for_the_marks(
    files: dict[str, bytes], size: str
) -> None:
    page = first_page(files[PATH.format(size, "pdf")])
    left, bottom, right, top = page.get_trimbox()
    assert (mm(right - left), mm(top - bottom)) == pytest.approx(TRIM[size], abs=0.01)
    bleed = page.get_bleedbox()
    outward = (mm(left - bleed[0]), mm(bottom - bleed[1]), mm(bleed[2] - right), mm(bleed[3] - top))
    assert outward == pytest.approx((3, 3, 3, 3), abs=0.01)
    width, height = TRIM[size]
    assert (mm(bleed[2] - bleed[0]), mm(bleed[3] - bleed[1])) == pytest.approx(
        (width + 6, height + 6), abs=0.01
    )
    media = page.get_mediabox()
    assert media[0] == 0 and media[1] == 0 and mm(media[2] - bleed[2]) >= 5 and mm(media[3] - bleed[3]) >= 5


def test_crop_marks_are_on_the_cut_lines_in_the_slug_and_nothing_else_is(files: dict[str, bytes]) -> None:
    dpi = 600
    sheet = np.asarray(render(files[PATH.format("a6", "pdf")], dpi).convert("L"))
    px = dpi / 25.4  # pixels a millimetre
    slug, bleed = round(mm(SLUG) * px), round(3 * px)
    height, width = sheet.shape
    cuts_x = (slug, width - slug)  # the trim lines
    cuts_y = (slug, height - slug)
    dark = sheet < 160
    outside = np.ones_like(dark)
    outside[slug - bleed : height - slug + bleed, slug - bleed : width - slug + bleed] = (
        False  # not the bleed box
    )
    on_a_cut_line = np.zeros_like(dark)
    for x in cuts_x:
        on_a_cut_line[:, x - 3 : x + 3] = True
    for y in cuts_y:
        on_a_cut_line[y - 3 : y + 3, :] = True
    assert not (dark & outside & ~on_a_cut_line).any(), "only the marks are drawn outside the bleed"
    for x in cuts_x:  # vertical marks above and below the page, each a few millimetres long
        for rows in (slice(0, slug - bleed), slice(height - slug + bleed, height)):
            assert dark[rows, x - 3 : x + 3].any(axis=1).sum() > 4 * px
    for y in cuts_y:
        for columns in (slice(0, slug - bleed), slice(width - slug + bleed, width)):
            assert dark[y - 3 : y + 3, columns].any(axis=0).sum() > 4 * px


def test_the_band_runs_into_the_bleed_so_a_cut_off_the_line_leaves_no_white_sliver(
    files: dict[str, bytes],
) -> None:
    dpi = 300
    sheet = np.asarray(render(files[PATH.format("a6", "pdf")], dpi)).astype(int)
    px = dpi / 25.4
    slug, bleed = round(mm(SLUG) * px), round(3 * px)
    width = sheet.shape[1]
    # The band's rows from 1 px inside the bleed edge to 2.5 mm below the trim line (text keeps 3 mm
    # away), across the bleed box.
    band = sheet[slug - bleed + 1 : slug + round(2.5 * px), slug - bleed + 1 : width - slug + bleed - 1]
    assert (np.abs(band - np.array(BROWN)) <= 2).all(), "brand colour all the way into the bleed"
    paper = sheet[slug - bleed - 3 : slug - bleed - 1, slug + round(10 * px) : width - slug - round(10 * px)]
    assert (paper == 255).all(), "nothing beyond the bleed"


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_the_code_is_vector_and_decodes_from_a_rendering(files: dict[str, bytes], size: str) -> None:
    page = first_page(files[PATH.format(size, "pdf")])
    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    assert len(images) == 1, "one image, the logo: the code is drawn as rectangles"
    for dpi in (100, 300):  # what a proof on screen and a print shop's RIP make of it
        grey = render(files[PATH.format(size, "pdf")], dpi).convert("L")
        assert decode_image(grey) == [URL], dpi
        assert wechat_reads(grey, URL), dpi


def test_the_text_is_real_text_in_an_embedded_subset_font(files: dict[str, bytes]) -> None:
    data = files[PATH.format("a6", "pdf")]
    text = first_page(data).get_textpage().get_text_range().replace("\r\n", "\n").split("\n")
    assert text[:3] == ["拾光咖啡 · 福利群", "秋冬新品福利群", "微信扫码 加入福利群"]
    assert "进群领 10 元无门槛券" in text and "门店桌贴 · qun.example.cn/autumn/store/" in text
    fonts = re.findall(rb"/BaseFont /([^\s/]+)", data)
    assert fonts and all(re.fullmatch(rb"[A-Z]{6}\+WenQuanYiMicroHei-\d+", name) for name in fonts), fonts
    assert b"/FontFile2" in data, "the font program is in the file"


def ink(image: Image.Image, box: tuple[int, int, int, int], background: int) -> int:
    """How far the pixels in box are from the background, summed (0–255 each)."""
    grey = np.asarray(image.convert("L").crop(box)).astype(int)
    return int(np.abs(grey - background).sum())


def trim_area(pdf: bytes, size: PosterSize) -> Image.Image:
    """The trimmed page at 300 dpi: the PNG's pixels."""
    sheet = render(pdf, 300)
    left = round(mm(SLUG) * 300 / 25.4)
    return sheet.crop((left, left, left + size.width, left + size.height))


def unembeddable_font(source: Path, target: Path) -> Path:
    """A copy of the font that FreeType (Pillow) draws exactly as before but ReportLab refuses, as it
    refuses fonts with PostScript outlines (Noto Sans CJK, the CJK font of Fedora and Arch): its first
    face's hhea table names a metric data format other than 0."""
    data = bytearray(source.read_bytes())
    face = int.from_bytes(data[12:16], "big") if data[:4] == b"ttcf" else 0
    tables = int.from_bytes(data[face + 4 : face + 6], "big")
    for i in range(tables):
        record = face + 12 + 16 * i
        if data[record : record + 4] == b"hhea":
            hhea = int.from_bytes(data[record + 8 : record + 12], "big")
            data[hhea + 32 : hhea + 34] = (1).to_bytes(2, "big")
            target.write_bytes(data)
            return target
    raise AssertionError("no hhea table")


@pytest.mark.parametrize("embedded", [True, False], ids=["embedded font", "text as 600 dpi images"])
def test_the_pdf_draws_the_pngs_layout_at_the_pngs_weight(font: Path, tmp_path: Path, embedded: bool) -> None:
    # Each block's ink within ±12 % of the PNG's: a faux-bold stroke that leaked into the regular lines
    # after it (the text render mode outlives a text object) made them heavier than that.
    chosen = font if embedded else unembeddable_font(font, tmp_path / "unembeddable.ttc")
    project, plan = make_project()
    page = plan.pages[1]
    files = poster_files(project, plan, chosen, "autumn", "store", (A6,))
    pdf, png = files[PATH.format("a6", "pdf")], files[PATH.format("a6", "png")]
    assert (b"/FontFile2" in pdf) is embedded
    printed = trim_area(pdf, A6)
    with Image.open(io.BytesIO(png)) as screen:
        screen.load()
        layout, _ = poster_layout(project, page, A6, chosen, NOW)
        for block in layout.blocks:
            for box in block.boxes:
                area = (box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4)
                background = (
                    255 if box[1] > layout.band_height else int(np.asarray(screen.convert("L"))[4, 4])
                )
                assert ink(printed, area, background) == pytest.approx(
                    ink(screen, area, background), rel=0.12
                ), block.lines
    assert decode_image(printed.convert("L")) == [URL]


def test_the_same_poster_gives_the_same_bytes_in_every_process(files: dict[str, bytes]) -> None:
    script = (
        "import hashlib, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_poster import make_project\n"
        "from generator.render import typeset\n"
        "from generator.render.poster import poster_files\n"
        "project, plan = make_project()\n"
        "files = poster_files(project, plan, typeset.find_font(None, 'zh'), 'autumn', 'store')\n"
        "print(hashlib.sha256(b''.join(files[k] for k in sorted(files))).hexdigest())\n"
    )
    here = hashlib.sha256(b"".join(files[k] for k in sorted(files))).hexdigest()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == here


def test_a4_is_the_same_poster_twice_as_large(files: dict[str, bytes]) -> None:
    small = first_page(files[PATH.format("a6", "pdf")]).get_textpage().get_text_range()
    large = first_page(files[PATH.format("a4", "pdf")]).get_textpage().get_text_range()
    assert small == large and A4.width == 2 * A6.width
