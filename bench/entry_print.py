"""Entry codes on paper: what the brand logo costs, before (a fifth of the code's width) and now (a square of
whole modules within a quarter of the worst block's error correction), at versions 1–10 (not part of the
test suite; tests/test_entry_print.py asserts the same with fewer photos).

Per version: the logo's side in modules and share of the modules, the worst-case share of the worst block's
correction capacity (every hidden module wrong, as zxing-cpp reports it: 1 - UEC), then how many seeded
print-like photos (tests/printkit.py: small, grey ink on off-white, blur, noise, JPEG) zxing-cpp and
WeChat's decoder read, with the logo of before, the logo now and no logo (the same photos for all three).

Usage: python bench/entry_print.py [--photos 60] [--seed 14]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from printkit import (  # noqa: E402
    Tally,
    degradations,
    entry_text,
    entry_variants,
    first_logo_side,
    read_rates,
    worst_case_use,
)

from generator.qr.logo import logo_modules  # noqa: E402

LOGO = REPO / "site_src" / "assets" / "logo.png"
NAMES = ("first logo", "logo", "no logo")


def budget_line(version: int) -> str:
    size, text = 4 * version + 17, entry_text(version)
    cells = []
    for side in (first_logo_side(size), logo_modules(version)):
        used = f"{worst_case_use(text, side):.0%}" if side else "-"
        cells.append(
            f"{side:2d} modules a side ({side * side / size / size:4.1%} of modules), worst block {used:>3}"
        )
    return f"  v{version:<2} before: {cells[0]} | now: {cells[1]}"


def rate_line(label: str, rates: dict[tuple[str, str], Tally]) -> str:
    cells = [f"{decoder} " + " / ".join(f"{rates[n, decoder].rate:4.0%}" for n in NAMES) for decoder in
             ("zxing-cpp", "WeChat")]  # fmt: skip
    return f"  {label:<6} " + "   ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    print("logo budget (level H):")
    for version in range(1, 11):
        print(budget_line(version))
    photos = degradations(args.photos, args.seed)
    print(f"read rates, {args.photos} photos a code: before / now / no logo")
    total: dict[tuple[str, str], Tally] = {}
    for version in range(1, 11):
        rates = read_rates(entry_variants(LOGO, first=True), [entry_text(version)], photos)
        print(rate_line(f"v{version}", rates), flush=True)
        for key, tally in rates.items():
            total.setdefault(key, Tally()).read += tally.read
            total[key].tried += tally.tried
    print(rate_line("v1–10", total))


if __name__ == "__main__":
    main()
