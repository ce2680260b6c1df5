"""The staff API's app, its role groups and the request helpers every route module uses."""

from typing import Any

from helpdesk.api.access import Access, Role, TokenVerifier, sign_out_route
from helpdesk.api.app import json_body, new_app, query_params
from helpdesk.bootstrap import container
from helpdesk.settings import get_settings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

app = new_app("helpdesk-staff", get_settings().console_url)
app.api.binary_types.append(XLSX)  # report exports: sent base64-encoded, to an Accept naming the type
OPS = Access.staff(Role.ADMIN, Role.OPS)
SUPPORT = Access.staff(Role.ADMIN, Role.MANAGER, Role.DEVELOPER, Role.ACCOUNTANT)
REVENUE = Access.staff(Role.ADMIN, Role.MANAGER, Role.ACCOUNTANT)
LICENSE_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)
ADMIN = Access.staff(Role.ADMIN)
PROJECT_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)
TASK_WORK = Access.staff(Role.ADMIN, Role.MANAGER, Role.DEVELOPER)


def verifier() -> TokenVerifier:
    return container().token_verifier


sign_out_route(app, verifier, lambda: container().sign_outs)


def body() -> Any:
    return json_body(app)


def query() -> dict[str, str]:
    return query_params(app)
