"""The example never rots: built, checked and previewed as of the one moment its mkdocs.yml pins, it shows
live group codes on any date, with no warning; a site that pins no moment (every real one) is still checked
and built on the clock, expired codes reported as before."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from loadkit import qunma_process

from generator.cli import main
from generator.input.pinned import pinned_now

LATER = "2026-12-30T10:00:00+08:00"  # a month after the example's codes expired




def _unpin(example_dir: Path) -> None:
    config = example_dir / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert re.search(r"^      now: ", text, re.MULTILINE)
    config.write_text(re.sub(r"^      now: .*\n", "", text, flags=re.MULTILINE), encoding="utf-8")


def test_the_example_pins_one_moment_in_one_place() -> None:
    repo = Path(__file__).resolve().parent.parent
    moment = pinned_now(repo / "campaigns.yml")
    assert moment is not None and moment.isoformat() == "2026-11-23T10:00:00+08:00"
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "2026-11-23 10:00" in readme and "now:" in readme  # the README says how


def test_the_example_builds_live_codes_without_a_warning_on_any_date(example_dir: Path) -> None:
    built = qunma_process("build", cwd=example_dir)  # no --now: today's clock, whatever day the test runs
    assert built.returncode == 0 and built.stderr == "", built.stderr
    for page in ("autumn", "autumn/store", "autumn/live", "vip"):
        html = (example_dir / "site" / page / "index.html").read_text(encoding="utf-8")
        assert 'id="group-qr"' in html, page  # a group's code, not the fallback
    checked = qunma_process("check", cwd=example_dir)
    assert checked.returncode == 0 and checked.stderr == ""
    assert "没有发现问题" in checked.stdout and "2026-11-23 10:00" in checked.stdout
    status = qunma_process("status", "--fail-on", "low", cwd=example_dir)
    assert status.returncode == 0, status.stdout


def test_a_site_without_a_pinned_moment_is_checked_on_the_clock(example_dir: Path) -> None:
    _unpin(example_dir)
    checked = qunma_process("check", "--now", LATER, cwd=example_dir)
    assert checked.returncode == 0
    assert "群 live-1 的二维码已在" in checked.stderr and "过期" in checked.stderr
    assert "固定的时间" not in checked.stdout
    assert pinned_now(example_dir / "campaigns.yml") is None


def test_a_given_now_wins_over_the_pinned_one(example_dir: Path) -> None:
    campaigns = str(example_dir / "campaigns.yml")
    result = CliRunner().invoke(main, ["check", "--campaigns", campaigns, "--now", LATER])
    assert "过期" in result.output and "固定的时间" not in result.output


def test_the_pin_is_for_the_campaigns_file_its_mkdocs_yml_names(example_dir: Path) -> None:
    other = example_dir / "other.yml"
    other.write_text((example_dir / "campaigns.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert pinned_now(other) is None
    assert pinned_now(example_dir / "campaigns.yml") is not None
