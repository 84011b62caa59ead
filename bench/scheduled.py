"""A whole scheduled CI run on the bench project, step by step, beside a plain mkdocs-material build.

What the workflow's build job does on a schedule when nothing changed, on a fresh checkout with the
Actions cache restored: set up from the lock (`./dev.sh setup` in a fresh clone of this repository; uv's
and pip's download caches warm, as after the first run on a machine), restore .qunma-cache (the cache
action unpacks a tar), `qunma check --published` against the live site, `qunma build`, `qunma status
--json`, `qunma ci decide`. The live site is the same project built before, served on 127.0.0.1, so the
decision is "no deploy", as on most scheduled runs; the cache is the one the run before left (a first, untimed
run makes it). The checkout itself and the cache's download are GitHub's and not measured.

Usage: python bench/scheduled.py [--campaigns 1000] [--channels 5] [--groups 10] [--repeat 1]
                                 [--work bench/out] [--rev HEAD [REV ...]]
With several revisions, each round runs each of them in turn (side by side on the same disk and moment).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, status_yaml  # noqa: E402
from run import BIN, NOW, baseline_project, measure, set_aside, size_arguments  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
STEPS = ["setup", "restore_cache", "check", "build", "status", "decide"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """The live site: folder served on 127.0.0.1 until the server is shut down."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def prepare(work: Path, size: tuple[int, int, int]) -> tuple[Path, Path]:
    """The project and its site as published, and a baseline project."""
    campaigns, channels, groups = size
    project = work / "scheduled-project"
    set_aside(project, work / "set-aside")
    generate(project, campaigns, channels, groups)
    (project / "pool-status.yml").write_text(status_yaml(campaigns, groups), encoding="utf-8")
    build = [str(BIN / "qunma"), "build", "--campaigns", "campaigns.yml", "--now", NOW, "--site-dir", "live"]
    subprocess.run(build, cwd=project, check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(project / ".qunma-cache")  # a cache is what a scheduled run itself saves: see main()
    base = baseline_project(work / "scheduled-baseline", campaigns * channels)
    return project, base


def run_once(work: Path, project: Path, cache: Path, url: str, rev: str) -> dict[str, float]:
    """One scheduled run in a fresh clone and a fresh copy of the project, always in the same folder (as on
    a runner); seconds per step. The cache it leaves is saved to `cache` for the next run, as
    actions/cache does."""
    run = work / "scheduled-run"
    set_aside(run, work / "set-aside")
    run.mkdir(parents=True)
    clone = run / "repo"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", rev], check=True)
    site = run / "site-repo"  # the marketers' files, as checked out
    site.mkdir()
    for entry in project.iterdir():  # what is committed: not the built sites, not the cache
        if entry.name in {"live", ".qunma-cache"} or entry.name.startswith((".live.", ".site")):
            continue
        (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, site / entry.name)
    qunma = str(clone / ".venv" / "bin" / "qunma")
    common = ["--campaigns", "campaigns.yml", "--now", NOW]
    output = run / "github-output"
    os.environ["GITHUB_OUTPUT"] = str(output)
    steps = {
        "setup": (["./dev.sh", "setup"], clone),
        "restore_cache": (["tar", "-xf", str(cache)] if cache.exists() else ["true"], site),
        "check": ([qunma, "check", *common, "--published", url], site),
        "build": ([qunma, "build", *common, "--site-dir", "site"], site),
        "status": ([qunma, "status", *common, "--json"], site),
        "decide": ([qunma, "ci", "decide", "--site-dir", "site", "--published", url, "--force", "no"], site),
    }
    seconds = {name: measure(args, cwd)["seconds"] for name, (args, cwd) in steps.items()}
    with tarfile.open(cache, "w") as tar:
        tar.add(site / ".qunma-cache", arcname=".qunma-cache")
    if "deploy=false" not in output.read_text(encoding="utf-8"):
        raise SystemExit(f"the decision should be not to deploy: {output.read_text(encoding='utf-8')}")
    return seconds


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    size_arguments(parser)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument(
        "--rev", nargs="+", default=["HEAD"], help="commits of qunma to run, in turn (default: HEAD)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # A runner writes each module's bytecode on first use (the check step): so does every step here.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    project, base = prepare(args.work, (args.campaigns, args.channels, args.groups))
    caches = {rev: args.work / f"scheduled-cache-{index}.tar" for index, rev in enumerate(args.rev)}
    for cache in caches.values():
        cache.unlink(missing_ok=True)
    server, url = serve(project / "live")
    rounds: dict[str, list[dict[str, float]]] = {rev: [] for rev in args.rev}
    baselines = []
    try:
        for rev in args.rev:
            run_once(args.work, project, caches[rev], url, rev)  # the run before: it leaves the cache
        for _ in range(args.repeat):
            set_aside(base / "site", args.work / "set-aside")
            baselines.append(measure([str(BIN / "mkdocs"), "build", "-q", "-d", "site"], base)["seconds"])
            for rev in args.rev:
                rounds[rev].append(run_once(args.work, project, caches[rev], url, rev))
    finally:
        server.shutdown()
        shutil.rmtree(args.work / "set-aside", ignore_errors=True)
    baseline = statistics.median(baselines)
    when = time.strftime("%Y-%m-%d %H:%M")
    lines = [f"scheduled runs, {args.campaigns} campaigns, built in {args.work}, {when}"]
    lines.append(f"  {'baseline mkdocs build':<22} {baseline:7.2f} s")
    lines.append(f"  {'step':<22} " + " ".join(f"{rev[:20]:>20}" for rev in args.rev))
    totals = dict.fromkeys(args.rev, 0.0)
    for name in [*STEPS, "whole run"]:
        cells = []
        for rev in args.rev:
            seconds = totals[rev] if name == "whole run" else statistics.median(r[name] for r in rounds[rev])
            totals[rev] += 0.0 if name == "whole run" else seconds
            cells.append(f"{seconds:6.2f} s {seconds / baseline:5.2f}×")
        lines.append(f"  {name:<22} " + " ".join(f"{cell:>20}" for cell in cells))
    text = "\n".join(lines)
    print(text)
    (args.work / "scheduled.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
