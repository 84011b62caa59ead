"""qunma benchmark: cold build, one-group rebuild and `qunma status` against a plain mkdocs-material build.

Every number is measured in this run, side by side, and quoted as a ratio to the baseline (d):
  (a) cold `qunma build` (empty caches)        (b) rebuild after one group's member count changed
  (c) `qunma status`                           (d) baseline: mkdocs-material build of as many minimal pages
at 1/5 of the size and at the full size (default 1,000 campaigns × 5 channels × 10 groups).

Usage: python bench/run.py [--campaigns 1000] [--channels 5] [--groups 10] [--out bench/out] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, status_yaml  # noqa: E402

NOW = "2026-11-23T12:00+08:00"
BIN = Path(sys.executable).parent
# Runs a command and prints its wall time and peak RSS: a separate process per measurement, so the
# children's max RSS is this command's alone.
MEASURE = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter(); rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "wall = time.perf_counter() - t\n"
    "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(json.dumps({'rc': rc, 'seconds': wall, 'peak_mb': rss / 1024}))\n"
)


def measure(args: list[str], cwd: Path) -> dict[str, float]:
    """Wall time and peak memory of one command run in cwd; fails loudly if the command fails."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=cwd, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"benchmark command failed ({result['rc']}): {' '.join(args)}\n{out.stderr[-2000:]}")
    return result


def baseline_project(root: Path, pages: int) -> Path:
    """A plain mkdocs-material site of `pages` minimal Markdown pages and no navigation."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for i in range(pages):
        folder = docs / f"p{i:05d}"
        folder.mkdir(exist_ok=True)
        (folder / "index.md").write_text(f"# 页面 {i}\n\n扫码进群。\n", encoding="utf-8")
    config = "site_name: baseline\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def run_size(out: Path, campaigns: int, channels: int, groups: int) -> dict[str, dict[str, float]]:
    """Measure (a)–(d) for one size; returns {name: {seconds, peak_mb}}."""
    project = out / f"project-{campaigns}"
    shutil.rmtree(project, ignore_errors=True)
    generate(project, campaigns, channels, groups)
    pages = campaigns * (channels + 1)
    base = baseline_project(out / f"baseline-{campaigns}", pages)
    qunma = [str(BIN / "qunma")]
    build = [*qunma, "build", "--campaigns", "campaigns.yml", "--now", NOW, "--site-dir", "site"]
    results = {"d_baseline": measure([str(BIN / "mkdocs"), "build", "-q", "-d", "site"], base)}
    shutil.rmtree(project / ".qunma-cache", ignore_errors=True)
    results["a_cold_build"] = measure(build, project)
    (project / "pool-status.yml").write_text(status_yaml(campaigns, groups, bump=3), encoding="utf-8")
    results["b_rebuild_one_group"] = measure(build, project)
    results["c_status"] = measure([*qunma, "status", "--campaigns", "campaigns.yml", "--now", NOW], project)
    return results


def report(sizes: dict[int, dict[str, dict[str, float]]]) -> str:
    """A readable table: seconds, peak MB and the ratio to the baseline at each size, then growth."""
    lines = [f"{'size':>8} {'measure':<22} {'seconds':>9} {'peak MB':>9} {'× baseline':>11}"]
    for size, results in sizes.items():
        base = results["d_baseline"]["seconds"]
        for name, r in results.items():
            lines.append(f"{size:>8} {name:<22} {r['seconds']:>9.2f} {r['peak_mb']:>9.0f} {r['seconds'] / base:>11.2f}")
    small, large = sorted(sizes)
    for name in sizes[large]:
        growth = sizes[large][name]["seconds"] / sizes[small][name]["seconds"]
        lines.append(f"growth {small}→{large} campaigns ({large / small:.0f}× input) {name}: {growth:.2f}× time")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--campaigns", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=5)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for campaigns in (max(1, args.campaigns // 5), args.campaigns):
        sizes[campaigns] = run_size(args.out, campaigns, args.channels, args.groups)
    text = report(sizes)
    print(text)
    (args.out / "results.json").write_text(json.dumps(sizes, indent=2), encoding="utf-8")
    (args.out / "results.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
