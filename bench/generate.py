"""Generate a synthetic qunma project of a given size (campaigns.yml, pool-status.yml, mkdocs.yml).

Like a large brand's: every store a campaign with its channels and groups, a brand logo (so every
permanent entry code carries it, as in the example), member counts in pool-status.yml.

Usage: python bench/generate.py OUT_DIR [--campaigns 1000] [--channels 5] [--groups 10]
"""

from __future__ import annotations

import argparse
import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw

HEADER = """site:
  title: 压测品牌 · 福利群
  base_url: https://qun.bench.example/
  brand:
    logo: logo.png
    color: "#8b5a2b"
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
            f'      - {{id: g{g}, name: 门店{index}福利{g}群, url: "{link(index, g)}",'
            f' issued: "2026-11-{20 + g % 4} 10:00"{only}}}'
        )
    return "\n".join(lines) + "\n"


FILLED = 195  # above switch_at (190): the group stops being shown


def status_yaml(campaigns: int, groups: int, *, fill_first: bool = False) -> str:
    """pool-status.yml with a member count for every group; fill_first: the group the first campaign
    shows (c00000/g0) has filled up, so its pages rotate to the next group (a code not rendered yet)."""
    lines = ["updated: 2026-11-23 08:00", "groups:"]
    for c in range(campaigns):
        for g in range(groups):
            members = FILLED if fill_first and (c, g) == (0, 0) else (c * 7 + g * 13) % 150
            lines.append(f"  c{c:05d}/g{g}: {{members: {members}}}")
    return "\n".join(lines) + "\n"


def logo_png() -> bytes:
    """A 128 px brand logo with anti-aliased edges, like a real one (drawn, so the bench needs no file)."""
    image = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((16, 16, 496, 496), fill=(139, 90, 43, 255))
    draw.ellipse((150, 90, 362, 422), fill=(245, 230, 210, 255))
    draw.line((256, 120, 256, 392), fill=(139, 90, 43, 255), width=28)
    buffer = io.BytesIO()
    image.resize((128, 128), Image.Resampling.LANCZOS).save(buffer, format="PNG")
    return buffer.getvalue()


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
    (out / "logo.png").write_bytes(logo_png())
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
