"""Connector webhooks: Pipedrive (basic auth as configured); each vendor's replay changes nothing."""

from typing import Any

from helpdesk.api.access import Principal, route
from helpdesk.api.app import header
from helpdesk.bootstrap import container

from .common import PUBLIC, app, body


def vendor() -> Any:
    return container().vendor_webhook_verifier


@route(app, "/webhooks/pipedrive", access=PUBLIC, verifier=vendor, methods=["POST"])
def pipedrive_webhook(caller: Principal | None) -> dict[str, bool]:
    """Credentials first, then the body: an unauthenticated caller learns nothing about the shape."""
    return {"applied": container().pipedrive_webhooks.receive(header(app, "authorization"), body())}
