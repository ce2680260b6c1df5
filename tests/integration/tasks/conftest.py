"""The staff, cabinet and public APIs in-process under moto, on template.yaml's resources, with staff in
the user pool (assignees are checked there)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from helpdesk.identity.model import Principal, Role
from moto import mock_aws

from tests.integration.commerce.conftest import TOKENS, Answer, NamedTokens, call
from tests.support.template_stack import REGION, TemplateStack, provision

STAFF = {
    "anna": ("anna@agency.example", Role.MANAGER),
    "dima": ("dima@agency.example", Role.DEVELOPER),
    "alla": ("alla@agency.example", Role.ACCOUNTANT),
}
CUSTOMERS = {"alice": ("alice@acme.example", "org-acme"), "bob": ("bob@globex.example", "org-globex")}


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:
    yield from staffed_stack(monkeypatch, {})


def staffed_stack(monkeypatch: pytest.MonkeyPatch, parameters: dict[str, str]) -> Iterator[TemplateStack]:
    for name, (email, role) in STAFF.items():
        monkeypatch.setitem(TOKENS, name, Principal(f"sub-{name}", email, frozenset({role})))
    for name, (email, org) in CUSTOMERS.items():
        monkeypatch.setitem(TOKENS, name, Principal(f"sub-{name}", email, frozenset({Role.CUSTOMER}), org))
    with mock_aws():
        stack = provision({"Stage": "local", **parameters})
        idp = boto3.client("cognito-idp", region_name=REGION)
        pool = stack.ref("UserPool")
        people = [(e, r.value) for e, r in STAFF.values()] + [(e, "customer") for e, _ in CUSTOMERS.values()]
        for email, group in people:
            idp.admin_create_user(UserPoolId=pool, Username=email, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": email}])  # fmt: skip
            idp.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName=group)
        from helpdesk.bootstrap import container

        container().token_verifier = NamedTokens()  # type: ignore[assignment]
        yield stack


def staff(method: str, resource: str, body: Any = None, token: str = "anna", **kwargs: Any) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **kwargs)


def cabinet(method: str, resource: str, token: str = "alice", **kwargs: Any) -> Answer:
    return call("CabinetApiFunction", method, resource, token=token, **kwargs)


def a_ticket(organisation: str | None, subject: str = "Checkout button broken") -> str:
    from helpdesk.bootstrap import container
    from helpdesk.tickets.model.ticket import Ticket

    now = datetime.now(UTC)
    number = f"HD-{abs(hash((organisation, subject))) % 900000 + 100000}"
    ticket = Ticket(f"tk-{number}", number, subject, "support", now, now, organisation_id=organisation)
    assert container().ticket_repository.create(ticket)
    return ticket.id
