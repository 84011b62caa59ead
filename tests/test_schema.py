"""The JSON Schema of campaigns.yml: the committed file is the generated one, and it agrees with the loader.

Both are made from generator/input/fileformat.py. Documents are given to the schema the way an editor sees
them (YAML 1.2: `2026-11-20` and `09:00` are strings), through loadkit.to_json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from loadkit import EXAMPLE, NOW, to_json

from generator.errors import InputError
from generator.input.load import load_project
from generator.input.schema import SCHEMA_PATH, schema, schema_json
from generator.input.yamlsrc import Source, compose

VALIDATOR = Draft7Validator(schema())
G1_URL = "url: https://weixin.qq.com/g/AQYAAAm3Zx9kLpQ2vN8rT5yU1wE4aS7dF0gH\n"
G1_ISSUED = "        issued: 2026-11-20 10:00\n"

# (what is wrong, text in the example, what replaces it): rejected by the schema and by the loader.
INVALID = [
    ("unknown key", "    title: 秋冬新品福利群\n", "    titel: 秋冬新品福利群\n"),
    ("missing title", "    title: 秋冬新品福利群\n", ""),
    ("missing base_url", "  base_url: https://qun.shiguang-coffee.example/", "  home: https://qun.example/"),
    ("language", "  language: zh\n", "  language: fr\n"),
    ("http join link", G1_URL, G1_URL.replace("https:", "http:")),
    ("javascript link", G1_URL, "url: javascript:alert(1)\n"),
    ("data link", G1_URL, 'url: "data:text/html,<b>x</b>"\n'),
    ("contact card as a group link", G1_URL, "url: https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY\n"),
    ("article as a group link", G1_URL, "url: https://mp.weixin.qq.com/s/3Qx9aTzR\n"),
    ("base_url with a quote", "example/   #", 'example/"><x>   #'),
    ("base_url with a query", "example/   #", "example/?a=1   #"),
    ("id not a slug", "  - id: autumn ", "  - id: Autumn Sale "),
    ("reserved channel id", "      - id: store\n", "      - id: rules\n"),
    ("capacity as words", "  capacity: 200 ", "  capacity: 两百 "),
    ("capacity zero", "  capacity: 200 ", "  capacity: 0 "),
    ("negative members", "members: 150\n", "members: -1\n"),
    ("capacity past the largest group", "  capacity: 200 ", "  capacity: 100001 "),
    ("qr_valid_days past ten years", "  qr_valid_days: 7 ", "  qr_valid_days: 3651 "),
    ("an id too long for a file name", "  - id: autumn ", f"  - id: {'a' * 65} "),
    ("a five-digit year", G1_ISSUED, "        issued: 10000-01-01\n"),
    ("a full-width space after a number", "  capacity: 200 ", "  capacity: 200\u3000 "),
    ("a zero-width space in a group link", G1_URL, G1_URL.replace("AQYAAAm3", "AQYA\u200bAAm3")),
    ("strategy", "  strategy: fill-first    #", "  strategy: fill_first    #"),
    ("bare duration", "  expiry_margin: 12h ", "  expiry_margin: 12 "),
    ("duration in words", "  expiry_margin: 12h ", "  expiry_margin: 12 hours "),
    ("time in words", G1_ISSUED, "        issued: 下周五\n"),
    ("expires neither time nor never", "expires: never                #", "expires: forever              #"),
    ("colour", '"#8b5a2b"', '"brown"'),
    ("schedule time", '"09:00"', '"9 点"'),
    ("group without a link", G1_URL, "chat_id: wrX\n"),
    ("group without expiry", G1_ISSUED, ""),
    ("group served by no channel", "channels: [live]", "channels: []"),
    ("too many keywords", "keywords: [领券, 优惠券]", "keywords: [a, b, c, d, e, f, g, h, i, j, k]"),
    ("no keywords", "keywords: [领券, 优惠券]", "keywords: []"),
    ("paused is not a boolean", "paused: true ", "paused: yes "),
    ("benefits not a list", "      - 开售前一天优先预约\n", "      开售前一天优先预约\n"),
    ("title is a boolean", "    title: 秋冬新品福利群\n", "    title: true\n"),
    ("type", "    type: pond\n", "    type: fish-pond\n"),
]

# Mistakes a schema cannot see (they span several places or need the calendar or a file): loader only.
LOADER_ONLY = [
    ("a zero-width space in the contact link", "kfid/kfc5e1b2", "kfid/kfc5e\u200b1b2"),
    ("duplicate campaign id", "  - id: vip\n", "  - id: autumn\n"),
    ("undeclared channel", "channels: [live]", "channels: [tv]"),
    ("unknown rule set", "    rules: vip\n", "    rules: vvip\n"),
    ("impossible date", G1_ISSUED, "        issued: 2026-02-30 10:00\n"),
    ("switch_at above capacity", "    switch_at: 480\n", "    switch_at: 520\n"),
    ("missing QR image", "qr: qr/autumn-g2.png", "qr: qr/autumn-g9.png"),
    ("unknown placeholder", "欢迎 {nickname}！这里是", "欢迎 {name}！这里是"),
    ("unknown time zone", "  timezone: Asia/Shanghai\n", "  timezone: Asia/Shangai\n"),
    ("a year before 2000", G1_ISSUED, "        issued: 1999-12-31 10:00\n"),
    ("a duration past ten years", "  expiry_margin: 12h ", "  expiry_margin: 3651d "),
    ("an expiry past the year 9999", G1_ISSUED, "        issued: 9999-12-31 10:00\n"),
]

# Not the example's style, but valid for both.
VALID = [
    ("margin of zero", "  expiry_margin: 12h ", "  expiry_margin: 0 "),
    ("a campaign called 618", "    title: 秋冬新品福利群\n", "    title: 618\n"),
    ("times with offsets", G1_ISSUED, "        issued: 2026-11-20T10:00:00+08:00\n"),
    ("an unquoted time of day", 'time: "09:00"', "time: 09:00"),
    ("merge keys", "      - id: g3\n", "      - <<: {paused: false}\n        id: g3\n"),
    ("a campaign that ends at the end of 9999", "ends: 2027-02-28 23:59", "ends: 9999-12-31"),
    ("the largest values", "  capacity: 200 ", "  capacity: 100000 "),
    ("a full-width space in a title", "    title: 秋冬新品福利群\n", "    title: 秋冬\u3000新品\n"),
]


def schema_errors(text: str) -> list[str]:
    root = compose(text, Source("campaigns.yml"))
    assert root is not None
    return [error.message for error in VALIDATOR.iter_errors(to_json(root))]


def loads(text: str, folder: Path) -> bool:
    (folder / "campaigns.yml").write_text(text, encoding="utf-8")
    try:
        load_project(folder / "campaigns.yml", now=NOW)
    except InputError:
        return False
    return True


def mutated(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == schema_json(), "run: python -m generator.schema"


def test_it_is_a_valid_draft7_schema() -> None:
    Draft7Validator.check_schema(schema())


def test_the_example_points_editors_at_it() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (EXAMPLE.parent / first.partition("=")[2]).resolve() == SCHEMA_PATH


def test_the_example_validates() -> None:
    assert schema_errors(EXAMPLE.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("why", "old", "new"), INVALID, ids=[case[0] for case in INVALID])
def test_both_reject(why: str, old: str, new: str, example_dir: Path) -> None:
    text = mutated(old, new)
    assert schema_errors(text), f"the schema accepts: {why}"
    assert not loads(text, example_dir), f"the loader accepts: {why}"


@pytest.mark.parametrize(("why", "old", "new"), LOADER_ONLY, ids=[case[0] for case in LOADER_ONLY])
def test_the_loader_also_rejects_what_a_schema_cannot_see(
    why: str, old: str, new: str, example_dir: Path
) -> None:
    text = mutated(old, new)
    assert schema_errors(text) == []
    assert not loads(text, example_dir), f"the loader accepts: {why}"


@pytest.mark.parametrize(("why", "old", "new"), VALID, ids=[case[0] for case in VALID])
def test_both_accept(why: str, old: str, new: str, example_dir: Path) -> None:
    text = mutated(old, new)
    assert schema_errors(text) == []
    assert loads(text, example_dir), why


def test_every_key_the_loader_knows_is_in_the_schema() -> None:
    def keys(node: Any, path: str = "") -> set[str]:
        found: set[str] = set()
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                found |= {f"{path}.{name}"} | keys(child, f"{path}.{name}")
            for part in ("items", "additionalProperties"):
                if isinstance(node.get(part), dict):
                    found |= keys(node[part], f"{path}[]")
            for option in node.get("anyOf", []):
                found |= keys(option, path)
        return found

    known = keys(schema())
    expected = {".site.brand.color", ".campaigns[].groups[].qr", ".campaigns[].rules.penalties"}
    expected |= {".rule_sets[].nickname", ".defaults.status_max_age", ".campaigns[].faq[].keywords"}
    assert expected <= known
