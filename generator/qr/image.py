"""QR codes: link → PNG bytes, and image → links. The only module that draws or reads QR images.

The symbol comes from generator.qr.matrix (qrcode's very modules, ~25× faster); the PNG is written here
straight from its rows: deterministic (no timestamps, no text chunks), 1-bit grey without a logo (a group
code is ~430 bytes, which matters on a slow mobile network), 8-bit palette with one (black, white and the
logo's colours: ~6 KB; RGB through Pillow's optimiser took ~25 ms a code). Reading uses zxing-cpp.
bench/qr_parts.py measures each step against the first qr.py (qrcode + Pillow).
"""

from __future__ import annotations

import hashlib
import io
import struct
import sys
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib.abc import InspectLoader
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import PIL
import zxingcpp
from PIL import Image

import generator.qr.data
import generator.qr.logo
import generator.qr.matrix
from generator.common.regularfile import read_regular
from generator.qr.logo import logo_modules
from generator.qr.matrix import Symbol, encode


def module_source(module: ModuleType) -> bytes:
    """The text module was loaded from (its compiled file when it has no source)."""
    spec = module.__spec__
    loader = spec.loader if spec is not None else None
    source = loader.get_source(spec.name) if spec is not None and isinstance(loader, InspectLoader) else None
    if source is not None:
        return source.encode()
    return Path(str(module.__file__)).read_bytes()


def encoder_version(modules: Iterable[ModuleType]) -> str:
    """What the bytes made for a link depend on besides the link: the source of the modules that make
    them, found through the module objects (so it follows them when they move), and the libraries used."""
    digest = hashlib.sha256()
    for module in modules:
        source = module_source(module)
        digest.update(len(source).to_bytes(8, "big") + source)
    return "qunma-qr/{} qrcode/{} zlib/{} pillow/{}".format(
        digest.hexdigest(), version("qrcode"), zlib.ZLIB_RUNTIME_VERSION, PIL.__version__
    )


# Every module whose code decides the bytes of a code's PNG: the data codewords, the symbol, the logo's
# size, this writer.
ENCODER_MODULES = (generator.qr.data, generator.qr.matrix, generator.qr.logo, sys.modules[__name__])
# Part of every cache key (generator.qr.cache): an encoder change, even one nobody thought to mark, makes
# every code anew instead of serving the PNGs of the old encoder from a restored cache.
ENCODER_VERSION = encoder_version(ENCODER_MODULES)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_QR_ONLY = zxingcpp.barcode_formats_from_str("QRCode")


def qr_matrix(data: str, *, high_correction: bool = False) -> list[list[bool]]:
    """The QR modules of data (True = dark), without the quiet zone."""
    return encode(data, high_correction=high_correction).matrix()


def qr_png(data: str, *, scale: int = 8, border: int = 4, logo: Path | None = None) -> bytes:
    """A QR code of data as PNG bytes (deterministic): `scale` pixels a module, `border` modules of quiet
    zone; with a logo in the middle, at error correction level H (OSError when the logo is unreadable)."""
    if logo is None:
        return _bilevel_png(encode(data), scale, border)
    symbol = encode(data, high_correction=True)
    content = read_regular(logo)
    _logo_picture(content)  # even when no logo fits this code: an unreadable logo is an error all the same
    modules = logo_modules((symbol.size - 17) // 4)
    if modules == 0:
        return _bilevel_png(symbol, scale, border)
    return _logo_png(symbol, scale, border, _logo_box(content, modules * scale, max(1, scale // 2)))


def qr_image(data: str, *, scale: int = 8, border: int = 4, logo: Path | None = None) -> Image.Image:
    """The same QR code as a PIL image (mode "1", or "P" with a logo)."""
    image = Image.open(io.BytesIO(qr_png(data, scale=scale, border=border, logo=logo)))
    image.load()
    return image


def png_bytes(image: Image.Image) -> bytes:
    """Encode any PIL image as a deterministic, optimised PNG (Pillow's encoder)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# --- PNG writing ----------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(side: int, depth: int, colour: int, scanlines: bytes, palette: bytes = b"", *, level: int) -> bytes:
    """A square PNG from its scanlines (each a filter type byte and the filtered pixel line)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, 15, 9)
    data = packer.compress(scanlines) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, depth, colour, 0, 0, 0)
    chunks = [_chunk(b"IHDR", header)] + ([_chunk(b"PLTE", palette)] if palette else [])
    return _PNG_SIGNATURE + b"".join([*chunks, _chunk(b"IDAT", data), _chunk(b"IEND", b"")])


def _bilevel_png(symbol: Symbol, scale: int, border: int) -> bytes:
    """1-bit greyscale: a module row becomes one packed pixel line, repeated `scale` times. Measured on
    group codes: unfiltered at zlib level 4 (memLevel 9): 379 bytes in 0.1 ms, where level 6 saves 7 bytes
    for twice the time, level 9 is larger, and the "up" filter is larger too."""
    side = (symbol.size + 2 * border) * scale
    width, pad = (side + 7) // 8, "0" * (-side % 8)
    widen = str.maketrans({"0": "1" * scale, "1": "0" * scale})  # PNG grey 1 is white
    quiet = "1" * (border * scale)

    def scanline(bits: str) -> bytes:
        return b"\x00" + int(bits + pad, 2).to_bytes(width, "big")

    blank = [scanline("1" * side)] * (border * scale)
    body = [scanline(quiet + row.translate(widen) + quiet) for row in symbol.rows]
    lines = blank + [line for line in body for _ in range(scale)] + blank
    return _png(side, 1, 0, b"".join(lines), level=4)


def _logo_png(symbol: Symbol, scale: int, border: int, box: _Box) -> bytes:
    """8-bit palette: index 0 black, 1 white, 2… the logo's colours; the logo box pasted in the middle.
    A line repeating the one above is stored as filter 2 ("up": all zeros). Measured on entry codes: at
    zlib level 3, 6 KB in 0.5 ms; level 6: 4 KB in 1.4 ms; unfiltered: 7 KB in 2.6 ms."""
    side = (symbol.size + 2 * border) * scale
    widen = str.maketrans({"0": "\x01" * scale, "1": "\x00" * scale})
    quiet = "\x01" * (border * scale)
    blank = [b"\x01" * side] * (border * scale)
    body = [(quiet + row.translate(widen) + quiet).encode("latin-1") for row in symbol.rows]
    lines = blank + [pixels for pixels in body for _ in range(scale)] + blank
    left, top = (side - box.width) // 2, (side - box.height) // 2
    for y, pixels in enumerate(box.lines):
        lines[top + y] = lines[top + y][:left] + pixels + lines[top + y][left + box.width :]
    same = b"\x02" + bytes(side)
    # `is`: only a repeated line object is certainly equal to the one above (the logo's lines are new).
    scanlines = [
        same if line is above else b"\x00" + line for above, line in zip([None, *lines], lines, strict=False)
    ]
    return _png(side, 8, 3, b"".join(scanlines), b"\x00\x00\x00\xff\xff\xff" + box.palette, level=3)


class _Box:
    """The logo on its white pad, as palette indices (2… into the code's palette) and that palette."""

    def __init__(self, image: Image.Image) -> None:
        self.width, self.height = image.size
        indexed = image.quantize(colors=254, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        colours = (indexed.getpalette() or [])[: 3 * 254]
        shifted = indexed.tobytes().translate(bytes((i + 2) % 256 for i in range(256)))
        self.lines = [shifted[y * self.width : (y + 1) * self.width] for y in range(self.height)]
        self.palette = bytes(colours)


@lru_cache(maxsize=8)
def _logo_picture(logo: bytes) -> Image.Image:
    """The logo (file content) as RGBA; OSError when it is not an image. Read once per build."""
    with Image.open(io.BytesIO(logo)) as raw:
        return raw.convert("RGBA")


@lru_cache(maxsize=8)
def _logo_box(logo: bytes, side: int, pad: int) -> _Box:
    """The logo (file content) fitted into a white side × side square (whole modules, see
    generator.qr.logo), keeping `pad` pixels of white around it so that it never touches a module."""
    image = _logo_picture(logo).copy()
    image.thumbnail((side - 2 * pad, side - 2 * pad), Image.Resampling.LANCZOS)
    box = Image.new("RGBA", (side, side), (255, 255, 255, 255))
    box.alpha_composite(image, ((side - image.width) // 2, (side - image.height) // 2))
    return _Box(box.convert("RGB"))


# --- reading --------------------------------------------------------------------------------------


def decode_image(image: Image.Image) -> list[str]:
    """The texts of every QR code found in image, in reading order."""
    results = zxingcpp.read_barcodes(image.convert("L"), formats=_QR_ONLY)
    return [result.text for result in results]


def locate_image(image: Image.Image) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Every QR code found in image: its text and its bounding box (left, top, right, bottom), in pixels."""
    found = []
    for result in zxingcpp.read_barcodes(image.convert("L"), formats=_QR_ONLY):
        corners = result.position
        points = (corners.top_left, corners.top_right, corners.bottom_right, corners.bottom_left)
        xs, ys = [point.x for point in points], [point.y for point in points]
        found.append((result.text, (min(xs), min(ys), max(xs), max(ys))))
    return found


def decode_file(path: Path) -> list[str]:
    """The texts of every QR code in the image file at path (OSError/PIL errors propagate)."""
    with Image.open(path) as image:
        return decode_image(image)


def decode_png(data: bytes) -> list[str]:
    """The texts of every QR code in PNG (or any Pillow-readable) bytes."""
    with Image.open(io.BytesIO(data)) as image:
        return decode_image(image)
