"""QR codes: our symbols are qrcode's to the module (mask choice included), our PNGs show exactly those
modules, zxing reads them back, Pillow opens them, and they are byte-for-byte deterministic."""

from __future__ import annotations

import io
import random
import string
from pathlib import Path

import pytest
import qrcode
from PIL import Image, ImageFilter
from qrcode import util
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

from generator.qr.data import codewords
from generator.qr.image import decode_image, decode_png, qr_image, qr_matrix, qr_png
from generator.qr.matrix import _layout, _place, encode, penalty

LOGO = Path(__file__).resolve().parent.parent / "site_src" / "assets" / "logo.png"
GROUP = "https://weixin.qq.com/g/AQYAAK2s0Z0f3Ijx-8kKpQ5CqCwXbB1mYQ"
ALPHABET = string.ascii_letters + string.digits + "-_.~/?=&%#"


def reference(data: str, high: bool) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H if high else ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code


def random_links(count: int, seed: int) -> list[str]:
    """Join links of every length qunma meets and beyond: byte, numeric and alphanumeric runs, Chinese."""
    rnd = random.Random(seed)
    links = []
    for _ in range(count):
        tail = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 120)))
        if rnd.random() < 0.2:
            tail += str(rnd.randrange(10**30))  # a long digit run: qrcode switches to numeric mode
        if rnd.random() < 0.1:
            tail = tail.upper()  # alphanumeric runs
        if rnd.random() < 0.1:
            tail += "群码活动"
        links.append(f"https://weixin.qq.com/g/{tail}")
    return links


@pytest.mark.parametrize("seed", range(3))
def test_symbols_are_qrcodes_module_for_module(seed: int) -> None:
    for i, link in enumerate(random_links(150, seed)):
        high = i % 2 == 1
        assert encode(link, high_correction=high).matrix() == reference(link, high).get_matrix(), link


@pytest.mark.parametrize("length", [1, 20, 60, 120, 200, 400, 800, 1200])
def test_every_size_class_matches_qrcode(length: int) -> None:
    """Long data reaches versions 7+ (version information) and 10+/27+ (wider character counts)."""
    link = "https://a.example/" + ("x9" * length)[:length]
    for high in (False, True):
        assert encode(link, high_correction=high).matrix() == reference(link, high).get_matrix()


def test_too_much_data_is_refused_like_qrcode() -> None:
    link = "https://a.example/" + "x" * 3000
    with pytest.raises((DataOverflowError, ValueError)):  # qrcode: "Invalid version (was 41 …)"
        reference(link, False)
    with pytest.raises(DataOverflowError):
        encode(link)


def test_every_mask_scores_as_qrcode_scores_it() -> None:
    for link in random_links(12, seed=99):
        version, words = codewords(link, ERROR_CORRECT_M)
        layout = _layout(version)
        rows, cols = _place(layout, words)
        code = reference(link, False)
        for mask, (by_rows, by_cols) in enumerate(layout.masks):
            ours = penalty(layout.base[0] | (rows ^ by_rows), layout.base[1] | (cols ^ by_cols), layout)
            code.makeImpl(True, mask)
            assert ours == util.lost_point(code.modules), (link, mask)


def test_qr_matrix_has_no_quiet_zone() -> None:
    matrix = qr_matrix(GROUP)
    assert matrix == reference(GROUP, False).get_matrix()
    assert len(matrix) == len(matrix[0]) and (len(matrix) - 17) % 4 == 0


@pytest.mark.parametrize("scale,border", [(1, 4), (2, 4), (3, 2), (8, 4), (10, 0)])
def test_bilevel_png_shows_exactly_the_modules(scale: int, border: int) -> None:
    png = qr_png(GROUP, scale=scale, border=border)
    image = Image.open(io.BytesIO(png))
    image.load()
    matrix = qr_matrix(GROUP)
    side = (len(matrix) + 2 * border) * scale
    assert image.mode == "1" and image.size == (side, side) and image.format == "PNG"
    grey = image.convert("L")
    for y in range(side):
        for x in range(side):
            r, c = y // scale - border, x // scale - border
            dark = 0 <= r < len(matrix) and 0 <= c < len(matrix) and matrix[r][c]
            assert grey.getpixel((x, y)) == (0 if dark else 255), (x, y)
    if scale >= 2 and border >= 2:
        assert decode_png(png) == [GROUP]


def test_group_png_decodes_at_the_page_size_and_is_small() -> None:
    png = qr_png(GROUP, scale=8)
    assert decode_png(png) == [GROUP]
    assert len(png) < 700, "a 1-bit group code is a few hundred bytes"
    assert not any(chunk in png for chunk in (b"tEXt", b"tIME", b"zTXt", b"iTXt", b"pHYs"))


def test_entry_code_with_logo_decodes_and_keeps_the_logo_colours() -> None:
    link = "https://qun.shiguang-coffee.example/autumn/store/"
    png = qr_png(link, scale=10, logo=LOGO)
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.mode == "P" and decode_png(png) == [link]
    rgb = image.convert("RGB")
    centre = rgb.getpixel((image.width // 2, image.height // 2 - image.width // 25))
    assert centre not in ((0, 0, 0), (255, 255, 255)), "the logo is drawn in the middle"
    corner = [rgb.getpixel((x, y)) for x in range(0, 40) for y in range(0, 40)]
    assert set(corner) == {(255, 255, 255)}, "the quiet zone stays white"
    matrix = qr_matrix(link, high_correction=True)
    finder = rgb.getpixel((40 + 5, 40 + 5))
    assert matrix[0][0] and finder == (0, 0, 0)


def test_pngs_are_deterministic() -> None:
    assert qr_png(GROUP) == qr_png(GROUP)
    assert qr_png(GROUP, scale=10, logo=LOGO) == qr_png(GROUP, scale=10, logo=LOGO)
    assert qr_png(GROUP) != qr_png(GROUP + "x")


def test_qr_image_is_the_png() -> None:
    image = qr_image(GROUP, scale=4, border=4)
    size = (len(qr_matrix(GROUP)) + 8) * 4
    assert image.mode == "1" and image.size == (size, size) and decode_image(image) == [GROUP]
    assert qr_image(GROUP, scale=4, logo=LOGO).mode == "P"


def test_an_unreadable_logo_is_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        qr_png(GROUP, logo=tmp_path / "missing.png")
    text = tmp_path / "logo.png"
    text.write_text("not an image", encoding="utf-8")
    with pytest.raises(OSError):
        qr_png(GROUP, logo=text)


@pytest.mark.parametrize("mask", range(8))
def test_every_mask_decodes(mask: int) -> None:
    symbol = encode(GROUP, mask=mask)
    assert symbol.mask == mask
    image = Image.new("L", (symbol.size + 8, symbol.size + 8), 255)
    for r, row in enumerate(symbol.rows):
        for c, module in enumerate(row):
            if module == "1":
                image.putpixel((c + 4, r + 4), 0)
    larger = image.resize((image.width * 4, image.height * 4), Image.Resampling.NEAREST)
    assert decode_image(larger) == [GROUP]


def test_the_chosen_mask_survives_a_blurred_small_photo() -> None:
    """What a phone camera or a long-press on a downscaled image sees: soft and small."""
    image = qr_image(GROUP, scale=3).convert("L").filter(ImageFilter.GaussianBlur(1.2))
    assert decode_image(image) == [GROUP]
