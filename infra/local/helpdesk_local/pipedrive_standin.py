"""pipedrive on the local stack: stands in for Pipedrive's REST API v2 and its webhooks v2.

Every request is checked against Pipedrive's published OpenAPI document (infra/local/vendor/pipedrive,
trimmed to the operations served here) with openapi-core before it is served, and every answer before it
is sent: a request the document refuses gets Pipedrive's 400 shape; an answer it refuses is a bug in the
stand-in and raises `PipedriveContractBroken`. Only the servers entry is changed (to "/api/v2").

The API token is checked in the `x-api-token` header. `rate_limit(n, seconds)` answers the next n calls
with 429 and Pipedrive's rate-limit headers (429 is not in the document: not validated). Changes "in
Pipedrive" (`change`) post webhooks v2 with basic auth, as a webhook created with `http_auth_user` does.
Control routes (not Pipedrive's API, not validated) under /__standin/:

  GET  /__standin/state                       persons, organizations, deals
  POST /__standin/persons                     {name, email, org_id?} -> {id}   (exists "in Pipedrive")
  POST /__standin/<persons|deals>/<id>        {<field>: value}: changed in Pipedrive -> webhook_status
  POST /__standin/redeliver                   Pipedrive retries the last webhook (same meta.id)
  POST /__standin/rate-limit                  {calls, retry_after}
  GET  /__standin/calls                       [{method, path, status}] of the REST calls received
"""

from __future__ import annotations

import base64
import itertools
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from helpdesk_local.standin_app import RecordingStandin, post_to_public_api, serve_in_background

if TYPE_CHECKING:
    from helpdesk_local.parts import StackParts

SPEC = Path(__file__).resolve().parents[1] / "vendor" / "pipedrive" / "pipedrive-v2.trimmed.json"
Webhook = Callable[[bytes, dict[str, str]], int]
API = Map([
    Rule("/api/v2/deals", endpoint="deals", methods=["GET", "POST"]),
    Rule("/api/v2/deals/<int:item_id>", endpoint="deal", methods=["GET", "PATCH"]),
    Rule("/api/v2/persons", endpoint="add_person", methods=["POST"]),
    Rule("/api/v2/persons/search", endpoint="search_persons", methods=["GET"]),
    Rule("/api/v2/persons/<int:item_id>", endpoint="person", methods=["GET", "PATCH"]),
    Rule("/api/v2/organizations", endpoint="add_org", methods=["POST"]),
    Rule("/api/v2/organizations/search", endpoint="search_orgs", methods=["GET"]),
])  # fmt: skip


class PipedriveContractBroken(AssertionError):
    """The stand-in produced an answer Pipedrive's OpenAPI document does not allow."""


@cache
def pipedrive_openapi() -> OpenAPI:
    spec = json.loads(SPEC.read_text())
    spec["servers"] = [{"url": "/api/v2"}]
    return OpenAPI.from_dict(spec)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class PipedriveStandin(RecordingStandin):
    def __init__(
        self, api_token: str, webhook: Webhook | None = None, auth: tuple[str, str] = ("", "")
    ) -> None:
        super().__init__()
        self._token, self._webhook = api_token, webhook
        self._auth = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        self.persons: dict[int, dict[str, Any]] = {}
        self.orgs: dict[int, dict[str, Any]] = {}
        self.deals: dict[int, dict[str, Any]] = {}
        self.deliveries: list[tuple[bytes, dict[str, str]]] = []
        self._ids = itertools.count(101)
        self._limited: list[int] = []

    def rate_limit(self, calls: int, retry_after: int) -> None:
        self._limited = [retry_after] * calls

    def _recorded(self, request: Request, response: Response) -> tuple[Any, ...]:
        return (request.method, request.full_path.rstrip("?"), response.status_code)

    # ------------------------------------------------------------ the API
    def _answer(self, request: Request) -> Response:
        if self._limited:
            wait = self._limited.pop()
            headers = {
                "x-ratelimit-limit": "80",
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(wait),
            }
            return _json(429, {"success": False, "error": "Request over limit"}, headers)
        if request.headers.get("x-api-token") != self._token:
            return _json(401, {"success": False, "error": "unauthorized access", "errorCode": 401})
        checked = pipedrive_openapi().unmarshal_request(WerkzeugOpenAPIRequest(request))
        if checked.errors:
            return _json(400, {"success": False, "error": "; ".join(str(e) for e in checked.errors)})
        try:
            endpoint, args = API.bind_to_environ(request.environ).match()
        except Exception:  # noqa: BLE001 - werkzeug's NotFound / MethodNotAllowed
            return _json(404, {"success": False, "error": "not found"})
        response = getattr(self, f"_{endpoint}")(request, **args)
        result = pipedrive_openapi().unmarshal_response(
            WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response)
        )
        if result.errors:
            raise PipedriveContractBroken(f"{request.method} {request.path}: {result.errors}")
        return response

    def _deals(self, request: Request) -> Response:
        if request.method == "POST":
            body = request.get_json()
            deal = {"id": next(self._ids), "title": body["title"], "status": body.get("status", "open"),
                    "value": body.get("value", 0), "currency": body.get("currency", "EUR"),
                    "person_id": body.get("person_id"), "org_id": body.get("org_id"),
                    "won_time": body.get("won_time"), "add_time": _now(), "update_time": _now()}  # fmt: skip
            self.deals[deal["id"]] = deal
            return _json(200, {"success": True, "data": deal})
        args = request.args
        found = [d for d in self.deals.values() if _matches(d, args)]
        found.sort(key=lambda d: d["update_time"], reverse=args.get("sort_direction") == "desc")
        limit = int(args.get("limit", 100))
        return _json(200, {"success": True, "data": found[:limit]})

    def _deal(self, request: Request, item_id: int) -> Response:
        deal = self.deals.get(item_id)
        if deal is None:
            return _json(404, {"success": False, "error": "Deal not found"})
        if request.method == "PATCH":
            deal.update(request.get_json(), update_time=_now())
        return _json(200, {"success": True, "data": deal})

    def _add_person(self, request: Request) -> Response:
        body = request.get_json()
        person = {"id": next(self._ids), "name": body.get("name", ""), "emails": body.get("emails", []),
                  "phones": body.get("phones", []), "org_id": body.get("org_id"),
                  "add_time": _now(), "update_time": _now()}  # fmt: skip
        self.persons[person["id"]] = person
        return _json(200, {"success": True, "data": person})

    def _person(self, request: Request, item_id: int) -> Response:
        person = self.persons.get(item_id)
        if person is None:
            return _json(404, {"success": False, "error": "Person not found"})
        if request.method == "PATCH":
            person.update(request.get_json(), update_time=_now())
        return _json(200, {"success": True, "data": person})

    def _search_persons(self, request: Request) -> Response:
        term, exact = request.args["term"].lower(), request.args.get("exact_match") == "true"
        items = []
        for p in self.persons.values():
            emails = [e["value"].lower() for e in p["emails"]]
            if any(e == term if exact else term in e for e in emails):
                org = self.orgs.get(p["org_id"] or 0)
                item = {"id": p["id"], "type": "person", "name": p["name"], "emails": emails,
                        "phones": [x["value"] for x in p["phones"]],
                        "organization": {"id": org["id"], "name": org["name"]} if org else None}  # fmt: skip
                items.append({"result_score": 1.0, "item": item})
        return _json(200, {"success": True, "data": {"items": items}})

    def _add_org(self, request: Request) -> Response:
        org = {
            "id": next(self._ids),
            "name": request.get_json()["name"],
            "add_time": _now(),
            "update_time": _now(),
        }
        self.orgs[org["id"]] = org
        return _json(200, {"success": True, "data": org})

    def _search_orgs(self, request: Request) -> Response:
        term, exact = request.args["term"].lower(), request.args.get("exact_match") == "true"
        items = [
            {"result_score": 1.0, "item": {"id": o["id"], "type": "organization", "name": o["name"]}}
            for o in self.orgs.values()
            if (o["name"].lower() == term if exact else term in o["name"].lower())
        ]
        return _json(200, {"success": True, "data": {"items": items}})

    # ------------------------------------------------------------ "in Pipedrive"
    def add_person_in_pipedrive(self, name: str, email: str, org_id: int | None = None) -> int:
        with self._lock:
            pid = next(self._ids)
            self.persons[pid] = {"id": pid, "name": name, "emails": [{"value": email, "primary": True,
                                 "label": "work"}], "phones": [], "org_id": org_id,
                                 "add_time": _now(), "update_time": _now()}  # fmt: skip
            return pid

    def change(self, entity: str, item_id: int, fields: dict[str, Any]) -> int:
        """Someone edits a person or deal in Pipedrive: the item changes, a webhook v2 is posted."""
        with self._lock:
            table = self.persons if entity == "person" else self.deals
            item = table[item_id]
            previous = {k: item.get(k) for k in fields}
            item.update(fields, update_time=_now())
            data = dict(item)
        meta = {"action": "change", "entity": entity, "entity_id": str(item_id), "id": str(uuid.uuid4()),
                "timestamp": _now(), "version": "2.0", "type": "general", "is_bulk_edit": False,
                "change_source": "app", "company_id": "1", "user_id": "1", "attempt": 1}  # fmt: skip
        body = json.dumps({"data": data, "previous": previous, "meta": meta}).encode()
        headers = {"Content-Type": "application/json", "Authorization": self._auth}
        self.deliveries.append((body, headers))
        return self._post(body, headers)

    def redeliver(self) -> int:
        body, headers = self.deliveries[-1]
        return self._post(body, headers)

    def _post(self, body: bytes, headers: dict[str, str]) -> int:
        return self._webhook(body, headers) if self._webhook else 0

    # ------------------------------------------------------------ control routes
    def _control(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")[1:]
        body = request.get_json(silent=True) or {}
        if parts == ["state"]:
            state = {"persons": self.persons, "organizations": self.orgs, "deals": self.deals}
            return _json(200, {name: list(items.values()) for name, items in state.items()})
        if parts == ["calls"]:
            return _json(200, [{"method": m, "path": p, "status": s} for m, p, s in self.calls])
        if parts == ["persons"] and request.method == "POST":
            return _json(
                200, {"id": self.add_person_in_pipedrive(body["name"], body["email"], body.get("org_id"))}
            )
        if len(parts) == 2 and parts[0] in ("persons", "deals") and request.method == "POST":
            try:
                return _json(200, {"webhook_status": self.change(parts[0][:-1], int(parts[1]), body)})
            except (KeyError, ValueError):
                return _json(404, {"error": "no such item"})
        if parts == ["redeliver"] and request.method == "POST":
            return _json(200, {"webhook_status": self.redeliver()})
        if parts == ["rate-limit"] and request.method == "POST":
            self.rate_limit(int(body.get("calls", 1)), int(body.get("retry_after", 1)))
            return _json(200, {"ok": True})
        return _json(404, {"error": "no such control route"})


def _matches(deal: dict[str, Any], args: Any) -> bool:
    for name in ("person_id", "org_id"):
        if args.get(name) and str(deal.get(name)) != args[name]:
            return False
    return not args.get("status") or deal["status"] == args["status"]


def _present(value: Any) -> Any:
    """Pipedrive's document marks few fields nullable (the live API sends nulls): absent, not null."""
    if isinstance(value, dict):
        return {k: _present(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_present(v) for v in value]
    return value


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(_present(body)), status, headers, content_type="application/json")


def start_pipedrive_standin(
    stack: StackParts, api_token: str, auth: tuple[str, str]
) -> tuple[PipedriveStandin, str]:
    """The stand-in on its own loopback port (the functions call it there), posting webhooks to the public
    API through the local gateway, as Pipedrive posts to API Gateway. Returns it and its API base URL."""

    def post(body: bytes, headers: dict[str, str]) -> int:
        return post_to_public_api(stack.http_port, "/public/webhooks/pipedrive", body, headers)

    standin = PipedriveStandin(api_token, post, auth)
    return standin, f"http://127.0.0.1:{serve_in_background(standin, 'pipedrive-standin')}/api/v2"
