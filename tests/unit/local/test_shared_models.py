"""The test session parses each AWS service model once and derives moto's user-pool key once
(tests/support/shared_models.py); every `mock_aws` still starts from an empty emulator and working clients."""

from __future__ import annotations

import boto3
import pytest
from joserfc import jwk, jwt
from moto import mock_aws
from moto.utilities.utils import load_resource

pytestmark = pytest.mark.unit

REGION = "eu-central-1"
PUBLIC_KEYS = jwk.KeySet.import_key_set(load_resource("cognitoidp/resources/jwks-public.json"))


def _model_and_queues() -> tuple[object, list[str]]:
    with mock_aws():
        session = boto3.Session(region_name=REGION)
        model = session._session.get_component("data_loader").load_service_model("sqs", "service-2")
        sqs = session.client("sqs")
        sqs.create_queue(QueueName="only-in-this-mock")
        return model, sqs.list_queues().get("QueueUrls", [])


def test_two_mocks_share_one_parsed_model_and_not_their_data() -> None:
    first_model, first_queues = _model_and_queues()
    second_model, second_queues = _model_and_queues()
    assert first_model is second_model
    assert len(first_queues) == len(second_queues) == 1


def test_pools_of_separate_mocks_each_issue_tokens_that_their_keys_verify() -> None:
    for name in ("first", "second"):
        with mock_aws():
            idp = boto3.client("cognito-idp", region_name=REGION)
            pool = idp.create_user_pool(PoolName=name)["UserPool"]["Id"]
            client = idp.create_user_pool_client(
                UserPoolId=pool, ClientName="c", ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH"]
            )
            client_id = client["UserPoolClient"]["ClientId"]
            idp.admin_create_user(
                UserPoolId=pool, Username="ann@example.com", TemporaryPassword="Temp-pass-1!"
            )
            idp.admin_set_user_password(
                UserPoolId=pool, Username="ann@example.com", Password="Pass-word-1!", Permanent=True
            )
            tokens = idp.admin_initiate_auth(
                UserPoolId=pool,
                ClientId=client_id,
                AuthFlow="ADMIN_NO_SRP_AUTH",
                AuthParameters={"USERNAME": "ann@example.com", "PASSWORD": "Pass-word-1!"},
            )["AuthenticationResult"]
            claims = jwt.decode(tokens["IdToken"], PUBLIC_KEYS).claims
            assert (claims["email"] if "email" in claims else claims["cognito:username"]) == "ann@example.com"
