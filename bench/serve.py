"""qunma serve benchmark: how long a save takes to show in the preview, on the bench project.

The preview rebuilds on every save of campaigns.yml or pool-status.yml; at 1,000 campaigns the site holds
~18,000 files. This starts `qunma serve` on the bench project (bench/generate.py) as of the bench's moment,
waits for the first build, then saves pool-status.yml --saves times, filling the first group of the first
campaign and emptying it again in turn, and times each save until the page it changes shows the change
(polled every 50 ms). With several --qunma programs (e.g. an older commit's venv), each in turn on the same
project, side by side. Everything runs on 127.0.0.1.

Usage: python bench/serve.py [--campaigns 1000] [--channels 5] [--groups 10] [--saves 4] [--repeat 1]
                             [--work bench/out] [--qunma PATH [PATH ...]]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, status_yaml  # noqa: E402
from run import NOW, size_arguments  # noqa: E402

PAGE = "/c00000/ch3/"  # shows the campaign's first group (g0) until it is full, then the next
DEADLINE = 300.0  # seconds for the first build or one save to show, at most


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shown(base: str) -> str | None:
    """The group the page shows (None: not served yet, or no group)."""
    try:
        with urllib.request.urlopen(base + PAGE, timeout=30) as response:
            found = re.search(r'data-group="(g\d+)"', response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None
    return found.group(1) if found else None


def until(condition: object, what: str) -> float:
    started = time.monotonic()
    while not condition():  # type: ignore[operator]
        if time.monotonic() - started > DEADLINE:
            raise SystemExit(f"{what}: nothing after {DEADLINE:.0f} s")
        time.sleep(0.05)
    return time.monotonic() - started


def measure(qunma: str, project: Path, size: tuple[int, int], saves: int) -> tuple[float, list[float]]:
    """The first build's time and each save's, under one `qunma serve`."""
    status = project / "pool-status.yml"
    status.write_text(status_yaml(*size), encoding="utf-8")
    base = f"http://127.0.0.1:{(port := free_port())}"
    command = [qunma, "serve", "--now", NOW, "--dev-addr", f"127.0.0.1:{port}"]
    with (project / "serve.log").open("w") as log:
        process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT)
        try:
            first = until(lambda: shown(base) == "g0", "the first build")
            time.sleep(3)  # the watcher settles
            times = []
            for number in range(saves):
                before = shown(base)
                replacement = status.with_name(status.name + ".new")  # saved as editors save
                replacement.write_text(status_yaml(*size, fill_first=number % 2 == 0), encoding="utf-8")
                replacement.replace(status)
                times.append(
                    until(lambda before=before: shown(base) not in (before, None), f"save {number + 1}")
                )
                time.sleep(3)
        finally:
            process.terminate()
            process.wait(timeout=60)
    return first, times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    size_arguments(parser)
    parser.add_argument("--saves", type=int, default=4)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--qunma", nargs="+", default=[str(Path(sys.executable).parent / "qunma")])
    args = parser.parse_args()
    project = args.work / f"serve-{args.campaigns}"
    generate(project, args.campaigns, args.channels, args.groups)
    print(f"{'qunma':40} {'first build':>12} {'each save (s)':>30} {'median':>8}")
    saves: dict[str, list[float]] = {qunma: [] for qunma in args.qunma}
    for _ in range(args.repeat):  # each program in turn, every round
        for qunma in args.qunma:
            first, times = measure(qunma, project, (args.campaigns, args.groups), args.saves)
            saves[qunma] += times
            each = " ".join(f"{seconds:.2f}" for seconds in times)
            print(f"{qunma:40} {first:12.2f} {each:>30} {statistics.median(times):8.2f}", flush=True)
    for qunma, times in saves.items():
        print(f"{qunma}: median of {len(times)} saves {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
