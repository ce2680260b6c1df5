"""The cabinet api's app and the helpers every route module uses."""

from typing import Any

from helpdesk.api.access import Access, TokenVerifier, sign_out_route
from helpdesk.api.app import json_body, new_app, query_params
from helpdesk.bootstrap import container
from helpdesk.settings import get_settings

app = new_app("helpdesk-cabinet", get_settings().cabinet_url)
CUSTOMER = Access.customer()


def verifier() -> TokenVerifier:
    return container().token_verifier


sign_out_route(app, verifier, lambda: container().sign_outs)


def body() -> Any:
    return json_body(app)


def query() -> dict[str, str]:
    return query_params(app)
