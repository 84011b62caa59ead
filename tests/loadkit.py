"""Helpers for the loader tests: QR images made on the fly, a loader outcome as text, YAML 1.2 → JSON."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import InputError
from generator.input.load import load_project
from generator.input.yamlsrc import MERGE_TAG
from generator.qr.image import qr_image

TESTS = Path(__file__).resolve().parent
EXAMPLE = TESTS.parent / "campaigns.yml"
GOLDEN = TESTS / "golden"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
GROUP_LINK = "https://weixin.qq.com/g/AAAA1111"
OTHER_LINK = "https://weixin.qq.com/g/BBBB2222"
KEFU_LINK = "https://work.weixin.qq.com/kfid/kfcTEST"
CARD_LINK = "https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY"  # a personal contact card


def make_images(folder: Path) -> None:
    """qr/: a group code, a contact code, a contact card, an http code, two codes in one image, a blank
    image, a non-image."""
    qr = folder / "qr"
    qr.mkdir(parents=True, exist_ok=True)
    qr_image(GROUP_LINK).save(qr / "g1.png")
    qr_image(KEFU_LINK).save(qr / "kefu.png")
    qr_image(CARD_LINK).save(qr / "card.png")
    qr_image("http://weixin.qq.com/g/INSECURE").save(qr / "http.png")
    Image.new("L", (300, 300), 255).save(qr / "blank.png")
    (qr / "notes.png").write_text("this is not an image\n", encoding="utf-8")
    (qr / "folder.png").mkdir(exist_ok=True)
    left, right = qr_image(GROUP_LINK), qr_image(OTHER_LINK)
    both = Image.new("1", (left.width + right.width, left.height), 1)
    both.paste(left, (0, 0))
    both.paste(right, (left.width, 0))
    both.save(qr / "two.png")


def outcome(path: Path, now: datetime = NOW) -> str:
    """What loading path gives, as text: every problem, or "loaded" and the warnings."""
    try:
        project = load_project(path, now=now)
    except InputError as exc:
        return "".join(f"{problem}\n" for problem in exc.problems)
    return "loaded\n" + "".join(f"warning {problem}\n" for problem in project.warnings)


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}


def to_json(node: Node) -> Any:
    """The JSON value an editor (YAML 1.2 core schema) sees in a node tree; merge keys applied."""
    if isinstance(node, SequenceNode):
        return [to_json(child) for child in node.value]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key, value in node.value:
            if key.tag == MERGE_TAG:
                for part in value.value if isinstance(value, SequenceNode) else [value]:
                    for merged_key, merged in to_json(part).items():
                        result.setdefault(merged_key, merged)
            else:
                result[str(to_json(key))] = to_json(value)
        return result
    assert isinstance(node, ScalarNode)
    text = node.value
    if node.style:
        return text
    if text in _WORDS:
        return _WORDS[text]
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def edit(folder: Path, old: str, new: str) -> tuple[int, int]:
    """Replace old (once) in folder's campaigns.yml; the line and column where it was."""
    path = folder / "campaigns.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    at = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def qunma_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`qunma ARGS` in a process of its own, in cwd (what a marketer's shell runs), bounded in time."""
    return subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
