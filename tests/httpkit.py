"""Local HTTP servers for tests: a folder served like a static host, or any handler class, on 127.0.0.1."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietFolderHandler(SimpleHTTPRequestHandler):
    """Serves a folder, without logging every request into the test output."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler] | functools.partial[Any]) -> Iterator[str]:
    """Run handler on 127.0.0.1 in a thread; yields the base URL, "http://127.0.0.1:PORT/"."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serving_folder(folder: Path) -> Any:
    """The folder served like a static host (GitHub Pages, a CDN): a context manager yielding its URL."""
    return serving(functools.partial(QuietFolderHandler, directory=str(folder)))
