"""The sockets under generator/common/httpclient.py: DNS lookups and connections that one deadline can stop.

http.client reads a status line and headers without giving control back, and getaddrinfo cannot be
interrupted: so the lookup runs in a thread that is waited for only until the deadline, and a watchdog
timer shuts the connection's socket from outside, which wakes any read (or TLS handshake) blocked on it.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable
from http.client import HTTPConnection
from typing import Any

from generator.common.remotetext import shown
from generator.errors import QunmaError
from generator.messages import t

# getaddrinfo's answers for a name that does not exist (or has no address), as opposed to EAI_AGAIN: a
# resolver that failed this time, which may hide a live site.
_NO_SUCH_HOST = frozenset({socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)})


class NetError(QunmaError):
    """A request failed; `kind` says how (deadline, too_large, refused, no_host, …), describe() words it."""

    def __init__(self, kind: str, host: str | None = None, **params: object) -> None:
        self.kind = kind
        self.host = host  # the host name as configured (not escaped), for callers that classify
        self.params = params if host is None else {"host": shown(host, 100), **params}
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        """The failure in the site's language; every remote value in it is already escaped."""
        return t(lang, f"net_{self.kind}", **self.params)


class Deadline:
    """The end of a command's network time, shared by all its requests and the waits between them."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        return self._end - self._clock()

    def timeout(self, per_read: float) -> float:
        """The timeout for the next lookup, connect or read; NetError("deadline") once time is up."""
        left = self.remaining()
        if left <= 0:
            raise self.expired()
        return min(per_read, left)

    def spent(self) -> bool:
        """Time is up (a timeout capped to the remaining time, e.g., has just fired)."""
        return self.remaining() <= 0.01

    def expired(self) -> NetError:
        return NetError("deadline", seconds=f"{self.seconds:g}")


def lookup(host: str, port: int, deadline: Deadline, per_read: float) -> list[Any]:
    """getaddrinfo under the deadline, in a thread that is left behind if the resolver hangs."""
    found: list[Any] = []

    def work() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            found.append(exc)

    worker = threading.Thread(target=work, name="qunma-lookup", daemon=True)
    worker.start()
    worker.join(deadline.timeout(per_read))
    if not found:
        raise deadline.expired() if deadline.spent() else NetError("timeout", host)
    if isinstance(found[0], BaseException):
        raise failure(found[0], host)
    addresses: list[Any] = found[0]
    return addresses


def failure(exc: BaseException, host: str) -> NetError:
    """What went wrong talking to `host`, as a NetError (the OS's or the server's text escaped)."""
    if isinstance(exc, socket.gaierror):
        if exc.errno in _NO_SUCH_HOST:
            return NetError("no_host", host)
        return NetError("dns", host, detail=shown(str(exc.strerror or exc)))
    if isinstance(exc, ConnectionRefusedError):
        return NetError("refused", host)
    if isinstance(exc, TimeoutError):
        return NetError("timeout", host)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return NetError("tls", host, detail=shown(str(exc.verify_message or exc)))
    if isinstance(exc, UnicodeError):
        return NetError("bad_url", url=shown(host))
    return NetError("broken", host, detail=shown(f"{type(exc).__name__}: {exc}"))


class Connection(HTTPConnection):
    """A connection to addresses looked up beforehand, which a watchdog can cut from another thread."""

    def __init__(self, host: str, port: int, addresses: list[Any], timeout: Callable[[], float]) -> None:
        super().__init__(host, port)
        self._addresses = addresses
        self._next_timeout = timeout
        self.raw: socket.socket | None = None  # kept after close(): the response still reads through it
        self.cut = threading.Event()

    def connect(self) -> None:
        self.sock = self._open()
        self._watched(self.sock)

    def _open(self) -> socket.socket:
        error: OSError = OSError("no address")
        for family, kind, proto, _name, address in self._addresses:
            timeout = self._next_timeout()  # raises once the deadline has passed
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(timeout)
                sock.connect(address)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error

    def _watched(self, sock: socket.socket) -> None:
        self.raw = sock
        if self.cut.is_set():  # the watchdog fired before it could see this socket
            _shut(sock)

    def watch(self, seconds: float) -> threading.Timer:
        """Start the watchdog: the connection is cut after `seconds` unless the timer is cancelled."""
        watchdog = threading.Timer(max(seconds, 0.0), self.cut_now)
        watchdog.daemon = True
        watchdog.start()
        return watchdog

    def cut_now(self) -> None:
        """The watchdog: stop whatever this connection is waiting for (connect, handshake, headers, body)."""
        self.cut.set()
        if self.raw is not None:
            _shut(self.raw)

    def settimeout(self, seconds: float) -> None:
        if self.raw is not None:
            self.raw.settimeout(seconds)


class _Tls(Connection):
    default_port = 443

    def __init__(
        self,
        host: str,
        port: int,
        addresses: list[Any],
        timeout: Callable[[], float],
        context: ssl.SSLContext,
    ) -> None:
        super().__init__(host, port, addresses, timeout)
        self._context = context

    def connect(self) -> None:
        super().connect()
        # Handshake only once the watchdog can see the TLS socket: a trickled handshake is cut too.
        tls = self._context.wrap_socket(self.sock, server_hostname=self.host, do_handshake_on_connect=False)
        self.sock = tls
        self._watched(tls)
        tls.do_handshake()


def connection(
    scheme: str,
    host: str,
    port: int,
    addresses: list[Any],
    timeout: Callable[[], float],
    tls: ssl.SSLContext | None,
) -> Connection:
    """A connection to `host` at `addresses`; each connect, handshake or read waits at most timeout()."""
    if scheme == "https":
        return _Tls(host, port, addresses, timeout, tls or ssl.create_default_context())
    return Connection(host, port, addresses, timeout)


def _shut(sock: socket.socket) -> None:
    try:  # the plain socket's shutdown, also for a TLS socket: it wakes a read blocked in another thread
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed or not connected yet
