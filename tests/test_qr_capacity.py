"""QR codes checked without `qrcode`: at every version 1–40 and both levels qunma uses (M: group codes,
H: entry codes), inputs exactly at capacity and one over it, in each mode and in mixed segments whose
count fields widen at versions 10 and 27, must take the version ISO/IEC 18004 gives them and read back,
to the character, in zxing-cpp (with the version, the level, the mask and no corrected error) and in
WeChat's own decoder; their modules must be qrcodegen's. One over version 40 is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from qrcode.exceptions import DataOverflowError
from qrkit import (
    Segment,
    edge_cases,
    qrcodegen_rows,
    smallest_version,
    text_of,
    wechat_read,
    zxing_read,
)

from generator.qr.image import _bilevel_png, qr_png
from generator.qr.matrix import Symbol, encode

LOGO = Path(__file__).resolve().parent.parent / "site_src" / "assets" / "logo.png"
SCALE = 4  # pixels a module: v40 is 740 px a side, small enough to decode fast, large enough for both


def symbol_png(symbol: Symbol, scale: int) -> bytes:
    return _bilevel_png(symbol, scale, 4)  # the writer of group codes, also for level H symbols


def check_reads_back(segments: list[Segment], level: str, version: int, *, compare: bool) -> None:
    text = text_of(segments)
    symbol = encode(text, high_correction=level == "H")
    assert symbol.size == 4 * version + 17, f"version {(symbol.size - 17) // 4}, not {version}"
    png = qr_png(text, scale=SCALE) if level == "M" else symbol_png(symbol, SCALE)  # M: as a build does
    found = zxing_read(png)
    assert [code.text for code in found] == [text], "zxing-cpp"
    extra = found[0].extra
    assert (extra["Version"], extra["ECLevel"], extra["DataMask"]) == (str(version), level, symbol.mask)
    assert extra["UEC"] == 1.0, "zxing-cpp had to correct errors in a perfect image"
    assert wechat_read(lambda scale: symbol_png(symbol, scale)) == [text], "WeChat's decoder"
    if compare:
        assert symbol.rows == qrcodegen_rows(segments, level, version, symbol.mask), "modules differ"


@pytest.mark.parametrize("version", range(1, 41))
@pytest.mark.parametrize("level", ["M", "H"])
def test_full_and_one_over_read_back_at_the_right_version(level: str, version: int) -> None:
    cases = list(edge_cases(level, version))
    kinds = list(dict.fromkeys(label.split()[0] for label, _, _ in cases))
    assert set(kinds) >= {"byte", "numeric", "alphanumeric"}
    # qrcodegen is slow (pure-Python Reed–Solomon): its modules are compared for one full input and one
    # over a version, each version other kinds; what only it sees (remainder bits, pad codewords, format and
    # version information within the decoders' correction, timing) hardly depends on the data.
    turn = version + (level == "H")
    compared = {(kinds[turn % len(kinds)], True), (kinds[(turn + 1) % len(kinds)], False)}
    for label, segments, needed in cases:
        full = needed == version
        assert full or needed == (version + 1 if version < 40 else None), label  # the inputs are right
        if needed is None:
            with pytest.raises(DataOverflowError):
                encode(text_of(segments), high_correction=level == "H")
            continue
        try:  # one over: the next version's symbol, so it must read back there
            check_reads_back(segments, level, needed, compare=(label.split()[0], full) in compared)
        except AssertionError as failure:
            raise AssertionError(f"{level} {label} (version {needed}): {failure}") from None


def test_mixed_segments_cross_both_count_field_widenings() -> None:
    """The edge cases above include, at 9/10 and 26/27, inputs of byte + numeric + alphanumeric segments."""
    for level in ("M", "H"):
        for version in (9, 10, 26, 27):
            modes = {tuple(m for m, _ in s) for label, s, _ in edge_cases(level, version) if "mixed" in label}
            assert modes == {("B", "N", "A", "B")}, (level, version)


CHINESE = [
    "https://qun.example.cn/秋季活动/拾光咖啡?from=群码",
    "https://例子.中国/群",
    "https://weixin.qq.com/g/群码" + "拾光" * 200 + "123456789012345678901234567890",
]


@pytest.mark.parametrize("link", CHINESE)
def test_a_chinese_link_round_trips_as_group_and_entry_code(link: str) -> None:
    """UTF-8 in byte mode, as a group code (M, no logo) and as an entry code (H, the logo in the middle)."""
    segments = [("B", link[:-30]), ("N", link[-30:])] if link[-1].isdigit() else [("B", link)]
    for level in ("M", "H"):
        version = smallest_version(segments, level)
        logo = LOGO if level == "H" else None

        def png_at(scale: int, logo: Path | None = logo) -> bytes:
            return qr_png(link, scale=scale, logo=logo)

        found = zxing_read(png_at(SCALE))
        assert [code.text for code in found] == [link]
        assert (found[0].extra["Version"], found[0].extra["ECLevel"]) == (str(version), level)
        assert wechat_read(png_at) == [link]
