"""A small WeCom (企业微信) server-API client: access token + customer-group details, standard library only.

Documented shapes: GET /cgi-bin/gettoken?corpid=ID&corpsecret=SECRET → {errcode, errmsg, access_token,
expires_in}; POST /cgi-bin/externalcontact/groupchat/get?access_token=TOKEN with {"chat_id", "need_name"}
→ {errcode, errmsg, group_chat: {chat_id, name, owner, member_list: [...], ...}}. Errors come back as HTTP
200 with a non-zero errcode.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.client import HTTPException, InvalidURL
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import quote_plus, urlencode
from urllib.request import Request, urlopen

from generator.errors import QunmaError

DEFAULT_BASE = "https://qyapi.weixin.qq.com"
TOKEN_PATH = "/cgi-bin/gettoken"
GROUPCHAT_PATH = "/cgi-bin/externalcontact/groupchat/get"
ENV_CORP_ID = "WECOM_CORP_ID"
ENV_SECRET = "WECOM_SECRET"
ENV_BASE = "WECOM_API_BASE"

TOKEN_INVALID = frozenset({42001, 40014})  # access_token expired / invalid: fetch a new one, once
# -1 system busy; 45009 api freq out of limit; 45011 minute quota; 45033 api concurrent out of limit.
RETRYABLE = frozenset({-1, 45009, 45011, 45033})


class WeComApiError(QunmaError):
    """A call failed for good: errcode (None for HTTP/network/format trouble), errmsg, and how many tries."""

    def __init__(self, path: str, errcode: int | None, errmsg: str, tries: int = 1) -> None:
        self.path = path
        self.errcode = errcode
        self.errmsg = errmsg
        self.tries = tries
        code = "" if errcode is None else f"errcode {errcode}: "
        super().__init__(f"{path}: {code}{errmsg} ({tries} tries)")


@dataclass(frozen=True)
class Credentials:
    corp_id: str
    secret: str = field(repr=False)  # never printed, not even by repr()


def missing_env(environ: Mapping[str, str]) -> list[str]:
    """The credential variables that are unset or empty."""
    return [name for name in (ENV_CORP_ID, ENV_SECRET) if not environ.get(name, "").strip()]


def credentials_from_env(environ: Mapping[str, str]) -> Credentials:
    """WECOM_CORP_ID and WECOM_SECRET (check missing_env first: this raises KeyError on a missing one)."""
    return Credentials(environ[ENV_CORP_ID].strip(), environ[ENV_SECRET].strip())


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff: at most `tries` calls, waiting first_delay·2ⁿ (capped) between them."""

    tries: int = 5
    first_delay: float = 1.0
    max_delay: float = 20.0

    def __post_init__(self) -> None:
        if self.tries < 1:
            raise ValueError("RetryPolicy.tries must be at least 1")

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (0-based)."""
        return float(min(self.max_delay, self.first_delay * 2**attempt))


class _Transient(Exception):
    """A failure worth retrying: network trouble or an HTTP 5xx/429."""


class WeComClient:
    """Reads member counts of customer groups; one token per client, refreshed once when WeCom rejects it."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: str = DEFAULT_BASE,
        *,
        timeout: float = 15.0,
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._credentials = credentials
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._retry = retry
        self._sleep = sleep
        self._token: str | None = None

    def member_count(self, chat_id: str) -> int:
        """The number of members of the customer group `chat_id`: the members in group_chat.member_list."""
        data = self._authorized_post(GROUPCHAT_PATH, {"chat_id": chat_id, "need_name": 0})
        group_chat = data.get("group_chat")
        members = group_chat.get("member_list") if isinstance(group_chat, dict) else None
        if not isinstance(members, list):
            raise WeComApiError(GROUPCHAT_PATH, None, "the answer has no group_chat.member_list")
        return sum(1 for member in members if _is_member(member))

    def _authorized_post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        for refreshed in (False, True):
            data = self._call(path, {"access_token": self._access_token(refresh=refreshed)}, body)
            if data.get("errcode") in TOKEN_INVALID and not refreshed:
                continue  # expired mid-run (or revoked): one fresh token, then give up
            return self._checked(path, data)
        raise AssertionError("unreachable")  # pragma: no cover

    def _access_token(self, *, refresh: bool) -> str:
        if self._token is None or refresh:
            query = {"corpid": self._credentials.corp_id, "corpsecret": self._credentials.secret}
            data = self._checked(TOKEN_PATH, self._call(TOKEN_PATH, query, None))
            token = data.get("access_token")
            if not isinstance(token, str) or not token:
                raise WeComApiError(TOKEN_PATH, None, "the answer has no access_token")
            self._token = token
        return self._token

    def _call(self, path: str, query: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        """One API call, retried with backoff while WeCom is busy, rate-limiting, or unreachable."""
        tries = self._retry.tries
        errcode: object = None
        detail = ""
        for attempt in range(tries):
            try:
                data = self._send(path, query, body)
            except _Transient as exc:
                errcode, detail = None, str(exc)
            else:
                errcode = data.get("errcode")
                if errcode not in RETRYABLE:
                    return data
                detail = str(data.get("errmsg", ""))
            if attempt + 1 < tries:
                self._sleep(self._retry.delay(attempt))
        raise WeComApiError(path, errcode if isinstance(errcode, int) else None, self._scrub(detail), tries)

    def _send(self, path: str, query: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        url = f"{self._base}{path}?{urlencode(query)}"
        payload = None if body is None else json.dumps(body).encode("utf-8")
        headers = {} if payload is None else {"Content-Type": "application/json; charset=utf-8"}
        try:
            request = Request(url, data=payload, headers=headers, method="GET" if body is None else "POST")
            with urlopen(request, timeout=self._timeout) as response:
                raw = response.read()
        except HTTPError as exc:
            exc.close()
            if exc.code >= 500 or exc.code == 429:
                raise _Transient(f"HTTP {exc.code}") from None
            raise WeComApiError(path, None, f"HTTP {exc.code}") from None
        except (ValueError, InvalidURL) as exc:  # a malformed WECOM_API_BASE: the message quotes the URL
            raise WeComApiError(path, None, self._scrub(f"{type(exc).__name__}: {exc}")) from None
        except (URLError, OSError, HTTPException) as exc:  # refused, reset, DNS, timeout, cut short
            reason = exc.reason if isinstance(exc, URLError) else exc
            raise _Transient(self._scrub(f"{type(reason).__name__}: {reason}")) from None
        return _parse(path, raw)

    def _checked(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        errcode = data.get("errcode", 0)
        if errcode != 0:
            code = errcode if isinstance(errcode, int) else None
            raise WeComApiError(path, code, self._scrub(str(data.get("errmsg", ""))))
        return data

    def _scrub(self, text: str) -> str:
        """Belt and braces: no message of ours may carry the secret, as typed or as sent in a URL."""
        secret = self._credentials.secret
        for form in (secret, quote_plus(secret)) if secret else ():
            text = text.replace(form, "***")
        return text


def _is_member(entry: object) -> bool:
    # A member is an object with its userid (documented); a null or a bare number in the list is no one.
    return isinstance(entry, dict) and isinstance(entry.get("userid"), str) and bool(entry["userid"])


def _parse(path: str, raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WeComApiError(path, None, "the answer is not JSON") from None
    if not isinstance(data, dict):
        raise WeComApiError(path, None, "the answer is not a JSON object")
    return data
