"""Which group an image belongs to: by the name read on it, or by its file name.

Names are compared as letters and digits only, after NFKC (full-width "１群" is "1群") and case folding:
spaces and punctuation do not count. An emoji in a group's name may be read as nothing, as "·", or as a
stray character or two ("☕" as "一", "🎉" as "口"): in its place, up to two characters that are not
digits are allowed. WeChat's "…" (read as "…", "..." or "·") makes the name a prefix, taken only when it
is long enough to be WeChat's cut (MIN_PREFIX) and fits one group only. Digits are never guessed:
"福利1群" read as "福利7群" is another group, so nothing close-but-different is taken, only named in the
error.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from generator.model import Campaign, Group, Project


class NoMatch(Exception):
    """No single group fits: a catalogue key and its values, for the image's message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Target:
    """The group an image is for; group None: a new group `name`, numbered `number` by the naming."""

    campaign: Campaign
    group: Group | None
    name: str
    number: int | None = None

    @property
    def ref(self) -> str:
        return f"{self.campaign.id}/{self.group.id if self.group else '+'}"


def normal(text: str) -> str:
    """text as compared: letters and digits only, NFKC, case-folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if unicodedata.category(char)[0] in "LN")


def _open(project: Project) -> list[tuple[Campaign, Group]]:
    return [(c, g) for c in project.campaigns if not c.archived for g in c.groups]


# WeChat cuts a name only when it is wider than the card: ten characters and more. A shorter "prefix" is a
# whole name with an emoji read as "·", not a cut one.
MIN_PREFIX = 8
_SLOT = ""  # in a name's parts: where an emoji was


def by_name(project: Project, name: str, truncated: bool) -> Target:
    """The group called `name` (a prefix when truncated), or a new one the naming pattern allows."""
    wanted = normal(name)
    if not wanted:
        raise NoMatch("inbox_name_empty")
    pairs = _open(project)
    same = [(c, g) for c, g in pairs if _fits(_parts(g.name), wanted, prefix=False)]
    if not same and truncated and len(wanted) >= MIN_PREFIX:
        same = [(c, g) for c, g in pairs if _fits(_parts(g.name), wanted, prefix=True)]
    if len(same) == 1:
        campaign, group = same[0]
        return Target(campaign, group, group.name)
    if same:
        raise NoMatch("inbox_name_several", name=name, groups=_listing(same))
    if not truncated:
        named = [
            (c, n) for c in project.campaigns if not c.archived if (n := _numbered(c, wanted)) is not None
        ]
        if len(named) == 1:
            campaign, number = named[0]
            return Target(campaign, None, name.strip(), number)
        if named:
            campaigns = "、".join(c.id for c, _ in named)
            raise NoMatch("inbox_naming_several", name=name, campaigns=campaigns)
    raise NoMatch("inbox_name_unknown", name=name, closest=_closest(wanted, pairs))


def _parts(name: str) -> tuple[str, ...]:
    """The letters and digits of name, with _SLOT where an emoji or other symbol stands."""
    parts: list[str] = []
    for char in unicodedata.normalize("NFKC", name).casefold():
        kind = unicodedata.category(char)
        if kind[0] in "LN":
            parts.append(char)
        elif kind == "So" and (not parts or parts[-1] != _SLOT):
            parts.append(_SLOT)
    return tuple(parts)


def _fits(parts: tuple[str, ...], text: str, *, prefix: bool) -> bool:
    """Whether text reads as the name (prefix: as its start), each slot taking up to two non-digits."""
    at = {0}  # the positions in text that the parts so far can end at
    for part in parts:
        if prefix and len(text) in at:
            return True
        if part == _SLOT:
            at = {i + k for i in at for k in range(3) if i + k <= len(text) and not _digits(text[i : i + k])}
        else:
            at = {i + 1 for i in at if i < len(text) and text[i] == part}
        if not at:
            return False
    return len(text) in at


def _digits(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _numbered(campaign: Campaign, wanted: str) -> int | None:
    """n when `wanted` is a name campaign's naming pattern ("福利{n}群") makes."""
    if not campaign.naming or "{n}" not in campaign.naming:
        return None
    head, _, tail = campaign.naming.partition("{n}")
    found = re.fullmatch(re.escape(normal(head)) + r"(\d{1,6})" + re.escape(normal(tail)), wanted)
    return None if found is None else int(found[1])


def _closest(wanted: str, pairs: list[tuple[Campaign, Group]]) -> str:
    names = {normal(g.name): (c, g) for c, g in pairs}
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.4)
    return _listing([names[name] for name in close]) if close else "—"


def _listing(pairs: list[tuple[Campaign, Group]]) -> str:
    return "、".join(f"“{g.name}”（{c.id}/{g.id}）" for c, g in pairs[:5])


# --- by file name (without the ocr extra, or when no name could be read) ------------------------------

_ID_EDGE = r"(?<![a-z0-9]){}(?![a-z0-9])"


def by_file_name(project: Project, stem: str) -> Target | None:
    """The one group whose id or name the file name holds ("autumn-g2.png", "福利2群.jpg"); None when
    none does. A campaign id in the name narrows the search ("autumn-g2" is g2 of autumn)."""
    lowered, plain = stem.casefold(), normal(stem)
    pairs = _open(project)
    campaigns = {c.id for c, _ in pairs if re.search(_ID_EDGE.format(re.escape(c.id.casefold())), lowered)}
    if campaigns:
        pairs = [(c, g) for c, g in pairs if c.id in campaigns]
    named = [(c, g) for c, g in pairs if normal(g.name) and normal(g.name) in plain]
    if not named:
        named = [(c, g) for c, g in pairs if re.search(_ID_EDGE.format(re.escape(g.id.casefold())), lowered)]
    if not named:
        return None
    if len(named) > 1:  # "福利1群" is in "福利1群和福利2群": several groups named, none chosen
        longest = max(len(normal(g.name)) for _, g in named)
        named = [(c, g) for c, g in named if len(normal(g.name)) == longest]
    if len(named) > 1:
        raise NoMatch("inbox_file_several", groups=_listing(named))
    campaign, group = named[0]
    return Target(campaign, group, group.name)
