"""The bounded HTTP client itself: deadline, limits, redirect policy, JSON bounds, TLS; and remote text."""

from __future__ import annotations

import ast
import json
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from httpkit import answer, redirect, serving_behaviour, silence, trickle

import generator
from generator.common.httpclient import HttpClient, Limits, NetError, display, parse_json
from generator.common.remotetext import excerpt, shown
from generator.errors import QunmaError

# --- remote text ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("autumn", "autumn"),
        ("拾光咖啡　福利群", "拾光咖啡　福利群"),  # printable, full-width space included: left alone
        ("a\n::error ::x", "a\\n:\\:error :\\:x"),
        ("::warning::x", ":\\:warning:\\:x"),
        ("a:::b", "a:\\:\\:b"),  # no "::" left, however many colons in a row
        ("##[error]x", "#\\#[error]x"),
        ("\r\x1b[2J\x00\t", "\\r\\x1b[2J\\x00\\t"),
        ("ab\u202ecd\u200b\u2028", "ab\\u202ecd\\u200b\\u2028"),
        ("x\U000e0041", "x\\U000e0041"),
    ],
)
def test_shown_makes_remote_text_inert(text: str, expected: str) -> None:
    assert shown(text) == expected


def test_shown_bounds_the_length_and_excerpt_renders_json() -> None:
    assert shown("a" * 1000, 10) == "a" * 10 + "…"
    assert excerpt("0") == '"0"' and excerpt(None) == "null" and excerpt([1, {"a": 2}]) == '[1, {"a": 2}]'
    assert excerpt({"k": "v\n::error"}) == '{"k": "v\\n:\\:error"}'
    assert excerpt(object()) == "object"


def test_display_never_shows_the_query() -> None:
    assert display("https://qyapi.example/cgi-bin/gettoken?corpid=a&corpsecret=SECRET#x") == (
        "https://qyapi.example/cgi-bin/gettoken"
    )


# --- JSON within bounds -----------------------------------------------------------------------------------

LIMITS = Limits()


@pytest.mark.parametrize(
    "raw, kind",
    [
        (b"[" * 40 + b"]" * 40, "json_deep"),
        (b"[" * 100_000 + b"]" * 100_000, "json_values"),
        (b'{"a":' * 5_000 + b"1" + b"}" * 5_000, "json_deep"),
        (b"1" * 5_000, "json_number"),
        (b"-0." + b"1" * 5_000, "json_number"),
        (b"[" + b",".join([b"7"] * 100_000) + b"]", "json_values"),
        (b"NaN", "not_json"),
        (b"{'a': 1}", "not_json"),
        (b"", "not_json"),
        (b"\xc3\x28", "not_utf8"),
    ],
)
def test_json_outside_the_bounds_is_a_net_error(raw: bytes, kind: str) -> None:
    with pytest.raises(NetError) as caught:
        parse_json(raw, LIMITS)
    assert caught.value.kind == kind
    assert "Traceback" not in caught.value.describe("zh")


def test_json_within_the_bounds_is_read_as_json() -> None:
    document = {"errcode": 0, "n": 2**120, "x": -1.5e-7, "deep": [[[[[]]]]], "s": "群\n"}
    assert parse_json(json.dumps(document).encode(), LIMITS) == document
    assert parse_json(b"[" * 32 + b"]" * 32, LIMITS) is not None


# --- the deadline and the limits --------------------------------------------------------------------------


def _get(url: str, **limits: float) -> tuple[NetError, float]:
    start = time.monotonic()
    with pytest.raises(NetError) as caught:
        HttpClient(Limits(**limits)).request("GET", url)  # type: ignore[arg-type]
    return caught.value, time.monotonic() - start


@pytest.mark.parametrize(
    "head", [b"", b"HTTP/1.1 200 OK\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"]
)
def test_the_deadline_ends_a_trickle_wherever_it_is(head: bytes) -> None:
    with serving_behaviour(trickle(head, b"x", every=0.1)) as url:
        error, seconds = _get(url, deadline=0.8, read_timeout=30)
    assert error.kind == "deadline" and seconds < 0.8 + 1.0
    assert error.describe("en").startswith("it did not finish within 0.8 s")


def test_one_deadline_covers_every_request_of_a_client() -> None:
    with serving_behaviour(answer(200, b"{}")) as url:
        client = HttpClient(Limits(deadline=0.5))
        assert client.request("GET", url).status == 200
        time.sleep(0.6)
        with pytest.raises(NetError) as caught:
            client.request("GET", url)
    assert caught.value.kind == "deadline"


def test_a_silent_server_times_out_per_read() -> None:
    with serving_behaviour(silence(5)) as url:
        error, seconds = _get(url, deadline=10, read_timeout=0.3)
    assert error.kind == "timeout" and seconds < 3


def test_the_size_limit_is_checked_before_and_while_reading() -> None:
    with serving_behaviour(answer(200, b"x" * 5000)) as url:
        error, _ = _get(url, max_bytes=4999)
        assert (
            error.kind == "too_large"
            and error.describe("en") == "the answer is larger than the 4,999 bytes limit"
        )
        assert HttpClient(Limits(max_bytes=5000)).request("GET", url).body == b"x" * 5000


def test_the_deadline_comes_from_the_environment() -> None:
    assert Limits().with_env({"QUNMA_NET_DEADLINE": " 7.5 "}, "zh").deadline == 7.5
    assert Limits().with_env({}, "zh") == Limits()
    for bad in ("0", "abc", "nan", "1e9", "-3"):
        with pytest.raises(QunmaError, match="QUNMA_NET_DEADLINE"):
            Limits().with_env({"QUNMA_NET_DEADLINE": bad}, "en")


# --- redirects --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "location, followed",
    [
        ("/elsewhere", True),
        ("elsewhere", True),
        ("{url}elsewhere", True),
        ("ftp://127.0.0.1/x", False),
        ("http://localhost:{port}/x", False),  # the same machine under another name: another site
        ("http://127.0.0.1:1/x", False),
        ("https://127.0.0.1:{port}/x", False),  # another port (https's default is 443)
        ("mailto:a@b", False),
    ],
)
def test_redirects_are_followed_only_within_the_site(location: str, followed: bool) -> None:
    def site(handler: object) -> None:
        path = handler.path  # type: ignore[attr-defined]
        port = handler.server.server_address[1]  # type: ignore[attr-defined]
        target = location.format(url=f"http://127.0.0.1:{port}/", port=port)
        (answer(200, b"ok") if path.endswith("elsewhere") else redirect(target))(handler)  # type: ignore[arg-type]

    with serving_behaviour(site) as url:
        if followed:
            response = HttpClient().request("GET", url)
            assert (response.status, response.body, response.url) == (200, b"ok", url + "elsewhere")
        else:
            with pytest.raises(NetError) as caught:
                HttpClient().request("GET", url)
            assert caught.value.kind == "redirect_away"


def test_redirect_counts_and_methods_are_bounded() -> None:
    with serving_behaviour(redirect("/again")) as url:
        with pytest.raises(NetError, match="more than 3 redirects"):
            HttpClient(Limits(max_redirects=3)).request("GET", url)
        with pytest.raises(NetError, match=r"redirects the request \(HTTP 302\)"):
            HttpClient().request("POST", url, body=b"{}")


def test_a_path_in_chinese_is_sent_encoded() -> None:
    with serving_behaviour(lambda handler: answer(200, handler.path.encode())(handler)) as url:  # type: ignore
        assert HttpClient().request("GET", url + "拾光/清单.json?a=b&c=%20").body == (
            b"/%E6%8B%BE%E5%85%89/%E6%B8%85%E5%8D%95.json?a=b&c=%20"
        )


def test_a_bad_address_is_a_net_error() -> None:
    for url in ("ftp://x/", "http:///nohost", "http://a b/", "http://x:99999/", "http://[::1/"):
        with pytest.raises(NetError) as caught:
            HttpClient().request("GET", url)
        assert caught.value.kind == "bad_url", url


def test_a_refused_port_is_named() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error, _ = _get(f"http://127.0.0.1:{port}/")
    assert (error.kind, error.host, error.describe("zh")) == ("refused", "127.0.0.1", "127.0.0.1 拒绝连接")


# --- TLS --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate for 127.0.0.1 (PEM with its key), made by openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"), "-out",
         str(folder / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return folder


def _server_context(folder: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


def test_https_works_with_a_trusted_certificate_and_fails_clearly_without(certificate: Path) -> None:
    from httpkit import HostileHandler, serving

    handler = type("TlsAnswer", (HostileHandler,), {"behaviour": staticmethod(answer(200, b'{"ok": 1}'))})
    with serving(handler, tls=_server_context(certificate)) as url:
        trusted = ssl.create_default_context(cafile=str(certificate / "cert.pem"))
        assert HttpClient(tls=trusted).request("GET", url).body == b'{"ok": 1}'
        with pytest.raises(NetError) as caught:
            HttpClient().request("GET", url)
    assert caught.value.kind == "tls" and "self-signed certificate" in caught.value.describe("en")


def test_a_tls_handshake_that_never_ends_is_cut_by_the_deadline() -> None:
    with socket.socket() as silent:  # accepts the connection (backlog), never answers the ClientHello
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        error, seconds = _get(f"https://127.0.0.1:{silent.getsockname()[1]}/", deadline=0.6, read_timeout=30)
    assert error.kind == "deadline" and seconds < 2


# --- one way out ------------------------------------------------------------------------------------------

# What opens a connection (ssl alone is allowed: callers pass an SSLContext to the client).
NETWORK_MODULES = {"socket", "http.client", "urllib.request", "urllib3", "requests", "httpx", "aiohttp"}


def test_only_the_bounded_client_talks_to_the_network() -> None:
    # Every request goes through httpclient.py (over httpconn.py), so every one has the deadline, the size
    # limit and the redirect policy: a new edge (chat robots, deploy) must not open a socket of its own.
    package = Path(generator.__file__).parent
    talking = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if NETWORK_MODULES & set(names):
                talking.add(path.relative_to(package).as_posix())
    # output/preview.py only binds the preview's port on this machine (qunma serve): it connects nowhere.
    assert talking == {"common/httpclient.py", "common/httpconn.py", "output/preview.py"}


# The S3 client: boto3 (over botocore and urllib3) signs requests and speaks S3's retries and errors, no
# job for our small client; it is bounded where it is made (timeouts, tries, the deadline hook), so it may
# be imported by that one module only.
S3_CLIENTS = {"boto3", "botocore", "s3transfer"}


def test_only_the_deploy_storage_module_uses_the_s3_client() -> None:
    package = Path(generator.__file__).parent
    using = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if S3_CLIENTS & {name.split(".")[0] for name in names}:
                using.add(path.relative_to(package).as_posix())
    assert using == {"deploy/storage.py"}
