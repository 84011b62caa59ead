"""The three chat robots as their services document them: where the webhook comes from, how a message is
written, how large it may be, how it is signed, and what an answer means.

- WeCom group robot (企业微信群机器人): POST {"msgtype": "markdown", "markdown": {"content"}}, content at most
  4,096 bytes of UTF-8 (errcode 40058 past it), 20 messages a minute (errcode 45009); no signing, the key is
  the webhook's `key` query parameter.
- Feishu custom bot (飞书自定义机器人): POST {"msg_type": "interactive", "card": …} (a card with lark_md
  text); with a signing secret, the body carries "timestamp" (seconds) and "sign": base64 of HMAC-SHA256 with
  the key `timestamp + "\\n" + secret` over an empty message (code 19021 when it does not match or is more
  than an hour off). The body may be 20 KB (the service refuses past 30 KB with code 19036); code 11232 or
  HTTP 429 when sending too often.
- DingTalk custom robot (钉钉自定义机器人): POST {"msgtype": "markdown", "markdown": {"title", "text"}};
  with a signing secret, `&timestamp=` (milliseconds) `&sign=` are added to the URL: base64 of HMAC-SHA256
  with the key `secret` over `timestamp + "\\n" + secret`, URL-encoded (errcode 310000 when it does not
  match). The body may be 20,000 bytes (errcode 460101), 20 messages a minute (errcode 130101, then 10
  minutes' silence).

Webhook URLs carry the robot's key (WeCom, DingTalk: in the query; Feishu: in the path): a URL is never
printed, only the name of its environment variable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import quote_plus, urlsplit

from generator.errors import QunmaError
from generator.messages import t


class Kind(StrEnum):
    WECOM = "wecom"
    FEISHU = "feishu"
    DINGTALK = "dingtalk"


# kind → (webhook variable, signing secret variable)
ENV: dict[Kind, tuple[str, str | None]] = {
    Kind.WECOM: ("QUNMA_WECOM_WEBHOOK", None),
    Kind.FEISHU: ("QUNMA_FEISHU_WEBHOOK", "QUNMA_FEISHU_SECRET"),
    Kind.DINGTALK: ("QUNMA_DINGTALK_WEBHOOK", "QUNMA_DINGTALK_SECRET"),
}
WECOM_CONTENT_BYTES = 4096
FEISHU_BODY_BYTES = 20_000
DINGTALK_BODY_BYTES = 20_000


@dataclass(frozen=True)
class Robot:
    """One configured robot: its kind and webhook (and signing secret), never shown by repr()."""

    kind: Kind
    url: str = field(repr=False)
    secret: str | None = field(default=None, repr=False)

    @property
    def variable(self) -> str:
        """The environment variable the webhook came from: how a robot is named in every message."""
        return ENV[self.kind][0]

    def secrets(self) -> list[str]:
        """Every part of the configuration that must never be printed: URL, its path and query, secret."""
        parts = urlsplit(self.url)
        found = [self.url, parts.path, parts.query, *parts.query.split("&"), *parts.path.split("/")]
        found += [value.partition("=")[2] for value in parts.query.split("&")]
        pieces = [part for part in found if len(part) >= 8]  # short pieces of a URL ("hook", "v2") are no key
        return pieces + ([self.secret] if self.secret else [])


def robots_from_env(environ: Mapping[str, str], lang: str) -> list[Robot]:
    """The robots whose webhook variable is set, in a fixed order; QunmaError for a webhook that is no URL."""
    robots = []
    for kind, (url_name, secret_name) in ENV.items():
        url = environ.get(url_name, "").strip()
        if not url:
            continue
        parts = urlsplit(url) if url.isprintable() and " " not in url else None
        if parts is None or parts.scheme not in ("https", "http") or not parts.hostname:
            raise QunmaError(t(lang, "notify_bad_webhook", name=url_name))  # the value itself is secret
        secret = environ.get(secret_name, "").strip() if secret_name else ""
        robots.append(Robot(kind, url, secret or None))
    return robots


@dataclass(frozen=True)
class Request:
    url: str
    body: bytes


def request(robot: Robot, title: str, content: str, clock: Callable[[], float] = time.time) -> Request:
    """The signed request carrying one message (title: the notification's one-line summary)."""
    if robot.kind is Kind.WECOM:
        return Request(robot.url, _json({"msgtype": "markdown", "markdown": {"content": content}}))
    if robot.kind is Kind.FEISHU:
        return Request(robot.url, _json(_feishu_body(robot.secret, title, content, clock)))
    url = robot.url
    if robot.secret:
        stamp = str(int(clock() * 1000))
        sign = quote_plus(dingtalk_sign(stamp, robot.secret))
        url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={sign}"
    return Request(url, _json({"msgtype": "markdown", "markdown": {"title": title, "text": content}}))


def _feishu_body(secret: str | None, title: str, content: str, clock: Callable[[], float]) -> dict[str, Any]:
    card = {
        "header": {"title": {"tag": "plain_text", "content": title}, "template": "orange"},
        "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": content}}],
    }
    body: dict[str, Any] = {"msg_type": "interactive", "card": card}
    if secret:
        stamp = str(int(clock()))
        body = {"timestamp": stamp, "sign": feishu_sign(stamp, secret), **body}
    return body


def feishu_sign(timestamp: str, secret: str) -> str:
    """Feishu: base64(HMAC-SHA256(key = timestamp + "\\n" + secret, message = nothing))."""
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


def dingtalk_sign(timestamp: str, secret: str) -> str:
    """DingTalk: base64(HMAC-SHA256(key = secret, message = timestamp + "\\n" + secret)), not URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _json(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fits(kind: Kind, title: str, content: str) -> bool:
    """Whether the service takes this message: WeCom counts the content, the others the whole body."""
    if kind is Kind.WECOM:
        return len(content.encode("utf-8")) <= WECOM_CONTENT_BYTES
    # The largest body the message can make: a signature adds ~80 bytes (Feishu) or none (DingTalk: URL).
    sample = Robot(kind, "https://x.invalid/?a", "s" if kind is Kind.FEISHU else None)
    size = len(request(sample, title, content, clock=lambda: 9_999_999_999).body)
    return size <= (FEISHU_BODY_BYTES if kind is Kind.FEISHU else DINGTALK_BODY_BYTES)


# --- answers ---------------------------------------------------------------------------------------------


class Answer(StrEnum):
    OK = "ok"
    RATE_LIMITED = "rate"  # sending too often: try again at the next run
    TOO_LONG = "long"
    BAD_SIGNATURE = "sign"
    REFUSED = "refused"  # any other error the service names


# The documented (and observed) codes of each service.
_CODES: dict[Kind, dict[int, Answer]] = {
    Kind.WECOM: {45009: Answer.RATE_LIMITED, 40058: Answer.TOO_LONG},
    Kind.FEISHU: {11232: Answer.RATE_LIMITED, 19036: Answer.TOO_LONG, 19021: Answer.BAD_SIGNATURE},
    Kind.DINGTALK: {130101: Answer.RATE_LIMITED, 460101: Answer.TOO_LONG, 310000: Answer.BAD_SIGNATURE},
}


@dataclass(frozen=True)
class Reply:
    answer: Answer
    code: int | None  # the service's code (None: HTTP or format trouble)
    message: str  # the service's own words (raw: escape before printing)


def reply(kind: Kind, status: int, document: Any) -> Reply:
    """What the service's answer (HTTP status, parsed JSON or None) means."""
    if status == 429:
        return Reply(Answer.RATE_LIMITED, None, "HTTP 429")
    if not 200 <= status < 300:
        return Reply(Answer.REFUSED, None, f"HTTP {status}")
    if not isinstance(document, dict):
        return Reply(Answer.REFUSED, None, "not a JSON object")
    names = ("code", "msg") if kind is Kind.FEISHU else ("errcode", "errmsg")
    code = document.get(names[0], document.get("StatusCode") if kind is Kind.FEISHU else None)
    message = document.get(names[1], document.get("StatusMessage", ""))
    if type(code) is not int:
        return Reply(Answer.REFUSED, None, "no code in the answer")
    text = message if isinstance(message, str) else ""
    if code == 0:
        return Reply(Answer.OK, 0, text)
    if kind is Kind.DINGTALK and code == 310000 and "sign" not in text:
        return Reply(Answer.REFUSED, code, text)  # 310000 also means a keyword or IP rule refused it
    return Reply(_CODES[kind].get(code, Answer.REFUSED), code, text)
