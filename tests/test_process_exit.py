"""`qunma` run as a program ends without freeing its objects one by one (a quarter of a second of a large
build): every exit code, every line written and every file it made must be as with a normal exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from loadkit import qunma_process

NOW = "2026-11-23T10:00+08:00"


def test_codes_output_and_files_are_those_of_a_normal_exit(example_dir: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    run = [sys.executable, "-c", "from generator.cli import main; main()"]

    def qunma(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*run, *args], cwd=example_dir, env=env, capture_output=True, text=True, timeout=300, check=False
        )

    built = qunma("build", "--now", NOW, "--site-dir", "site")
    assert built.returncode == 0, built.stderr
    assert "site" in built.stdout and (example_dir / "site" / "qunma-manifest.json").is_file()
    assert list(temp.iterdir()) == []  # nothing left to a clean-up at exit (the built-in mkdocs.yml, …)
    health = qunma("status", "--now", NOW, "--json")
    assert health.returncode == 0 and json.loads(health.stdout)  # every byte written reached the pipe
    assert qunma("status", "--now", NOW, "--fail-on", "low").returncode in {0, 1}
    assert qunma("no-such-command").returncode == 2
    (example_dir / "campaigns.yml").write_text("campaigns: [\n", encoding="utf-8")
    refused = qunma("check")
    assert refused.returncode == 1 and "campaigns.yml:" in refused.stderr
    assert qunma_process("--version", cwd=example_dir).stdout.startswith("qunma ")


def test_a_reader_that_goes_away_gets_no_traceback(example_dir: Path) -> None:
    """`qunma status | head -1`: the rest of the table has nowhere to go; the process still ends quietly."""
    shell = f"{sys.executable} -c 'from generator.cli import main; main()' status --now {NOW} | head -1"
    done = subprocess.run(
        ["bash", "-c", shell], cwd=example_dir, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0 and done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_a_profiler_still_gets_to_write_its_results(example_dir: Path) -> None:
    """Under cProfile (or coverage, or a debugger) the process ends the usual way: the results are written."""
    script = "import cProfile; from generator.cli import main; cProfile.run('main()', 'qunma.prof')"
    done = subprocess.run(
        [sys.executable, "-c", script, "status", "--now", NOW],
        cwd=example_dir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and (example_dir / "qunma.prof").stat().st_size > 0, done.stderr
