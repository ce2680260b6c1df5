"""Real tokens from the emulator's Cognito, verified through its JWKS endpoint over HTTP, as locally."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from helpdesk.identity.adapters.jwks_http import HttpJwksSource
from helpdesk.identity.model import PrincipalKind, Role
from helpdesk.identity.services.tokens import TokenVerifier, cognito_issuer, jwks_url
from helpdesk.kernel.errors import Unauthorized
from moto.server import ThreadedMotoServer

pytestmark = pytest.mark.integration

REGION = "eu-central-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="module")
def pool(endpoint: str) -> dict[str, Any]:
    idp = boto3.client("cognito-idp", region_name=REGION, endpoint_url=endpoint)
    pool_id = idp.create_user_pool(
        PoolName="helpdesk",
        UsernameAttributes=["email"],
        Schema=[{"Name": "organisation_id", "AttributeDataType": "String", "Mutable": True}],
    )["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    for group in ("customer", "admin"):
        idp.create_group(UserPoolId=pool_id, GroupName=group)
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="ann@example.com",
        UserAttributes=[
            {"Name": "email", "Value": "ann@example.com"},
            {"Name": "custom:organisation_id", "Value": "org-a"},
        ],
        MessageAction="SUPPRESS",
    )
    idp.admin_set_user_password(
        UserPoolId=pool_id, Username="ann@example.com", Password="Secret-123", Permanent=True
    )
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="ann@example.com", GroupName="customer")
    tokens = idp.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann@example.com", "PASSWORD": "Secret-123"},
    )["AuthenticationResult"]
    return {"pool_id": pool_id, "client_id": client_id, "tokens": tokens}


def verifier(endpoint: str, pool_id: str, client_id: str) -> TokenVerifier:
    issuer = cognito_issuer(REGION, pool_id)
    return TokenVerifier.for_pool(HttpJwksSource(jwks_url(issuer, pool_id, endpoint)), issuer, [client_id])


def test_emulator_id_token_verifies_against_its_jwks(endpoint: str, pool: dict[str, Any]) -> None:
    principal = verifier(endpoint, pool["pool_id"], pool["client_id"]).principal(pool["tokens"]["IdToken"])
    assert principal.kind is PrincipalKind.CUSTOMER
    assert principal.roles == {Role.CUSTOMER}
    assert principal.organisation_id == "org-a"
    assert principal.email == "ann@example.com"


def test_emulator_access_token_verifies_as_access_only(endpoint: str, pool: dict[str, Any]) -> None:
    check = verifier(endpoint, pool["pool_id"], pool["client_id"])
    assert check.claims(pool["tokens"]["AccessToken"], use="access")["client_id"] == pool["client_id"]
    with pytest.raises(Unauthorized):
        check.claims(pool["tokens"]["AccessToken"], use="id")
    with pytest.raises(Unauthorized):
        check.claims(pool["tokens"]["IdToken"], use="access")


def test_tokens_of_another_pool_or_client_are_refused(endpoint: str, pool: dict[str, Any]) -> None:
    # The emulator signs every pool's tokens with one key: only iss and aud tell them apart.
    with pytest.raises(Unauthorized):
        verifier(endpoint, "eu-central-1_Another", pool["client_id"]).claims(pool["tokens"]["IdToken"])
    with pytest.raises(Unauthorized):
        verifier(endpoint, pool["pool_id"], "another-client").claims(pool["tokens"]["IdToken"])


def test_unreachable_jwks_fails_closed(pool: dict[str, Any]) -> None:
    issuer = cognito_issuer(REGION, pool["pool_id"])
    dead = HttpJwksSource(f"http://127.0.0.1:{free_port()}/x/.well-known/jwks.json", timeout_seconds=0.5)
    with pytest.raises(Unauthorized):
        TokenVerifier.for_pool(dead, issuer, [pool["client_id"]]).claims(pool["tokens"]["IdToken"])


def test_jwks_source_refuses_non_http_urls() -> None:
    with pytest.raises(ValueError):
        HttpJwksSource("file:///etc/passwd")
