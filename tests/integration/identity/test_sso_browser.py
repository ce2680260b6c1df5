"""Real headless Chromium: sign in on one host, signed in on another; sign out on one, out on both."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from helpdesk.settings import Settings
from helpdesk_local.auth_server import make_auth_app
from moto import mock_aws

from tests.integration.sso_sites import ROOT, ByHost, serve, site

pytestmark = [pytest.mark.browser, pytest.mark.integration]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--test-third-party-cookie-phaseout",  # block third-party cookies: the flow must not need them
]
# Screenshots for docs/identity.md are refreshed on request only, so a test run leaves the work tree clean.
DOC_SHOTS = ROOT / "docs" / "identity"
PASSWORD = "browser-pass-1"
POLICY = {"MinimumLength": 10, "RequireUppercase": False, "RequireSymbols": False}


@pytest.fixture(scope="module")
def stack() -> Iterator[dict[str, Any]]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"!! chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)")
    with mock_aws():
        idp = boto3.client("cognito-idp", region_name="eu-central-1")
        pool_id = idp.create_user_pool(
            PoolName="helpdesk-browser",
            UsernameAttributes=["email"],
            Policies={"PasswordPolicy": POLICY},
            Schema=[{"Name": "organisation_id", "AttributeDataType": "String", "Mutable": True}],
        )["UserPool"]["Id"]
        client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"][
            "ClientId"
        ]
        idp.create_group(UserPoolId=pool_id, GroupName="customer")
        idp.admin_create_user(UserPoolId=pool_id, Username="ann@example.com", MessageAction="SUPPRESS")
        idp.admin_set_user_password(
            UserPoolId=pool_id, Username="ann@example.com", Password=PASSWORD, Permanent=True
        )
        front = ByHost()
        with serve(front) as port:
            origin = {name: f"http://{name}.localhost:{port}" for name in ("auth", "console", "cabinet")}
            callbacks = [f"{origin[name]}/callback.html" for name in ("console", "cabinet")]
            front.hosts["auth"] = make_auth_app(Settings(user_pool_id=pool_id), idp, {client_id: callbacks})
            for name in ("console", "cabinet"):
                config = {
                    "authUrl": origin["auth"],
                    "clientId": client_id,
                    "redirectUri": f"{origin[name]}/callback.html",
                    "logoutUri": f"{origin[name]}/",
                }
                front.hosts[name] = site(f"Helpdesk {name}", config)
            yield origin


@pytest.fixture(scope="module")
def browser(stack: dict[str, Any], shared_chromium: Any) -> Any:
    return shared_chromium


def who(page: Any) -> str:
    page.wait_for_function("() => !document.getElementById('who').textContent.startsWith('checking')")
    return str(page.text_content("#who"))


def test_sign_in_once_then_signed_in_elsewhere_and_signed_out_everywhere(
    stack: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    shots = DOC_SHOTS if os.environ.get("HELPDESK_SCREENSHOTS") else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 900, "height": 600})
    console = context.new_page()
    console.goto(stack["console"] + "/")
    assert who(console) == "Signed out"

    console.click("#sign-in")
    console.wait_for_url(stack["auth"] + "/oauth2/authorize*")
    console.fill("input[name=email]", "ann@example.com")
    console.fill("input[name=password]", PASSWORD)
    console.screenshot(path=str(shots / "1-sign-in-form.png"))
    console.click("button[type=submit]")
    console.wait_for_url(stack["console"] + "/")
    assert who(console) == "Signed in as ann@example.com"
    console.screenshot(path=str(shots / "2-console-signed-in.png"))

    cabinet = context.new_page()  # another site, another tab: no tokens of its own yet
    cabinet.goto(stack["cabinet"] + "/")
    assert who(cabinet) == "Signed in as ann@example.com"
    cabinet.screenshot(path=str(shots / "3-cabinet-signed-in-without-password.png"))
    cabinet.reload()  # a load with tokens refreshes them (rotation) and stays signed in
    assert who(cabinet) == "Signed in as ann@example.com"
    assert cabinet.evaluate("localStorage.length") == 0  # tokens stay in this tab's sessionStorage
    assert not [c for c in context.cookies() if not c["domain"].startswith("auth")]

    cabinet.click("#sign-out")
    # The page is already at the URL it returns to, so waiting for that URL passed at once and read the page
    # before it had left; wait for the page that the sign-out lands on instead.
    cabinet.wait_for_function("() => document.getElementById('who').textContent === 'Signed out'")
    assert cabinet.url == stack["cabinet"] + "/"
    console.reload()
    assert who(console) == "Signed out"
    console.screenshot(path=str(shots / "4-console-signed-out-after-cabinet-sign-out.png"))
    assert not [
        c for c in context.cookies() if c["domain"].startswith("auth") and c["name"] == "helpdesk_sso"
    ]
    context.close()
