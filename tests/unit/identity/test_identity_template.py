"""template.yaml's user pool pinned to the identity code: groups are the roles, the web client is safe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpdesk.identity.model import ORGANISATION_CLAIM, Role
from helpdesk_local.template import load_template

pytestmark = pytest.mark.unit

TEMPLATE = load_template(Path(__file__).resolve().parents[3] / "template.yaml")["Resources"]


def of_type(kind: str) -> list[dict[str, Any]]:
    return [r["Properties"] for r in TEMPLATE.values() if r["Type"] == kind]


def web_client() -> dict[str, Any]:
    (client,) = of_type("AWS::Cognito::UserPoolClient")
    return client


def test_pool_groups_are_exactly_the_roles() -> None:
    assert {g["GroupName"] for g in of_type("AWS::Cognito::UserPoolGroup")} == {r.value for r in Role}


def test_pool_signs_in_by_email_and_has_the_organisation_attribute() -> None:
    (pool,) = of_type("AWS::Cognito::UserPool")
    assert pool["UsernameAttributes"] == ["email"]
    assert "custom:" + pool_attribute(pool) == ORGANISATION_CLAIM


def pool_attribute(pool: dict[str, Any]) -> str:
    (name,) = [a["Name"] for a in pool["Schema"] if a["Name"] == "organisation_id"]
    return str(name)


def test_web_client_is_a_public_code_flow_client_with_rotation_and_revocation() -> None:
    client = web_client()
    assert client["GenerateSecret"] is False
    assert client["AllowedOAuthFlows"] == ["code"]
    assert client["EnableTokenRevocation"] is True
    assert client["PreventUserExistenceErrors"] == "ENABLED"
    assert client["RefreshTokenRotation"]["Feature"] == "ENABLED"


def test_users_cannot_write_their_own_organisation() -> None:
    # Without WriteAttributes every attribute is writable with the user's access token (UpdateUserAttributes):
    # a customer could move into another organisation.
    writable = web_client().get("WriteAttributes")
    assert writable is not None and ORGANISATION_CLAIM not in writable
