"""Pool-status sources: where live member counts come from (the WeCom API, …), each behind MemberSource,
and `qunma sync`, which merges them into pool-status.yml without ever losing a person's edit.

May import: generator.errors, generator.messages, generator.model, generator.common and generator.input
(pool-status.yml is read and written there)."""

from __future__ import annotations

from typing import Protocol


class MemberSource(Protocol):
    """Anything that can tell how many members a group has, given its chat id."""

    def member_count(self, chat_id: str) -> int:
        """The group's current member count; raises QunmaError when it cannot be read."""
        ...
