"""Tests that need a host name that does not exist, answered as such by this machine's resolver."""

from __future__ import annotations

import socket

import pytest


def require_nxdomain(host: str) -> None:
    """Skip where no resolver answers (then every lookup fails "temporarily", which must stay an error)."""
    try:
        socket.getaddrinfo(host, 443)
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_NONAME:
            return
        pytest.skip(f"no DNS resolver answers here ({exc})")
    pytest.fail(f"{host} resolves")
