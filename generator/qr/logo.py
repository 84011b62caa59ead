"""How large the brand logo in an entry code may be: a centred square of whole modules, on a budget.

A logo hides the modules under it, and every codeword with a bit there may read wrong: an error that the
codeword's block must correct. Error correction is per block, so what counts is the worst block. The
first logo took a fifth of the code's width whatever the version: up to 6 % of the modules and 36–59 % of
the worst block's capacity, leaving too little for what paper and a phone add (small print, blur, noise,
JPEG: WeChat's decoder read 47 % of such codes against 79 % without the logo). Here the logo is the
largest centred square whose covered codewords, all counted as errors, use at most SHARE of any block's
capacity; a square smaller than MIN_MODULES would be a speck, so such a code carries no logo at all.
"""

from __future__ import annotations

from functools import cache

from qrcode.constants import ERROR_CORRECT_H

from generator.qr.data import block_of_codewords
from generator.qr.matrix import data_cells

SHARE = 0.25  # of the worst block's correction capacity: the rest is left for print and camera
MIN_MODULES = 5  # a smaller logo is not recognisable; no logo then
MAX_WIDTH = 0.2  # never more than a fifth of the code's width (the first logo's size)


def covered_share(version: int, side: int) -> float:
    """The share of the worst block's correction capacity used when a centred side × side square of
    modules reads wrong (level H): 2 × damaged codewords / error correction codewords (an error costs two)."""
    size = 4 * version + 17
    first = (size - side) // 2
    square = range(first, first + side)
    blocks, ec = block_of_codewords(version, ERROR_CORRECT_H)
    damaged = {i // 8 for i, (r, c) in enumerate(data_cells(version)) if r in square and c in square}
    hits = [0] * len(ec)
    for codeword in damaged:
        if codeword < len(blocks):  # past the last codeword: remainder bits, which nothing reads
            hits[blocks[codeword]] += 1
    return max(2 * hit / count for hit, count in zip(hits, ec, strict=True))


@cache
def logo_modules(version: int) -> int:
    """The side, in modules, of the logo square of a level H code of version; 0: no logo."""
    size = 4 * version + 17
    largest = int(size * MAX_WIDTH)
    fitting = [
        side
        for side in range(MIN_MODULES, largest + 1, 2)  # odd: centred on a module, as the symbol is odd
        if covered_share(version, side) <= SHARE
    ]
    return max(fitting, default=0)
