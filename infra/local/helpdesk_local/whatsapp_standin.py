"""A local stand-in for Meta's WhatsApp Cloud API: the Graph API calls the product makes (send a message,
upload and fetch media), each checked against Meta's OpenAPI description (whatsapp_spec.py), and the WhatsApp
users who write to a business number, whose messages go to the number's webhook signed with the app secret
(`X-Hub-Signature-256`), as Meta posts them.

Control routes (tests, demos): POST /__standin/send {phone_number_id, wa_id, name, text | image_base64 |
document_base64 + file_name, mime_type, bad_signature}; POST /__standin/verify {phone_number_id,
verify_token?} (Meta's GET handshake); GET /__standin/sent (what the numbers sent); GET /__standin/problems.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from helpdesk_local.whatsapp_spec import request_problems, response_problems, webhook_problems

ROUTES = Map([
    Rule("/<version>/<number_id>/messages", endpoint="send", methods=["POST"]),
    Rule("/<version>/<number_id>/media", endpoint="upload", methods=["POST"]),
    Rule("/<version>/<media_id>", endpoint="media", methods=["GET"]),
    Rule("/whatsapp_business/attachments/", endpoint="download", methods=["GET"]),
])  # fmt: skip


class WhatsAppContractBroken(AssertionError):
    """The stand-in produced an answer or a webhook Meta's description does not allow."""


@dataclass
class Number:
    phone_number_id: str
    display_phone_number: str
    access_token: str
    app_secret: str
    verify_token: str
    webhook_url: str


class WhatsAppStandin:
    def __init__(self) -> None:
        self.numbers: dict[str, Number] = {}
        self.media: dict[str, tuple[bytes, str, str]] = {}  # media id -> (content, mime type, owning number)
        self.sent: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self._ids = itertools.count(880000000000001)
        self._lock = threading.Lock()

    def add_number(self, number: Number) -> None:
        self.numbers[number.phone_number_id] = number

    def __call__(self, environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.startswith("/__standin/"):
            return self._control(request)(environ, start)
        return self._graph(request)(environ, start)

    def _graph(self, request: Request) -> Response:
        adapter = ROUTES.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
        except Exception:  # noqa: BLE001 - werkzeug's NotFound / MethodNotAllowed: Graph's unknown path
            return _error(400, 100, "Unsupported request: no such object or edge")
        if endpoint != "download":
            problems = request_problems(request)
            if problems:
                self.problems += [f"{request.method} {request.path}: {p}" for p in problems]
                return _error(400, 100, "; ".join(problems))
        number = self._caller(request, args.get("number_id"))
        if number is None:
            return _error(401, 190, "Invalid OAuth access token - Cannot parse access token")
        response = getattr(self, f"_{endpoint}")(request, number, **args)
        if (
            endpoint != "download"
            and response.status_code == 200
            and (problems := response_problems(request, response))
        ):
            raise WhatsAppContractBroken(f"{request.method} {request.path}: {problems}")
        return response

    def _caller(self, request: Request, number_id: str | None) -> Number | None:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        found = [
            n
            for n in self.numbers.values()
            if n.access_token and hmac.compare_digest(n.access_token.encode(), token.encode())
        ]
        if not found or (number_id is not None and found[0].phone_number_id != number_id):
            return None
        return found[0]

    def _send(self, request: Request, number: Number, version: str, number_id: str) -> Response:
        body = request.get_json()
        message_id = f"wamid.{base64.b64encode(str(next(self._ids)).encode()).decode()}"
        kind = body["type"]
        record = {"phone_number_id": number_id, "to": body["to"], "type": kind, "id": message_id,
                  "text": (body.get("text") or {}).get("body", ""), "body": body}  # fmt: skip
        if kind == "document":
            media_id = str(body["document"].get("id", ""))
            content, mime, _ = self.media.get(media_id, (b"", "", ""))
            record.update(document=body["document"].get("filename", ""), size=len(content), mime_type=mime)
        with self._lock:
            self.sent.append(record)
        contacts = [{"input": body["to"], "wa_id": body["to"]}]
        return _json(
            200, {"messaging_product": "whatsapp", "contacts": contacts, "messages": [{"id": message_id}]}
        )

    def _upload(self, request: Request, number: Number, version: str, number_id: str) -> Response:
        upload = request.files.get("file")
        if upload is None or request.form.get("messaging_product") != "whatsapp":
            return _error(400, 100, "(#100) The parameter file and messaging_product=whatsapp are required.")
        media_id = self._store(upload.read(), upload.mimetype or "application/octet-stream", number_id)
        return _json(200, {"id": media_id})

    def _media(self, request: Request, number: Number, version: str, media_id: str) -> Response:
        found = self.media.get(media_id)
        if found is None or found[2] != number.phone_number_id:
            return _error(400, 100, f"Unsupported get request. Object with ID '{media_id}' does not exist")
        content, mime, _ = found
        url = f"{request.host_url}whatsapp_business/attachments/?{urlencode({'mid': media_id})}"
        digest = hashlib.sha256(content).hexdigest()
        found_media = {"url": url, "mime_type": mime, "sha256": digest, "file_size": str(len(content))}
        return _json(200, {"messaging_product": "whatsapp", "id": media_id, **found_media})

    def _download(self, request: Request, number: Number) -> Response:
        """The media URL: Meta serves it from another host (lookaside.fbsbx.com), same bearer token."""
        found = self.media.get(request.args.get("mid", ""))
        if found is None or found[2] != number.phone_number_id:
            return Response(b"", 404)
        return Response(found[0], 200, content_type=found[1])

    def _store(self, content: bytes, mime: str, number_id: str) -> str:
        media_id = str(next(self._ids))
        self.media[media_id] = (content, mime, number_id)
        return media_id

    def _control(self, request: Request) -> Response:
        route = request.path.removeprefix("/__standin/")
        if route == "sent":
            return _json(200, self.sent)
        if route == "problems":
            return _json(200, self.problems)
        if route == "send" and request.method == "POST":
            return _json(200, self.user_writes(request.get_json(force=True)))
        if route == "verify" and request.method == "POST":
            ask = request.get_json(force=True)
            return _json(200, self.verify(str(ask["phone_number_id"]), ask.get("verify_token")))
        return _json(404, {"error": "no such control route"})

    def verify(self, phone_number_id: str, verify_token: str | None = None) -> dict[str, Any]:
        """Meta's subscription check: GET the webhook with hub.* and expect the challenge back as the body."""
        number = self.numbers[phone_number_id]
        challenge = str(secrets.randbelow(10**9))
        token = number.verify_token if verify_token is None else verify_token
        query = {"hub.mode": "subscribe", "hub.challenge": challenge, "hub.verify_token": token}
        status, body = _call(number.webhook_url, "GET", query, b"", {})
        return {"status": status, "verified": status == 200 and body.decode() == challenge}

    def user_writes(self, ask: dict[str, Any]) -> dict[str, Any]:
        """A WhatsApp user writes to the number: the webhook Meta would post, checked, signed, delivered."""
        number = self.numbers.get(str(ask.get("phone_number_id", "")))
        if number is None:
            return {"error": "no such number"}
        wa_id = str(ask["wa_id"])
        message: dict[str, Any] = {"from": wa_id, "id": f"wamid.{secrets.token_urlsafe(24)}",
                                   "timestamp": str(int(time.time())), "type": "text"}  # fmt: skip
        for kind in ("image", "document"):
            if ask.get(f"{kind}_base64"):
                content = base64.b64decode(ask[f"{kind}_base64"])
                mime = str(ask.get("mime_type") or ("image/jpeg" if kind == "image" else "application/pdf"))
                digest = base64.b64encode(hashlib.sha256(content).digest()).decode()
                media = {
                    "mime_type": mime,
                    "sha256": digest,
                    "id": self._store(content, mime, number.phone_number_id),
                }
                media.update({"caption": ask["text"]} if ask.get("text") else {})
                media.update({"filename": ask.get("file_name", "file")} if kind == "document" else {})
                message.update(type=kind, **{kind: media})
        if message["type"] == "text":
            message["text"] = {"body": str(ask.get("text") or "")}
        payload = self._payload(number, wa_id, str(ask.get("name") or "WhatsApp user"), message)
        problems = webhook_problems(payload)
        if problems:  # the stand-in's own mistake: never deliver what Meta would not send
            raise WhatsAppContractBroken(f"webhook: {problems}")
        body = json.dumps(payload).encode()
        secret = "not-the-app-secret" if ask.get("bad_signature") else number.app_secret
        signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature}
        status, answer = _call(number.webhook_url, "POST", {}, body, headers)
        return {"payload": payload, "status": status, "answer": answer.decode(errors="replace")}

    @staticmethod
    def _payload(number: Number, wa_id: str, name: str, message: dict[str, Any]) -> dict[str, Any]:
        metadata = {
            "display_phone_number": number.display_phone_number,
            "phone_number_id": number.phone_number_id,
        }
        contacts = [{"profile": {"name": name}, "wa_id": wa_id}]
        value = {
            "messaging_product": "whatsapp",
            "metadata": metadata,
            "contacts": contacts,
            "messages": [message],
        }
        change = {"value": value, "field": "messages"}
        return {
            "object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [change]}],
        }


def _call(
    url: str, method: str, query: dict[str, str], body: bytes, headers: dict[str, str]
) -> tuple[int, bytes]:
    """To the local front by loopback, naming the API's host (*.localhost resolves in browsers only)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", parts.port or 80, timeout=30)
    path = parts.path + (f"?{urlencode(query)}" if query else "")
    conn.request(method, path, body or None, {"Host": parts.netloc, **headers})
    answer = conn.getresponse()
    status, data = answer.status, answer.read()
    conn.close()
    return status, data


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


def _error(status: int, code: int, message: str) -> Response:
    """Graph API's error shape."""
    kind = "OAuthException"
    return _json(status, {"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "standin"}})


def start_whatsapp_standin() -> tuple[WhatsAppStandin, str]:
    """On its own loopback port (the functions call it there), like the Telegram stand-in."""
    from waitress.server import create_server

    standin = WhatsAppStandin()
    server = create_server(standin, host="127.0.0.1", port=0, threads=2, ident="whatsapp-standin")
    threading.Thread(target=server.run, name="whatsapp-standin", daemon=True).start()
    return standin, f"http://127.0.0.1:{server.effective_port}"
