"""QR checks that do not trust `qrcode` (whose tables and segmentation the encoder reuses): the capacities
of ISO/IEC 18004, inputs built to fill a version exactly, and two independent decoders (zxing-cpp, and
WeChat's own open-source decoder from OpenCV contrib) plus a third encoder (Nayuki's qrcodegen) to compare
modules with. Used by tests/test_qr_capacity.py and bench/qr_mutants.py."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
import zxingcpp
from PIL import Image
from qrcodegen import QrCode, QrSegment

# ISO/IEC 18004:2015 table 7: data codewords of versions 1–40 at the two levels qunma uses
# (M: group codes, H: entry codes with a logo).
DATA_CODEWORDS = {
    "M": (16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563, 627, 669,
          714, 782, 860, 914, 1000, 1062, 1128, 1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914, 1992,
          2102, 2216, 2334),
    "H": (9, 16, 26, 36, 46, 60, 66, 86, 100, 122, 140, 158, 180, 197, 223, 253, 283, 313, 341, 385, 406,
          442, 464, 514, 538, 596, 628, 661, 701, 745, 793, 845, 901, 961, 986, 1054, 1096, 1142, 1222, 1276),
}  # fmt: skip
# Table 3: bits of the character count of a segment in versions 1–9, 10–26 and 27–40.
COUNT_BITS = {"N": (10, 12, 14), "A": (9, 11, 13), "B": (8, 16, 16)}
ALNUM_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

Segment = tuple[str, str]  # (mode: "N" numeric, "A" alphanumeric, "B" byte; its text)


def segment_bits(segments: list[Segment], version: int) -> int:
    """The bits the segments take in a symbol of version (mode indicators, counts, data)."""
    width = 0 if version <= 9 else 1 if version <= 26 else 2
    total = 0
    for mode, text in segments:
        if mode == "N":
            n = len(text)
            data = 10 * (n // 3) + (0, 4, 7)[n % 3]
        elif mode == "A":
            n = len(text)
            data = 11 * (n // 2) + 6 * (n % 2)
        else:
            n = len(text.encode())
            data = 8 * n
        total += 4 + COUNT_BITS[mode][width] + data
    return total


def fits(segments: list[Segment], level: str, version: int) -> bool:
    return segment_bits(segments, version) <= 8 * DATA_CODEWORDS[level][version - 1]


def smallest_version(segments: list[Segment], level: str) -> int | None:
    """The version a correct encoder must choose; None: more than a QR code holds."""
    return next((v for v in range(1, 41) if fits(segments, level, v)), None)


# --- inputs that fill a version exactly -------------------------------------------------------------
# qrcode (whose segmentation the encoder keeps) makes a numeric or alphanumeric segment of a run of 20 or
# more such characters (or of a whole input of at most 20), and a byte segment of anything else: each
# input is built so that its segments are certain, and none of its byte runs hold 20 alphanumeric ones.


def _cycle(pattern: str, count: int) -> str:
    return (pattern * (count // len(pattern) + 1))[:count]


def _utf8_prefix(text: str, size: int) -> str:
    """The longest start of text within size UTF-8 bytes, padded with "x" to exactly size bytes."""
    out, used = [], 0
    for char in text:
        width = len(char.encode())
        if used + width > size:
            break
        out.append(char)
        used += width
    return "".join(out) + "x" * (size - used)


_DIGITS = "31415926535897932384626433832795028841971693993751"
_BYTE_LINK = "https://qun.example.cn/" + "拾光咖啡-秋季活动/群码?from=qunma&" * 400
_ALNUM_LINK = "HTTPS://QUN.EXAMPLE.CN/G/" + "AUTUMN-2026/STORE:42 $5%*+." * 400
_PREFIX = "https://weixin.qq.com/g/"  # byte: lowercase letters are not alphanumeric
_TAIL = "?from=群码"  # byte
_ALNUM_RUN = "/QUNMA-AUTUMN-STORE-2026"  # 20+ alphanumeric characters


@dataclass(frozen=True)
class Kind:
    """A family of inputs: make(n) has a segment of n characters (bytes) that grows with n."""

    name: str
    make: Callable[[int], list[Segment]]
    minimum: int = 1  # below it the segmentation would change


KINDS = (
    Kind("byte", lambda n: [("B", _utf8_prefix(_BYTE_LINK, n))]),  # Chinese UTF-8 from version 2 on
    Kind("numeric", lambda n: [("N", _cycle(_DIGITS, n))]),
    Kind("alphanumeric", lambda n: [("A", _ALNUM_LINK[:n])]),
    # byte, numeric, alphanumeric, byte: every count field widens at 10 and (but bytes) at 27
    Kind(
        "mixed-numeric",
        lambda n: [("B", _PREFIX), ("N", _cycle(_DIGITS, n)), ("A", _ALNUM_RUN), ("B", _TAIL)],
        minimum=20,
    ),
    Kind(
        "mixed-alphanumeric",
        lambda n: [("B", _PREFIX), ("N", "2026" * 6), ("A", _ALNUM_LINK[8 : 8 + n]), ("B", _TAIL)],
        minimum=20,
    ),
)


def text_of(segments: list[Segment]) -> str:
    return "".join(text for _, text in segments)


def capacity(kind: Kind, level: str, version: int) -> int | None:
    """The largest n for which kind.make(n) fits version at level; None: not even its minimum does."""
    if not fits(kind.make(kind.minimum), level, version):
        return None
    low, high = kind.minimum, 8 * DATA_CODEWORDS[level][version - 1]
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(kind.make(middle), level, version) else (low, middle - 1)
    return low


def edge_cases(level: str, version: int) -> Iterator[tuple[str, list[Segment], int | None]]:
    """(label, segments, the version they need) for every kind: exactly full at version, one over."""
    for kind in KINDS:
        n = capacity(kind, level, version)
        if n is None:
            continue
        for label, size in ((f"{kind.name} {n}", n), (f"{kind.name} {n + 1}", n + 1)):
            segments = kind.make(size)
            yield label, segments, smallest_version(segments, level)


# --- decoders and a third encoder -----------------------------------------------------------------

_QR_ONLY = zxingcpp.barcode_formats_from_str("QRCode")


def zxing_read(png: bytes) -> list[zxingcpp.Barcode]:
    with Image.open(io.BytesIO(png)) as image:
        return list(zxingcpp.read_barcodes(image.convert("L"), formats=_QR_ONLY))


@cache
def _wechat() -> cv2.wechat_qrcode.WeChatQRCode:
    # Without model files: the classic detector only (no CNN download), which is deterministic.
    return cv2.wechat_qrcode_WeChatQRCode()


def wechat_read(png_at: Callable[[int], bytes], scales: tuple[int, ...] = (4, 3, 5)) -> list[str]:
    """What WeChat's decoder reads in the code drawn at the first scale that gives it anything. Its classic
    detector misses some correct codes at one scale and finds them at the next (measured: 1 of 474 at
    scale 3, 0 at 4), as a phone tries frame after frame; a broken code reads at no scale."""
    for scale in scales:
        with Image.open(io.BytesIO(png_at(scale))) as image:
            texts, _ = _wechat().detectAndDecode(np.asarray(image.convert("L")))
        if texts:
            return list(texts)
    return []


_QRCODEGEN_MODES = {
    "N": QrSegment.make_numeric,
    "A": QrSegment.make_alphanumeric,
    "B": lambda text: QrSegment.make_bytes(text.encode()),
}
_QRCODEGEN_LEVELS = {"M": QrCode.Ecc.MEDIUM, "H": QrCode.Ecc.HIGH}


def qrcodegen_rows(segments: list[Segment], level: str, version: int, mask: int) -> tuple[str, ...]:
    """The modules Nayuki's qrcodegen lays out for these very segments, version and mask."""
    code = QrCode.encode_segments(
        [_QRCODEGEN_MODES[mode](text) for mode, text in segments],
        _QRCODEGEN_LEVELS[level],
        minversion=version,
        maxversion=version,
        mask=mask,
        boostecl=False,
    )
    side = range(code.get_size())
    return tuple("".join("1" if code.get_module(x, y) else "0" for x in side) for y in side)
