"""pool-status.yml: live member counts and full flags, kept apart so a bot never rewrites campaigns.yml.

Read with positions (every problem names file:line:col); written atomically and deterministically by
`qunma sync` or a person's tool — never by a build.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from yaml.nodes import MappingNode, Node, ScalarNode

from generator.errors import InputError, Problem, QunmaError, display_path
from generator.input.bounds import FIRST_YEAR, LAST_YEAR, MAX_DIGITS, MAX_MEMBERS, settle
from generator.input.scalars import bool_mistake
from generator.input.shapes import BOOL_WORDS, suggest
from generator.input.yamlsrc import Source, compose, read_input, shorten
from generator.messages import t
from generator.model import GroupStatus, PoolStatus, Project

STATUS_FILE = "pool-status.yml"
HEADER = (
    "# 群的实时人数：由 `qunma sync` 从企业微信自动写入，也可以手工修改。\n"
    "# 键是“活动id/群id”。members：当前人数；full: true 表示已满（不再展示）。\n"
)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+")
# A clock a few minutes ahead (of the machine that ran `qunma sync`) is no mistake worth a warning.
CLOCK_SKEW = timedelta(minutes=5)
# Ids suggested in "use an existing id (…)" messages: enough to spot a typo, short enough to read.
_MAX_SUGGESTED = 8


def read_status(
    path: Path, project: Project, now: datetime | None, *, data: bytes | None = None
) -> tuple[PoolStatus, list[Problem]]:
    """The pool status at path (empty when there is no file) and its warnings; InputError lists all errors.

    data: the file's bytes, already read."""
    lang = project.site.language
    source = Source(display_path(path), lang)
    try:
        # Notepad adds a BOM; read as read_text reads, newlines included.
        text = _text(read_input(path, source) if data is None else data)
    except FileNotFoundError:
        return PoolStatus(), []
    except UnicodeDecodeError:
        raise InputError([source.problem(None, t(lang, "status_not_utf8"))]) from None
    root = compose(text, source)
    if root is None:
        return PoolStatus(), []
    reader = _Reader(source, project)
    status = reader.read(root)
    if reader.problems:
        raise InputError(reader.problems)
    return status, reader.warnings + _age_warnings(source, root, status, project, now)


@dataclass(frozen=True)
class Snapshot:
    """pool-status.yml's bytes when it was read (None: there was no file)."""

    data: bytes | None


class StatusChanged(QunmaError):
    """pool-status.yml changed after it was read, so it was not written."""


def current_status(path: Path, project: Project) -> tuple[Snapshot, PoolStatus]:
    """The file as it is now and the status it holds: write_status(unchanged_since=…) writes over exactly
    this, never over a change a person saved in between."""
    snapshot = _snapshot(path, project.site.language)
    if snapshot.data is None:
        return snapshot, PoolStatus()
    return snapshot, read_status(path, project, None, data=snapshot.data)[0]


def _snapshot(path: Path, lang: str) -> Snapshot:
    try:
        return Snapshot(read_input(path, Source(display_path(path), lang)))
    except FileNotFoundError:
        return Snapshot(None)


def _text(data: bytes) -> str:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig").read()


class _Reader:
    """Walks the node tree once, collecting every problem instead of stopping at the first."""

    def __init__(self, source: Source, project: Project) -> None:
        self.source = source
        self.lang = source.lang
        self.tz = ZoneInfo(project.site.timezone)
        self.groups = {c.id: {g.id for g in c.groups} for c in project.campaigns}
        self.archived = {c.id for c in project.campaigns if c.archived}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # entries of groups that are gone: left out, and said how to clean

    def fail(self, node: Node | None, message: str, **values: object) -> None:
        self.problems.append(self.source.problem(node, self.source.text(message, **values)))

    def hidden(self, node: Node) -> bool:
        """Record the problem of an invisible character in node's text, if there is one (then True)."""
        problem = self.source.invisible_in(node)
        if problem is not None:
            self.problems.append(problem)
        return problem is not None

    def read(self, root: Node) -> PoolStatus:
        if not isinstance(root, MappingNode):
            self.fail(root, "status_not_mapping")
            return PoolStatus()
        updated: datetime | None = None
        groups: dict[str, GroupStatus] = {}
        for key, value in root.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name == "updated":
                updated = self.time(value)
            elif name == "groups":
                groups = self.entries(value)
            elif not self.hidden(key):
                self.fail(key, "status_unknown_key", name=name if name is not None else "?")
        return PoolStatus(updated=updated, groups=groups)

    def time(self, node: Node) -> datetime | None:
        if self.hidden(node):
            return None
        parsed = parse_time(node.value, self.tz) if isinstance(node, ScalarNode) else None
        if parsed is None:
            self.fail(node, "status_bad_time", value=node.value if isinstance(node, ScalarNode) else "…")
            return None
        moment = settle(parsed, self.tz) if FIRST_YEAR <= parsed.year <= LAST_YEAR else None
        if moment is None:
            self.fail(node, "time_out_of_range", value=node.value, first=FIRST_YEAR, last=LAST_YEAR)
        return moment

    def entries(self, node: Node) -> dict[str, GroupStatus]:
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return {}
        if not isinstance(node, MappingNode):
            self.fail(node, "status_groups_not_mapping")
            return {}
        entries: dict[str, GroupStatus] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else "?"
            if self.known(key, name):
                entry = self.entry(name, key, value)
                if entry is not None:
                    entries[name] = entry
        return entries

    def known(self, key: Node, name: str) -> bool:
        """Whether name is "<campaign id>/<group id>" of a group in campaigns.yml (else a problem)."""
        if not name.isascii() and self.hidden(key):  # isascii(): a flag, so 10,000 keys cost nothing
            return False
        campaign, slash, group = name.partition("/")
        if not slash or not campaign or not group or "/" in group:
            self.fail(key, "status_bad_key", name=name)
            return False
        if campaign not in self.groups:
            guess = suggest(campaign, self.groups)
            return self.gone(key, name, guess, f"{{}}/{group}", "status_stale_campaign")
        if campaign in self.archived:
            message = t(self.lang, "status_stale_archived", name=shorten(name))
            self.warnings.append(self.source.problem(key, message))
            return False
        if group not in self.groups[campaign]:
            guess = suggest(group, self.groups[campaign])
            return self.gone(key, name, guess, f"{campaign}/{{}}", "status_stale_group")
        return True

    def gone(self, key: Node, name: str, guess: str | None, shape: str, stale: str) -> bool:
        """An entry for no group of campaigns.yml: a typo of one (an error naming it) or a group deleted
        since, e.g. after its campaign was retired (a warning saying how to clean it; the entry is left out,
        and `qunma sync` writes the file without it)."""
        shown = shorten(name)
        if guess is not None:
            self.fail(key, "status_no_group_suggest", name=shown, suggestion=shape.format(guess))
        else:
            self.warnings.append(self.source.problem(key, t(self.lang, stale, name=shown)))
        return False

    def entry(self, name: str, key: Node, node: Node) -> GroupStatus | None:
        # "autumn/g1:" with nothing under it is most likely unfinished: point at the key, not the void.
        if isinstance(node, ScalarNode | MappingNode) and not node.value:
            self.fail(key, "status_entry_empty", name=name)
            return None
        if not isinstance(node, MappingNode):
            self.fail(node, "status_entry_not_mapping", name=name)
            return None
        members: int | None = None
        full = False
        for key, value in node.value:
            field = key.value if isinstance(key, ScalarNode) else "?"
            if field == "members":
                members = self.members(value)
            elif field == "full":
                full = self.flag(value)
            elif not self.hidden(key):
                self.fail(key, "status_entry_unknown", name=name, field=field)
        return GroupStatus(members=members, full=full)

    def members(self, node: Node) -> int | None:
        """A member count as in campaigns.yml: digits, unquoted, at most MAX_MEMBERS."""
        if not isinstance(node, ScalarNode) or not (node.value.isascii() and node.value.isdigit()):
            if not self.hidden(node):
                self.fail(node, "status_bad_members", value=getattr(node, "value", "…"))
        elif node.style:
            self.fail(node, "int_quoted", value=node.value)
        elif len(node.value) > MAX_DIGITS or int(node.value) > MAX_MEMBERS:  # long: never converted
            self.fail(node, "status_members_too_big", value=node.value, maximum=MAX_MEMBERS)
        else:
            return int(node.value)
        return None

    def flag(self, node: Node) -> bool:
        """true or false as in campaigns.yml (YAML 1.2: unquoted; yes, on and "true" are text)."""
        if isinstance(node, ScalarNode) and not node.style and node.value in BOOL_WORDS:
            return BOOL_WORDS[node.value]
        if not self.hidden(node):
            quoted = isinstance(node, ScalarNode) and bool_mistake(node.value, node) == "bool_quoted"
            value = node.value if isinstance(node, ScalarNode) else "…"
            self.fail(node, "bool_quoted" if quoted else "status_bad_full", value=value, fixed=value.lower())
        return False


def parse_time(text: str, tz: ZoneInfo) -> datetime | None:
    """A time: "2026-11-23 08:00" (in tz), a date, or ISO 8601 with an offset; None for anything else.

    Any year that datetime holds is read: the caller checks the range (bounds.py).
    """
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def _suggest(ids: dict[str, set[str]] | set[str], lang: str) -> str:
    names = sorted(ids)
    shown = "、".join(names[:_MAX_SUGGESTED]) if lang != "en" else ", ".join(names[:_MAX_SUGGESTED])
    return shown + ("…" if len(names) > _MAX_SUGGESTED else "")


def _age_warnings(
    source: Source, root: Node, status: PoolStatus, project: Project, now: datetime | None
) -> list[Problem]:
    """A warning when the counts are older than defaults.status_max_age (or of unknown age)."""
    lang = source.lang
    if status.updated is None:
        return [source.problem(root, t(lang, "status_no_updated"))] if status.groups else []
    limit = project.defaults.status_max_age
    if now is None or -CLOCK_SKEW <= now - status.updated <= limit:
        return []
    node = next(value for key, value in root.value if isinstance(key, ScalarNode) and key.value == "updated")
    tz = ZoneInfo(project.site.timezone)
    updated = status.updated.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    if status.updated > now:  # a typo (2062 for 2026) or another zone: its counts would never be stale
        ahead, moment = _age(status.updated - now, lang), now.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        return [source.problem(node, t(lang, "status_future", updated=updated, ahead=ahead, now=moment))]
    age = _age(now - status.updated, lang)
    message = t(lang, "status_stale", age=age, updated=updated, limit=_age(limit, lang))
    return [source.problem(node, message)]


def _age(age: timedelta, lang: str) -> str:
    minutes = int(age.total_seconds() // 60)
    if minutes < 60:
        return t(lang, "age_minutes", count=minutes)
    hours = minutes // 60
    return t(lang, "age_hours", count=hours) if hours < 48 else t(lang, "age_days", count=hours // 24)


def status_text(status: PoolStatus) -> str:
    """pool-status.yml's text: the header, `updated`, then every group in key order (deterministic)."""
    lines = [HEADER.rstrip("\n")]
    if status.updated is not None:
        lines.append(f"updated: {format_time(status.updated)}")
    if not status.groups:
        lines.append("groups: {}")
    else:
        lines.append("groups:")
    for key in sorted(status.groups):
        entry = status.groups[key]
        lines.append(f"  {key if _PLAIN_KEY.fullmatch(key) else _quoted(key)}:")
        if entry.members is not None:
            lines.append(f"    members: {entry.members}")
        if entry.full or entry.members is None:
            lines.append(f"    full: {'true' if entry.full else 'false'}")
    return "\n".join(lines) + "\n"


def format_time(moment: datetime) -> str:
    """2026-11-23 08:00+08:00: to the minute (seconds only when there are some), with its UTC offset."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")
    offset = moment.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _quoted(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def write_status(path: Path, status: PoolStatus, *, unchanged_since: Snapshot | None = None) -> None:
    """Write pool-status.yml atomically: a temp file in the same folder, fsync, then rename over it.

    unchanged_since: only if the file still holds these bytes, else StatusChanged and nothing is written
    (compared right before the rename, the last moment a plain file system lets us look)."""
    data = status_text(status).encode("utf-8")
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if unchanged_since is not None and _snapshot(path, "zh") != unchanged_since:
            raise StatusChanged(display_path(path))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk; not every system can open a folder.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
