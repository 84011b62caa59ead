"""One small bounded HTTP client for every call qunma makes to a server (WeCom, the live site, robots…).

Standard library only (http.client). A server decides how fast, how much and where to, so: every request
of a command runs under one deadline, enforced by a watchdog that cuts the connection (a server trickling
a byte every few seconds passes every per-read timeout, and http.client reads headers without giving
control back); the DNS lookup runs under it too; the answer has a size limit; redirects are followed only
within the same site; JSON is parsed with limits of depth, number of values and length of a number.
Every failure is a NetError whose kind the caller words in the site's language (the net_* messages).
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from http.client import HTTPException, HTTPResponse
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from generator.common.httpconn import Connection, Deadline, NetError, connection, failure, lookup
from generator.common.remotetext import shown
from generator.errors import QunmaError
from generator.messages import t

__all__ = ["Deadline", "HttpClient", "Limits", "NetError", "Response", "display", "parse_json"]

ENV_DEADLINE = "QUNMA_NET_DEADLINE"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_URL_SAFE = "/?&=%:@!$'()*+,;~-._"  # what may stay as it is in a path and query (non-ASCII is encoded)


@dataclass(frozen=True)
class Limits:
    """What one command allows the servers it talks to."""

    deadline: float = 30.0  # seconds for all of the command's requests, waits between tries included
    read_timeout: float = 15.0  # seconds for any one lookup, connect or read
    max_bytes: int = 2 * 2**20  # the largest answer body
    max_redirects: int = 5  # redirects followed, all within the same site
    max_depth: int = 32  # JSON nesting
    max_digits: int = 40  # characters in one JSON number (int() refuses 4,300 digits with a ValueError)
    max_values: int = 100_000  # JSON values: what parsing costs in memory (~100 bytes each at most)

    def with_env(self, environ: Mapping[str, str], lang: str) -> Limits:
        """These limits, with the deadline from $QUNMA_NET_DEADLINE (seconds) when it is set."""
        value = environ.get(ENV_DEADLINE, "").strip()
        if not value:
            return self
        try:
            seconds = float(value)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds <= 3600:
            raise QunmaError(t(lang, "net_bad_deadline", name=ENV_DEADLINE, value=shown(value, 40)))
        return replace(self, deadline=seconds)


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes  # read only for a 2xx answer, at most Limits.max_bytes
    url: str  # where it came from, after redirects within the site


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent
    url: str

    @staticmethod
    def parse(url: str) -> _Target:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise NetError("bad_url", url=display(url)) from None
        host = parts.hostname or ""
        if parts.scheme not in ("http", "https") or not host or not url.isprintable() or " " in url:
            raise NetError("bad_url", url=display(url))
        default = 443 if parts.scheme == "https" else 80
        query = f"?{parts.query}" if parts.query else ""
        sent = quote(parts.path or "/", safe=_URL_SAFE) + quote(query, safe=_URL_SAFE)  # 拾光/ → %E6%8B%BE…
        return _Target(parts.scheme, host, port or default, sent, url)

    def same_site(self, other: _Target) -> bool:
        """The same host and port, or the same host upgraded from http to https."""
        if other.host != self.host:
            return False
        if other.scheme == self.scheme:
            return other.port == self.port
        return (self.scheme, other.scheme, other.port) == ("http", "https", 443)


def display(url: str) -> str:
    """A URL for messages: without its query (a WeCom URL carries the secret there), escaped and short."""
    return shown(url.split("?", 1)[0].split("#", 1)[0], 160)


class HttpClient:
    """GET/POST under one command's Limits; redirects only within the site; the body read only for 2xx."""

    def __init__(
        self,
        limits: Limits = Limits(),
        *,
        tls: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.deadline = Deadline(limits.deadline, clock)
        self._tls = tls
        self._addresses: dict[tuple[str, int], list[Any]] = {}  # one lookup per host for the command

    def request(
        self, method: str, url: str, *, body: bytes | None = None, headers: Mapping[str, str] | None = None
    ) -> Response:
        """One request, following at most Limits.max_redirects redirects within the same site."""
        target = _Target.parse(url)
        sent = {"User-Agent": "qunma", **(headers or {})}
        for _hop in range(self.limits.max_redirects + 1):
            status, location, payload = self._exchange(method, target, body, sent)
            if status not in _REDIRECTS:
                return Response(status, payload, target.url)
            if method != "GET":
                raise NetError("redirect_method", status=status)
            target = self._redirected(target, location)
        raise NetError("redirects", count=self.limits.max_redirects)

    def _redirected(self, current: _Target, location: str | None) -> _Target:
        if not location:
            raise NetError("broken", current.host, detail="a redirect without Location")
        try:
            target = _Target.parse(urljoin(current.url, location.strip()))
        except NetError:
            raise NetError("redirect_away", target=display(location)) from None
        if not current.same_site(target):
            raise NetError("redirect_away", target=display(target.url))
        return target

    def _exchange(
        self, method: str, target: _Target, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, str | None, bytes]:
        per_read = self.limits.read_timeout
        self.deadline.timeout(per_read)  # no new exchange once the deadline has passed
        addresses = self._resolve(target)
        timeout = lambda: self.deadline.timeout(per_read)  # noqa: E731 - read at each connect and read
        conn = connection(target.scheme, target.host, target.port, addresses, timeout, self._tls)
        watchdog = conn.watch(self.deadline.remaining())
        try:
            conn.request(method, target.path, body=body, headers=headers)
            conn.settimeout(self.deadline.timeout(per_read))
            with conn.getresponse() as response:
                payload = self._body(conn, response) if 200 <= response.status < 300 else b""
                status, location = response.status, response.getheader("Location")
            if conn.cut.is_set():  # cut while reading: what was read may look complete but is not
                raise self.deadline.expired()
            return status, location, payload
        except (OSError, HTTPException, ValueError) as exc:
            if conn.cut.is_set() or self.deadline.spent():  # a wait cut short by the deadline
                raise self.deadline.expired() from None
            raise failure(exc, target.host) from None
        finally:
            watchdog.cancel()
            conn.close()

    def _body(self, conn: Connection, response: HTTPResponse) -> bytes:
        limit = self.limits.max_bytes
        if response.length is not None and response.length > limit:
            raise NetError("too_large", size=_size(limit))
        data = bytearray()
        while True:
            conn.settimeout(self.deadline.timeout(self.limits.read_timeout))
            chunk = response.read1(_CHUNK)
            if not chunk:
                return bytes(data)
            data += chunk
            if len(data) > limit:
                raise NetError("too_large", size=_size(limit))

    def _resolve(self, target: _Target) -> list[Any]:
        key = (target.host, target.port)
        if key not in self._addresses:
            self._addresses[key] = lookup(target.host, target.port, self.deadline, self.limits.read_timeout)
        return self._addresses[key]


def _size(limit: int) -> str:
    return f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit:,} bytes"


# --- JSON ----------------------------------------------------------------------------------------------


def parse_json(raw: bytes, limits: Limits) -> Any:
    """A JSON answer within the limits' depth and number length; NetError when it is not one."""
    # An upper bound of the values (each but the first follows a comma or opens a container), counted
    # before parsing: 2 MB of "[1000,1000,…" would otherwise become 60 MB of int objects.
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") >= limits.max_values:
        raise NetError("json_values", limit=f"{limits.max_values:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NetError("not_utf8", at=exc.start) from None

    def number(kind: Callable[[str], Any]) -> Callable[[str], Any]:
        def parse(token: str) -> Any:
            if len(token) > limits.max_digits:
                raise NetError("json_number", limit=limits.max_digits)
            return kind(token)

        return parse

    try:
        value = json.loads(text, parse_int=number(int), parse_float=number(float), parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise NetError("not_json", detail=shown(f"{exc.msg}: line {exc.lineno} column {exc.colno}")) from None
    except RecursionError:  # the C scanner's own guard, far below what a stack can take
        raise NetError("json_deep", limit=limits.max_depth) from None
    if _deeper_than(value, limits.max_depth):
        raise NetError("json_deep", limit=limits.max_depth)
    return value


def _constant(token: str) -> Any:
    raise NetError("not_json", detail=shown(f"{token} is not JSON"))


def _deeper_than(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if level > limit:
            return True
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return False
