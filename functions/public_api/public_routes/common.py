"""The public api's app and the helpers every route module uses."""

from typing import Any

from helpdesk.api.access import Access, TokenVerifier, sign_out_route
from helpdesk.api.app import json_body, new_app, request_of
from helpdesk.bootstrap import container
from helpdesk.settings import get_settings

app = new_app("helpdesk-public", get_settings().shop_url)
PUBLIC = Access.public()


def verifier() -> TokenVerifier:
    return container().token_verifier


sign_out_route(app, verifier, lambda: container().sign_outs)


def body() -> Any:
    return json_body(app)


def client_address() -> str | None:
    identity = (request_of(app).context or {}).get("identity") or {}
    return identity.get("sourceIp")
