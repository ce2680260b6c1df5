"""The local API Gateway: REST proxy events for the template's Api events, Cognito authorizer included."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from helpdesk_local.events import api_event
from helpdesk_local.functions import LocalFunction


@dataclass
class Route:
    api: str  # logical id of the AWS::Serverless::Api
    method: str
    resource: str  # "/tickets/{ticket_id}"
    pattern: re.Pattern[str]
    function: LocalFunction
    authorized: bool


def base_path(api_logical_id: str) -> str:
    """StaffApi -> "staff": locally each API lives under its base path, as with a custom-domain mapping."""
    return re.sub(r"Api$", "", api_logical_id).lower()


def build_routes(functions: dict[str, LocalFunction], template: dict[str, Any]) -> list[Route]:
    routes = []
    for fn in functions.values():
        for event in fn.events.values():
            if event["Type"] != "Api":
                continue
            api = event["RestApiId"]
            default_auth = template["Resources"][api]["Properties"].get("Auth", {}).get("DefaultAuthorizer")
            authorizer = event.get("Auth", {}).get("Authorizer", default_auth)
            resource = event["Path"]
            regex = "^" + re.sub(r"\\\{(\w+)(?:\\\+)?\\\}", r"(?P<\1>[^/]+)", re.escape(resource)) + "$"
            routes.append(
                Route(
                    api,
                    event["Method"].upper(),
                    resource,
                    re.compile(regex),
                    fn,
                    authorized=bool(authorizer) and authorizer != "NONE",
                )
            )
    # Literal segments win over parameters, as in API Gateway.
    routes.sort(key=lambda r: (r.resource.count("{"), -len(r.resource)))
    return routes


class Gateway:
    def __init__(
        self,
        routes: list[Route],
        verify_token: Any,
        stage: str = "api",
        observe: Callable[[str, str, int], None] | None = None,
        api_names: dict[str, str] | None = None,
    ) -> None:
        self.routes = routes
        self.verify_token = verify_token  # callable(token) -> claims, raises on a bad token
        self.stage = stage
        self.observe = observe  # (ApiName, stage, status) after every answer, as API Gateway counts them
        self.api_names = api_names or {}

    def handle(self, api: str, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        answer = self._answer(api, environ)
        if self.observe is not None:
            self.observe(self.api_names.get(api, api), self.stage, answer[0])
        return answer

    def _answer(self, api: str, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        method = environ["REQUEST_METHOD"].upper()
        path = environ.get("PATH_INFO") or "/"
        candidates = [(r, m) for r in self.routes if r.api == api and (m := r.pattern.match(path))]
        if not candidates:
            return _json(404 if method != "OPTIONS" else 204, {"message": "Not Found"})
        matching = [(r, m) for r, m in candidates if r.method in (method, "ANY")]
        if not matching:
            return _json(403 if method != "OPTIONS" else 204, {"message": "Missing Authentication Token"})
        route, match = matching[0]
        headers = _headers(environ)
        claims = None
        if route.authorized:
            token = headers.get("Authorization", "")
            token = token[7:] if token.lower().startswith("bearer ") else token
            try:
                claims = self.verify_token(token)
            except Exception:  # noqa: BLE001 - any failure is "Unauthorized", as API Gateway answers
                return _json(401, {"message": "Unauthorized"})
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        event = api_event(
            method=method,
            path=path,
            resource=route.resource,
            path_parameters=match.groupdict(),
            headers=headers,
            query=parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True),
            body=body,
            stage=self.stage,
            source_ip=environ.get("REMOTE_ADDR", "127.0.0.1"),
            claims=claims,
        )
        try:
            result = route.function.invoke(event)
        except Exception:  # noqa: BLE001
            return _json(502, {"message": "Internal server error"})
        return _from_proxy_result(result)


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    headers = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers["-".join(p.capitalize() for p in key[5:].split("_"))] = value
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = environ["CONTENT_TYPE"]
    if environ.get("CONTENT_LENGTH"):
        headers["Content-Length"] = environ["CONTENT_LENGTH"]
    return headers


def _from_proxy_result(result: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    body = result.get("body") or ""
    raw = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
    headers = list((result.get("headers") or {}).items())
    for key, values in (result.get("multiValueHeaders") or {}).items():
        headers.extend((key, v) for v in values)
    return int(result.get("statusCode", 200)), headers, raw


def _json(status: int, body: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    return status, [("Content-Type", "application/json")], json.dumps(body).encode()
