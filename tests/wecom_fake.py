"""A local stand-in for the WeCom server API, speaking the documented request and response shapes.

GET /cgi-bin/gettoken?corpid=&corpsecret= → {errcode, errmsg, access_token, expires_in}
POST /cgi-bin/externalcontact/groupchat/get?access_token= {"chat_id", "need_name"} → {errcode, errmsg,
group_chat: {chat_id, name, owner, create_time, member_list, admin_list}}. Errors are HTTP 200 + errcode,
as WeCom does; `script` queues errors (errcodes, or "http500") per chat id, or per "gettoken", and
also whole answers: a dict is sent as the JSON answer, bytes as the raw body. `hostile` takes over the
whole exchange of an endpoint ("gettoken" or "groupchat") with a behaviour from httpkit (trickle, reset…).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from httpkit import Behaviour, HostileHandler, serving

CORP_ID = "ww0123456789abcdef"
SECRET = "s3cr3t-Do-Not-Print-0xC0FFEE"


@dataclass
class FakeWeCom:
    members: dict[str, int] = field(default_factory=dict)  # chat_id → member count
    script: dict[str, list[Any]] = field(default_factory=dict)  # chat_id|"gettoken" → queued errors/answers
    hostile: dict[str, Behaviour] = field(default_factory=dict)  # "gettoken"|"groupchat" → raw behaviour
    expire_after: int | None = None  # the current token expires after this many successful group reads
    always_expired: bool = False  # every token is rejected with 42001
    requests: list[dict[str, Any]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    _reads_on_token: int = 0
    _expired: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        """(HTTP status, JSON answer) for one request."""
        with self._lock:
            self.requests.append({"method": method, "path": path, "query": query, "body": body})
            if path == "/cgi-bin/gettoken" and method == "GET":
                return self._gettoken(query)
            if path == "/cgi-bin/externalcontact/groupchat/get" and method == "POST":
                return self._groupchat(query, body)
            return 404, {"errcode": 404, "errmsg": "not found"}

    def _scripted(self, key: str) -> tuple[int, Any] | None:
        queue = self.script.get(key)
        if not queue:
            return None
        error = queue.pop(0)
        if isinstance(error, dict | bytes):
            return 200, error
        if error == "http500":
            return 500, {"errcode": -1, "errmsg": "internal"}
        return 200, {
            "errcode": error,
            "errmsg": f"scripted error {error}, more info at https://example.invalid",
        }

    def _gettoken(self, query: dict[str, str]) -> tuple[int, Any]:
        scripted = self._scripted("gettoken")
        if scripted:
            return scripted
        if query.get("corpid") != CORP_ID:
            return 200, {"errcode": 40013, "errmsg": "invalid corpid"}
        if query.get("corpsecret") != SECRET:
            return 200, {"errcode": 40001, "errmsg": "invalid credential"}
        token = f"token-{len(self.tokens) + 1}"
        self.tokens.append(token)
        self._reads_on_token = 0
        return 200, {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}

    def _groupchat(self, query: dict[str, str], body: Any) -> tuple[int, Any]:
        token = query.get("access_token", "")
        if token not in self.tokens:
            return 200, {"errcode": 40014, "errmsg": "invalid access_token"}
        if self.always_expired or token in self._expired or token != self.tokens[-1]:
            return 200, {"errcode": 42001, "errmsg": "access_token expired"}
        if self.expire_after is not None and self._reads_on_token >= self.expire_after:
            self._expired.add(token)
            return 200, {"errcode": 42001, "errmsg": "access_token expired"}
        if not isinstance(body, dict) or set(body) != {"chat_id", "need_name"}:
            return 200, {"errcode": 40058, "errmsg": "invalid parameter"}
        chat_id = body["chat_id"]
        scripted = self._scripted(chat_id)
        if scripted:
            return scripted
        if chat_id not in self.members:
            return 200, {"errcode": 90501, "errmsg": "chat is not external group chat"}
        self._reads_on_token += 1
        return 200, {"errcode": 0, "errmsg": "ok", "group_chat": _group_chat(chat_id, self.members[chat_id])}

    def calls(self, path: str) -> int:
        """How many requests reached `path`."""
        return sum(1 for r in self.requests if r["path"] == path)


def _group_chat(chat_id: str, count: int) -> dict[str, Any]:
    member_list = [
        {"userid": f"wm{chat_id[-4:]}{i:04d}", "type": 2, "join_time": 1763600000 + i, "join_scene": 3}
        for i in range(count)
    ]
    return {
        "chat_id": chat_id,
        "name": "拾光咖啡福利群",
        "owner": "ZhangSan",
        "create_time": 1763600000,
        "notice": "",
        "member_list": member_list,
        "admin_list": [{"userid": "ZhangSan"}],
        "member_version": "71217227bbd112ecfe3a49c482195cb4",
    }


class _Handler(HostileHandler):
    fake: FakeWeCom

    def _serve(self) -> None:
        endpoint = {"/cgi-bin/gettoken": "gettoken", "/cgi-bin/externalcontact/groupchat/get": "groupchat"}
        behaviour = self.fake.hostile.get(endpoint.get(urlsplit(self.path).path, ""))
        if behaviour is None:
            self._reply(self.command)
            return
        with self.fake._lock:
            self.fake.requests.append({"method": self.command, "path": urlsplit(self.path).path})
        self.run(behaviour)

    def _reply(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        body: Any = None
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                body = raw.decode("utf-8", "replace")
        status, answer = self.fake.answer(method, parts.path, query, body)
        data = answer if isinstance(answer, bytes) else json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serve(fake: FakeWeCom) -> Iterator[str]:
    """Run `fake` on 127.0.0.1 in a thread; yields its base URL (no trailing slash)."""
    with serving(type("Handler", (_Handler,), {"fake": fake})) as url:
        yield url.rstrip("/")
