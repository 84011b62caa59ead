"""notify-state.json: what each robot has been told, so that a run tells only what is new, worse or over.

Beside campaigns.yml; in CI it lives in the Actions cache (a fresh checkout has none: see the workflow), so
it survives from run to run. It holds the open items of the last run (to carry over what this run does not
evaluate, and to word what got resolved) and, per robot, each item's severity when it was told and the day
of its last digest. Read only as a regular file of bounded size; a damaged one starts afresh (the robots are
then told the open items once more), never a failed run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.common.cachefile import read_regular, write_atomically
from generator.errors import display_path
from generator.messages import t
from generator.plan.todo import Todo, TodoKind, order

STATE_FILE = "notify-state.json"
VERSION = 1
MAX_BYTES = 16 * 2**20
_TEXTS = ("key", "source", "where", "what", "do", "link")


@dataclass
class Memory:
    """What one robot was told: item key → the severity it was told at; the last day it got a digest."""

    told: dict[str, int] = field(default_factory=dict)
    digest_day: str | None = None  # YYYY-MM-DD in the site's time zone


@dataclass
class State:
    items: dict[str, Todo] = field(default_factory=dict)  # the open items after the last run
    gone: dict[str, Todo] = field(default_factory=dict)  # over, but some robot has not been told so yet
    robots: dict[str, Memory] = field(default_factory=dict)  # robot kind → memory

    def records(self) -> dict[str, Todo]:
        """Every item a robot may still have in mind, open or over: how it was worded when last seen."""
        return {**self.gone, **self.items}


def read_state(path: Path, lang: str) -> tuple[State, list[str]]:
    """The state at path (empty when there is none) and warnings: a damaged file starts afresh."""
    if not path.exists():
        return State(), []
    data = read_regular(path, MAX_BYTES)
    try:
        if data is None:
            raise ValueError("not a regular file of at most 16 MB")
        return _parsed(json.loads(data)), []
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        detail = str(exc)[:120] if isinstance(exc, ValueError) else type(exc).__name__
        return State(), [t(lang, "notify_state_damaged", file=display_path(path), detail=detail)]


def _parsed(document: Any) -> State:
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise ValueError(f"not version {VERSION} of notify-state.json")
    items = {key: _item(value) for key, value in document["items"].items()}
    gone = {key: _item(value) for key, value in document["gone"].items()}
    robots = {
        str(kind): Memory({str(k): int(v) for k, v in memory["told"].items()}, memory.get("digest_day"))
        for kind, memory in document["robots"].items()
    }
    return State(items, gone, robots)


def _item(value: dict[str, Any]) -> Todo:
    texts = {name: value[name] for name in _TEXTS}
    if not all(isinstance(text, str) and len(text) < 4000 for text in texts.values()):
        raise ValueError("an item's texts are not short strings")
    deadline = value.get("deadline")
    return Todo(
        kind=TodoKind(value["kind"]),
        severity=int(value["severity"]),
        deadline=None if deadline is None else datetime.fromisoformat(deadline),
        **texts,
    )


def state_text(state: State) -> str:
    """The file's text (deterministic)."""
    document = {
        "version": VERSION,
        "items": {key: _item_document(item) for key, item in sorted(state.items.items())},
        "gone": {key: _item_document(item) for key, item in sorted(state.gone.items())},
        "robots": {
            kind: {"told": dict(sorted(memory.told.items())), "digest_day": memory.digest_day}
            for kind, memory in sorted(state.robots.items())
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _item_document(item: Todo) -> dict[str, Any]:
    document: dict[str, Any] = {name: getattr(item, name) for name in _TEXTS}
    document.update(kind=item.kind.value, severity=item.severity)
    document["deadline"] = None if item.deadline is None else item.deadline.isoformat()
    return document


def write_state(path: Path, state: State) -> bool:
    """Write the state atomically; False when it cannot be written."""
    return write_atomically(path, state_text(state).encode("utf-8"))


# --- what to tell --------------------------------------------------------------------------------------


def current_items(fresh: list[Todo], previous: dict[str, Todo], evaluated: set[str]) -> dict[str, Todo]:
    """This run's open items: the fresh ones of the sources it evaluated, the others carried over (news
    that is told once, an applied inbox image, is never carried)."""
    items = {
        key: item
        for key, item in previous.items()
        if item.source not in evaluated and item.kind is not TodoKind.INBOX_APPLIED
    }
    items.update((item.key, item) for item in fresh)
    return items


@dataclass(frozen=True)
class Changes:
    """What a robot is to be told now."""

    new: list[Todo]  # not told yet, or worse than when told
    worse: frozenset[str]
    resolved: list[Todo]  # told, and now over
    still: list[Todo]  # open and told already (listed in a digest)
    digest: bool

    def anything(self) -> bool:
        return bool(self.new or self.resolved or self.digest)


def changes(current: dict[str, Todo], records: dict[str, Todo], memory: Memory, digest: bool) -> Changes:
    """New, worse and resolved items for this robot; in a digest also everything still open.

    records: every item as last seen (State.records()), to word what is over."""
    told = memory.told
    new = [item for key, item in current.items() if key not in told or item.severity > told[key]]
    worse = frozenset(key for key, item in current.items() if key in told and item.severity > told[key])
    resolved = [
        records[key]
        for key in told
        if key not in current and key in records and records[key].kind is not TodoKind.INBOX_APPLIED
    ]
    fresh = {item.key for item in new}
    still = [item for key, item in current.items() if key not in fresh] if digest else []
    new, resolved, still = (sorted(items, key=order) for items in (new, resolved, still))
    return Changes(new, worse, resolved, still, digest)


def remembered(
    memory: Memory,
    current: dict[str, Todo],
    records: dict[str, Todo],
    delivered: tuple[set[str], set[str]],
    digest_day: str | None,
) -> Memory:
    """The robot's memory after this run, given the keys whose news (told, resolved) reached it.

    An item that got milder is remembered milder, so that getting worse again is told; one that got worse
    but whose news did not arrive is remembered as it was, so the next run tells it; a resolution that did
    not arrive is kept for the next run to tell; news told once is forgotten once it is gone."""
    told, resolved = delivered
    kept: dict[str, int] = {}
    for key, severity in memory.told.items():
        if key in current:
            kept[key] = min(severity, current[key].severity)
        elif key not in resolved and key in records and records[key].kind is not TodoKind.INBOX_APPLIED:
            kept[key] = severity
    kept.update((key, current[key].severity) for key in told if key in current)
    return Memory(kept, digest_day or memory.digest_day)


def next_state(state: State, current: dict[str, Todo], robots: dict[str, Memory]) -> State:
    """The state to save: this run's open items, the records of what some robot still has to be told is
    over, and every robot's memory (robots not configured this run keep theirs)."""
    records = state.records()
    memories = {**state.robots, **robots}
    pending = {key for memory in memories.values() for key in memory.told if key not in current}
    return State(dict(current), {key: records[key] for key in sorted(pending) if key in records}, memories)
