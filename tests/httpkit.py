"""Local HTTP servers for tests: a folder served like a static host, or any handler class, on 127.0.0.1."""

from __future__ import annotations

import functools
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietFolderHandler(SimpleHTTPRequestHandler):
    """Serves a folder, without logging every request into the test output."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler] | functools.partial[Any], tls: ssl.SSLContext | None = None
) -> Iterator[str]:
    """Run handler on 127.0.0.1 in a thread; yields its base URL, "http://127.0.0.1:PORT/" (https: tls)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serving_folder(folder: Path) -> Any:
    """The folder served like a static host (GitHub Pages, a CDN): a context manager yielding its URL."""
    return serving(functools.partial(QuietFolderHandler, directory=str(folder)))


# --- hostile servers: raw control over every byte, for the network edge's tests -----------------------

Behaviour = Callable[["HostileHandler"], None]
TRICKLE_AT_MOST = 20.0  # seconds any one trickle goes on, even if nobody ever hangs up


class HostileHandler(BaseHTTPRequestHandler):
    """Reads a request like a server, then lets `behaviour` write whatever bytes it likes (or reset)."""

    protocol_version = "HTTP/1.1"
    behaviour: Behaviour

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self._serve()

    def do_POST(self) -> None:  # noqa: N802
        self._serve()

    def _serve(self) -> None:
        self.run(type(self).behaviour)

    def run(self, behaviour: Behaviour) -> None:
        """Read the request's body, then behave; the connection ends afterwards."""
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(min(length, 2**20)) if length else b""
        try:
            behaviour(self)
        except OSError:
            pass  # the client hung up, as it should have
        self.close_connection = True

    def send(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def serving_behaviour(behaviour: Behaviour) -> Any:
    """A server on 127.0.0.1 that answers every request with `behaviour`: a context manager of its URL."""
    return serving(type("Hostile", (HostileHandler,), {"behaviour": staticmethod(behaviour)}))


def answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Behaviour:
    """A well-formed answer (status line, Content-Length, headers, body)."""

    def behave(handler: HostileHandler) -> None:
        lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        handler.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)

    return behave


def redirect(location: str, status: int = 302) -> Behaviour:
    return answer(status, b"", {"Location": location})


def raw(data: bytes) -> Behaviour:
    """Exactly these bytes, then the connection closes."""
    return lambda handler: handler.send(data)


def trickle(prefix: bytes, drip: bytes = b"x", every: float = 0.1) -> Behaviour:
    """`prefix`, then one `drip` every `every` seconds, for up to TRICKLE_AT_MOST seconds."""

    def behave(handler: HostileHandler) -> None:
        handler.send(prefix)
        end = time.monotonic() + TRICKLE_AT_MOST
        while time.monotonic() < end:
            time.sleep(every)
            handler.send(drip)

    return behave


def endless(prefix: bytes, chunk: bytes, at_most: int = 256 * 2**20) -> Behaviour:
    """`prefix`, then `chunk` again and again (the same bytes object: no memory here) up to `at_most`."""

    def behave(handler: HostileHandler) -> None:
        handler.send(prefix)
        for _ in range(at_most // len(chunk)):
            handler.wfile.write(chunk)

    return behave


def reset(after: bytes = b"") -> Behaviour:
    """`after`, then a TCP reset instead of an orderly close."""

    def behave(handler: HostileHandler) -> None:
        if after:
            handler.send(after)
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()

    return behave


def silence(seconds: float = TRICKLE_AT_MOST) -> Behaviour:
    """Read the request, then say nothing."""
    return lambda handler: time.sleep(seconds)
