"""qunma benchmark: cold build, one-group rebuild and `qunma status` against a plain mkdocs-material build.

Every number is measured in this run, side by side, and quoted as a ratio to the baseline (d):
  (a)  cold `qunma build` (no cache, no site)      (b)  rebuild after one group filled up (pages rotate)
  (c)  `qunma status` after the build (CI's order)
  (d)  baseline: mkdocs-material build of as many minimal Markdown pages as channel landing pages, no nav
and, to show what parallel rendering and the cache buy and what replacing a site costs:
  (a1) the cold build on one core                 (e)  rebuild with nothing changed
  (b2) rebuild over the previous site (a local `qunma build` run twice; CI starts without a site)
  (b3) the same again: every later local rebuild, which also finds the site before last (.site.next)
  (c0) `qunma status` with no model cache (campaigns.yml read and checked afresh, as on a first run)
At 1/5 of the size and at the full size (default 1,000 campaigns × 5 channels × 10 groups), so that the
growth shows. Each command runs in its own process, after the disk has been synced, with the packages
byte-compiled. Peak memory is the largest proportional resident memory (PSS) of the command and its worker
processes, sampled every 50 ms in one more round, whose times are not used: the sampler takes CPU from a
command that keeps both cores busy.

Usage: python bench/run.py [--campaigns 1000] [--channels 5] [--groups 10] [--repeat 1] [--out bench/out]
                           [--work DIR]
With --repeat N every measurement is taken N times, interleaved, and the median kept. --work builds the
projects elsewhere, e.g. on a RAM disk (/dev/shm) to take a slow or noisy disk out of the comparison.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, status_yaml  # noqa: E402

NOW = "2026-11-23T12:00+08:00"
BIN = Path(sys.executable).parent
ORDER = [
    "d_baseline",
    "a_cold_build",
    "a1_cold_1_core",
    "e_rebuild_unchanged",
    "b_rebuild_one_group",
    "b2_rebuild_over_site",
    "b3_rebuild_again",
    "c_status",
    "c0_status_no_cache",
]


def tree_memory(pid: int) -> int:
    """Proportional resident bytes (PSS) of pid and all its descendants: forked workers share pages
    with their parent, which plain RSS would count once per process."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
            with open(f"/proc/{current}/task/{current}/children") as children:
                todo += [int(child) for child in children.read().split()]
        except (OSError, ValueError, StopIteration):
            continue  # it exited meanwhile
    return total


def measure(args: list[str], cwd: Path, *, one_core: bool = False, memory: bool = False) -> dict[str, float]:
    """Wall time of one command run in cwd; with memory, its peak memory (the command and its workers)
    instead, sampled every 50 ms: the sampler reads /proc on the other core and so slows a command that
    keeps both cores busy (measured: qunma's rebuild 5 % slower), never a one-core baseline."""
    pin = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if one_core else None
    os.sync()  # what the previous step wrote or deleted must not be flushed on this command's time
    time.sleep(1)
    start = time.perf_counter()
    process = subprocess.Popen(
        args,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=pin,  # noqa: PLW1509
    )
    peak = 0
    while memory and process.poll() is None:
        peak = max(peak, tree_memory(process.pid))
        time.sleep(0.05)
    process.wait()
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(
            f"benchmark command failed ({process.returncode}): {' '.join(args)}\n{stderr[-2000:]}"
        )
    return {"seconds": seconds, "peak_mb": peak / 2**20}


def baseline_project(root: Path, pages: int) -> Path:
    """A plain mkdocs-material site of `pages` minimal Markdown pages and no navigation."""
    set_aside(root, root.parent / "set-aside")  # one of an earlier run
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for i in range(pages):
        folder = docs / f"p{i:05d}"
        folder.mkdir()
        (folder / "index.md").write_text(f"# 页面 {i}\n\n扫码进群。\n", encoding="utf-8")
    config = (
        "site_name: baseline\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n"
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def set_aside(path: Path, aside: Path) -> None:
    """Move path out of the way, deleted only after the last measurement. Deleting thousands of files just
    before a timed command taxes that command: ext4 without a journal (this project's VM) skips every inode
    freed in the last minutes when it creates one (perf: half a build's CPU in recently_deleted()), and a CI
    run on a fresh machine has deleted nothing."""
    if os.path.lexists(path):
        aside.mkdir(parents=True, exist_ok=True)
        os.rename(path, aside / f"{time.monotonic_ns()}-{path.name}")


def run_once(
    project: Path, base: Path, campaigns: int, groups: int, *, memory: bool = False
) -> dict[str, dict[str, float]]:
    """One round of every measurement on one size, in a fixed order (memory: peak memory instead of time).
    Every build but b2, b3 starts without a site folder, as a CI run does after a fresh checkout (with
    .qunma-cache restored by actions/cache)."""

    qunma = str(BIN / "qunma")
    build = [qunma, "build", "--campaigns", "campaigns.yml", "--now", NOW, "--site-dir", "site"]
    status_file = project / "pool-status.yml"
    aside = project.parent / "set-aside"

    def fresh(*, cache: bool = True) -> None:
        for path in [project / "site", *project.glob(".site.*")]:  # the site and what builds keep beside it
            set_aside(path, aside)
        if not cache:
            set_aside(project / ".qunma-cache", aside)

    set_aside(base / "site", aside)
    results = {"d_baseline": measure([str(BIN / "mkdocs"), "build", "-q", "-d", "site"], base, memory=memory)}
    status_file.write_text(status_yaml(campaigns, groups), encoding="utf-8")
    for name, one_core in (("a1_cold_1_core", True), ("a_cold_build", False)):
        fresh(cache=False)
        results[name] = measure(build, project, one_core=one_core, memory=memory)
    fresh()
    results["e_rebuild_unchanged"] = measure(build, project, memory=memory)
    status_file.write_text(status_yaml(campaigns, groups, fill_first=True), encoding="utf-8")
    fresh()
    results["b_rebuild_one_group"] = measure(build, project, memory=memory)
    status_file.write_text(status_yaml(campaigns, groups), encoding="utf-8")
    # b2 replaces the site built just before; b3 also finds the site before last beside it
    results["b2_rebuild_over_site"] = measure(build, project, memory=memory)
    results["b3_rebuild_again"] = measure(build, project, memory=memory)
    status = [qunma, "status", "--campaigns", "campaigns.yml", "--now", NOW]
    # c after a build, as in CI: the checked file is cached; c0 reads and checks campaigns.yml afresh
    results["c_status"] = measure(status, project, memory=memory)
    shutil.rmtree(project / ".qunma-cache" / "model", ignore_errors=True)
    results["c0_status_no_cache"] = measure(status, project, memory=memory)
    return results


def run_size(work: Path, size: tuple[int, int, int], repeat: int) -> dict[str, dict[str, float]]:
    """Measure every row for one size; the median of `repeat` interleaved rounds."""
    campaigns, channels, groups = size
    project = work / f"project-{campaigns}"
    set_aside(project, work / "set-aside")  # one of an earlier run
    generate(project, campaigns, channels, groups)
    base = baseline_project(work / f"baseline-{campaigns}", campaigns * channels)
    rounds = [run_once(project, base, campaigns, groups) for _ in range(repeat)]
    peaks = run_once(project, base, campaigns, groups, memory=True)  # one more round, for memory alone
    return {
        name: {
            "seconds": statistics.median(r[name]["seconds"] for r in rounds),
            "peak_mb": peaks[name]["peak_mb"],
        }
        for name in ORDER
    }


def report(sizes: dict[int, dict[str, dict[str, float]]], channels: int) -> str:
    """A readable table: seconds, peak MB and the ratio to the baseline at each size, then growth."""
    lines = [f"{'campaigns':>9} {'pages':>6} {'measure':<22} {'seconds':>8} {'peak MB':>8} {'× (d)':>7}"]
    for size, results in sizes.items():
        base = results["d_baseline"]["seconds"]
        for name in ORDER:
            seconds, peak = results[name]["seconds"], results[name]["peak_mb"]
            row = f"{size:>9} {size * channels:>6} {name:<22} {seconds:>8.2f} {peak:>8.0f}"
            lines.append(f"{row} {seconds / base:>7.2f}")
    small, large = sorted(sizes)
    lines.append(f"growth from {small} to {large} campaigns ({large / small:.0f}× the input):")
    for name in ORDER:
        growth = sizes[large][name]["seconds"] / sizes[small][name]["seconds"]
        lines.append(f"  {name:<22} {growth:5.2f}× the time")
    return "\n".join(lines)


def byte_compiled() -> None:
    """Byte-compile the installed packages and qunma once, as any machine does on first use. A machine that
    sets PYTHONDONTWRITEBYTECODE (this project's VM does) would otherwise compile ~290 modules in every
    measured process, qunma's and the baseline's alike: 0.7 s each, a cost no user's machine pays twice."""
    qunma = importlib.util.find_spec("generator")  # the qunma this Python runs (an editable install)
    assert qunma is not None and qunma.submodule_search_locations is not None
    folders = [sysconfig.get_paths()["purelib"], *qunma.submodule_search_locations]
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0", *folders], check=True)


def size_arguments(parser: argparse.ArgumentParser) -> None:
    """The bench project's size and the rounds, as every bench script takes them."""
    parser.add_argument("--campaigns", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=5)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1)


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    size_arguments(parser)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--work", type=Path, help="where the projects are built (default: --out)")
    args = parser.parse_args()
    work = args.work or args.out
    args.out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    byte_compiled()
    sizes = {}
    for campaigns in (max(1, args.campaigns // 5), args.campaigns):
        sizes[campaigns] = run_size(work, (campaigns, args.channels, args.groups), args.repeat)
    shutil.rmtree(work / "set-aside", ignore_errors=True)  # after the last measurement
    text = report(sizes, args.channels)
    cores = len(os.sched_getaffinity(0))
    when = time.strftime("%Y-%m-%d %H:%M")
    machine = f"{cores} cores, Python {sys.version.split()[0]}, built in {work}, {when}"
    print(machine + "\n" + text)
    (args.out / "results.json").write_text(json.dumps({"machine": machine, "sizes": sizes}, indent=2))
    (args.out / "results.txt").write_text(machine + "\n" + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
