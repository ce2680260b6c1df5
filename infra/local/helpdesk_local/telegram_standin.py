"""A local stand-in for Telegram: the Bot API the product calls (checked against Telegram's published types,
telegram_spec.py) and the users who write to a bot, whose updates go to the bot's webhook with its secret.

Control routes (tests, demos): POST /__standin/send {bot_id, user_id, first_name, text | photo_base64 |
document_base64 + file_name + mime_type}; GET /__standin/sent (what bots sent); GET /__standin/problems."""

from __future__ import annotations

import base64
import http.client
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from helpdesk_local.telegram_spec import method_problems, object_problems

Start = Callable[..., Any]


class TelegramStandin:
    def __init__(self) -> None:
        self.bots: dict[str, dict[str, Any]] = {}  # token -> {bot_id, username, url, secret}
        self.files: dict[str, tuple[bytes, str]] = {}  # file_id -> (content, path)
        self.sent: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self._ids = itertools.count(1000)
        self._lock = threading.Lock()

    def add_bot(self, bot_id: str, token: str, username: str) -> None:
        self.bots.setdefault(token, {"bot_id": bot_id, "username": username, "url": "", "secret": ""})

    def __call__(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if path.startswith("/__standin/"):
            return self._control(path[len("/__standin/") :], method, _body(environ), environ, start)
        if path.startswith("/file/bot"):
            token, _, file_path = path[len("/file/bot") :].partition("/")
            found = next((c for c, p in self.files.values() if p == file_path), None)
            if token not in self.bots or found is None:
                return _json(start, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            start("200 OK", [("Content-Type", "application/octet-stream")])
            return [found]
        if path.startswith("/bot"):
            token, _, api_method = path[len("/bot") :].partition("/")
            return self._bot_api(token, api_method, environ, start)
        return _json(start, 404, {"ok": False, "error_code": 404, "description": "Not Found"})

    def _bot_api(self, token: str, method: str, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        bot = self.bots.get(token)
        if bot is None:
            return _json(start, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        params, files = _params(environ)
        problems = method_problems(method, params, frozenset(files))
        if problems:
            self.problems += problems
            return _json(start, 400, {"ok": False, "error_code": 400, "description": "; ".join(problems)})
        if method == "setWebhook":
            bot.update(url=params["url"], secret=params.get("secret_token", ""))
            return _json(start, 200, {"ok": True, "result": True})
        if method == "getFile":
            path = self.files.get(params["file_id"], (b"", ""))[1]
            if not path:
                return _json(
                    start,
                    400,
                    {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"},
                )
            return _json(
                start,
                200,
                {
                    "ok": True,
                    "result": {
                        "file_id": params["file_id"],
                        "file_unique_id": params["file_id"],
                        "file_path": path,
                    },
                },
            )
        chat = int(params.get("chat_id", 0))
        record = {"bot_id": bot["bot_id"], "method": method, "chat_id": chat, "text": params.get("text", "")}
        for filename, content in files.values():
            record.update(
                document=filename, size=len(content), content_base64=base64.b64encode(content).decode()
            )
        with self._lock:
            message_id = next(self._ids)
            self.sent.append({**record, "message_id": message_id})
        result = {"message_id": message_id, "date": int(time.time()), "chat": {"id": chat, "type": "private"}}
        return _json(start, 200, {"ok": True, "result": result})

    def _control(
        self, route: str, method: str, body: bytes, environ: dict[str, Any], start: Start
    ) -> Iterable[bytes]:
        if route == "sent":
            return _json(start, 200, self.sent)
        if route == "problems":
            return _json(start, 200, self.problems)
        if route == "send" and method == "POST":
            return _json(start, 200, self.user_writes(json.loads(body or b"{}")))
        return _json(start, 404, {"error": "no such control route"})

    def user_writes(self, ask: dict[str, Any]) -> dict[str, Any]:
        """A Telegram user writes to the bot: the Update goes to the bot's webhook, as Telegram posts it."""
        bot = next((b for b in self.bots.values() if b["bot_id"] == ask["bot_id"]), None)
        if bot is None or not bot["url"]:
            return {"error": "no such bot, or no webhook set"}
        user = {
            "id": int(ask["user_id"]),
            "is_bot": False,
            "first_name": str(ask.get("first_name") or "User"),
        }
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "from": user,
            "chat": chat,
        }
        if ask.get("text"):
            message["caption" if ask.get("photo_base64") or ask.get("document_base64") else "text"] = ask[
                "text"
            ]
        if ask.get("photo_base64"):
            file_id = self._file(base64.b64decode(ask["photo_base64"]), "photos/file_1.jpg")
            message["photo"] = [{"file_id": file_id, "file_unique_id": file_id, "width": 640, "height": 480}]
        if ask.get("document_base64"):
            file_id = self._file(
                base64.b64decode(ask["document_base64"]), f"documents/{ask.get('file_name', 'file')}"
            )
            kind = ask.get("mime_type", "application/octet-stream")
            name = ask.get("file_name", "file")
            message["document"] = {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_name": name,
                "mime_type": kind,
            }
        update = {"update_id": next(self._ids), "message": message}
        problems = object_problems("Update", update)
        if problems:  # the stand-in's own mistake: never deliver what Telegram would not send
            self.problems += problems
            return {"error": problems}
        return {"update": update, "status": _post(bot["url"], bot["secret"], update)}

    def _file(self, content: bytes, path: str) -> str:
        file_id = f"F{next(self._ids)}"
        self.files[file_id] = (content, f"{path.rsplit('.', 1)[0]}-{file_id}.{path.rsplit('.', 1)[-1]}")
        return file_id


def _post(url: str, secret: str, update: dict[str, Any]) -> int:
    """To the local front by loopback, naming the API's host (*.localhost resolves in browsers only)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", parts.port or 80, timeout=30)
    headers = {
        "Host": parts.netloc,
        "Content-Type": "application/json",
        "X-Telegram-Bot-Api-Secret-Token": secret,
    }
    conn.request("POST", parts.path, json.dumps(update).encode(), headers)
    status = conn.getresponse().status
    conn.close()
    return status


def _body(environ: dict[str, Any]) -> bytes:
    size = int(environ.get("CONTENT_LENGTH") or 0)
    return bytes(environ["wsgi.input"].read(size)) if size else b""


def _params(environ: dict[str, Any]) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """A Bot API call's parameters: query string, JSON, urlencoded or multipart (files apart)."""
    params: dict[str, Any] = dict(parse_qsl(environ.get("QUERY_STRING", "")))
    kind = environ.get("CONTENT_TYPE", "")
    body = _body(environ)
    files: dict[str, tuple[str, bytes]] = {}
    if kind.startswith("application/json"):
        params.update(json.loads(body or b"{}"))
    elif kind.startswith("application/x-www-form-urlencoded"):
        params.update(parse_qsl(body.decode()))
    elif kind.startswith("multipart/form-data"):
        parsed = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {kind}\r\n\r\n".encode() + body)
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            content = part.get_payload(decode=True) or b""
            if filename:
                files[str(name)] = (filename, content)
            else:
                params[str(name)] = content.decode()
    return params, files


def _json(start: Start, status: int, body: Any) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start(
        f"{status} {'OK' if status < 400 else 'Error'}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
    )
    return [data]


def start_telegram_standin() -> tuple[TelegramStandin, str]:
    """On its own loopback port (the functions call it there), like the Jira stand-in."""
    from waitress.server import create_server

    standin = TelegramStandin()
    server = create_server(standin, host="127.0.0.1", port=0, threads=2, ident="telegram-standin")
    threading.Thread(target=server.run, name="telegram-standin", daemon=True).start()
    return standin, f"http://127.0.0.1:{server.effective_port}"
