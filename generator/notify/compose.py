"""One run's news for one robot, written in the robot's own markdown and split into messages it accepts.

A message lists, for each item, where (campaign · channels), what happened, 👉 what to do and the page's
link; then what has been resolved; and ends with a link to the dashboard. Items are packed in order into as
few messages as the robot's size limit allows, at most MAX_MESSAGES a run (a robot takes 20 a minute): what
does not fit any more is counted in one line that points at the dashboard. Text from campaigns.yml or from
outside is made plain first (markdown's own characters replaced by their full-width look-alikes, invisible
ones escaped), so that a group name can neither break the message nor mention everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.common.remotetext import shown
from generator.messages import t
from generator.notify.robots import Kind, fits
from generator.plan.todo import Todo

MAX_MESSAGES = 10
_ICONS = {3: "🔴", 2: "🟠", 1: "🔵"}
_PLAIN = str.maketrans(
    {"*": "＊", "[": "［", "]": "］", "<": "＜", ">": "＞", "`": "｀", "#": "＃", "\r": " "}
)
_TEXT_LIMIT = 1200  # characters of one sentence: far more than any we write


@dataclass(frozen=True)
class Batch:
    """What one robot is to be told this run."""

    lang: str
    title: str  # the one-line summary (Feishu's card header, DingTalk's notification title)
    summary: str  # the line under the title: when, how many
    new: list[Todo]  # appeared, or got worse (their keys in `worse`)
    worse: frozenset[str]
    still: list[Todo]  # still open (listed in a digest only)
    resolved: list[Todo]  # the items as they were when last told
    dashboard: str  # the dashboard's URL


@dataclass(frozen=True)
class Message:
    title: str
    content: str
    told: tuple[str, ...]  # keys of the items it tells (or counts in its last line)
    resolved: tuple[str, ...]


def plain(text: str) -> str:
    """Text from campaigns.yml or a server, safe inside any of the robots' markdown."""
    return shown(" ".join(text.translate(_PLAIN).split("\n")), _TEXT_LIMIT)


@dataclass(frozen=True)
class _Piece:
    text: str
    told: tuple[str, ...] = ()
    resolved: tuple[str, ...] = ()
    heading: bool = False


def compose(kind: Kind, batch: Batch) -> list[Message]:
    """The batch as the messages to send to a robot of this kind, in order."""
    style = _Style(kind)
    pieces = _pieces(style, batch)
    say: Callable[..., str] = lambda key, **values: t(batch.lang, key, **values)  # noqa: E731
    footer = style.link(say("notify_open_dashboard"), batch.dashboard)
    drafts = _pack(kind, style, batch, pieces, footer)
    messages = []
    for number, draft in enumerate(drafts, 1):
        content = style.gap.join([_head(style, batch, number, len(drafts)), *draft.texts, footer])
        told, resolved = draft.keys()
        messages.append(Message(batch.title, content, tuple(told), tuple(resolved)))
    return messages


def _pieces(style: _Style, batch: Batch) -> list[_Piece]:
    lang = batch.lang
    pieces: list[_Piece] = []
    if batch.new:
        heading = t(lang, "notify_section_new", count=len(batch.new))
        pieces.append(_Piece(style.bold(heading), heading=True))
        pieces += [_Piece(style.item(i, lang, i.key in batch.worse), told=(i.key,)) for i in batch.new]
    if batch.still:
        heading = t(lang, "notify_section_still", count=len(batch.still))
        pieces.append(_Piece(style.bold(heading), heading=True))
        pieces += [_Piece(style.item(i, lang, False), told=(i.key,)) for i in batch.still]
    if batch.resolved:
        heading = t(lang, "notify_section_resolved", count=len(batch.resolved))
        pieces.append(_Piece(style.bold(heading), heading=True))
        pieces += [_Piece(style.resolved(item, lang), resolved=(item.key,)) for item in batch.resolved]
    if not pieces:
        pieces.append(_Piece(t(lang, "notify_all_clear")))
    return pieces


@dataclass
class _Draft:
    """A message being filled: its pieces (as written: a long one is cut), the keys it tells and resolves."""

    texts: list[str]
    pieces: list[_Piece]

    def keys(self) -> tuple[list[str], list[str]]:
        return [k for p in self.pieces for k in p.told], [k for p in self.pieces for k in p.resolved]


def _pack(kind: Kind, style: _Style, batch: Batch, pieces: list[_Piece], footer: str) -> list[_Draft]:
    """Pieces in order into messages that fit (a heading is repeated atop a message it continues into)."""
    widest = _head(style, batch, MAX_MESSAGES, MAX_MESSAGES)  # room for "(10/10)" whatever the count

    def fit(texts: list[str]) -> bool:
        return fits(kind, batch.title, style.gap.join([widest, *texts, footer]))

    drafts: list[_Draft] = []
    draft, heading = _Draft([], []), None
    for index, piece in enumerate(pieces):
        text = piece.text if fit([piece.text]) else _cut(piece.text, lambda s: fit([s]))
        if draft.texts and not fit([*draft.texts, text]):
            if len(drafts) + 1 == MAX_MESSAGES:
                _overflow(batch.lang, draft, pieces[index:], fit)
                break
            drafts.append(draft)
            draft = _Draft([heading.text], [heading]) if heading and not piece.heading else _Draft([], [])
        draft.texts.append(text)
        draft.pieces.append(piece)
        heading = piece if piece.heading else heading
    drafts.append(draft)
    return drafts


def _overflow(lang: str, draft: _Draft, rest: list[_Piece], fit: Callable[[list[str]], bool]) -> None:
    """The last message ends with how many items were left out; they count as told (see the dashboard)."""
    while True:
        line = t(lang, "notify_more", count=sum(1 for piece in rest if not piece.heading))
        if fit([*draft.texts, line]) or len(draft.texts) <= 1:
            break
        draft.texts.pop()
        rest = [draft.pieces.pop(), *rest]  # make room: the last piece is counted instead of shown
    draft.texts.append(line)
    draft.pieces += [_Piece("", piece.told, piece.resolved) for piece in rest]


def _cut(text: str, fits_: Callable[[str], bool]) -> str:
    """The longest start of text (ending in …) that fits."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits_(text[:middle] + "…"):
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def _head(style: _Style, batch: Batch, number: int, total: int) -> str:
    count = f" ({number}/{total})" if total > 1 else ""
    title = "" if style.kind is Kind.FEISHU else style.bold(plain(batch.title)) + style.newline
    return f"{title}{plain(batch.summary)}{count}"


@dataclass(frozen=True)
class _Style:
    """The markdown one kind of robot reads: bold, links, and what makes a line break."""

    kind: Kind

    @property
    def newline(self) -> str:
        """Between the lines of one item. DingTalk's markdown joins single line breaks into one paragraph."""
        return "\n\n" if self.kind is Kind.DINGTALK else "\n"

    @property
    def gap(self) -> str:
        """Between items: a blank line."""
        return "\n\n"

    def bold(self, text: str) -> str:
        return f"**{text}**"

    def link(self, text: str, url: str) -> str:
        return f"[{text}]({url})"

    def item(self, item: Todo, lang: str, worse: bool) -> str:
        mark = t(lang, "notify_worse") if worse else ""
        lines = [f"{_ICONS.get(item.severity, '🔵')} {self.bold(plain(item.where))}{mark}", plain(item.what)]
        if item.do:
            lines.append(f"👉 {plain(item.do)}")
        if item.link:
            lines.append(self.link(t(lang, "notify_open_page"), item.link))
        return self.newline.join(lines)

    def resolved(self, item: Todo, lang: str) -> str:
        return f"✅ {self.bold(plain(item.where))}：{t(lang, f'notify_resolved_{item.kind.value}')}"
