"""Smaller frictions a newcomer met (issue 13), each the way it was found: a running campaign with no group
passed `check` in silence; `qunma poster` wrote into whatever folder one stood in, and the "add a channel"
recipe promised a poster without saying where it comes from."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from loadkit import qunma_process

from generator.scaffold.init import site_files

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=8)))
README = Path(__file__).resolve().parent.parent / "README.md"




def _without_groups(tmp_path: Path, extra: str = "") -> Path:
    text = site_files("zh", NOW)["campaigns.yml"].decode("utf-8")
    text = text[: text.index("    groups:")] + extra + "    groups: []\n"
    (tmp_path / "campaigns.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("extra", "warned"),
    [("", True), ("    starts: 2027-01-01\n", False), ("    archived: true\n", False)],
    ids=["running", "not started", "archived"],
)
def test_a_running_campaign_without_groups_is_a_warning(tmp_path: Path, extra: str, warned: bool) -> None:
    folder = _without_groups(tmp_path, extra)
    done = qunma_process("check", "--now", NOW.isoformat(), cwd=folder)
    assert done.returncode == 0, done.stderr
    rows = (folder / "campaigns.yml").read_text(encoding="utf-8").splitlines()
    line = 1 + next(i for i, row in enumerate(rows) if "groups:" in row)
    expected = f"campaigns.yml:{line}:13: 警告：活动 welcome 正在进行，但一个群也没有"
    assert (expected in done.stderr) is warned, done.stderr


def test_poster_writes_beside_campaigns_yml_for_a_new_channel(example_dir: Path, tmp_path: Path) -> None:
    """The "add a channel" recipe: a new channel, then `qunma poster` makes its poster in posters/ beside
    campaigns.yml, wherever the command was run from."""
    campaigns = example_dir / "campaigns.yml"
    text = campaigns.read_text(encoding="utf-8")
    channel = "      - id: xhs                       # 新渠道：网址 /autumn/xhs/\n        name: 小红书\n"
    mp = "      - id: mp\n        name: 公众号菜单\n"
    text = text.replace(mp, mp + channel, 1)
    campaigns.write_text(text, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = ("poster", "autumn", "xhs", "--size", "a6", "--campaigns", str(campaigns))
    done = qunma_process(*args, cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    made = sorted((example_dir / "posters" / "autumn" / "xhs").iterdir())
    assert made and list(elsewhere.iterdir()) == []
    assert str(example_dir / "posters") in done.stdout or "posters" in done.stdout
    recipe = README.read_text(encoding="utf-8").split("### 加一个渠道", 1)[1].split("###", 1)[0]
    assert "qunma poster" in recipe and "posters/" in recipe  # the recipe says where the poster comes from
