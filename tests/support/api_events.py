"""API Gateway REST proxy events, as API Gateway hands them to a Chalice app."""

from __future__ import annotations

import json
import re
from typing import Any


def rest_event(
    method: str,
    resource: str,
    body: Any = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    source_ip: str = "203.0.113.9",
    **path_params: str,
) -> dict[str, Any]:
    """`resource` is the route template (`/tickets/{ticket_id}`); `path_params` fill it in."""
    path = re.sub(r"{(\w+)}", lambda m: path_params[m.group(1)], resource)
    all_headers = {"Host": "api.example.com", **({"Authorization": f"Bearer {token}"} if token else {})}
    if body is not None:
        all_headers.setdefault("Content-Type", "application/json")
    all_headers.update(headers or {})
    raw = body if isinstance(body, str | bytes) or body is None else json.dumps(body)
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": path_params or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/api{path}",
            "stage": "api",
            "requestId": "test-request",
            "accountId": "123456789012",
            "apiId": "local",
            "identity": {"sourceIp": source_ip, "userAgent": "pytest"},
        },
        "body": raw.decode() if isinstance(raw, bytes) else raw,
        "isBase64Encoded": False,
    }
