"""bitrix24 on the local stack: stands in for a Bitrix24 portal's REST API behind an incoming webhook
(/rest/<user>/<code>/<method>.json) and its outgoing ONCRMDEALUPDATE events.

Bitrix24 publishes no OpenAPI document: every request is checked against the method descriptions recorded
from its documentation (infra/local/vendor/bitrix24/methods.json): an unknown method, parameter, field,
filter or select name is refused with Bitrix24's error shape. `rate_limit(n)` answers the next n calls
with 503 QUERY_LIMIT_EXCEEDED, as the portal does past its request rate. Control routes (not Bitrix24's):

  GET  /__standin/state                     contacts, companies, deals
  POST /__standin/contacts                  {name, email} -> {id}        (exists "in Bitrix24")
  POST /__standin/deals                     {title, contact_id} -> {id}  (an open deal "in Bitrix24")
  POST /__standin/deals/<id>                {STAGE_ID?, ...}: changed, ONCRMDEALUPDATE posted -> event_status
  POST /__standin/redeliver                 the last event again (same ts)
  POST /__standin/rate-limit                {calls}
  GET  /__standin/calls                     [{method, status}]
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from werkzeug.wrappers import Request, Response

from helpdesk_local.standin_app import RecordingStandin, post_to_public_api, serve_in_background

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts

METHODS = Path(__file__).resolve().parents[1] / "vendor" / "bitrix24" / "methods.json"
Event = Callable[[bytes], int]
PATH = re.compile(r"^/rest/(?P<user>\d+)/(?P<code>[^/]+)/(?P<method>[a-z.]+)\.json$")
FILTER_PREFIX = re.compile(r"^(=|%|!|>=|<=|>|<|@)?")


@cache
def documented() -> dict[str, Any]:
    return dict(json.loads(METHODS.read_text()))


def refusal(method: str, body: dict[str, Any]) -> str | None:
    """Why the recorded documentation does not allow this call, or None."""
    doc = documented().get(method)
    if doc is None:
        return "ERROR_METHOD_NOT_FOUND"
    unknown = set(body) - set(doc["params"])
    fields = body.get("fields") or {}
    unknown |= {f for f in fields if f not in doc["fields"]}
    unknown |= {FILTER_PREFIX.sub("", f) for f in body.get("filter") or {}} - set(doc["fields"])
    unknown |= set(body.get("select") or []) - set(doc["fields"])
    unknown |= set(body.get("order") or {}) - set(doc["fields"])
    missing = [f for f in doc.get("required_fields", []) if not fields.get(f)]
    if unknown or missing:
        return f"unknown {sorted(unknown)} missing {missing}"
    return None


class Bitrix24Standin(RecordingStandin):
    def __init__(self, user: str, code: str, application_token: str, event: Event | None = None) -> None:
        super().__init__()
        self._user, self._code, self._token, self._event = user, code, application_token, event
        self.contacts: dict[int, dict[str, Any]] = {}
        self.companies: dict[int, dict[str, Any]] = {}
        self.deals: dict[int, dict[str, Any]] = {}
        self.events: list[bytes] = []
        self._ids = itertools.count(201)
        self._limited = 0

    def _recorded(self, request: Request, response: Response) -> tuple[Any, ...]:
        return (self._method(request) or "?", response.status_code)

    def _method(self, request: Request) -> str | None:
        """The REST method the path names, once its webhook credentials are right."""
        match = PATH.match(request.path)
        if match is None or (match["user"], match["code"]) != (self._user, self._code):
            return None
        return str(match["method"])

    def _answer(self, request: Request) -> Response:
        method = self._method(request)
        if method is None:
            return _json(
                401, {"error": "INVALID_CREDENTIALS", "error_description": "Invalid request credentials"}
            )
        if self._limited:
            self._limited -= 1
            return _json(503, {"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"})
        body = request.get_json(silent=True) or {}
        why = refusal(method, body)
        if why:
            return _json(400, {"error": "INVALID_ARG_VALUE", "error_description": why})
        return _json(200, {"result": getattr(self, "_" + method.replace(".", "_"))(body),
                                   "time": {"start": time.time(), "finish": time.time()}})  # fmt: skip

    def _crm_contact_add(self, body: dict[str, Any]) -> int:
        return self._add(self.contacts, body["fields"])

    def _crm_company_add(self, body: dict[str, Any]) -> int:
        return self._add(self.companies, body["fields"])

    def _crm_deal_add(self, body: dict[str, Any]) -> int:
        return self._add(self.deals, {"STAGE_ID": "NEW", "CLOSED": "N", **body["fields"]})

    def _add(self, table: dict[int, dict[str, Any]], fields: dict[str, Any]) -> int:
        item_id = next(self._ids)
        table[item_id] = {**{k: v for k, v in fields.items()}, "ID": str(item_id), "DATE_MODIFY": _now()}
        return item_id

    def _crm_contact_list(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        return self._list(self.contacts, body)

    def _crm_company_list(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        return self._list(self.companies, body)

    def _crm_deal_list(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        newest = sorted(self.deals.values(), key=lambda d: d["DATE_MODIFY"], reverse=True)
        return self._list({int(d["ID"]): d for d in newest}, body)

    def _crm_deal_get(self, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self.deals[int(body["id"])])

    def _list(self, table: dict[int, dict[str, Any]], body: dict[str, Any]) -> list[dict[str, Any]]:
        found = [
            item
            for item in table.values()
            if all(_matches(item, k, v) for k, v in (body.get("filter") or {}).items())
        ]
        select = body.get("select")
        return [{k: v for k, v in item.items() if not select or k in select} for item in found]

    # ------------------------------------------------------------ "in Bitrix24"
    def change_deal(self, deal_id: int, fields: dict[str, Any]) -> int:
        with self._lock:
            self.deals[deal_id].update(fields, DATE_MODIFY=_now())
        body = urlencode({
            "event": "ONCRMDEALUPDATE", "event_handler_id": "17", "data[FIELDS][ID]": str(deal_id),
            "ts": str(int(time.time() * 1000)), "auth[domain]": "bitrix24.localhost",
            "auth[member_id]": "local-portal", "auth[application_token]": self._token,
        }).encode()  # fmt: skip
        self.events.append(body)
        return self._event(body) if self._event else 0

    def _control(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")[1:]
        body = request.get_json(silent=True) or {}
        if parts == ["state"]:
            state = {"contacts": self.contacts, "companies": self.companies, "deals": self.deals}
            return _json(200, {name: list(items.values()) for name, items in state.items()})
        if parts == ["calls"]:
            return _json(200, [{"method": m, "status": s} for m, s in self.calls])
        if parts == ["contacts"]:
            email = [{"VALUE": body["email"], "VALUE_TYPE": "WORK"}]
            return _json(200, {"id": self._add(self.contacts, {"NAME": body["name"], "EMAIL": email})})
        if parts == ["deals"]:
            fields = {"TITLE": body["title"], "CONTACT_ID": str(body["contact_id"]), "STAGE_ID": "NEW",
                      "CLOSED": "N", "OPPORTUNITY": str(body.get("opportunity", "0"))}  # fmt: skip
            return _json(200, {"id": self._add(self.deals, fields)})
        if len(parts) == 2 and parts[0] == "deals":
            return _json(200, {"event_status": self.change_deal(int(parts[1]), body)})
        if parts == ["redeliver"]:
            return _json(200, {"event_status": self._event(self.events[-1]) if self._event else 0})
        if parts == ["rate-limit"]:
            self._limited = int(body.get("calls", 1))
            return _json(200, {"ok": True})
        return _json(404, {"error": "no such control route"})


def _matches(item: dict[str, Any], key: str, wanted: Any) -> bool:
    prefix = FILTER_PREFIX.match(key).group(0)  # type: ignore[union-attr]
    name = key[len(prefix) :]
    value = item.get(name)
    if name == "EMAIL":
        emails = [str(e.get("VALUE", "")).lower() for e in value or []]
        return (
            any(str(wanted).lower() in e for e in emails) if prefix == "%" else str(wanted).lower() in emails
        )
    return str(value or "") == str(wanted)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


def start_bitrix24_standin(
    stack: StackParts, user: str, code: str, token: str
) -> tuple[Bitrix24Standin, str]:
    """The stand-in on its own loopback port; its events go to the public API through the local gateway.
    Returns it and the incoming-webhook URL a portal admin would copy."""

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    standin = Bitrix24Standin(
        user,
        code,
        token,
        lambda body: post_to_public_api(stack.http_port, "/public/webhooks/bitrix24", body, form),
    )
    port = serve_in_background(standin, "bitrix24-standin")
    return standin, f"http://127.0.0.1:{port}/rest/{user}/{code}"
