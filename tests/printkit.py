"""Codes as a phone meets them on paper: small in the frame, printed grey on off-white, blurred, noisy and
JPEG-compressed, each with seeded parameters so that a run is repeatable. Read back by zxing-cpp and by
WeChat's own open-source decoder. Used by tests/test_entry_print.py and bench/entry_print.py."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageFilter

from generator.qr.image import _bilevel_png, _logo_box, _logo_png, qr_png
from generator.qr.matrix import encode

_QR_ONLY = zxingcpp.barcode_formats_from_str("QRCode")
ENTRY_SCALE = 10  # generator/build.py ENTRY_QR_SCALE: the entry code as the build writes it
BORDER = 4


@dataclass(frozen=True)
class Degradation:
    """One photo of a printed code: pixels a module in the frame, print contrast, blur, noise, JPEG."""

    module_px: float
    ink: int  # grey of printed black
    paper: int  # grey of the paper
    blur: float  # Gaussian radius in frame pixels
    noise: float  # standard deviation of the sensor noise
    quality: int  # JPEG quality

    def apply(self, png: bytes) -> Image.Image:
        """The code in png (ENTRY_SCALE pixels a module) as this photo sees it."""
        with Image.open(io.BytesIO(png)) as image:
            grey = image.convert("L")
        side = max(1, round(grey.width * self.module_px / ENTRY_SCALE))
        small = grey.resize((side, side), Image.Resampling.BOX)  # a sensor pixel averages its area
        span = self.paper - self.ink
        printed = small.point(lambda v: self.ink + v * span // 255)
        soft = np.asarray(printed.filter(ImageFilter.GaussianBlur(self.blur)), dtype=np.float64)
        rng = np.random.default_rng(round(self.module_px * 1000) + self.quality)
        noisy = np.clip(soft + rng.normal(0.0, self.noise, soft.shape), 0, 255).astype(np.uint8)
        buffer = io.BytesIO()
        Image.fromarray(noisy).save(buffer, format="JPEG", quality=self.quality)
        buffer.seek(0)
        with Image.open(buffer) as photo:
            return photo.convert("L")


def degradations(count: int, seed: int) -> list[Degradation]:
    """count photos drawn from one seeded generator: 1.6–3 px a module, grey ink, blur, noise, JPEG."""
    rnd = random.Random(seed)
    return [
        Degradation(
            module_px=rnd.uniform(1.7, 2.6),
            ink=rnd.randint(20, 70),
            paper=rnd.randint(200, 245),
            blur=rnd.uniform(0.6, 1.0),
            noise=rnd.uniform(6.0, 14.0),
            quality=rnd.randint(20, 45),
        )
        for _ in range(count)
    ]


def zxing_reads(image: Image.Image, text: str) -> bool:
    return [code.text for code in zxingcpp.read_barcodes(image, formats=_QR_ONLY)] == [text]


@cache
def _wechat() -> cv2.wechat_qrcode.WeChatQRCode:
    # Without model files: the classic detector only (no CNN download), which is deterministic.
    return cv2.wechat_qrcode_WeChatQRCode()


def wechat_reads(image: Image.Image, text: str) -> bool:
    texts, _ = _wechat().detectAndDecode(np.asarray(image))
    return list(texts) == [text]


DECODERS: dict[str, Callable[[Image.Image, str], bool]] = {"zxing-cpp": zxing_reads, "WeChat": wechat_reads}


def entry_text(version: int) -> str:
    """A link-like text that needs exactly `version` at level H (byte mode): versions 1–10."""
    # ISO/IEC 18004 table 7, level H: data codewords of versions 1–10; a byte segment takes 4 + 8 bits of
    # header in versions 1–9 and 4 + 16 from 10.
    codewords = (9, 16, 26, 36, 46, 60, 66, 86, 100, 122)[version - 1]
    size = codewords - (2 if version < 10 else 3)
    base = "https://qun.example.cn/" if size > 23 else "qun.cn/"
    return (base + "autumn-store-parcel-card-2026/live/"[: max(0, size - len(base))]).ljust(size, "x")[:size]


@dataclass
class Tally:
    read: int = 0
    tried: int = 0

    @property
    def rate(self) -> float:
        return self.read / self.tried if self.tried else 0.0


def read_rates(
    pngs: dict[str, Callable[[str], bytes]], texts: list[str], photos: list[Degradation]
) -> dict[tuple[str, str], Tally]:
    """(variant, decoder) → how many of the photos of each text's code it read; every variant's code is
    seen through the very same photos (a paired comparison). Equal images are photographed once."""
    seen: dict[bytes, list[tuple[str, bool]]] = {}
    tallies: dict[tuple[str, str], Tally] = {}
    for name, make in pngs.items():
        for text in texts:
            png = make(text)
            if png not in seen:
                images = [photo.apply(png) for photo in photos]
                seen[png] = [
                    (decoder, reads(image, text)) for image in images for decoder, reads in DECODERS.items()
                ]
            for decoder, read in seen[png]:
                tally = tallies.setdefault((name, decoder), Tally())
                tally.read += read
                tally.tried += 1
    return tallies


def worst_case_use(text: str, side: int) -> float:
    """What zxing-cpp reports as used error correction (1 - UEC, worst block) when every module of the
    centred side × side square reads wrong: the most a logo there can cost."""
    symbol = encode(text, high_correction=True)
    first = (symbol.size - side) // 2
    square = range(first, first + side)
    image = Image.new("L", (symbol.size + 2 * BORDER,) * 2, 255)
    for r, row in enumerate(symbol.rows):
        for c, module in enumerate(row):
            dark = (module == "1") != (r in square and c in square)
            image.putpixel((c + BORDER, r + BORDER), 0 if dark else 255)
    image = image.resize((image.width * 4, image.height * 4), Image.Resampling.NEAREST)
    (found,) = zxingcpp.read_barcodes(image, formats=_QR_ONLY)
    assert found.text == text
    return 1.0 - float(found.extra["UEC"])


def first_logo_side(size: int) -> int:
    """The modules a side whose centres the logo of before hid (its box was not aligned to modules)."""
    box = size * ENTRY_SCALE // 5 + 2 * max(2, size * ENTRY_SCALE // 60)
    left = ((size + 2 * BORDER) * ENTRY_SCALE - box) // 2
    return sum(left <= (c + BORDER) * ENTRY_SCALE + ENTRY_SCALE // 2 < left + box for c in range(size))


def first_logo_png(text: str, logo: Path) -> bytes:
    """The entry code as it was before the logo had a budget: a fifth of the code's width, whatever the
    version, with a white pad of a twelfth of that around it (the bench's "before"; for the logo of
    site_src/assets, byte for byte the PNGs of the commit before the budget, versions 1–10 compared)."""
    symbol = encode(text, high_correction=True)
    side = symbol.size * ENTRY_SCALE // 5
    pad = max(2, side // 12)
    return _logo_png(symbol, ENTRY_SCALE, 4, _logo_box(logo.read_bytes(), side + 2 * pad, pad))


def entry_variants(logo: Path, *, first: bool = False) -> dict[str, Callable[[str], bytes]]:
    """The entry code as the build writes it (level H, the brand logo in the middle), the very same symbol
    without the logo, and (first) with the logo of before."""
    variants = {
        "logo": lambda text: qr_png(text, scale=ENTRY_SCALE, logo=logo),
        "no logo": lambda text: _bilevel_png(encode(text, high_correction=True), ENTRY_SCALE, 4),
    }
    if first:
        variants["first logo"] = lambda text: first_logo_png(text, logo)
    return variants
