"""Sign-out ends the session on the server: the old ID token answers 401 on every API (it is otherwise valid
for an hour by its signature) and Cognito refuses the session's refresh token."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from tests.integration.commerce.conftest import POOL, call, signed_in_callers
from tests.support.template_stack import REGION, TemplateStack, provision

pytestmark = pytest.mark.integration
SIGN_OUT = "/session/sign-out"


@pytest.fixture
def stack() -> Iterator[TemplateStack]:
    with mock_aws():
        yield from signed_in_callers(provision({"Stage": "local"}))


def refreshes(stack: TemplateStack, email: str) -> bool:
    idp = boto3.client("cognito-idp", region_name=REGION)
    try:
        idp.admin_initiate_auth(
            UserPoolId=stack.ref("UserPool"),
            ClientId=stack.ref("WebClient"),
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": POOL[-1].refresh[email]},
        )
    except ClientError:
        return False
    return True


def test_a_customer_signed_out_in_the_cabinet_is_refused_everywhere_with_the_old_token(
    stack: TemplateStack,
) -> None:
    assert call("CabinetApiFunction", "GET", "/me", token="alice").status == 200
    assert call("CabinetApiFunction", "GET", "/me", token="carol").status == 200
    assert refreshes(stack, "alice@acme.example")

    assert call("CabinetApiFunction", "POST", SIGN_OUT, token="alice").status == 200

    assert call("CabinetApiFunction", "GET", "/me", token="alice").status == 401
    assert call("PublicApiFunction", "POST", SIGN_OUT, token="alice").status == 401
    assert not refreshes(stack, "alice@acme.example")
    assert call("CabinetApiFunction", "GET", "/me", token="carol").status == 200  # only her own session ended


def test_a_manager_signed_out_in_the_console_is_refused_with_the_old_token(stack: TemplateStack) -> None:
    assert call("StaffApiFunction", "GET", "/me", token="anna").status == 200
    assert call("StaffApiFunction", "POST", SIGN_OUT, token="anna").status == 200
    assert call("StaffApiFunction", "GET", "/me", token="anna").status == 401


def test_signing_out_needs_a_valid_token(stack: TemplateStack) -> None:
    assert call("CabinetApiFunction", "POST", SIGN_OUT).status == 401
    assert call("CabinetApiFunction", "POST", SIGN_OUT, token="forged").status == 401
