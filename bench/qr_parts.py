"""What each QR optimisation buys, measured side by side in one run (not part of the test suite).

Per code, on the bench's links (group codes: level M, 8 px a module, 1-bit; entry codes: level H, 10 px a
module, the brand logo in the middle):
  before      qrcode (make) + Pillow image + Pillow optimised PNG (RGB with the logo): qunma's first qr.py
  symbol      our symbol (generator.qr.matrix) + the same Pillow encoding: what the fast mask choice buys
  png         qrcode's symbol + our PNG writer: what writing the PNG ourselves buys
  now         our symbol + our PNG writer (generator.qr.image.qr_png)
  fixed mask  `now` with mask 0 always: what skipping the mask choice would still save
then rendering N codes in 1 vs 2 processes, a cold vs a warm cache, and how well the chosen mask and a
fixed one scan when the image is small, blurred and noisy (zxing-cpp, as a stand-in for a phone).

Usage: python bench/qr_parts.py [--codes 300] [--batch 2000]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import qrcode
from PIL import Image, ImageChops, ImageFilter
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import link, logo_png  # noqa: E402

from generator.qr import image as qr  # noqa: E402
from generator.qr.cache import CodeRequest, QrImages, render_many  # noqa: E402
from generator.qr.logo import logo_modules  # noqa: E402
from generator.qr.matrix import Symbol, encode  # noqa: E402


def qrcode_matrix(data: str, high: bool) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H if high else ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def pillow_png(matrix: list[list[bool]], scale: int, logo: Path | None) -> bytes:
    """qunma's first encoder: a 1-bit image scaled up, the logo pasted in RGB, Pillow's optimiser."""
    size, border = len(matrix), 4
    small = Image.new("1", (size + 2 * border, size + 2 * border), 1)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                small.putpixel((x + border, y + border), 0)
    image = small.resize((small.width * scale, small.height * scale), Image.Resampling.NEAREST)
    if logo is not None:
        canvas = image.convert("RGB")
        with Image.open(logo) as raw:
            mark = raw.convert("RGBA")
        side = max(1, size * scale // 5)
        mark.thumbnail((side, side), Image.Resampling.LANCZOS)
        pad = max(2, side // 12)
        box = Image.new("RGBA", (mark.width + 2 * pad, mark.height + 2 * pad), (255, 255, 255, 255))
        box.alpha_composite(mark, (pad, pad))
        canvas.paste(box.convert("RGB"), ((canvas.width - box.width) // 2, (canvas.height - box.height) // 2))
        image = canvas
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def own_png(symbol: Symbol, scale: int, logo: Path | None) -> bytes:
    if logo is None:
        return qr._bilevel_png(symbol, scale, 4)
    side = max(5, logo_modules((symbol.size - 17) // 4)) * scale  # the PNG writer's cost with a logo drawn
    return qr._logo_png(symbol, scale, 4, qr._logo_box(logo.read_bytes(), side, max(1, scale // 2)))


def as_symbol(matrix: list[list[bool]]) -> Symbol:
    return Symbol(len(matrix), tuple("".join("1" if m else "0" for m in row) for row in matrix), -1)


def variants(scale: int, high: bool, logo: Path | None) -> dict[str, Callable[[str], bytes]]:
    return {
        "before": lambda d: pillow_png(qrcode_matrix(d, high), scale, logo),
        "symbol": lambda d: pillow_png(encode(d, high_correction=high).matrix(), scale, logo),
        "png": lambda d: own_png(as_symbol(qrcode_matrix(d, high)), scale, logo),
        "now": lambda d: own_png(encode(d, high_correction=high), scale, logo),
        "fixed mask": lambda d: own_png(encode(d, high_correction=high, mask=0), scale, logo),
    }


def per_code(links: list[str], scale: int, high: bool, logo: Path | None) -> list[str]:
    """Milliseconds a code and PNG bytes for each variant, the variants interleaved link by link."""
    funcs = variants(scale, high, logo)
    seconds = dict.fromkeys(funcs, 0.0)
    sizes = dict.fromkeys(funcs, 0)
    for data in links:
        for name, func in funcs.items():
            start = time.perf_counter()
            png = func(data)
            seconds[name] += time.perf_counter() - start
            sizes[name] += len(png)
            assert qr.decode_png(png) == [data], (name, data)
    base, count = seconds["before"], len(links)
    return [
        f"  {name:<11} {1000 * s / count:7.2f} ms/code {base / s:6.1f}× faster {sizes[name] // count:6} bytes"
        for name, s in seconds.items()
    ]


def batch(requests: list[CodeRequest]) -> list[str]:
    lines = []
    start = time.perf_counter()
    serial = render_many(requests, 1)
    one = time.perf_counter() - start
    start = time.perf_counter()
    parallel = render_many(requests, 2)
    two = time.perf_counter() - start
    assert serial == parallel
    lines.append(f"  1 process   {one:6.2f} s   2 processes {two:6.2f} s   ({one / two:.2f}× faster)")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        QrImages(Path(folder), workers=2).render_all(requests)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        warm = QrImages(Path(folder), workers=2)
        warm.render_all(requests)
        hot = time.perf_counter() - start
        assert warm.misses == 0
    lines.append(f"  cold cache  {cold:6.2f} s   warm cache  {hot:6.2f} s   ({cold / hot:.0f}× faster)")
    return lines


def scans(links: list[str], seed: int = 11) -> list[str]:
    """How many codes zxing still reads when small, blurred and noisy: the chosen mask vs mask 0 always,
    each pair seeing the very same noise."""
    lines = []
    for scale, blur, amplitude in ((3, 1.0, 50), (2, 0.6, 70), (1, 0.5, 55)):
        rnd = random.Random(seed)
        read = {"chosen": 0, "mask 0": 0}
        for data in links:
            noise = bytes(b % (2 * amplitude + 1) for b in rnd.randbytes(200 * 200))
            for name, mask in (("chosen", None), ("mask 0", 0)):
                image = Image.open(io.BytesIO(qr._bilevel_png(encode(data, mask=mask), scale, 4)))
                soft = image.convert("L").filter(ImageFilter.GaussianBlur(blur))
                grain = Image.frombytes("L", soft.size, noise[: soft.width * soft.height])
                read[name] += qr.decode_image(ImageChops.add(soft, grain, 1.0, -amplitude)) == [data]
        lines.append(
            f"  {scale} px/module, blur {blur}, noise ±{amplitude}: chosen mask read {read['chosen']}"
            f" of {len(links)}, mask 0 always {read['mask 0']}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes", type=int, default=300)
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        logo = Path(folder) / "logo.png"
        logo.write_bytes(logo_png())
        groups = [link(c, g) for c in range(args.codes // 10 + 1) for g in range(10)][: args.codes]
        entries = [f"https://qun.bench.example/c{c:05d}/ch{c % 6}/" for c in range(args.codes)]
        out = [f"group codes ({args.codes}, level M, 8 px/module, no logo):"]
        out += per_code(groups, 8, False, None)
        out += [f"entry codes ({args.codes}, level H, 10 px/module, logo):"]
        out += per_code(entries, 10, True, logo)
        half = args.batch // 2
        requests = [CodeRequest(link(c, g), 8) for c in range(half // 10 + 1) for g in range(10)][:half]
        requests += [CodeRequest(f"https://qun.bench.example/c{c:05d}/", 10, logo=logo) for c in range(half)]
        out += [f"{len(requests)} codes (half group, half entry):"] + batch(requests)
        out += ["scanning small, blurred and noisy codes (zxing-cpp):"] + scans(groups[:100])
    print("\n".join(out))


if __name__ == "__main__":
    main()
