"""Local stand-ins for the WeCom, Feishu and DingTalk webhook robots, on 127.0.0.1, as their services behave.

Each records what it received, checks the webhook's key, checks signatures the way the service documents
them (computed here independently of generator/notify/robots.py, so a mistake there is caught), enforces the
service's size limit and rate limit, and answers with the service's real codes and wording:

- WeCom  POST /cgi-bin/webhook/send?key=K    {"msgtype": "markdown", "markdown": {"content"}}
  0 ok · 93000 invalid webhook url · 40058 markdown.content exceed max length 4096 · 45009 api freq out of
  limit (more than 20 a minute)
- Feishu POST /open-apis/bot/v2/hook/K       {"msg_type", "card"|"content", "timestamp", "sign"}
  0 success · 19001 incoming webhook access token invalid · 19021 sign match fail or timestamp is not within
  one hour · 19036 the message exceeds the size limit of 30KB · 11232 frequency limited (over 5 a second or
  100 a minute)
- DingTalk POST /robot/send?access_token=K&timestamp=&sign=   {"msgtype": "markdown", "markdown"}
  0 ok · 300001 token is not exist · 310000 sign not match · 460101 message too long, exceed 20000 bytes ·
  130101 send too fast, exceed 20 times per minute

`script` queues whole answers (a dict, or an HTTP status as int) per kind, used before any check.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from httpkit import HostileHandler, serving

WECOM_KEY = "693a91f6-7c3e-4bc4-97a0-0ec2sifa5aaa"
FEISHU_TOKEN = "5e3d587e-d78e-4a07-bd07-265f269f86fd"
FEISHU_SECRET = "nIMtb7r3N9pkXyXdtAbx6e-feishu"
DINGTALK_TOKEN = "50cb6e954c89afa14fb97754eafd886d658fcda27d05015a26b474e7bd2f0a59"
DINGTALK_SECRET = "SEC5a3ecf88f2b3eb50db30ecfc00f53033ac909c99bf7f88fd612bda89d7f3a9dc"
SECRETS = (WECOM_KEY, FEISHU_TOKEN, FEISHU_SECRET, DINGTALK_TOKEN, DINGTALK_SECRET)


@dataclass
class Received:
    kind: str
    body: dict[str, Any]
    query: dict[str, str]
    size: int  # bytes of the body
    answer: dict[str, Any] | int  # what the fake answered

    @property
    def ok(self) -> bool:
        return isinstance(self.answer, dict) and (self.answer.get("errcode", self.answer.get("code")) == 0)

    @property
    def text(self) -> str:
        """The message's markdown, whichever robot got it."""
        if self.kind == "feishu":
            return str(self.body["card"]["elements"][0]["text"]["content"])
        key = "content" if self.kind == "wecom" else "text"
        return str(self.body["markdown"][key])


@dataclass
class FakeRobots:
    feishu_secret: str | None = FEISHU_SECRET
    dingtalk_secret: str | None = DINGTALK_SECRET
    script: dict[str, list[dict[str, Any] | int]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    sent_at: dict[str, list[float]] = field(default_factory=dict)  # kind → when each message was accepted
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, kind: str) -> list[Received]:
        return [r for r in self.received if r.kind == kind]

    def accepted(self, kind: str) -> list[Received]:
        return [r for r in self.of(kind) if r.ok]

    def fill_rate(self, kind: str, count: int) -> None:
        """As if `count` messages had just been sent to this robot by someone else."""
        self.sent_at.setdefault(kind, []).extend([time.time()] * count)

    def answer(self, kind: str, query: dict[str, str], raw: bytes) -> dict[str, Any] | int:
        with self._lock:
            queued = self.script.get(kind)
            answer = queued.pop(0) if queued else self._check(kind, query, raw)
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                body = {}
            self.received.append(Received(kind, body, query, len(raw), answer))
            if isinstance(answer, dict) and answer.get("errcode", answer.get("code")) == 0:
                self.sent_at.setdefault(kind, []).append(time.time())
            return answer

    def _check(self, kind: str, query: dict[str, str], raw: bytes) -> dict[str, Any]:
        return {"wecom": self._wecom, "feishu": self._feishu, "dingtalk": self._dingtalk}[kind](query, raw)

    def _recent(self, kind: str, seconds: float) -> int:
        now = time.time()
        return sum(1 for at in self.sent_at.get(kind, []) if now - at < seconds)

    def _wecom(self, query: dict[str, str], raw: bytes) -> dict[str, Any]:
        if query.get("key") != WECOM_KEY:
            return _wecom_error(93000, "invalid webhook url")
        body = json.loads(raw)
        content = body.get("markdown", {}).get("content", "") if body.get("msgtype") == "markdown" else None
        if not isinstance(content, str) or not content:
            return _wecom_error(40008, "invalid message type")
        if len(content.encode("utf-8")) > 4096:
            return _wecom_error(40058, "markdown.content exceed max length 4096. invalid Request Parameter")
        if self._recent("wecom", 60) >= 20:
            return _wecom_error(45009, "api freq out of limit")
        return {"errcode": 0, "errmsg": "ok"}

    def _feishu(self, query: dict[str, str], raw: bytes) -> dict[str, Any]:
        if query.get("_hook") != FEISHU_TOKEN:
            return {"code": 19001, "data": {}, "msg": "param invalid: incoming webhook access token invalid"}
        if len(raw) > 30 * 1024:
            return {"code": 19036, "data": {}, "msg": "The message exceeds the size limit of 30KB"}
        body = json.loads(raw)
        if self.feishu_secret is not None:
            stamp, sign = str(body.get("timestamp", "")), body.get("sign")
            key = f"{stamp}\n{self.feishu_secret}".encode()
            wanted = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
            if not stamp.isdigit() or abs(time.time() - int(stamp)) > 3600 or sign != wanted:
                return {
                    "code": 19021,
                    "data": {},
                    "msg": "sign match fail or timestamp is not within one hour from current time",
                }
        if body.get("msg_type") not in ("text", "post", "interactive"):
            return {"code": 19002, "data": {}, "msg": "params error, msg_type need"}
        if self._recent("feishu", 1) >= 5 or self._recent("feishu", 60) >= 100:
            return {"code": 11232, "data": {}, "msg": "frequency limited psm[lark.oapi.app_platform_runtime]"}
        return {"StatusCode": 0, "StatusMessage": "success", "code": 0, "data": {}, "msg": "success"}

    def _dingtalk(self, query: dict[str, str], raw: bytes) -> dict[str, Any]:
        if query.get("access_token") != DINGTALK_TOKEN:
            return {"errcode": 300001, "errmsg": "token is not exist"}
        if self.dingtalk_secret is not None:
            stamp, sign = query.get("timestamp", ""), query.get("sign")
            message = f"{stamp}\n{self.dingtalk_secret}".encode()
            digest = hmac.new(self.dingtalk_secret.encode(), message, hashlib.sha256).digest()
            if not stamp.isdigit() or abs(time.time() * 1000 - int(stamp)) > 3_600_000:
                return {"errcode": 310000, "errmsg": "sign not match, more: [timestamp is too old]"}
            if sign != base64.b64encode(digest).decode():
                return {"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc.dingtalk.com]"}
        if len(raw) > 20000:
            return {"errcode": 460101, "errmsg": "message too long, exceed 20000 bytes"}
        body = json.loads(raw)
        if body.get("msgtype") != "markdown" or not body.get("markdown", {}).get("title"):
            return {"errcode": 40035, "errmsg": "缺少参数 json"}
        if self._recent("dingtalk", 60) >= 20:
            return {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}
        return {"errcode": 0, "errmsg": "ok"}


def _wecom_error(code: int, message: str) -> dict[str, Any]:
    hint = f"{message}, hint: [1732064547142832100935838], from ip: 127.0.0.1, more info at "
    return {"errcode": code, "errmsg": hint + f"https://open.work.weixin.qq.com/devtool/query?e={code}"}


class _Handler(HostileHandler):
    fake: FakeRobots

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, 2**20)) if length else b""
        kind = _kind(parts.path)
        if kind == "feishu":
            query["_hook"] = parts.path.rsplit("/", 1)[1]
        if kind is None or self.command != "POST":
            self._send(404, {"errcode": 404, "errmsg": "not found"})
            return
        answer = self.fake.answer(kind, query, raw)
        if isinstance(answer, int):
            self._send(answer, {"error": "scripted"})
        else:
            self._send(200, answer)

    def _send(self, status: int, document: dict[str, Any]) -> None:
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _kind(path: str) -> str | None:
    if path == "/cgi-bin/webhook/send":
        return "wecom"
    if path.startswith("/open-apis/bot/v2/hook/"):
        return "feishu"
    if path == "/robot/send":
        return "dingtalk"
    return None


@contextmanager
def serve(fake: FakeRobots) -> Iterator[dict[str, str]]:
    """Run the robots on 127.0.0.1; yields the environment that points qunma at them (webhooks, secrets)."""
    with serving(type("Handler", (_Handler,), {"fake": fake})) as url:
        base = url.rstrip("/")
        environ = {
            "QUNMA_WECOM_WEBHOOK": f"{base}/cgi-bin/webhook/send?key={WECOM_KEY}",
            "QUNMA_FEISHU_WEBHOOK": f"{base}/open-apis/bot/v2/hook/{FEISHU_TOKEN}",
            "QUNMA_DINGTALK_WEBHOOK": f"{base}/robot/send?access_token={DINGTALK_TOKEN}",
        }
        if fake.feishu_secret is not None:
            environ["QUNMA_FEISHU_SECRET"] = FEISHU_SECRET
        if fake.dingtalk_secret is not None:
            environ["QUNMA_DINGTALK_SECRET"] = DINGTALK_SECRET
        yield environ
