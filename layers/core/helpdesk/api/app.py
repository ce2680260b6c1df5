"""Builds a Chalice app with the house conventions: CORS for its one web origin, logging with correlation
ids."""

from __future__ import annotations

from chalice import Chalice, CORSConfig

from helpdesk.observability import logger


def new_app(name: str, origin: str) -> Chalice:
    app = Chalice(app_name=name)
    app.api.cors = CORSConfig(
        allow_origin=origin,
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        max_age=600,
        allow_credentials=True,
    )
    app.log = logger  # type: ignore[assignment]

    @app.middleware("http")
    def correlate(event, get_response):  # type: ignore[no-untyped-def]
        request_id = (event.context or {}).get("requestId")
        logger.set_correlation_id(request_id)
        logger.append_keys(path=event.path, method=event.method)
        return get_response(event)

    return app
