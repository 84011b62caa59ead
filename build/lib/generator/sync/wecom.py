"""A small WeCom (企业微信) server-API client: access token + customer-group details, standard library only.

Documented shapes: GET /cgi-bin/gettoken?corpid=ID&corpsecret=SECRET → {errcode, errmsg, access_token,
expires_in}; POST /cgi-bin/externalcontact/groupchat/get?access_token=TOKEN with {"chat_id", "need_name"}
→ {errcode, errmsg, group_chat: {chat_id, name, owner, member_list: [...], ...}}. Errors come back as HTTP
200 with a non-zero errcode.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus, urlencode

from generator.common.httpclient import HttpClient, Limits, NetError, parse_json
from generator.common.remotetext import excerpt, shown
from generator.errors import QunmaError
from generator.messages import t

DEFAULT_BASE = "https://qyapi.weixin.qq.com"
TOKEN_PATH = "/cgi-bin/gettoken"
GROUPCHAT_PATH = "/cgi-bin/externalcontact/groupchat/get"
ENV_CORP_ID = "WECOM_CORP_ID"
ENV_SECRET = "WECOM_SECRET"
ENV_BASE = "WECOM_API_BASE"

TOKEN_INVALID = frozenset({42001, 40014})  # access_token expired / invalid: fetch a new one, once
# -1 system busy; 45009 api freq out of limit; 45011 minute quota; 45033 api concurrent out of limit.
RETRYABLE = frozenset({-1, 45009, 45011, 45033})
# Network failures worth another try: the server, or the way to it, may be back in a moment.
_TRANSIENT = frozenset({"refused", "timeout", "broken", "dns"})
# One sync, all its calls and waits: 60 s (sync_from_env adds a second per group); an answer is a few KB
# (a group of 2,000 members ~300 KB), a token at most 512 bytes by WeCom's documentation.
LIMITS = Limits(deadline=60.0, read_timeout=15.0, max_bytes=2 * 2**20, max_redirects=2)
_MAX_TOKEN = 2048

Reason = tuple[str, dict[str, object]]  # a catalogue key and its values


class WeComApiError(QunmaError):
    """A call failed for good: errcode (None for HTTP/network/format trouble), the reason, how many tries."""

    def __init__(self, path: str, errcode: int | None, reason: Reason, tries: int = 1) -> None:
        self.path = path
        self.errcode = errcode
        self.key, self.params = reason
        self.tries = tries
        super().__init__(f"{path}: {self.reason('en')} ({tries} tries)")

    @property
    def errmsg(self) -> str:
        """WeCom's own errmsg (escaped) for an errcode; otherwise the reason, in English."""
        return str(self.params.get("msg", "")) if self.errcode is not None else self.reason("en")

    def reason(self, lang: str) -> str:
        """Why the call failed, in the site's language (remote text escaped, secrets scrubbed)."""
        return t(lang, self.key, **self.params)

    def after(self, tries: int) -> WeComApiError:
        """The same failure, reported after `tries` tries."""
        return WeComApiError(self.path, self.errcode, (self.key, self.params), tries)


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

    def __init__(self, error: WeComApiError) -> None:
        super().__init__(str(error))
        self.error = error


class WeComClient:
    """Reads member counts of customer groups; one token per client, refreshed once when WeCom rejects it.

    All calls of one client share one deadline (Limits.deadline, from the client's creation), backoff
    waits included: a slow or trickling server cannot keep `qunma sync` running.
    """

    def __init__(
        self,
        credentials: Credentials,
        base_url: str = DEFAULT_BASE,
        *,
        limits: Limits = LIMITS,
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self._credentials = credentials
        self._base = base_url.rstrip("/")
        self._http = HttpClient(limits, tls=tls)
        self._retry = retry
        self._sleep = sleep
        self._token: str | None = None

    def member_count(self, chat_id: str) -> int:
        """The number of members of the customer group `chat_id`: the members in group_chat.member_list."""
        data = self._authorized_post(GROUPCHAT_PATH, {"chat_id": chat_id, "need_name": 0})
        group_chat = data.get("group_chat")
        members = group_chat.get("member_list") if isinstance(group_chat, dict) else None
        if not isinstance(members, list):
            raise WeComApiError(GROUPCHAT_PATH, None, ("wecom_no_members", {}))
        return sum(1 for member in members if _is_member(member))

    def _authorized_post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        for refreshed in (False, True):
            data = self._call(path, {"access_token": self._access_token(refresh=refreshed)}, body)
            if data["errcode"] in TOKEN_INVALID and not refreshed:
                continue  # expired mid-run (or revoked): one fresh token, then give up
            return self._checked(path, data)
        raise AssertionError("unreachable")  # pragma: no cover

    def _access_token(self, *, refresh: bool) -> str:
        if self._token is None or refresh:
            query = {"corpid": self._credentials.corp_id, "corpsecret": self._credentials.secret}
            data = self._checked(TOKEN_PATH, self._call(TOKEN_PATH, query, None))
            token = data.get("access_token")
            # It goes into every later URL: a plain, bounded string or nothing (and never into a message).
            if not isinstance(token, str) or not 0 < len(token) <= _MAX_TOKEN or not _plain_ascii(token):
                raise WeComApiError(TOKEN_PATH, None, ("wecom_no_token", {}))
            self._token = token
        return self._token

    def _call(self, path: str, query: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        """One API call, retried with backoff while WeCom is busy, rate-limiting, or unreachable."""
        for attempt in range(self._retry.tries):
            try:
                data = self._send(path, query, body)
            except _Transient as exc:
                error = exc.error
            else:
                if data["errcode"] not in RETRYABLE:
                    return data
                error = self._errcode_error(path, data)
            delay = self._retry.delay(attempt)
            # No try left, or no time left for the wait before it: report what the last try met.
            if attempt + 1 == self._retry.tries or delay >= self._http.deadline.remaining():
                raise error.after(attempt + 1)
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, path: str, query: dict[str, str], body: dict[str, Any] | None) -> dict[str, Any]:
        url = f"{self._base}{path}?{urlencode(query)}"
        payload = None if body is None else json.dumps(body).encode("utf-8")
        headers = {} if payload is None else {"Content-Type": "application/json; charset=utf-8"}
        method = "GET" if body is None else "POST"
        try:
            response = self._http.request(method, url, body=payload, headers=headers)
        except NetError as exc:
            if exc.kind in _TRANSIENT:
                raise _Transient(self._net_error(path, exc)) from None
            raise self._net_error(path, exc) from None
        if response.status != 200:
            error = WeComApiError(path, None, ("wecom_http", {"code": response.status}))
            if response.status >= 500 or response.status == 429:
                raise _Transient(error)
            raise error
        return self._answer(path, response.body)

    def _answer(self, path: str, raw: bytes) -> dict[str, Any]:
        """The answer as WeCom documents it: a JSON object with a whole-number errcode."""
        try:
            data = parse_json(raw, self._http.limits)
        except NetError as exc:
            raise self._net_error(path, exc) from None
        if not isinstance(data, dict):
            raise WeComApiError(path, None, ("wecom_not_object", {}))
        if "errcode" not in data:
            raise WeComApiError(path, None, ("wecom_no_errcode", {}))
        if type(data["errcode"]) is not int:  # "0", null, true, 1.5, [...], {...}: not WeCom's answer
            value = self._scrub(excerpt(data["errcode"], 60))
            raise WeComApiError(path, None, ("wecom_bad_errcode", {"value": value}))
        return data

    def _checked(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        if data["errcode"] != 0:
            raise self._errcode_error(path, data)
        return data

    def _errcode_error(self, path: str, data: dict[str, Any]) -> WeComApiError:
        errmsg = data.get("errmsg")
        text = errmsg if isinstance(errmsg, str) else "" if errmsg is None else json.dumps(errmsg)[:400]
        msg = shown(self._scrub(text), 300)  # scrubbed before it is cut, so no part of a secret is left
        key = "sync_reason_errcode" if msg else "sync_reason_errcode_bare"
        return WeComApiError(path, data["errcode"], (key, {"code": data["errcode"], "msg": msg}))

    def _net_error(self, path: str, exc: NetError) -> WeComApiError:
        params = {k: self._scrub(v) if isinstance(v, str) else v for k, v in exc.params.items()}
        return WeComApiError(path, None, (f"net_{exc.kind}", params))

    def _scrub(self, text: str) -> str:
        """Belt and braces: no message of ours may carry the secret or the token, in any form it takes."""
        for value in (self._credentials.secret, self._token):
            for form in {value, quote_plus(value), shown(value)} if value else ():
                text = text.replace(form, "***")
        return text


def _plain_ascii(text: str) -> bool:
    return text.isascii() and text.isprintable() and " " not in text


def _is_member(entry: object) -> bool:
    # A member is an object with its userid (documented); a null or a bare number in the list is no one.
    return isinstance(entry, dict) and isinstance(entry.get("userid"), str) and bool(entry["userid"])
