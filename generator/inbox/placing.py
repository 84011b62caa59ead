"""Where things go: an image's stable place under qr/ (named by campaign, group and last valid day), a
new group's id, and the `qr_valid_days` a group's `issued:` is read with."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from generator.common.regularfile import read_regular
from generator.inbox.matching import normal
from generator.inbox.yamledit import pair
from generator.model import Campaign, Defaults


def stable_place(root: Path, campaign: str, group: str, day: date, suffix: str, data: bytes) -> str:
    """qr/<campaign>-<group>-<day><suffix> (relative to root), or with -2, -3… when that file exists with
    other bytes; the same bytes there already are reused."""
    base = f"qr/{campaign}-{group}-{day.isoformat()}"
    for number in range(1, 1000):
        relative = f"{base}{'' if number == 1 else f'-{number}'}{suffix}"
        path = root / relative
        if not path.exists() and not path.is_symlink():
            return relative
        try:
            if read_regular(path, len(data)) == data:
                return relative
        except OSError:  # a folder, a link, a larger file: not ours to reuse
            continue
    raise FileExistsError(root / base)


def new_group_id(campaign: Campaign, number: int, taken: set[str]) -> str:
    """An id for the group numbered `number` by the campaign's naming: its siblings' prefix ("g" of
    g1, g2…) and the number, made unique with -2, -3…"""
    prefixes: Counter[str] = Counter()
    for group in campaign.groups:
        digits = _number_in(campaign, group.name)
        if digits is not None and group.id.endswith(digits) and len(group.id) > len(digits):
            prefixes[group.id[: -len(digits)]] += 1
    prefix = prefixes.most_common(1)[0][0] if prefixes else "g"
    wanted = f"{prefix}{number}"
    candidate, extra = wanted, 1
    while candidate in taken:
        extra += 1
        candidate = f"{wanted}-{extra}"
    return candidate


def _number_in(campaign: Campaign, name: str) -> str | None:
    if not campaign.naming or "{n}" not in campaign.naming:
        return None
    head, _, tail = campaign.naming.partition("{n}")
    plain, head, tail = normal(name), normal(head), normal(tail)
    if not (plain.startswith(head) and plain.endswith(tail)):
        return None
    middle = plain[len(head) : len(plain) - len(tail) if tail else None]
    return middle if middle.isdigit() else None


def valid_days(root: MappingNode, campaign: Node, group: Node | None) -> int:
    """qr_valid_days as the loader inherits it: the group's, its campaign's, the defaults', or 7."""
    defaults = pair(root, "defaults")
    for holder in (group, campaign, defaults[1] if defaults else None):
        if isinstance(holder, MappingNode):
            found = pair(holder, "qr_valid_days")
            if found is not None and isinstance(found[1], ScalarNode):
                return int(found[1].value)
    return Defaults().qr_valid_days
