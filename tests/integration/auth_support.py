"""A user pool like template.yaml's under moto, the local sign-in server on it, and a browser-like client."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import boto3
import pytest
from helpdesk.identity.services.rate_limits import RateLimiter
from helpdesk.identity.services.tokens import TokenVerifier, cognito_issuer
from helpdesk.settings import Settings
from helpdesk_local.auth.attempts_memory import MemoryAttemptCounter
from helpdesk_local.auth_server import make_auth_app
from moto import mock_aws
from moto.utilities.utils import load_resource
from werkzeug.test import Client, TestResponse

from tests.support.template_stack import template

REGION = "eu-central-1"
CONSOLE = "http://console.localhost:8080/callback.html"
CABINET = "http://cabinet.localhost:8080/callback.html"
PASSWORD = "correct-horse-1"
BASE = "http://auth.localhost:8080"
# The pool and web client as template.yaml declares them (moto puts only readable attributes in tokens).
POLICY = template()["Resources"]["UserPool"]["Properties"]["Policies"]["PasswordPolicy"]
WEB_CLIENT = template()["Resources"]["WebClient"]["Properties"]


@dataclass
class Pool:
    idp: Any
    pool_id: str
    client_id: str
    other_client_id: str
    mail: list[tuple[str, str, str]] = field(default_factory=list)
    app: Any = None
    email: str = ""

    def browser(self) -> Client:
        return Client(self.app)

    def verifier(self) -> TokenVerifier:
        class MotoKeys:
            def fetch(self) -> dict[str, Any]:
                return dict(load_resource("cognitoidp/resources/jwks-public.json"))

        issuer = cognito_issuer(REGION, self.pool_id)
        return TokenVerifier.for_pool(MotoKeys(), issuer, [self.client_id, self.other_client_id])

    def add_user(self, email: str, group: str = "customer", organisation: str = "org-a") -> None:
        self.idp.admin_create_user(
            UserPoolId=self.pool_id,
            Username=email,
            UserAttributes=[
                {"Name": "email", "Value": email},
                {"Name": "custom:organisation_id", "Value": organisation},
            ],
            MessageAction="SUPPRESS",
        )
        self.idp.admin_set_user_password(
            UserPoolId=self.pool_id, Username=email, Password=PASSWORD, Permanent=True
        )
        self.idp.admin_add_user_to_group(UserPoolId=self.pool_id, Username=email, GroupName=group)

    def last_code(self, to: str) -> str:
        mails = [text for address, _, text in self.mail if address == to]
        match = re.search(r"\b(\d{6})\b", mails[-1])
        assert match, mails[-1]
        return match.group(1)


@pytest.fixture(scope="module")
def cognito() -> Iterator[tuple[Any, str, list[str]]]:
    """One emulated pool per test module (creating it costs about a second); apps and users are per test."""
    with mock_aws():
        idp = boto3.client("cognito-idp", region_name=REGION)
        pool_id = idp.create_user_pool(
            PoolName="helpdesk-local",
            UsernameAttributes=["email"],
            AutoVerifiedAttributes=["email"],
            Policies={"PasswordPolicy": POLICY},
            Schema=[{"Name": "organisation_id", "AttributeDataType": "String", "Mutable": True}],
        )["UserPool"]["Id"]
        clients = [
            idp.create_user_pool_client(
                UserPoolId=pool_id,
                ClientName=name,
                ReadAttributes=WEB_CLIENT["ReadAttributes"],
                WriteAttributes=WEB_CLIENT["WriteAttributes"],
            )["UserPoolClient"]["ClientId"]
            for name in ("web", "partner")
        ]
        for group in ("admin", "manager", "developer", "accountant", "ops", "hr", "customer"):
            idp.create_group(UserPoolId=pool_id, GroupName=group)
        yield idp, pool_id, clients


@pytest.fixture
def pool(cognito: tuple[Any, str, list[str]]) -> Pool:
    """A fresh sign-in server (sessions, limits, mail) on the module's pool, with a fresh user in `email`."""
    idp, pool_id, clients = cognito
    made = Pool(idp, pool_id, clients[0], clients[1])
    made.app = make_auth_app(
        Settings(user_pool_id=pool_id, region=REGION),
        idp,
        {made.client_id: [CONSOLE, CABINET], made.other_client_id: ["http://partner.localhost/cb"]},
        mailer=lambda to, subject, text: made.mail.append((to, subject, text)),
        rate_limiter=RateLimiter(MemoryAttemptCounter()),
        assign_organisation=lambda email: "org-new",
    )
    made.email = f"ann-{secrets.token_hex(4)}@example.com"
    made.add_user(made.email)
    return made


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_url(
    client_id: str, redirect_uri: str, challenge: str, state: str = "st-1", **extra: str
) -> str:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "scope": "openid email",
        **extra,
    }
    return f"{BASE}/oauth2/authorize?{urlencode(params)}"


def form_fields(page: TestResponse) -> dict[str, str]:
    text = page.get_data(as_text=True)
    return dict(re.findall(r'name="(request|csrf)" value="([^"]*)"', text))


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def sign_in(
    pool: Pool,
    browser: Client,
    redirect_uri: str = CONSOLE,
    email: str = "",
    password: str = PASSWORD,
) -> tuple[TestResponse, str]:
    """Open the app's authorize URL, fill the form; returns the final answer and the PKCE verifier."""
    verifier, challenge = pkce()
    page = browser.get(authorize_url(pool.client_id, redirect_uri, challenge))
    assert page.status_code == 200, page.get_data(as_text=True)
    answer = browser.post(
        f"{BASE}/login", data={**form_fields(page), "email": email or pool.email, "password": password}
    )
    return answer, verifier


def exchange(
    pool: Pool, browser: Client, code: str, verifier: str, redirect_uri: str = CONSOLE
) -> TestResponse:
    return browser.post(
        f"{BASE}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": pool.client_id,
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        },
    )


def refresh(pool: Pool, browser: Client, token: str) -> TestResponse:
    return browser.post(
        f"{BASE}/oauth2/token",
        data={"grant_type": "refresh_token", "client_id": pool.client_id, "refresh_token": token},
    )
