"""The permanent entry code survives print: its logo is a square of whole modules that uses at most a
quarter of the worst block's error correction (measured by zxing-cpp on the worst case), and printed small,
blurred, noisy and JPEG-compressed, codes with the logo read about as often as the same codes without it,
in zxing-cpp and in WeChat's own decoder; the logo of before (a fifth of the width) did not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from printkit import (
    BORDER,
    ENTRY_SCALE,
    degradations,
    entry_text,
    entry_variants,
    first_logo_side,
    read_rates,
    worst_case_use,
)

from generator.qr.image import _bilevel_png, qr_png
from generator.qr.logo import SHARE, covered_share, logo_modules
from generator.qr.matrix import encode

LOGO = Path(__file__).resolve().parent.parent / "site_src" / "assets" / "logo.png"
WITH_LOGO = range(6, 11)  # versions 1–5 at level H leave too little room for a logo within the budget


@pytest.mark.parametrize("version", range(1, 11))
def test_the_logo_is_whole_modules_within_a_quarter_of_the_worst_block(version: int) -> None:
    text = entry_text(version)
    symbol = encode(text, high_correction=True)
    assert symbol.size == 4 * version + 17
    png = qr_png(text, scale=ENTRY_SCALE, logo=LOGO)
    side = logo_modules(version)
    if version not in WITH_LOGO:
        assert side == 0 and png == _bilevel_png(symbol, ENTRY_SCALE, BORDER), "no room: the plain code"
        return
    assert side >= 5 and side % 2 == 1
    used = worst_case_use(text, side)  # zxing-cpp gives UEC cut to two decimals
    assert used == pytest.approx(covered_share(version, side), abs=0.01)
    assert covered_share(version, side) <= SHARE and used <= SHARE + 0.01
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    first = (symbol.size - side) // 2 + BORDER  # the square's first module, counting the quiet zone
    inside = range(first * ENTRY_SCALE, (first + side) * ENTRY_SCALE)
    for y in range(rgb.height):
        for x in range(rgb.width):
            r, c = y // ENTRY_SCALE - BORDER, x // ENTRY_SCALE - BORDER
            if x in inside and y in inside:
                continue
            dark = 0 <= r < symbol.size and 0 <= c < symbol.size and symbol.rows[r][c] == "1"
            assert rgb.getpixel((x, y)) == ((0, 0, 0) if dark else (255, 255, 255)), (x, y)
    pad = [rgb.getpixel((x, inside[0])) for x in inside] + [rgb.getpixel((inside[0], y)) for y in inside]
    assert set(pad) == {(255, 255, 255)}, "a white edge keeps the logo off the modules around it"
    colours = {rgb.getpixel((x, y)) for x in inside for y in inside}
    assert len(colours) > 2, "the logo is drawn in the square"


def test_the_logo_of_before_took_more_than_a_quarter_of_the_worst_block() -> None:
    # The measurement that found the bug: a fifth of the width, whatever the version.
    used = [worst_case_use(entry_text(v), first_logo_side(4 * v + 17)) for v in range(1, 11)]
    assert min(used) > 0.25 and max(used) > 0.5


def test_printed_entry_codes_read_as_well_with_the_logo_as_without() -> None:
    # Versions 1–10, each code through the same 20 seeded photos (1.7–2.6 px a module, grey ink on
    # off-white, blur, noise, JPEG 20–45). Measured over seeds 0–14: the budgeted logo cost at most 2
    # points in either decoder, the logo of before 2–18 points in one and 14–29 in both together.
    texts = [entry_text(version) for version in range(1, 11)]
    rates = read_rates(entry_variants(LOGO, first=True), texts, degradations(20, seed=14))
    lost_before = 0.0
    for decoder in ("zxing-cpp", "WeChat"):
        plain, logo, first = (rates[name, decoder].rate for name in ("no logo", "logo", "first logo"))
        assert 0.3 < plain < 0.95, f"{decoder}: the photos must be hard enough to tell ({plain:.0%})"
        assert logo >= plain - 0.04, f"{decoder}: {logo:.0%} with the logo, {plain:.0%} without"
        lost_before += plain - first
    assert lost_before > 0.1, "the photos tell the logo of before from no logo"
