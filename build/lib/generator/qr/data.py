"""QR data codewords: link → the version and the final sequence of data + error correction codewords.

qrcode decides what it decides best (the segmentation into numeric/alphanumeric/byte runs, the version
limits, the block structure), so that the codewords are qrcode's; the bits are gathered in one int and
the Reed–Solomon remainder is computed a whole codeword row at a time, ~4× faster than qrcode's
polynomial arithmetic.
"""

from __future__ import annotations

from functools import cache

from qrcode import util
from qrcode.base import rs_blocks
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

_VERSION_RANGES = ((1, 9), (10, 26), (27, 40))  # the character-count field widens at 10 and 27


# --- Reed–Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 -------------------------------


def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 512, [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for power in range(255, 512):
        exp[power] = exp[power - 255]
    return exp, log


_EXP, _LOG = _gf_tables()


@cache
def _generator(degree: int) -> tuple[int, ...]:
    """The coefficients after the leading 1 of the generator ∏(x - α^i), i < degree."""
    poly = [1]
    for i in range(degree):
        nxt = poly + [0]
        for k, coef in enumerate(poly):
            if coef:
                nxt[k + 1] ^= _EXP[_LOG[coef] + i]
        poly = nxt
    return tuple(poly[1:])


@cache
def _products(degree: int) -> tuple[int, ...]:
    """For every byte f, f × the generator as one int (a byte a coefficient): a step of the division is
    then one shift and one XOR instead of a loop over the coefficients."""
    generator = _generator(degree)
    return tuple(
        int.from_bytes(bytes(_EXP[_LOG[f] + _LOG[g]] if f and g else 0 for g in generator), "big")
        for f in range(256)
    )


def _ec_codewords(data: list[int], degree: int) -> list[int]:
    """The error correction codewords of one block (the remainder of data·x^degree by the generator)."""
    products, top, full = _products(degree), 8 * (degree - 1), (1 << (8 * degree)) - 1
    rest = 0
    for byte in data:
        rest = ((rest << 8) & full) ^ products[byte ^ (rest >> top)]
    return list(rest.to_bytes(degree, "big"))


# --- data codewords -------------------------------------------------------------------------------


class _Bits:
    """An append-only bit string (duck-types the part of qrcode's BitBuffer that QRData.write uses)."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | num
        self.length += length


def _segment_bits(chunks: list[util.QRData], version: int) -> _Bits:
    bits = _Bits()
    for chunk in chunks:
        bits.put(chunk.mode, 4)
        bits.put(len(chunk), util.length_in_bits(chunk.mode, version))
        chunk.write(bits)
    return bits


def _fit(chunks: list[util.QRData], level: int) -> tuple[int, _Bits]:
    """The smallest version that holds the data, and its bits (qrcode's best_fit, without recursion)."""
    limits = util.BIT_LIMIT_TABLE[level]
    for low, high in _VERSION_RANGES:
        bits = _segment_bits(chunks, low)
        for version in range(low, high + 1):
            if limits[version] >= bits.length:
                return version, bits
    raise DataOverflowError(f"{bits.length} bits do not fit a QR code")


def _chunks(data: str) -> list[util.QRData]:
    return list(util.optimal_data_chunks(data, minimum=20))  # qrcode's add_data default


def holds(data: str, *, high_correction: bool = False) -> bool:
    """Whether data fits the largest symbol, version 40, at level M (H with high_correction)."""
    level = ERROR_CORRECT_H if high_correction else ERROR_CORRECT_M
    limit: int = util.BIT_LIMIT_TABLE[level][40]
    return _segment_bits(_chunks(data), 40).length <= limit


def codewords(data: str, level: int) -> tuple[int, list[int]]:
    """(version, the final interleaved data + error correction codewords) of data at level."""
    chunks = _chunks(data)
    version, bits = _fit(chunks, level)
    blocks = rs_blocks(version, level)
    limit = 8 * sum(block.data_count for block in blocks)
    bits.put(0, min(limit - bits.length, 4))  # terminator
    bits.put(0, -bits.length % 8)
    stream = bits.value.to_bytes(bits.length // 8, "big")
    stream = (stream + bytes((0xEC, 0x11)) * (limit // 16))[: limit // 8]  # alternating pad codewords
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = list(stream[offset : offset + block.data_count])
        offset += block.data_count
        data_blocks.append(chunk)
        ec_blocks.append(_ec_codewords(chunk, block.total_count - block.data_count))
    return version, _interleave(data_blocks) + _interleave(ec_blocks)


def _interleave(blocks: list[list[int]]) -> list[int]:
    longest = max(len(block) for block in blocks)
    return [block[i] for i in range(longest) for block in blocks if i < len(block)]
