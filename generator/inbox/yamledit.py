"""Editing campaigns.yml line by line: only the characters of the values that change, found by the
positions the loader's node tree keeps (generator.input.yamlsrc). Comments, order, quoting, blank lines
and every other line stay byte for byte; YAML is never dumped again. A new group is a block of lines
inserted after the campaign's last group, indented like it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class CannotEdit(Exception):
    """The group is not written in a way a line edit can change (an alias or merge key): its id."""


@dataclass(frozen=True)
class GroupEdit:
    """New values for one group (group_id None: a new group appended to the campaign's pool)."""

    campaign_id: str
    group_id: str
    qr: str  # the image path, relative to campaigns.yml
    link: str  # the link it holds (written where the group has a url: beside its qr:)
    time_key: str  # "issued" or "expires"
    time_text: str | None  # e.g. 2026-11-23 00:00; None: the time stays (a permanent WeCom code)
    issued_text: str | None = None  # issued: too, for a group that writes both issued: and expires:
    new_name: str | None = None  # a new group's name: it is added, not changed


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str


def group_node(root: MappingNode, campaign_id: str, group_id: str) -> MappingNode:
    """The mapping of a group in the node tree (KeyError when there is none)."""
    return item(value_of(item(value_of(root, "campaigns"), "id", campaign_id), "groups"), "id", group_id)


def edited(text: str, root: MappingNode, edits: list[GroupEdit]) -> str:
    """text with every edit made; CannotEdit names a group written through an alias or merge key."""
    spans: list[_Span] = []
    for edit in edits:
        campaign = item(value_of(root, "campaigns"), "id", edit.campaign_id)
        if edit.new_name is not None:
            spans.append(_new_group(text, campaign, edit))
        else:
            spans.extend(_changed_group(text, item(value_of(campaign, "groups"), "id", edit.group_id), edit))
    for span in sorted(spans, key=lambda span: span.start, reverse=True):
        text = text[: span.start] + span.text + text[span.end :]
    return text


def value_of(mapping: Node, key: str) -> Node:
    """The value of key in mapping (KeyError when it is not written there)."""
    found = pair(mapping, key)
    if found is None:
        raise KeyError(key)
    return found[1]


def pair(mapping: Node, key: str) -> tuple[ScalarNode, Node] | None:
    """The key and value nodes of key in mapping, or None."""
    assert isinstance(mapping, MappingNode)
    for key_node, value in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def item(sequence: Node, key: str, wanted: str) -> MappingNode:
    """The mapping in sequence whose key is wanted (KeyError when there is none)."""
    assert isinstance(sequence, SequenceNode)
    for entry in sequence.value:
        found = pair(entry, key) if isinstance(entry, MappingNode) else None
        if found is not None and isinstance(found[1], ScalarNode) and found[1].value == wanted:
            assert isinstance(entry, MappingNode)
            return entry
    raise KeyError(wanted)


def _changed_group(text: str, group: MappingNode, edit: GroupEdit) -> list[_Span]:
    qr, url = pair(group, "qr"), pair(group, "url")
    keys = [found for found in (qr, url, pair(group, "issued"), pair(group, "expires")) if found]
    # A value written once for several groups (an alias, a merge key): changing it would change them all.
    if any(not _inside(group, node) for written in keys for node in written) or (qr or url) is None:
        raise CannotEdit(edit.group_id)
    if edit.time_text is not None and pair(group, edit.time_key) is None:
        raise CannotEdit(edit.group_id)
    spans = []
    if qr is not None:
        spans.append(_replaced(text, qr[1], edit.qr))
        if url is not None:
            spans.append(_replaced(text, url[1], edit.link))
    elif url is not None:  # url: becomes qr: on the same line
        spans += [
            _Span(url[0].start_mark.index, url[0].end_mark.index, "qr"),
            _replaced(text, url[1], edit.qr),
        ]
    for key, value in ((edit.time_key, edit.time_text), ("issued", edit.issued_text)):
        found = pair(group, key)
        if found is not None and value is not None:
            spans.append(_replaced(text, found[1], value))
    return spans


def _inside(group: MappingNode, node: Node) -> bool:
    return group.start_mark.index <= node.start_mark.index and node.end_mark.index <= group.end_mark.index


_COMMENT_AFTER = re.compile(r"[ \t]+#")


def _replaced(text: str, node: Node, new: str) -> _Span:
    """The value of node replaced by new, a comment after it kept in its column where there is room."""
    start, end = node.start_mark.index, node.end_mark.index
    gap = _COMMENT_AFTER.match(text, end)
    if gap is None:
        return _Span(start, end, new)
    spaces = gap.end() - 1 - end
    return _Span(start, end + spaces, new + " " * max(1, spaces + (end - start) - len(new)))


def _new_group(text: str, campaign: MappingNode, edit: GroupEdit) -> _Span:
    """The new group's lines after the campaign's last group; the list itself when it has none yet."""
    newline = "\r\n" if "\r\n" in text else "\n"
    found = pair(campaign, "groups")
    if found is None:  # no groups: key yet: it goes after the campaign's last line
        column = campaign.start_mark.column
        at = _line_end(text, _end_of(campaign))
        lead = "" if at == 0 or text[at - 1] == "\n" else newline
        lines = _group_lines(edit, column + 2, column + 4)
        return _Span(at, at, lead + " " * column + "groups:" + newline + newline.join(lines) + newline)
    key, groups = found
    if not isinstance(groups, SequenceNode) or not groups.value:  # `groups: []`: the list starts here
        if "\n" in text[key.end_mark.index : groups.end_mark.index]:
            raise CannotEdit(edit.group_id)
        lines = _group_lines(edit, key.start_mark.column + 2, key.start_mark.column + 4)
        return _Span(key.end_mark.index, groups.end_mark.index, ":" + newline + newline.join(lines))
    last = groups.value[-1]
    dash = text.rindex("-", 0, last.start_mark.index)
    dash_column = dash - (text.rfind("\n", 0, dash) + 1)
    same_line = "\n" not in text[dash : last.start_mark.index]
    key_column = last.start_mark.column if same_line and not _is_flow(last) else dash_column + 2
    at = _line_end(text, _end_of(last))
    lead = "" if at == 0 or text[at - 1] == "\n" else newline
    return _Span(at, at, lead + newline.join(_group_lines(edit, dash_column, key_column)) + newline)


def _group_lines(edit: GroupEdit, dash_column: int, key_column: int) -> list[str]:
    """A new group's lines: "- id: …" at dash_column, the other keys at key_column."""
    assert edit.new_name is not None
    values = [("id", edit.group_id), ("name", _scalar(edit.new_name)), ("qr", edit.qr)]
    if edit.time_text is not None:
        values.append((edit.time_key, edit.time_text))
    lines = [" " * key_column + f"{key}: {value}" for key, value in values]
    lines[0] = " " * dash_column + "-" + " " * (key_column - dash_column - 1) + lines[0].lstrip()
    return lines


def _is_flow(node: Node) -> bool:
    return bool(getattr(node, "flow_style", False))


def _end_of(node: Node) -> int:
    """Where node's own text ends (a block collection's end mark lies at the next token, past comments)."""
    if isinstance(node, ScalarNode) or _is_flow(node):
        return int(node.end_mark.index)
    children = [value for _, value in node.value] if isinstance(node, MappingNode) else list(node.value)
    return _end_of(children[-1]) if children else int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding index (len(text) at the end)."""
    if index > 0 and text[index - 1] == "\n":  # a block scalar ends after its own line break
        return index
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9][^:#,\[\]{}'\"]*")


def _scalar(value: str) -> str:
    """value as a YAML scalar: plain when nothing in it means something to YAML, else double-quoted."""
    if _PLAIN.fullmatch(value) and value == value.strip() and value.lower() not in {"null", "true", "false"}:
        return value
    return json.dumps(value, ensure_ascii=False)
