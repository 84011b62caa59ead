"""QR codes: link → PNG bytes, and image → links. The only module that uses qrcode and zxing-cpp.

PNGs are deterministic (no timestamps, no text chunks) and 1-bit where there is no logo: a 1-bit
PNG of a group code is a few hundred bytes, which matters on a slow mobile network.
"""

from __future__ import annotations

import io
from pathlib import Path

import qrcode
import zxingcpp
from PIL import Image
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M


def qr_matrix(data: str, *, high_correction: bool = False) -> list[list[bool]]:
    """The QR modules of data (True = dark), without the quiet zone."""
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_H if high_correction else ERROR_CORRECT_M,
        border=0,
    )
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def qr_image(data: str, *, scale: int = 8, border: int = 4, logo: Path | None = None) -> Image.Image:
    """A QR code of data as a PIL image: `scale` pixels a module, `border` modules of quiet zone."""
    matrix = qr_matrix(data, high_correction=logo is not None)
    size = len(matrix)
    small = Image.new("1", (size + 2 * border, size + 2 * border), 1)
    pixels = small.load()
    assert pixels is not None
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pixels[x + border, y + border] = 0
    image = small.resize((small.width * scale, small.height * scale), Image.Resampling.NEAREST)
    if logo is not None:
        image = _with_logo(image, logo, size * scale)
    return image


def _with_logo(image: Image.Image, logo_path: Path, code_px: int) -> Image.Image:
    # Error correction H survives ~30% damage; a logo of a fifth of the width covers ~4% of the modules.
    canvas = image.convert("RGB")
    with Image.open(logo_path) as raw:
        logo = raw.convert("RGBA")
    side = max(1, code_px // 5)
    logo.thumbnail((side, side), Image.Resampling.LANCZOS)
    pad = max(2, side // 12)
    box = Image.new("RGBA", (logo.width + 2 * pad, logo.height + 2 * pad), (255, 255, 255, 255))
    box.alpha_composite(logo, (pad, pad))
    left = (canvas.width - box.width) // 2
    top = (canvas.height - box.height) // 2
    canvas.paste(box.convert("RGB"), (left, top))
    return canvas


def png_bytes(image: Image.Image) -> bytes:
    """Encode image as a deterministic, optimised PNG."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def qr_png(data: str, *, scale: int = 8, border: int = 4, logo: Path | None = None) -> bytes:
    """A QR code of data as PNG bytes (deterministic)."""
    return png_bytes(qr_image(data, scale=scale, border=border, logo=logo))


def decode_image(image: Image.Image) -> list[str]:
    """The texts of every QR code found in image, in reading order."""
    results = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return [result.text for result in results]


def decode_file(path: Path) -> list[str]:
    """The texts of every QR code in the image file at path (OSError/PIL errors propagate)."""
    with Image.open(path) as image:
        return decode_image(image)


def decode_png(data: bytes) -> list[str]:
    """The texts of every QR code in PNG (or any Pillow-readable) bytes."""
    with Image.open(io.BytesIO(data)) as image:
        return decode_image(image)
