"""Central sign-in on the running local stack: the template's pool and client, demo users, mailed codes."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import uuid
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from helpdesk.identity.adapters.jwks_http import HttpJwksSource
from helpdesk.identity.model import PrincipalKind, Role
from helpdesk.identity.services.tokens import TokenVerifier, cognito_issuer, jwks_url

from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "Demo-pass-2026"


class AuthBrowser:
    """Talks to auth.localhost through the stack's one port, keeping the auth host's cookies."""

    def __init__(self, local: LocalProcess) -> None:
        self.local = local
        self.base = f"http://127.0.0.1:{local.http_port}"
        self.headers = {"Host": f"auth.localhost:{local.http_port}"}
        self.session = requests.Session()
        idp = local.client("cognito-idp")
        self.pool_id = idp.list_user_pools(MaxResults=10)["UserPools"][0]["Id"]
        self.client_id = idp.list_user_pool_clients(UserPoolId=self.pool_id, MaxResults=10)[
            "UserPoolClients"
        ][0]["ClientId"]
        self.callback = f"http://console.localhost:{local.http_port}/callback.html"
        self.verifier = secrets.token_urlsafe(48)

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, headers=self.headers, allow_redirects=False, timeout=30)

    def post(self, path: str, data: dict[str, str]) -> requests.Response:
        return self.session.post(
            self.base + path, data=data, headers=self.headers, allow_redirects=False, timeout=30
        )

    def authorize(self) -> dict[str, str]:
        digest = hashlib.sha256(self.verifier.encode()).digest()
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.callback,
            "state": "s1",
            "code_challenge": base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
            "code_challenge_method": "S256",
        }
        page = self.get("/oauth2/authorize?" + urlencode(params))
        assert page.status_code == 200, page.text
        return dict(re.findall(r'name="(request|csrf)" value="([^"]*)"', page.text))

    def tokens(self, answer: requests.Response) -> dict[str, Any]:
        assert answer.status_code == 302 and answer.headers["Location"].startswith(self.callback + "?"), (
            answer.text
        )
        code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
        fields = {"grant_type": "authorization_code", "client_id": self.client_id, "code": code}
        exchanged = self.post(
            "/oauth2/token", {**fields, "redirect_uri": self.callback, "code_verifier": self.verifier}
        )
        assert exchanged.status_code == 200, exchanged.text
        return dict(exchanged.json())

    def token_verifier(self) -> TokenVerifier:
        issuer = cognito_issuer("eu-central-1", self.pool_id)
        endpoint = f"http://127.0.0.1:{self.local.emulator_port}"
        return TokenVerifier.for_pool(
            HttpJwksSource(jwks_url(issuer, self.pool_id, endpoint)), issuer, [self.client_id]
        )


def test_demo_staff_signs_in_and_gets_verifiable_tokens_with_their_role(local: LocalProcess) -> None:
    browser = AuthBrowser(local)
    fields = browser.authorize()
    answer = browser.post(
        "/login", {**fields, "email": "accountant@helpdesk.localhost", "password": DEMO_PASSWORD}
    )
    principal = browser.token_verifier().principal(browser.tokens(answer)["id_token"])
    assert principal.kind is PrincipalKind.STAFF and principal.roles == {Role.ACCOUNTANT}


def test_sign_up_code_arrives_in_the_mail_viewer_and_makes_a_customer(local: LocalProcess) -> None:
    browser, email = AuthBrowser(local), f"new-{uuid.uuid4().hex[:8]}@example.com"
    fields = browser.authorize()
    sent = browser.post(
        "/signup", {**fields, "name": "New Customer", "email": email, "password": "new-customer-pass-1"}
    )
    assert sent.status_code == 200, sent.text

    def code() -> str | None:
        status, mails = local.json("mail", "GET", f"/api/messages?to={email}")
        found = [re.search(r"\b(\d{6})\b", m["text"]) for m in mails or [] if "verification" in m["subject"]]
        return found[-1].group(1) if found and found[-1] else None

    confirmed = browser.post(
        "/signup/confirm", {**fields, "email": email, "code": local.wait_for(code, timeout=10)}
    )
    principal = browser.token_verifier().principal(
        browser.tokens(confirmed)["id_token"]
    )  # no second password
    assert (
        principal.roles == {Role.CUSTOMER} and principal.organisation_id and principal.name == "New Customer"
    )
