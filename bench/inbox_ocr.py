"""What reading saved group codes costs (not part of the test suite): the import of the `ocr` extra, the
engine's start, the time per image (wall and CPU, the CPU time being the steadier number on a shared
machine) for the card and phone-screenshot variants of the tests' corpus, and what a look at an empty or
missing qr/inbox/ adds to `qunma check` and `qunma build`.

Usage: python bench/inbox_ocr.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from inboxcards import Look, card, encoded, group_link, screenshot, validity_line  # noqa: E402

from generator.inbox import ocr  # noqa: E402
from generator.inbox.folder import waiting  # noqa: E402
from generator.inbox.reading import read_image  # noqa: E402

IMPORT = "import time; t = time.perf_counter(); from rapidocr import RapidOCR; print(time.perf_counter() - t)"
VARIANTS = {  # (screenshot?, dark?, width, JPEG quality)
    "card 900 px PNG": (False, False, None, None),
    "card 900 px JPEG q60": (False, False, None, 60),
    "screenshot 1080 px PNG": (True, False, None, None),
    "screenshot 1080 px JPEG q55": (True, False, None, 55),
    "screenshot 540 px JPEG q65": (True, False, 540, 65),
    "screenshot 360 px JPEG q70": (True, False, 360, 70),
    "dark screenshot 1080 px JPEG q60": (True, True, None, 60),
}


def fresh(code: str) -> float:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    imports = [
        fresh("import os; os.environ['ORT_DISABLE_TELEMETRY'] = '1'; " + IMPORT) for _ in range(rounds)
    ]
    print(f"import rapidocr + onnxruntime (fresh interpreter): median {statistics.median(imports):.2f} s")
    folder = Path(tempfile.mkdtemp())
    reader = ocr.Reader("zh")
    name = "拾光咖啡·上海徐汇滨江旗舰店会员专属福利群二十七"
    started = time.perf_counter()
    reader.lines(card("x", "y", group_link("warm")), (120, 290, 780, 950))
    print(f"engine start and first image: {time.perf_counter() - started:.2f} s (once per run)")
    for variant, (shot, dark, width, jpeg) in VARIANTS.items():
        look = Look(dark=dark)
        image = card(name, validity_line(12, 30), group_link(variant), look)
        path = folder / "image"
        path.write_bytes(encoded(screenshot(image, look) if shot else image, width=width, jpeg=jpeg))
        walls, cpus = [], []
        for _ in range(rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            read_image(path, reader, "https://qun.example/")
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(f"  {variant:34} wall {statistics.median(walls):.2f} s   CPU {statistics.median(cpus):.2f} s")
    campaigns = folder / "campaigns.yml"
    for label in ("missing", "empty"):
        if label == "empty":
            (folder / "qr" / "inbox").mkdir(parents=True)
        started = time.perf_counter()
        for _ in range(10_000):
            waiting(campaigns)
        print(f"a look at a {label} qr/inbox/: {(time.perf_counter() - started) / 10_000 * 1e6:.1f} µs")
    # What check and build load for the look, beyond what they load anyway (the loader).
    folder_import = (
        "import generator.input.load, time; t = time.perf_counter(); import generator.inbox.folder; "
        "print(time.perf_counter() - t)"
    )
    cost = statistics.median(fresh(folder_import) for _ in range(rounds))
    print(f"import generator.inbox.folder after the loader: {cost * 1000:.2f} ms")


if __name__ == "__main__":
    main()
