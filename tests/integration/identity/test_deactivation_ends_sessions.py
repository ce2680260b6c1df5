"""Deactivating a staff member ends their sessions at once: the ID token they hold (valid for an hour by its
signature) answers 401 on the next call, as after their own sign-out; others' tokens keep working."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpdesk.identity.model import Principal, Role
from moto import mock_aws

from tests.integration.commerce.conftest import TOKENS, call, signed_in_callers
from tests.support.template_stack import TemplateStack, provision

pytestmark = pytest.mark.integration
ADA = Principal("sub-ada", "ada@helpdesk.localhost", frozenset({Role.ADMIN}), name="Ada Admin")
OLEG = Principal("sub-oleg", "oleg@helpdesk.localhost", frozenset({Role.OPS}), name="Oleg Ops")


@pytest.fixture
def stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:
    monkeypatch.setitem(TOKENS, "ada", ADA)
    monkeypatch.setitem(TOKENS, "oleg", OLEG)
    with mock_aws():
        yield from signed_in_callers(provision({"Stage": "local"}))


def test_a_deactivated_manager_is_refused_with_the_token_they_hold(stack: TemplateStack) -> None:
    assert call("StaffApiFunction", "GET", "/me", token="anna").status == 200  # her token is cached as valid
    assert call("StaffApiFunction", "GET", "/me", token="oleg").status == 200

    change = {"email": "anna@helpdesk.localhost", "active": False}
    answer = call("StaffApiFunction", "PATCH", "/admin/staff", change, token="ada")
    assert (answer.status, answer.body["active"]) == (200, False)

    assert call("StaffApiFunction", "GET", "/me", token="anna").status == 401
    assert call("StaffApiFunction", "GET", "/me", token="oleg").status == 200
    assert call("StaffApiFunction", "GET", "/me", token="ada").status == 200
