"""A real S3-protocol server on 127.0.0.1 for the deploy tests and the bench: moto's standalone server
(the WSGI app behind `moto_server`), wrapped in a small middleware that logs every request and can inject
failures (HTTP 500 on the Nth PUT, …) the way a flaky object store would.

Run by itself (`python tests/s3_server.py`) it serves until killed and prints its address: the bench uses
it that way, in its own process, so the server does not share the deploying process's interpreter.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

KEY_ID = "AKIAQUNMATESTKEYID42"
SECRET = "qunma/Secret+Key-Never-Printed-0123456789"
REGION = "us-east-1"

_FAULT_BODY = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code>'
    b"<Message>We encountered an internal error. Please try again.</Message></Error>"
)


@dataclass
class Faults:
    """Requests the server answers with HTTP 500 instead of doing them."""

    put_from: int | None = None  # the Nth PUT of an object (1-based) and every one after it …
    put_count: int | None = None  # … this many of them (None: all, until healed)
    stall: float = 0.0  # seconds every request waits before it is handled
    puts: int = 0  # PUTs of objects seen so far
    failed: int = 0

    def fails(self, method: str, path: str) -> bool:
        if method != "PUT" or path.count("/") < 2:  # creating a bucket is no object PUT
            return False
        self.puts += 1
        if self.put_from is None or self.puts < self.put_from:
            return False
        if self.put_count is not None and self.failed >= self.put_count:
            return False
        self.failed += 1
        return True


@dataclass
class S3Server:
    url: str
    faults: Faults = field(default_factory=Faults)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) of each request
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset_log(self) -> None:
        with self.lock:
            self.requests.clear()
            self.faults = Faults()

    def object_puts(self, bucket: str) -> list[str]:
        """Keys PUT into the bucket since the log was reset (the bucket's own creation aside)."""
        prefix = f"/{bucket}/"
        return [
            path[len(prefix) :]
            for method, path in self.requests
            if method == "PUT" and path.startswith(prefix)
        ]

    def get(self, bucket: str, key: str) -> tuple[int, dict[str, str], bytes]:
        """An anonymous GET, as a CDN fetches from a public-read bucket (header names in lowercase)."""
        try:
            with urllib.request.urlopen(f"{self.url}/{bucket}/{key}", timeout=10) as answer:
                return answer.status, _lower(answer.headers.items()), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, _lower(error.headers.items()), error.read()

    def new_bucket(self, name: str) -> None:
        """A bucket anyone may read (what a static-website bucket is), created with moto's own client."""
        import boto3

        client = boto3.session.Session().client(
            "s3",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )
        client.create_bucket(Bucket=name)
        statement = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{name}/*",
        }
        client.put_bucket_policy(
            Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]})
        )
        client.close()

    def keys(self, bucket: str) -> set[str]:
        """Every key in the bucket (listed over the protocol, as any client would)."""
        import boto3

        client = boto3.session.Session().client(
            "s3",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )
        found: set[str] = set()
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            found.update(item["Key"] for item in page.get("Contents", []))
        client.close()
        return found


def _lower(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


def _middleware(app: Callable[..., Any], server: S3Server) -> Callable[..., Iterable[bytes]]:
    def handle(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        with server.lock:
            server.requests.append((method, path))
            fails = server.faults.fails(method, path)
            stall = server.faults.stall
        if stall:
            threading.Event().wait(stall)
        if fails:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            environ["wsgi.input"].read(length)  # the body, so the connection stays usable
            start_response("500 Internal Server Error", [("Content-Type", "application/xml")])
            return [_FAULT_BODY]
        result: Iterable[bytes] = app(environ, start_response)
        return result

    return handle


@contextmanager
def s3_server(port: int = 0) -> Iterator[S3Server]:
    """moto's S3 on 127.0.0.1 in a thread, stopped (and its port freed) on exit."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per request
    holder = S3Server(url="")
    app = _middleware(DomainDispatcherApplication(create_backend_app), holder)
    httpd = make_server("127.0.0.1", port, app, threaded=True, request_handler=MotoRequestHandler)
    holder.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield holder
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


if __name__ == "__main__":
    import sys

    with s3_server(int(sys.argv[1]) if len(sys.argv) > 1 else 0) as running:
        print(running.url, flush=True)
        threading.Event().wait()
