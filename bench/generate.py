"""Generate a synthetic qunma project of a given size (campaigns.yml, pool-status.yml, mkdocs.yml).

Usage: python bench/generate.py OUT_DIR [--campaigns 1000] [--channels 5] [--groups 10]
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

HEADER = """site:
  title: 压测品牌 · 福利群
  base_url: https://qun.bench.example/
defaults:
  switch_at: 190
  expiry_margin: 12h
rule_sets:
  standard:
    who: 品牌官方福利群。
    rules:
      - 禁止发广告。
    penalties:
      - 第一次提醒，第二次移出。
campaigns:
"""


def link(campaign: int, group: int) -> str:
    """A distinct, realistic-looking WeChat group link."""
    digest = hashlib.sha256(f"{campaign}/{group}".encode()).hexdigest()[:32]
    return f"https://weixin.qq.com/g/AQYAA{digest}"


def campaign_yaml(index: int, channels: int, groups: int) -> str:
    lines = [
        f"  - id: c{index:05d}",
        f"    title: 门店 {index} 福利群",
        "    benefits: [进群领券]",
        "    welcome: 欢迎 {nickname} 加入{group_name}！",
        "    rules: standard",
        "    channels:",
    ]
    lines += [f"      - {{id: ch{c}, name: 渠道{c}}}" for c in range(channels)]
    lines.append("    groups:")
    for g in range(groups):
        # Half the groups serve every page, the other half one channel each: both paths get exercised.
        only = f", channels: [ch{g % channels}]" if g >= groups // 2 else ""
        lines.append(
            f"      - {{id: g{g}, name: 门店{index}福利{g}群, url: \"{link(index, g)}\","
            f" issued: \"2026-11-{20 + g % 4} 10:00\"{only}}}"
        )
    return "\n".join(lines) + "\n"


def status_yaml(campaigns: int, groups: int, bump: int = 0) -> str:
    """pool-status.yml with a member count for every group; `bump` changes one group's count."""
    lines = ["updated: 2026-11-23 08:00", "groups:"]
    for c in range(campaigns):
        for g in range(groups):
            members = (c * 7 + g * 13) % 150 + (bump if (c, g) == (0, 0) else 0)
            lines.append(f"  c{c:05d}/g{g}: {{members: {members}}}")
    return "\n".join(lines) + "\n"


MKDOCS = """site_name: 压测品牌
site_url: https://qun.bench.example/
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - qunma:
      campaigns: campaigns.yml
nav:
  - index.md
"""


def generate(out: Path, campaigns: int, channels: int, groups: int) -> None:
    """Write the synthetic project into out."""
    out.mkdir(parents=True, exist_ok=True)
    body = "".join(campaign_yaml(i, channels, groups) for i in range(campaigns))
    (out / "campaigns.yml").write_text(HEADER + body, encoding="utf-8")
    (out / "pool-status.yml").write_text(status_yaml(campaigns, groups), encoding="utf-8")
    (out / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (out / "docs").mkdir(exist_ok=True)
    (out / "docs" / "index.md").write_text("# 压测\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--campaigns", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=5)
    parser.add_argument("--groups", type=int, default=10)
    args = parser.parse_args()
    generate(args.out, args.campaigns, args.channels, args.groups)


if __name__ == "__main__":
    main()
