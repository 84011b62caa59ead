"""The line edit of campaigns.yml, on the ways a marketer may write a group: block or flow style, CRLF line
ends, comments after values, no line break at the end; written through an alias it is refused. (A BOM is
kept by refresh itself: tests/test_inbox_images.py.)"""

from __future__ import annotations

import pytest
import yaml

from generator.inbox.yamledit import CannotEdit, GroupEdit, edited
from generator.input.yamlsrc import Source, compose

LINK = "https://weixin.qq.com/g/NEWLINK"


def edit(text: str, *edits: GroupEdit) -> str:
    root = compose(text, Source("campaigns.yml"))
    assert root is not None
    return edited(text, root, list(edits))  # type: ignore[arg-type]


def change(group: str, **fields: str | None) -> GroupEdit:
    values: dict[str, str | None] = {"qr": "qr/c-g1-2026-11-30.png", "time_key": "issued"}
    values |= {"time_text": "2026-11-23 00:00"} | fields
    return GroupEdit("c", group, link=LINK, **values)  # type: ignore[arg-type]


BLOCK = """campaigns:
  - id: c   # the campaign
    groups:
      - id: g1
        name: 福利1群
        qr: "qr/old one.png"          # saved from WeChat
        issued: 2026-11-16 09:00      # when it was made
        channels:
          - store
      - id: g2
        name: 福利2群
        url: https://weixin.qq.com/g/OLD2
        expires: 2026-11-25 10:00
"""


def test_only_the_values_change_and_comments_keep_their_column() -> None:
    after = edit(BLOCK, change("g1"))
    assert after.splitlines()[5:7] == [
        "        qr: qr/c-g1-2026-11-30.png    # saved from WeChat",
        "        issued: 2026-11-23 00:00      # when it was made",
    ]
    assert [
        n for n, (a, b) in enumerate(zip(BLOCK.splitlines(), after.splitlines(), strict=True)) if a != b
    ] == [5, 6]


def test_url_becomes_qr_on_its_line_and_expires_keeps_its_key() -> None:
    after = edit(BLOCK, change("g2", time_key="expires", time_text="2026-11-30 00:00"))
    assert after.splitlines()[11:13] == [
        "        qr: qr/c-g1-2026-11-30.png",
        "        expires: 2026-11-30 00:00",
    ]
    assert yaml.safe_load(after)["campaigns"][0]["groups"][1]["qr"] == "qr/c-g1-2026-11-30.png"


def test_a_group_with_url_and_qr_gets_both() -> None:
    text = BLOCK.replace('qr: "qr/old one.png"', "url: https://weixin.qq.com/g/OLD1\n        qr: x.png")
    group = yaml.safe_load(edit(text, change("g1")))["campaigns"][0]["groups"][0]
    assert (group["url"], group["qr"]) == (LINK, "qr/c-g1-2026-11-30.png")


def test_flow_style_and_crlf() -> None:
    text = (
        "campaigns:\r\n  - id: c\r\n    groups:\r\n"
        "      - {id: g1, name: 福利1群, url: 'https://weixin.qq.com/g/A', issued: 2026-11-16 09:00}\r\n"
    )
    after = edit(text, change("g1"))
    assert after == text.replace("url: 'https://weixin.qq.com/g/A'", "qr: qr/c-g1-2026-11-30.png").replace(
        "2026-11-16 09:00", "2026-11-23 00:00"
    )
    added = edit(text, change("g4", new_name="福利4群"))
    assert added.endswith(
        "}\r\n      - id: g4\r\n        name: 福利4群\r\n"
        "        qr: qr/c-g1-2026-11-30.png\r\n        issued: 2026-11-23 00:00\r\n"
    )


@pytest.mark.parametrize("ending", ["", "\n", "\n\n# the end\n"])
def test_a_new_group_follows_the_last_one_whatever_ends_the_file(ending: str) -> None:
    text = BLOCK.rstrip("\n") + ending
    after = edit(text, change("g4", new_name="#4: 新群"))  # a name YAML would misread plain: quoted
    groups = yaml.safe_load(after)["campaigns"][0]["groups"]
    assert groups[-1] == {
        "id": "g4",
        "name": "#4: 新群",
        "qr": "qr/c-g1-2026-11-30.png",
        "issued": "2026-11-23 00:00",
    }
    assert "        expires: 2026-11-25 10:00\n      - id: g4\n" in after
    assert after.endswith(ending) if ending.strip() else True


def test_a_new_group_after_one_ending_in_a_block_list() -> None:
    text = BLOCK.split("      - id: g2")[0]  # g1 is last; its channels list ends the file
    after = edit(text, change("g4", new_name="福利4群"))
    assert after.endswith(
        "          - store\n      - id: g4\n        name: 福利4群\n"
        "        qr: qr/c-g1-2026-11-30.png\n        issued: 2026-11-23 00:00\n"
    )


def test_a_group_written_through_an_alias_is_not_edited() -> None:
    text = (
        "base: &base\n  qr: shared.png\n  issued: 2026-11-16 09:00\n"
        "campaigns:\n  - id: c\n    groups:\n      - id: g1\n        name: 福利1群\n        <<: *base\n"
    )
    with pytest.raises(CannotEdit):
        edit(text, change("g1"))
    aliased = (
        "campaigns:\n  - id: c\n    groups:\n"
        "      - id: g1\n        name: x\n        url: &u https://weixin.qq.com/g/A\n"
        "        issued: 2026-11-16 09:00\n"
        "      - id: g2\n        name: y\n        url: *u\n        issued: 2026-11-16 09:00\n"
    )
    with pytest.raises(CannotEdit):
        edit(aliased, change("g2"))


@pytest.mark.parametrize(
    "pool",
    [
        "    groups: []\n",  # a new campaign with its naming, no group yet
        "    groups: []   # the first comes from qr/inbox/\n",
        "",  # no groups: key at all
    ],
)
def test_the_first_group_of_a_campaign_starts_its_list(pool: str) -> None:
    text = "campaigns:\n  - id: c\n    naming: 福利{n}群\n" + pool + "  - id: other\n    title: x\n"
    after = edit(text, change("g1", new_name="福利1群"))
    campaigns = yaml.safe_load(after)["campaigns"]
    assert campaigns[0]["groups"] == [
        {"id": "g1", "name": "福利1群", "qr": "qr/c-g1-2026-11-30.png", "issued": "2026-11-23 00:00"}
    ]
    assert campaigns[1] == {"id": "other", "title": "x"}
    assert "    groups:\n      - id: g1\n        name: 福利1群\n" in after
