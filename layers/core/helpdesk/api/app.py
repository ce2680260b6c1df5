"""Builds a Chalice app with the house conventions: CORS for its one web origin, logging with correlation
ids; and typed access to the request a route is answering."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from chalice import Chalice, CORSConfig, Response
from chalice.app import CaseInsensitiveMapping, Request

from helpdesk.api.security_headers import api_headers
from helpdesk.observability import logger


class ConcurrentChalice(Chalice):
    """Chalice keeps the request it answers on the app object. On Lambda one environment answers one request
    at a time; the local stack answers several at once in one process, where a second request replaced the
    first one's and a route read another request's body. Here each thread sees its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._answering = threading.local()
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def current_request(self) -> Request | None:
        return getattr(self._answering, "request", None)

    @current_request.setter
    def current_request(self, request: Request | None) -> None:
        self._answering.request = request

    @property  # type: ignore[override]
    def lambda_context(self) -> Any:
        return getattr(self._answering, "context", None)

    @lambda_context.setter
    def lambda_context(self, context: Any) -> None:
        self._answering.context = context


def new_app(name: str, origin: str) -> Chalice:
    app = ConcurrentChalice(app_name=name)
    app.api.cors = CORSConfig(
        allow_origin=origin,
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        max_age=600,
        allow_credentials=True,
    )
    app.log = logger  # type: ignore[assignment]

    @app.middleware("http")
    def correlate(event: Request, get_response: Callable[[Request], Response]) -> Response:
        request_id = (event.context or {}).get("requestId")
        logger.set_correlation_id(request_id)
        logger.append_keys(path=event.path, method=event.method)
        response = get_response(event)
        for name, value in api_headers().items():
            response.headers.setdefault(name, value)
        return response

    return app


def request_of(app: Chalice) -> Request:
    """The request being answered; Chalice sets it before any route runs."""
    request = app.current_request
    if request is None:
        raise RuntimeError("no current request: called outside a route")
    return request


def json_body(app: Chalice) -> Any:
    """The parsed JSON body, {} for none; anything else a route's body model rejects."""
    return request_of(app).json_body or {}


def query_params(app: Chalice) -> dict[str, str]:
    """The query string, the last value of a repeated parameter winning."""
    return dict(request_of(app).query_params or {})


def raw_body(app: Chalice) -> bytes:
    body = request_of(app).raw_body
    return body if isinstance(body, bytes) else body.encode()


def header(app: Chalice, name: str) -> str | None:
    value = request_of(app).headers.get(name)
    return None if value is None else str(value)


def binary_answer(app: Chalice, body: bytes, content_type: str = "application/octet-stream") -> Response:
    """A binary body (base64 through API Gateway). A request without Accept accepts any type (RFC 9110,
    12.5.1), but Chalice refuses binary answers to it: such a request is read as `Accept: */*`."""
    request = request_of(app)
    if request.headers.get("accept") is None:
        request.headers = CaseInsensitiveMapping({**dict(request.headers.items()), "accept": "*/*"})
    return Response(body, status_code=200, headers={"Content-Type": content_type})
