"""The staff, cabinet and public APIs in-process under moto, on template.yaml's resources, with staff in
the user pool (assignees are checked there)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from helpdesk.identity.model import Principal, Role
from moto import mock_aws

from tests.integration.commerce.conftest import POOL, TOKENS, Answer, call, signed_in_callers
from tests.support.template_stack import TemplateStack, provision

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
        for signed_in in signed_in_callers(stack):
            for name in (*STAFF, *CUSTOMERS):  # in the pool from the start: assignees are checked there
                POOL[-1].token(name)
            yield signed_in


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
