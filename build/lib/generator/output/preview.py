"""The preview's address: taken or not, said before `qunma serve` spends a whole build first."""

from __future__ import annotations

import errno
import socket

from generator.common.oserrors import os_reason
from generator.errors import QunmaError
from generator.messages import t


def check_free(host: str, port: int) -> None:
    """QunmaError when the preview could not listen on host:port. Bound as MkDocs binds, reusing the
    address, so that a port the previous preview left in TIME_WAIT counts as free."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise port_taken(host, port) from None
            reason = os_reason(exc, "zh")
            raise QunmaError(t("zh", "serve_addr_failed", addr=f"{host}:{port}", reason=reason)) from None


def port_taken(host: str, port: int) -> QunmaError:
    """The error for an address in use, naming the flag that picks another port."""
    shown = f"[{host}]" if ":" in host else host
    other = f"{shown}:{port + 1 if port < 65535 else 8001}"
    return QunmaError(t("zh", "serve_port_taken", addr=f"{shown}:{port}", other=other))
