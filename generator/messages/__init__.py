"""Every sentence a marketer or customer reads, in Chinese first and English, in one catalogue.

`t(lang, key, **values)` picks the language ("zh" unless "en") and fills the placeholders.
MESSAGES is the whole catalogue, put together from one module per area; add a new message to the
module of its area (a key may live in one module only: tests/test_i18n_catalogue.py checks this).

Imports nothing else of qunma: every stage may use it.
"""

from __future__ import annotations

from generator.messages.deploy import DEPLOY_MESSAGES
from generator.messages.files import FILE_MESSAGES
from generator.messages.inbox import INBOX_MESSAGES
from generator.messages.links import LINK_MESSAGES
from generator.messages.load import LOAD_MESSAGES
from generator.messages.net import NET_MESSAGES
from generator.messages.notify import NOTIFY_MESSAGES
from generator.messages.pages import PAGE_MESSAGES
from generator.messages.scaffold import SCAFFOLD_MESSAGES
from generator.messages.staff import STAFF_MESSAGES
from generator.messages.status import STATUS_MESSAGES
from generator.messages.sync import SYNC_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    **SYNC_MESSAGES,  # qunma sync, the published manifest, CI (issue 6)
    **NET_MESSAGES,  # the bounded HTTP client under sync and check --published (issue 11)
    **STAFF_MESSAGES,  # posters, fonts, staff kit (issue 5)
    **STATUS_MESSAGES,  # pool-status.yml, rotation, pool health, qunma status (issue 3)
    **PAGE_MESSAGES,  # site pages, qunma build / serve (issue 4)
    **FILE_MESSAGES,  # the site folder, its lock, disk and permission errors, the preview's port (issue 11)
    **LOAD_MESSAGES,  # the loader (campaigns.yml: syntax, keys, values, cross-checks) and qunma check
    **LINK_MESSAGES,  # join links, image paths and the site's address (issue 11)
    **NOTIFY_MESSAGES,  # qunma notify, its to-do list, pool-history.json, the dashboard (issue 16)
    **DEPLOY_MESSAGES,  # qunma deploy to object storage, sync --commit/--push (issue 17)
    **SCAFFOLD_MESSAGES,  # qunma init (issue 13)
    **INBOX_MESSAGES,  # the QR inbox: qunma refresh, waiting images, CI's bot commit (issue 15)
}


def t(lang: str, key: str, /, **values: object) -> str:
    """The message `key` in `lang` ("en" for English, Chinese otherwise), placeholders filled."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)


class Labels(dict[str, str]):
    """The messages of one language that take no values, each worked out on first use: for templates,
    where `L["key"]` costs a dictionary lookup and `_("key")` a call through Jinja's runtime (a fifth of
    the staff kits' time)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, key: str) -> str:
        text = self[key] = t(self.lang, key)
        return text
