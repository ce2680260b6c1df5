"""The one mapping from the domain's error taxonomy to HTTP, used by every Chalice app."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from chalice import Response
from pydantic import BaseModel, ValidationError

from helpdesk.kernel import errors
from helpdesk.observability import logger

STATUS_BY_ERROR: list[tuple[type[errors.DomainError], int]] = [
    (errors.Unauthorized, 401),
    (errors.Forbidden, 403),
    (errors.NotFound, 404),
    (errors.Conflict, 409),
    (errors.Malformed, 400),  # before its base, Invalid
    (errors.Invalid, 422),
    (errors.RateLimited, 429),
    (errors.Unavailable, 503),
]


def error_response(exc: Exception) -> Response:
    if isinstance(exc, ValidationError):
        return _json(422, {"error": "invalid", "detail": exc.errors(include_url=False, include_input=False)})
    for kind, status in STATUS_BY_ERROR:
        if isinstance(exc, kind):
            headers = {}
            if isinstance(exc, errors.RateLimited):
                headers["Retry-After"] = str(exc.retry_after)
            extra = getattr(exc, "body", None) or {}  # e.g. the newer messages of a refused reply
            return _json(status, {"error": kind.__name__.lower(), "detail": str(exc), **extra}, headers)
    logger.exception("unhandled error")
    return _json(500, {"error": "internal", "detail": "internal error"})


def as_response(result: Any, status: int = 200) -> Response:
    if isinstance(result, Response):
        return result
    if isinstance(result, BaseModel):
        body: Any = result.model_dump(mode="json", by_alias=True)
    elif isinstance(result, list):
        body = [r.model_dump(mode="json", by_alias=True) if isinstance(r, BaseModel) else r for r in result]
    else:
        body = result
    return _json(status, body)


def created(result: Any) -> Response:
    """201 Created with the new thing's view."""
    return as_response(result, 201)


def mapped(route: Callable[..., Any]) -> Callable[..., Response]:
    """Wrap a route: its model result becomes JSON, domain errors become their status code."""

    @functools.wraps(route)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return as_response(route(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - the one place errors become HTTP
            return error_response(exc)

    return wrapper


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(
        body=json.dumps(body, ensure_ascii=False),
        status_code=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def answered(build: Callable[[], Any], status: int = 200) -> Response:
    """The result as a response, or the domain error's: for routes that add headers to either (CORS)."""
    try:
        return as_response(build(), status)
    except (errors.DomainError, ValidationError) as exc:
        return error_response(exc)
