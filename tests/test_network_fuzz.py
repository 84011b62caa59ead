"""Fuzz the network edge: `qunma sync` and `qunma check --published` against servers that misbehave at random.

Every kind of hostility below is served once to each command, with parameters drawn from a seeded random
generator (QUNMA_FUZZ_SEED to replay another draw): trickles, silence, huge or endless bodies, deep JSON,
giant numbers, odd types, bad redirects, bad status lines and codes, resets, bad UTF-8, forged CI
commands. Whatever the server does, the command must end within the deadline (plus start-up slack), stay
within bounded memory, print no traceback, no workflow command and no secret, and exit 0 or 1: 0 only for
a clean 404/410 of the live site (a first deploy), never for WeCom's hostility; pool-status.yml untouched.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from httpkit import (
    Behaviour,
    answer,
    endless,
    raw,
    redirect,
    reset,
    serving_behaviour,
    silence,
    trickle,
)
from netkit import assert_contained, check_published, mini_project, sync
from wecom_fake import CORP_ID, SECRET, FakeWeCom, serve

SEED = int(os.environ.get("QUNMA_FUZZ_SEED", "20261123"))
DEADLINE = 1.0  # seconds for each command's network: every slow hostility ends here
FORGED = [
    "\n::error ::forged",
    "\r\n::set-output name=deploy::true",
    "##[error]old",
    "\x1b[2J",
    "\u202e",
    "::",
]
OK = b"HTTP/1.1 200 OK\r\n"


def _text(rng: random.Random) -> str:
    return rng.choice(FORGED) + "".join(rng.choice('ab:\n%{}[]"\\€') for _ in range(rng.randint(0, 12)))


def _odd_value(rng: random.Random, depth: int = 0) -> object:
    """A JSON value of a random type, now and then holding text that tries to forge a CI command."""
    pick = rng.randint(0, 8 if depth < 3 else 5)
    scalars: list[object] = [None, rng.choice([True, False]), rng.randint(-(10**30), 10**30), rng.random()]
    if pick < 4:
        return scalars[pick]
    if pick < 6:
        return _text(rng) if pick == 4 else str(rng.randint(0, 9))
    if pick < 8:
        return [_odd_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {_text(rng): _odd_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def _document(rng: random.Random) -> dict[str, object]:
    """An answer with the keys WeCom and the manifest use, each of a random (mostly wrong) type."""
    keys = ["errcode", "errmsg", "access_token", "group_chat", "version", "fingerprint", "campaigns"]
    return {key: _odd_value(rng) for key in keys if rng.random() < 0.8}


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _status(rng: random.Random, length: int | None = None) -> bytes:
    size = f"Content-Length: {length}\r\n" if length is not None else "Connection: close\r\n"
    return OK + size.encode() + b"\r\n"


# Each kind: rng → (behaviour, whether a live site doing this may count as "nothing published yet").
Kind = Callable[[random.Random], tuple[Behaviour, bool]]
KINDS: dict[str, Kind] = {
    "trickle the status line": lambda r: (trickle(b"", b"H", every=r.uniform(0.05, 0.3)), False),
    "trickle the headers": lambda r: (
        trickle(OK, r.choice([b"x", b":", b" "]), every=r.uniform(0.05, 0.3)),
        False,
    ),
    "trickle the body": lambda r: (
        trickle(_status(r, 10**6) + b'{"a": "', b"a", every=r.uniform(0.05, 0.3)),
        False,
    ),
    "100 Continue forever": lambda r: (trickle(b"", b"HTTP/1.1 100 Continue\r\n\r\n", every=0.01), False),
    "say nothing": lambda r: (silence(), False),
    "declare a huge body": lambda r: (endless(_status(r, 10 ** r.randint(8, 15)), b" " * 65536), False),
    "send an endless body": lambda r: (
        endless(_status(r), r.choice([b"[", b"a", b"9", b"\xff"]) * 65536),
        False,
    ),
    "send endless chunks": lambda r: (
        endless(OK + b"Transfer-Encoding: chunked\r\n\r\n", b"10000\r\n" + b"[" * 65536 + b"\r\n"),
        False,
    ),
    "send a bad chunk size": lambda r: (
        raw(OK + b"Transfer-Encoding: chunked\r\n\r\n" + r.choice([b"zz", b"9" * 5000, b"-1"]) + b"\r\nx"),
        False,
    ),
    "nest JSON deep": lambda r: (answer(200, b"[" * (n := r.randint(33, 300_000)) + b"]" * n), False),
    "nest objects deep": lambda r: (
        answer(200, b'{"errcode":' * (n := r.randint(33, 50_000)) + b"0" + b"}" * n),
        False,
    ),
    "a giant number": lambda r: (
        answer(
            200,
            b'{"errcode": 0, "version": '
            + r.choice([b"", b"-", b"0."])
            + b"9" * r.randint(41, 50_000)
            + b"}",
        ),
        False,
    ),
    "odd types": lambda r: (answer(200, _json(_document(r))), False),
    "odd top level": lambda r: (answer(200, _json(_odd_value(r))), False),
    "NaN and Infinity": lambda r: (
        answer(200, r.choice([b'{"errcode": NaN}', b"[Infinity]", b"-Infinity"])),
        False,
    ),
    "bad UTF-8": lambda r: (
        answer(200, b'{"errcode": 0, "errmsg": "' + bytes(r.randrange(128, 256) for _ in range(9)) + b'"}'),
        False,
    ),
    "garbage instead of HTTP": lambda r: (
        raw(bytes(r.randrange(256) for _ in range(r.randint(0, 4000)))),
        False,
    ),
    "JSON without a status line": lambda r: (raw(b'{"errcode": 0, "access_token": "t"}\r\n\r\n'), False),
    "a bad status line": lambda r: (
        raw(b"HTTP/1.1 " + r.choice([b"999", b"0", b"abc", b"-1", b"2000", b"", b"20"]) + b" X\r\n\r\n{}"),
        False,
    ),
    "an odd status code": lambda r: (
        answer(r.choice([204, 206, 301, 400, 403, 418, 429, 500, 503, 599, 999]), b"{}"),
        False,
    ),
    "a clean 404 or 410": lambda r: (answer(r.choice([404, 410]), b"<h1>gone</h1>"), True),
    "redirect away": lambda r: (
        redirect(
            r.choice(
                [
                    "ftp://127.0.0.1/qunma-manifest.json",
                    "http://qunma-fuzz.invalid/",
                    "//127.0.0.2/x",
                    "https://127.0.0.1:1/",
                    "javascript:alert(1)",
                    "http://[::1",
                    "file:///etc/passwd",
                    "http://127.0.0.1:1/\n::error ::forged",
                    "http://" + "a" * 60_000 + "/",
                ]
            ),
            r.choice([301, 302, 303, 307, 308]),
        ),
        False,
    ),
    "redirect in a loop": lambda r: (redirect("/again", r.choice([301, 302, 307])), False),
    "redirect without Location": lambda r: (answer(302), False),
    "reset at once": lambda r: (reset(), False),
    "reset mid-body": lambda r: (reset(_status(r, 5000) + b'{"errcode": 0, "errm'), False),
    "close mid-body": lambda r: (raw(_status(r, 5000) + b'{"errcode": 0, "errm'), False),
    "a header line too long": lambda r: (
        raw(OK + b"X-Pad: " + b"a" * r.randint(70_000, 200_000) + b"\r\n\r\n"),
        False,
    ),
    "too many headers": lambda r: (raw(OK + b"X: y\r\n" * r.randint(101, 5000) + b"\r\n"), False),
    "forged commands everywhere": lambda r: (
        answer(
            200,
            _json(
                {
                    "errcode": 60020,
                    "errmsg": _text(r),
                    "version": 1,
                    "fingerprint": _text(r),
                    "campaigns": {_text(r): [_text(r)]},
                }
            ),
            {"X-Note": "x\t::error ::forged"},
        ),
        False,
    ),
}


def _draws() -> list[tuple[str, int]]:
    rng = random.Random(SEED)
    return [(kind, rng.randrange(2**32)) for kind in KINDS]


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mini_project(tmp_path_factory.mktemp("fuzz") / "project")


@pytest.mark.parametrize("kind, seed", _draws(), ids=[kind for kind in KINDS])
def test_a_hostile_live_site(campaigns: Path, kind: str, seed: int) -> None:
    behaviour, first_deploy = KINDS[kind](random.Random(seed))
    with serving_behaviour(behaviour) as url:
        run = check_published(campaigns, url, DEADLINE)
    assert_contained(run, deadline=DEADLINE)
    if first_deploy:
        assert run.code == 0 and "还没有发布过网站（网站回答 HTTP 4" in run.stdout
    else:
        assert run.code == 1 and "还没有发布过网站" not in run.output


@pytest.mark.parametrize("kind, seed", _draws(), ids=[kind for kind in KINDS])
def test_a_hostile_wecom(campaigns: Path, kind: str, seed: int) -> None:
    rng = random.Random(seed)
    behaviour, _first_deploy = KINDS[kind](rng)
    fake = FakeWeCom(members={"wrA": 3, "wrB": 4})
    fake.hostile[rng.choice(["gettoken", "groupchat"])] = behaviour
    with serve(fake) as base:
        run = sync(campaigns, base, SECRET, CORP_ID, DEADLINE)
    assert_contained(run, deadline=DEADLINE, secrets=(SECRET,))
    assert run.code == 1 and "pool-status.yml 没有改动" in run.stderr
    assert not (campaigns.parent / "pool-status.yml").exists()
