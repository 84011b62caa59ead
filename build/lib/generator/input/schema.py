"""The JSON Schema of campaigns.yml, made from the same declaration the loader reads with.

`python -m generator.schema` (or generator.input.schema) rewrites generator/campaigns.schema.json; a test
keeps the committed file equal to what this makes. campaigns.yml points editors at it with its first line:
`# yaml-language-server: $schema=./generator/campaigns.schema.json`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.input.fileformat import DOCUMENT
from generator.input.shapes import Json

# Beside the package, not in input/: every campaigns.yml names it
# (`$schema=./generator/campaigns.schema.json`).
SCHEMA_PATH = Path(__file__).parents[1] / "campaigns.schema.json"


def schema() -> Json:
    """The JSON Schema (draft-07, which every editor plugin reads) of campaigns.yml."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "qunma campaigns.yml",
        "description": "群码 qunma 的输入文件 / the input of qunma. "
        "时间 times: 2026-11-20 10:00 (site.timezone); 时长 durations: 12h, 30m, 2d, 1d12h.",
        **DOCUMENT.schema(),
    }


def schema_json() -> str:
    """The text of generator/campaigns.schema.json."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Rewrite generator/campaigns.schema.json from the declaration."""
    SCHEMA_PATH.write_text(schema_json(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_PATH}\n")


if __name__ == "__main__":
    main()
