"""Connectors calling us: Pipedrive's and Omnidesk's webhooks (basic auth as configured; a replay changes
nothing) and 1C's CommerceML exchange (basic auth at checkauth, then its cookie)."""

from typing import Any
from urllib.parse import parse_qsl

from chalice import Response
from chalice.app import CaseInsensitiveMapping
from helpdesk.api.access import Principal, route
from helpdesk.api.app import header, query_params, raw_body
from helpdesk.bootstrap import container

from .common import PUBLIC, app, body

ONEC_COOKIE = "HELPDESK_1C"
FORM = "application/x-www-form-urlencoded"
# 1C gets its documents as XML bytes in the encoding the exchange chose (Windows-1251 or UTF-8).
app.api.binary_types.append("application/xml")


@app.middleware("http")
def onec_accepts_its_documents(event: Any, get_response: Any) -> Any:
    """Chalice (like API Gateway) sends binary only to a request that accepts it; 1C's HTTP client may name
    no Accept at all, so an exchange request without one accepts the XML it asked for."""
    if event.path == "/1c/exchange" and "accept" not in event.headers:
        event.headers = CaseInsensitiveMapping({**event.headers, "accept": "application/xml"})
    return get_response(event)


def query() -> dict[str, str]:
    return query_params(app)


def cookie(raw: str | None, name: str) -> str | None:
    for part in (raw or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def vendor() -> Any:
    return container().vendor_webhook_verifier


@route(app, "/webhooks/pipedrive", access=PUBLIC, verifier=vendor, methods=["POST"])
def pipedrive_webhook(caller: Principal | None) -> dict[str, bool]:
    """Credentials first, then the body: an unauthenticated caller learns nothing about the shape."""
    return {"applied": container().pipedrive_webhooks.receive(header(app, "authorization"), body())}


@route(app, "/webhooks/omnidesk", access=PUBLIC, verifier=vendor, methods=["POST"])
def omnidesk_webhook(caller: Principal | None) -> dict[str, bool]:
    """Basic auth as configured; the body only names the case, which is read through the API (queued)."""
    return {"queued": container().omnidesk_inbound.receive_webhook(header(app, "authorization"), body())}


ONEC_POSTS = ["application/octet-stream", "application/xml", "text/xml", "text/plain", "application/json"]


@route(app, "/1c/exchange", access=PUBLIC, verifier=vendor, methods=["GET", "POST"], content_types=ONEC_POSTS)
def onec_exchange(caller: Principal | None) -> Response:
    """1C:Enterprise's CommerceML 2 exchange (docs/integrations.md): plain-text steps, XML documents."""
    params = query()
    reply = container().onec_exchange.handle(
        params.get("type", ""),
        params.get("mode", ""),
        header(app, "authorization"),
        cookie(header(app, "cookie"), ONEC_COOKIE),
        raw_body(app),
    )
    return Response(body=reply.body, status_code=200, headers={"Content-Type": reply.content_type})


@route(app, "/webhooks/bitrix24", access=PUBLIC, verifier=vendor, methods=["POST"], content_types=[FORM])
def bitrix24_event(caller: Principal | None) -> dict[str, bool]:
    """Bitrix24's event handlers post forms; `auth[application_token]` proves the sender."""
    form = dict(parse_qsl(raw_body(app).decode("utf-8", "replace"), keep_blank_values=True))
    return {"accepted": container().bitrix24_events.receive(form)}
