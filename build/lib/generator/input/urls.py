"""Links in campaigns.yml: the Url shape (join and contact links, the site's own address) and its patterns.

What a join link is (a group's, a contact card, an article…) is told by generator.input.joinlinks once the
site's address is known; this shape checks that a link is one at all, and that base_url is a plain site
address.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import ScalarNode

from generator.input.shapes import Ctx, Json, Scalar, shorten

URL = r"https://[^\s/?#]+(?:[/?#]\S*)?"
# A group-join link exactly as WeChat's scanner knows it (generator.input.joinlinks tells the others apart).
GROUP_LINK = r"https://(weixin\.qq\.com/g|work\.weixin\.qq\.com/gm)/[A-Za-z0-9_-]+(?:\?[^#\s]*)?"
# The site's address goes into every page (href, src, a script): only characters that need no escaping
# anywhere, a host name, no user name, query or fragment; http only for a local preview.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PORT = r"(?::[0-9]{1,5})?"
_PATH = r"(?:/(?:[A-Za-z0-9._~+=:@-]|%[0-9A-Fa-f]{2})*)*"
BASE_URL = rf"(?:https://{_LABEL}(?:\.{_LABEL})*{_PORT}|http://(?:localhost|127\.0\.0\.1){_PORT}){_PATH}"
_PATH_CHAR = re.compile(r"[A-Za-z0-9._~+=:@%/-]")


class Url(Scalar):
    """A join or contact link: https only, as WeChat and WeCom links all are.

    `base` is the site's own address (BASE_URL): http://localhost is allowed for previews; "/" is added at
    the end. `group`: a group's link, which the schema holds to GROUP_LINK so that editors flag a contact
    card as it is typed; the loader says what it is once the site's address is known (assemble).
    """

    def __init__(self, *, base: bool = False, group: bool = False) -> None:
        self.base = base
        self._pattern = re.compile(BASE_URL if base else URL)
        self._schema = BASE_URL if base else GROUP_LINK if group else URL

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if self._pattern.fullmatch(text):
            return text if not self.base or text.endswith("/") else text + "/"
        key, values = self._problem(text)
        return ctx.error(node, key, value=shorten(text, 60), **values)

    def _problem(self, text: str) -> tuple[str, dict[str, str]]:
        scheme = text.partition(":")[0].lower() if ":" in text else ""
        if any(char.isspace() for char in text):
            return "url_space", {}
        local = re.match(r"http://(?:localhost|127\.0\.0\.1)(?::[0-9]*)?(?:/|$)", text)
        if scheme == "http" and not (self.base and local):
            return "url_http", {}
        if scheme not in ("https", "http", ""):
            return "url_not_web", {}
        if not scheme:
            return "url_no_scheme", {}
        return _base_problem(text) if self.base else ("url_no_host", {})

    def schema(self) -> Json:
        return {"type": "string", "pattern": f"^{self._schema}$"}


def _base_problem(text: str) -> tuple[str, dict[str, str]]:
    """What is wrong with a site address that starts with https:// (or a local http://)."""
    rest = text.partition("://")[2]
    host, slash, path = rest.partition("/")
    if "?" in rest or "#" in rest:
        return "url_base_query", {}
    if "@" in host:
        return "base_url_userinfo", {}
    if not host:
        return "url_no_host", {}
    if not re.fullmatch(rf"{_LABEL}(?:\.{_LABEL})*{_PORT}", host):
        odd = _odd_char(host)
        return ("base_url_char", {"char": odd}) if odd and host.isascii() else ("base_url_host", {})
    return "base_url_char", {"char": _odd_char(slash + path) or "%"}  # or a % not followed by 2 hex digits


def _odd_char(text: str) -> str:
    """The first character of text that has no place in a site address, shown visibly ("" if none)."""
    for char in text:
        if not _PATH_CHAR.fullmatch(char):
            return char if char.isprintable() else f"U+{ord(char):04X}"
    return ""
