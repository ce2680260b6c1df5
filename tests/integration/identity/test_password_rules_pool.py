"""The rules the sign-in pages show and check refuse exactly what the pool (moto's Cognito) refuses."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from helpdesk_local.auth.password_rules import PasswordRules
from moto import mock_aws

from tests.unit.local.test_password_rules import STRICT, TEMPLATE_POLICY

pytestmark = pytest.mark.integration

PASSWORDS = [
    "short1",
    "alllowercase-no-digits",
    "ALLUPPER-123456",
    "Mixed1234567",
    "Mixed-12345678",
    "abcdefghij1",
]


@pytest.mark.parametrize("policy", [TEMPLATE_POLICY, STRICT], ids=["template", "strict"])
def test_the_rules_agree_with_the_pool(policy: dict[str, object]) -> None:
    with mock_aws():
        idp = boto3.client("cognito-idp", region_name="eu-central-1")
        pool = idp.create_user_pool(PoolName="p", Policies={"PasswordPolicy": policy})["UserPool"]["Id"]
        idp.admin_create_user(UserPoolId=pool, Username="u", MessageAction="SUPPRESS")
        rules = PasswordRules.of(
            idp.describe_user_pool(UserPoolId=pool)["UserPool"]["Policies"]["PasswordPolicy"]
        )
        for password in PASSWORDS:
            try:
                idp.admin_set_user_password(UserPoolId=pool, Username="u", Password=password, Permanent=True)
                accepted = True
            except ClientError:
                accepted = False
            assert (not rules.unmet(password)) is accepted, password
