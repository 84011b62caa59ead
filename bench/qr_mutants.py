"""Do the QR tests have teeth? Small bugs are injected into a scratch copy of the encoder, one at a time,
and the QR test files are run against each (not part of the test suite; the work tree is never touched).

A mutant is "killed" by a test file that fails on it. The first line checks that the unmutated copy passes
and is the code imported (not the installed one).

Usage: python bench/qr_mutants.py [--tests tests/test_qr_capacity.py tests/test_qr.py] [--only NAME]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent


class Mutant(NamedTuple):
    name: str
    path: str
    old: str
    new: str


MUTANTS = [
    Mutant(  # what the hardening review found surviving: codes that never decode
        "v27+ numeric/alphanumeric count in the v10-26 field width",
        "generator/qr/data.py",
        "util.length_in_bits(chunk.mode, version))",
        "util.length_in_bits(chunk.mode, 26 if version >= 27 and chunk.mode != 4 else version))",
    ),
    Mutant(
        "count-field ranges 1-9, 10-27, 28-40",
        "generator/qr/data.py",
        "((1, 9), (10, 26), (27, 40))",
        "((1, 9), (10, 27), (28, 40))",
    ),
    Mutant(
        "EC block table: version 31's blocks in the wrong order",
        "generator/qr/data.py",
        "blocks = rs_blocks(version, level)",
        "blocks = rs_blocks(version, level)[:: -1 if version == 31 else 1]",
    ),
    Mutant(
        "EC block table: version 13 at H has one data codeword moved between blocks",
        "generator/qr/data.py",
        "blocks = rs_blocks(version, level)",
        "blocks = rs_blocks(version, level)\n    if version == 13 and level == 2:\n"
        "        from qrcode.base import RSBlock\n"
        "        blocks = [RSBlock(b.total_count + (i == 0) - (i == len(blocks) - 1),"
        " b.data_count + (i == 0) - (i == len(blocks) - 1)) for i, b in enumerate(blocks)]",
    ),
    Mutant(
        "format information of mask 5 names mask 4",
        "generator/qr/matrix.py",
        "util.BCH_type_info(level << 3 | mask)",
        "util.BCH_type_info(level << 3 | (4 if mask == 5 else mask))",
    ),
    Mutant(
        "format information of mask 3 with one bit flipped (within BCH correction)",
        "generator/qr/matrix.py",
        "util.BCH_type_info(level << 3 | mask)",
        "util.BCH_type_info(level << 3 | mask) ^ (mask == 3) << 9",
    ),
    Mutant(
        "version information of version 33 with one bit flipped (within BCH correction)",
        "generator/qr/matrix.py",
        "bits = util.BCH_type_number(version)",
        "bits = util.BCH_type_number(version) ^ (version == 33) << 4",
    ),
    Mutant(
        "remainder bits left unmasked",
        "generator/qr/matrix.py",
        "data = set(path)",
        "data = set(path[: len(path) - len(path) % 8])",
    ),
    Mutant(
        "mask pattern 2 wrong",
        "generator/qr/matrix.py",
        "lambda i, j: j % 3 == 0,",
        "lambda i, j: j % 3 == 1,",
    ),
    Mutant(
        "error correction codewords interleaved block after block",
        "generator/qr/data.py",
        "_interleave(data_blocks) + _interleave(ec_blocks)",
        "_interleave(data_blocks) + [w for block in ec_blocks for w in block]",
    ),
    Mutant(
        "pad codewords in the wrong order",
        "generator/qr/data.py",
        "bytes((0xEC, 0x11))",
        "bytes((0x11, 0xEC))",
    ),
    Mutant(
        "byte count in characters, not UTF-8 bytes",
        "generator/qr/data.py",
        "bits.put(len(chunk), util.length_in_bits",
        "bits.put(len(chunk.data.decode()) if chunk.mode == 4 else len(chunk), util.length_in_bits",
    ),
    Mutant(
        "generator polynomial of the error correction off by one power",
        "generator/qr/data.py",
        "nxt[k + 1] ^= _EXP[_LOG[coef] + i]",
        "nxt[k + 1] ^= _EXP[_LOG[coef] + i + 1]",
    ),
]


def scratch_copy(target: Path) -> None:
    for folder in ("generator", "tests"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "site_src" / "assets").mkdir(parents=True)
    shutil.copy2(REPO / "site_src" / "assets" / "logo.png", target / "site_src" / "assets" / "logo.png")
    shutil.copy2(REPO / "pyproject.toml", target / "pyproject.toml")


def apply(target: Path, mutant: Mutant) -> None:
    path = target / mutant.path
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise SystemExit(f"mutant {mutant.name!r}: its text is not found exactly once in {mutant.path}")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def run_tests(target: Path, test_file: str) -> tuple[bool, float]:
    """(passed, seconds) of one test file in the copy; -x: the first failure is enough."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", test_file],
        cwd=target,
        capture_output=True,
        timeout=900,
    )
    return done.returncode == 0, time.perf_counter() - start


def imported_from(target: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=target,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip()).parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tests", nargs="+", default=["tests/test_qr_capacity.py", "tests/test_qr.py"])
    parser.add_argument("--only", help="run only the mutants whose name contains this")
    args = parser.parse_args()
    mutants = [m for m in MUTANTS if args.only is None or args.only in m.name]
    with tempfile.TemporaryDirectory(prefix="qr-mutants-") as scratch:
        base = Path(scratch) / "base"
        scratch_copy(base)
        assert imported_from(base) == base / "generator", "the scratch copy is not the code imported"
        for test_file in args.tests:
            passed, seconds = run_tests(base, test_file)
            print(f"unmutated: {test_file} {'passes' if passed else 'FAILS'} ({seconds:.0f} s)", flush=True)
            if not passed:
                raise SystemExit("the tests must pass without a mutant")
        for mutant in mutants:
            target = Path(scratch) / "mutant"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(base, target)
            apply(target, mutant)
            results = [(test_file, *run_tests(target, test_file)) for test_file in args.tests]
            verdicts = ", ".join(
                f"{Path(f).name}: {'survives' if ok else 'killed'} ({s:.0f} s)" for f, ok, s in results
            )
            print(f"{mutant.name}: {verdicts}", flush=True)


if __name__ == "__main__":
    main()
