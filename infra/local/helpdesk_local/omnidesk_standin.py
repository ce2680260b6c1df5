"""omnidesk on the local stack: stands in for an Omnidesk account's REST API v1 (/api/...json, HTTP basic
auth with a staff e-mail and API key) and its webhooks.

Omnidesk publishes no OpenAPI document: every request is checked against the shapes recorded from its
documentation (infra/local/vendor/omnidesk/api.json): a wrong or missing credential answers 401, an unknown
path 404, an undocumented query parameter or body field 400, each recorded in `refused` so a test sees
it loudly. Control routes (not Omnidesk's):

  GET  /__standin/state            cases, messages (by case), users
  POST /__standin/cases            {user_email, user_full_name, subject, content, files?: [{file_name,
                                    mime_type, content_b64}]} -> {case_id, message_id, user_id}
  POST /__standin/cases/<id>/messages   {content} -> {message_id}       (the customer writes again)
  POST /__standin/webhook          {case_id, message_id?}: posts the message_new webhook -> {status}
  POST /__standin/rate-limit       {calls}: the next calls answer 429
  GET  /__standin/calls            [{method, path, status}]; GET /__standin/refused: [reason]
"""

from __future__ import annotations

import base64
import itertools
import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from helpdesk_local.standin_app import RecordingStandin, post_to_public_api, serve_in_background

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts

DOCUMENTED = Path(__file__).resolve().parents[1] / "vendor" / "omnidesk" / "api.json"
Hook = Callable[[bytes], int]


@cache
def documented() -> dict[str, Any]:
    return dict(json.loads(DOCUMENTED.read_text())["operations"])


def _operation(method: str, path: str) -> tuple[str, dict[str, str]] | None:
    for name in documented():
        verb, _, pattern = name.partition(" ")
        regex = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\d+)", re.escape(pattern)) + "$"
        found = re.match(regex, path)
        if verb == method and found:
            return name, found.groupdict()
    return None


def refusal(name: str, query: dict[str, str], body: Any) -> str | None:
    """Why the recorded documentation does not allow this call, or None."""
    doc = documented()[name]
    unknown = sorted(set(query) - set(doc.get("query", [])))
    for param, (low, high) in doc.get("limits", {}).items():
        if param in query and not (query[param].isdigit() and low <= int(query[param]) <= high):
            return f"{param} must be {low}..{high}"
    if "body_root" in doc:
        inner = body.get(doc["body_root"]) if isinstance(body, dict) and len(body) == 1 else None
        if not isinstance(inner, dict):
            return f'the body must be {{"{doc["body_root"]}": {{...}}}}'
        unknown += sorted(set(inner) - set(doc["fields"]))
        if not any(inner.get(f) for f in doc["required_one_of"]):
            return f"one of {doc['required_one_of']} is required"
    return f"undocumented {unknown}" if unknown else None


class OmnideskStandin(RecordingStandin):
    def __init__(self, email: str, api_key: str, hook: Hook | None = None, staff_id: int = 41) -> None:
        super().__init__()
        self._auth = "Basic " + base64.b64encode(f"{email}:{api_key}".encode()).decode()
        self._hook, self.staff_id = hook, staff_id
        self.base_url = "http://omnidesk.localhost"  # set to the served address when started
        self.cases: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, list[dict[str, Any]]] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.files: dict[int, tuple[bytes, str]] = {}
        self.refused: list[str] = []
        self.case_queries: list[dict[str, str]] = []  # what each list of cases asked for
        self._ids = itertools.count(3001)
        self._limited = 0

    def _answer(self, request: Request) -> Response:
        if request.headers.get("Authorization") != self._auth:
            return self._refuse(401, f"{request.method} {request.path}: credentials refused")
        if self._limited:
            self._limited -= 1
            return Response('{"error": "too many requests"}', 429, {"Retry-After": "1"}, "application/json")
        file = re.match(r"^/files/(\d+)$", request.path)
        if file and request.method == "GET" and int(file.group(1)) in self.files:
            content, kind = self.files[int(file.group(1))]
            return Response(content, 200, content_type=kind)
        found = _operation(request.method, request.path)
        if found is None:
            return self._refuse(404, f"{request.method} {request.path}: not an Omnidesk API operation")
        name, ids = found
        body = request.get_json(silent=True) if request.data else None
        why = refusal(name, dict(request.args), body)
        if why:
            return self._refuse(400, f"{name}: {why}")
        return getattr(self, "_" + name.split()[0].lower() + "_" + _handler(name))(ids, request, body)

    def _refuse(self, status: int, why: str) -> Response:
        self.refused.append(why)
        return _json(status, {"error": why})

    # ------------------------------------------------------------ the documented operations
    def _get_cases(self, ids: dict[str, str], request: Request, body: Any) -> Response:
        self.case_queries.append(dict(request.args))
        since = int(request.args.get("from_updated_time") or 0)
        found = sorted(
            (c for c in self.cases.values() if c["_updated"] >= since), key=lambda c: c["_updated"]
        )
        page, limit = int(request.args.get("page", 1)), int(request.args.get("limit", 100))
        chosen = found[(page - 1) * limit : page * limit]
        return _json(
            200, _numbered("case", [{k: v for k, v in c.items() if k[0] != "_"} for c in chosen], len(found))
        )

    def _get_case(self, ids: dict[str, str], request: Request, body: Any) -> Response:
        case = self.cases.get(int(ids["case_id"]))
        return _json(200, {"case": _public(case)}) if case else self._refuse(404, "no such case")

    def _get_messages(self, ids: dict[str, str], request: Request, body: Any) -> Response:
        if int(ids["case_id"]) not in self.cases:
            return self._refuse(404, "no such case")
        found = self.messages[int(ids["case_id"])]
        page, limit = int(request.args.get("page", 1)), int(request.args.get("limit", 100))
        return _json(200, _numbered("message", found[(page - 1) * limit : page * limit], len(found)))

    def _post_messages(self, ids: dict[str, str], request: Request, body: Any) -> Response:
        case_id = int(ids["case_id"])
        if case_id not in self.cases:
            return self._refuse(404, "no such case")
        given = body["message"]
        message = self._add(
            case_id, 0, int(given.get("staff_id") or self.staff_id), str(given.get("content") or "")
        )
        return _json(200, {"message": message})

    def _get_user(self, ids: dict[str, str], request: Request, body: Any) -> Response:
        user = self.users.get(int(ids["user_id"]))
        return _json(200, {"user": user}) if user else self._refuse(404, "no such user")

    # ------------------------------------------------------------ "in Omnidesk"
    def open_case(
        self, email: str, name: str, subject: str, content: str, files: list[Any]
    ) -> dict[str, int]:
        with self._lock:
            user = next((u for u in self.users.values() if u["user_email"] == email.lower()), None)
            if user is None:
                user_id = next(self._ids)
                user = {"user_id": user_id, "user_full_name": name, "user_email": email.lower(),
                        "type": "email", "active": True, "deleted": False}  # fmt: skip
                self.users[user_id] = user
            case_id = next(self._ids)
            self.cases[case_id] = {"case_id": case_id, "case_number": f"664-{case_id}", "subject": subject,
                                   "user_id": user["user_id"], "staff_id": 0, "group_id": 1, "status": "open",
                                   "priority": "normal", "channel": "email", "deleted": False, "spam": False,
                                   "created_at": _now(), "updated_at": _now(), "_updated": 0}  # fmt: skip
            self.messages[case_id] = []
            message = self._add(case_id, user["user_id"], 0, content, files)
        return {"case_id": case_id, "message_id": message["message_id"], "user_id": user["user_id"]}

    def customer_writes(self, case_id: int, content: str) -> int:
        with self._lock:
            return int(self._add(case_id, self.cases[case_id]["user_id"], 0, content)["message_id"])

    def _add(
        self, case_id: int, user_id: int, staff_id: int, content: str, files: Iterable[Any] = ()
    ) -> dict[str, Any]:
        attachments = []
        for f in files:
            file_id = next(self._ids)
            self.files[file_id] = (base64.b64decode(f["content_b64"]), f["mime_type"])
            attachments.append({"file_id": file_id, "file_name": f["file_name"], "file_size":
                                len(self.files[file_id][0]), "mime_type": f["mime_type"],
                                "url": f"{self.base_url}/files/{file_id}"})  # fmt: skip
        message = {"message_id": next(self._ids), "user_id": user_id, "staff_id": staff_id,
                   "content": content, "content_html": "", "attachments": attachments, "note": False,
                   "sent_via_rule": False, "created_at": _now(), "sent_at": _now()}  # fmt: skip
        self.messages[case_id].append(message)
        self.cases[case_id].update(updated_at=_now(), _updated=int(datetime.now(UTC).timestamp()))
        return message

    def push_webhook(self, case_id: int, message_id: int | None = None) -> int:
        found = [m for m in self.messages.get(case_id, []) if message_id in (None, m["message_id"])]
        last = found[-1] if found else {}
        body = {"type": "message_new", "object": {"message_id": last.get("message_id", 0), "case_id": case_id,
                "staff_id": last.get("staff_id", 0), "user_id": last.get("user_id", 0), "custom_user_id": "",
                "content": last.get("content", ""), "note": False, "sent_via_rule": False}}  # fmt: skip
        return self._hook(json.dumps(body).encode()) if self._hook else 0

    def _control(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")[1:]
        body = request.get_json(silent=True) or {}
        if parts == ["state"]:
            cases = [_public(c) for c in self.cases.values()]
            messages = {str(k): v for k, v in self.messages.items()}
            return _json(200, {"cases": cases, "users": list(self.users.values()), "messages": messages})
        if parts == ["calls"]:
            return _json(200, [{"method": m, "path": p, "status": s} for m, p, s in self.calls])
        if parts == ["refused"]:
            return _json(200, self.refused)
        if parts == ["cases"]:
            name, files = body.get("user_full_name", ""), body.get("files", [])
            opened = self.open_case(body["user_email"], name, body["subject"], body["content"], files)
            return _json(200, opened)
        if len(parts) == 3 and parts[0] == "cases" and parts[2] == "messages":
            return _json(200, {"message_id": self.customer_writes(int(parts[1]), body["content"])})
        if parts == ["webhook"]:
            return _json(200, {"status": self.push_webhook(int(body["case_id"]), body.get("message_id"))})
        if parts == ["rate-limit"]:
            self._limited = int(body.get("calls", 1))
            return _json(200, {"ok": True})
        return _json(404, {"error": "no such control route"})


def _handler(name: str) -> str:
    path = name.split(" ", 1)[1]
    return {"/api/cases.json": "cases", "/api/cases/{case_id}.json": "case",
            "/api/cases/{case_id}/messages.json": "messages",
            "/api/users/{user_id}.json": "user"}[path]  # fmt: skip


def _numbered(name: str, items: list[dict[str, Any]], total: int) -> dict[str, Any]:
    return {**{str(n): {name: item} for n, item in enumerate(items)}, "total_count": total}


def _public(case: dict[str, Any] | None) -> dict[str, Any] | None:
    return {k: v for k, v in case.items() if not k.startswith("_")} if case else None


def _now() -> str:
    return format_datetime(datetime.now(UTC))


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status, content_type="application/json")


def start_omnidesk_standin(
    stack: StackParts, email: str, api_key: str, webhook_auth: tuple[str, str]
) -> tuple[OmnideskStandin, str]:
    """The stand-in on its own loopback port; its webhooks go to the public API through the local gateway
    with the basic auth an admin would give Omnidesk's webhook. Returns it and its account address."""

    auth = "Basic " + base64.b64encode(":".join(webhook_auth).encode()).decode()
    headers = {"Content-Type": "application/json", "Authorization": auth}
    standin = OmnideskStandin(
        email,
        api_key,
        lambda body: post_to_public_api(stack.http_port, "/public/webhooks/omnidesk", body, headers),
    )
    standin.base_url = f"http://127.0.0.1:{serve_in_background(standin, 'omnidesk-standin')}"
    return standin, standin.base_url
