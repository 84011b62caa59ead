"""What `qunma deploy` sends on the bench project, against a local S3 server (moto's, in its own process).

Builds the default bench project (bench/generate.py: 1,000 campaigns × 5 channels × 10 groups, 6,000
landing pages, ~17,000 files), then times four deploys, each `qunma deploy` in its own process:
  first       the whole site into an empty bucket
  unchanged   a fresh rebuild of the same input (same --now): target 0 objects
  one_group   after one group filled up (its pages rotate): target ≤ 20 objects and ≤ 1 % of the bytes
  again       the same site once more: 0 objects
and prints objects and bytes uploaded (from the deploy's own --result file) and seconds.

Usage: python bench/deploy.py [--campaigns 1000] [--channels 5] [--groups 10] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from generate import generate, status_yaml  # noqa: E402
from s3_server import KEY_ID, REGION, SECRET, S3Server  # noqa: E402

BIN = Path(sys.executable).parent
NOW = "2026-11-23T10:00:00+08:00"
BUCKET = "qunma-bench"


def build(project: Path, site: str) -> None:
    argv = [str(BIN / "qunma"), "build", "--campaigns", "campaigns.yml", "--now", NOW, "--site-dir", site]
    subprocess.run(argv, cwd=project, check=True, stdout=subprocess.DEVNULL, timeout=1800)


def start_server() -> tuple[subprocess.Popen[str], S3Server]:
    process = subprocess.Popen(
        [sys.executable, str(HERE.parent / "tests" / "s3_server.py")], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    try:
        server = S3Server(url=process.stdout.readline().strip())
        server.new_bucket(BUCKET)
    except BaseException:
        process.terminate()
        raise
    return process, server


def deploy(project: Path, site: str, url: str, result: Path) -> dict[str, float]:
    env = {
        **os.environ,
        "QUNMA_DEPLOY_ENDPOINT": url,
        "QUNMA_DEPLOY_BUCKET": BUCKET,
        "QUNMA_DEPLOY_REGION": REGION,
        "AWS_ACCESS_KEY_ID": KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "QUNMA_DEPLOY_DEADLINE": "3600",
    }
    argv = [str(BIN / "qunma"), "deploy", "--campaigns", "campaigns.yml", "--site-dir", site, "--now", NOW]
    start = time.monotonic()
    subprocess.run([*argv, "--result", str(result)], cwd=project, env=env, check=True, timeout=3600)
    seconds = time.monotonic() - start
    document = json.loads(result.read_text(encoding="utf-8"))
    assert document["ok"], document
    return {"objects": document["uploaded"], "bytes": document["uploaded_bytes"], "seconds": seconds}


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--campaigns", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=5)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--work", type=Path, default=HERE / "out" / "deploy")
    args = parser.parse_args()
    project = args.work / "project"
    shutil.rmtree(project, ignore_errors=True)
    generate(project, args.campaigns, args.channels, args.groups)
    build(project, "site-a")
    build(project, "site-a2")  # the same input again: must be byte-identical
    (project / "pool-status.yml").write_text(
        status_yaml(args.campaigns, args.groups, fill_first=True), encoding="utf-8"
    )
    build(project, "site-b")
    count, size = site_size(project / "site-b")
    process, server = start_server()
    try:
        rows = {}
        for name, site in (
            ("first", "site-a"),
            ("unchanged", "site-a2"),
            ("one_group", "site-b"),
            ("again", "site-b"),
        ):
            rows[name] = deploy(project, site, server.url, args.work / f"{name}.json")
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(
        f"site: {count:,} files, {size / 2**20:.1f} MB "
        f"({args.campaigns} campaigns × {args.channels} channels)"
    )
    print(f"{'deploy':<10} {'objects':>8} {'bytes':>12} {'% of site':>10} {'seconds':>8}")
    for name, row in rows.items():
        share = 100 * row["bytes"] / size
        print(f"{name:<10} {row['objects']:>8,} {row['bytes']:>12,} {share:>9.3f}% {row['seconds']:>8.1f}")
    one = rows["one_group"]
    print(
        f"targets: unchanged 0 objects → {rows['unchanged']['objects']}; one group ≤ 20 objects → "
        f"{one['objects']}, ≤ 1 % of bytes → {100 * one['bytes'] / size:.3f} %"
    )


if __name__ == "__main__":
    main()
