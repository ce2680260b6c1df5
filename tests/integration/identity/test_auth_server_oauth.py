"""The local SSO server's OAuth 2 flow: PKCE, state, exact redirects, SSO across sites, rotation, logout."""

from __future__ import annotations

import pytest
from helpdesk.identity.model import Role
from helpdesk.settings import Settings
from helpdesk_local.auth.store import AuthStore
from helpdesk_local.auth_server import make_auth_app
from werkzeug.test import Client

from tests.integration.auth_support import (
    BASE,
    CABINET,
    CONSOLE,
    PASSWORD,
    Pool,
    authorize_url,
    cognito,
    exchange,
    form_fields,
    pkce,
    pool,
    query,
    refresh,
    sign_in,
)

pytestmark = pytest.mark.integration
__all__ = ["cognito", "pool"]


def signed_in_tokens(pool: Pool) -> tuple[object, dict[str, str]]:
    browser = pool.browser()
    answer, verifier = sign_in(pool, browser)
    tokens = exchange(pool, browser, query(answer.headers["Location"])["code"], verifier)
    assert tokens.status_code == 200, tokens.get_data(as_text=True)
    return browser, tokens.get_json()


def test_sign_in_returns_to_the_exact_redirect_uri_with_code_and_state(pool: Pool) -> None:
    answer, _ = sign_in(pool, pool.browser())
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(CONSOLE + "?")
    assert query(location)["state"] == "st-1" and query(location)["code"]
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Domain" not in cookie


def test_code_with_the_right_verifier_gives_pool_tokens(pool: Pool) -> None:
    _, tokens = signed_in_tokens(pool)
    principal = pool.verifier().principal(tokens["id_token"])
    assert principal.email == pool.email
    assert principal.roles == {Role.CUSTOMER} and principal.organisation_id == "org-a"
    assert pool.verifier().claims(tokens["access_token"], use="access")["client_id"] == pool.client_id
    assert tokens["refresh_token"] and tokens["token_type"] == "Bearer"


@pytest.mark.parametrize(
    "change",
    [
        {"code_verifier": "x" * 43},
        {"code_verifier": ""},
        {"redirect_uri": CABINET},
        {"client_id": "another-client"},
    ],
    ids=["wrong verifier", "no verifier", "other redirect uri", "other client"],
)
def test_code_exchange_refuses_a_mismatch_and_burns_the_code(pool: Pool, change: dict[str, str]) -> None:
    browser = pool.browser()
    answer, verifier = sign_in(pool, browser)
    code = query(answer.headers["Location"])["code"]
    fields = {
        "grant_type": "authorization_code",
        "client_id": pool.client_id,
        "code": code,
        "redirect_uri": CONSOLE,
        "code_verifier": verifier,
    }
    refused = browser.post(f"{BASE}/oauth2/token", data={**fields, **change})
    assert refused.status_code == 400 and refused.get_json() == {"error": "invalid_grant"}
    assert exchange(pool, browser, code, verifier).status_code == 400


def test_a_replayed_code_is_refused_and_revokes_what_it_issued(pool: Pool) -> None:
    browser = pool.browser()
    answer, verifier = sign_in(pool, browser)
    code = query(answer.headers["Location"])["code"]
    first = exchange(pool, browser, code, verifier).get_json()
    assert exchange(pool, browser, code, verifier).get_json() == {"error": "invalid_grant"}
    assert refresh(pool, browser, first["refresh_token"]).status_code == 400


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example.com/callback.html",
        CONSOLE + ".evil.example.com",
        CONSOLE + "?next=https://evil.example.com",
        CONSOLE.replace("8080", "8081"),
        CONSOLE.upper(),
        "//evil.example.com",
        "",
        "http://partner.localhost/cb",  # registered, but for another client
    ],
)
def test_unregistered_redirect_uris_get_an_error_page_and_no_redirect(pool: Pool, redirect_uri: str) -> None:
    _, challenge = pkce()
    answer = pool.browser().get(authorize_url(pool.client_id, redirect_uri, challenge))
    assert answer.status_code == 400
    assert "Location" not in answer.headers


def test_next_and_return_to_are_ignored(pool: Pool) -> None:
    browser = pool.browser()
    verifier, challenge = pkce()
    url = authorize_url(pool.client_id, CONSOLE, challenge, next="https://evil.example.com")
    page = browser.get(url + "&return_to=https%3A%2F%2Fevil.example.com")
    assert "evil" not in page.get_data(as_text=True)
    answer, _ = sign_in(pool, browser)
    assert answer.headers["Location"].startswith(CONSOLE + "?")
    again = browser.get(url)
    assert again.headers["Location"].startswith(CONSOLE + "?")


@pytest.mark.parametrize(
    "extra, error",
    [
        ({"state": ""}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": ""}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
def test_requests_without_state_or_s256_pkce_are_refused(
    pool: Pool, extra: dict[str, str], error: str
) -> None:
    _, challenge = pkce()
    answer = pool.browser().get(authorize_url(pool.client_id, CONSOLE, challenge, **extra))
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(CONSOLE + "?")
    assert query(answer.headers["Location"])["error"] == error
    assert "code" not in query(answer.headers["Location"])


def test_signed_in_on_one_site_means_signed_in_on_another_without_a_form(pool: Pool) -> None:
    browser = pool.browser()
    sign_in(pool, browser)
    verifier, challenge = pkce()
    answer = browser.get(authorize_url(pool.client_id, CABINET, challenge, state="cab", prompt="none"))
    assert answer.status_code == 302 and query(answer.headers["Location"])["state"] == "cab"
    tokens = exchange(pool, browser, query(answer.headers["Location"])["code"], verifier, CABINET).get_json()
    assert pool.verifier().principal(tokens["id_token"]).email == pool.email


def test_prompt_none_without_a_session_says_login_required(pool: Pool) -> None:
    _, challenge = pkce()
    answer = pool.browser().get(authorize_url(pool.client_id, CABINET, challenge, prompt="none"))
    assert query(answer.headers["Location"]) == {"error": "login_required", "state": "st-1"}


def test_prompt_login_asks_again_even_with_a_session(pool: Pool) -> None:
    browser = pool.browser()
    sign_in(pool, browser)
    _, challenge = pkce()
    assert browser.get(authorize_url(pool.client_id, CONSOLE, challenge, prompt="login")).status_code == 200


def test_refresh_rotates_and_a_reused_token_revokes_the_family(pool: Pool) -> None:
    browser, tokens = signed_in_tokens(pool)
    first = tokens["refresh_token"]
    second = refresh(pool, browser, first).get_json()
    assert second["refresh_token"] != first
    assert pool.verifier().principal(second["id_token"]).email == pool.email
    third = refresh(pool, browser, second["refresh_token"]).get_json()
    assert refresh(pool, browser, first).get_json() == {"error": "invalid_grant"}  # reuse
    assert refresh(pool, browser, third["refresh_token"]).status_code == 400  # whole family gone


def test_refresh_with_an_unknown_token_or_another_client_is_refused(pool: Pool) -> None:
    browser, tokens = signed_in_tokens(pool)
    assert refresh(pool, browser, "made-up").status_code == 400
    other = browser.post(
        f"{BASE}/oauth2/token",
        data={"grant_type": "refresh_token", "client_id": "other", "refresh_token": tokens["refresh_token"]},
    )
    assert other.status_code == 400


def test_revoked_refresh_token_is_refused(pool: Pool) -> None:
    browser, tokens = signed_in_tokens(pool)
    revoked = browser.post(
        f"{BASE}/oauth2/revoke", data={"token": tokens["refresh_token"], "client_id": pool.client_id}
    )
    assert revoked.status_code == 200
    assert refresh(pool, browser, tokens["refresh_token"]).status_code == 400


def test_logout_ends_the_session_everywhere_and_redirects_exactly(pool: Pool) -> None:
    browser, tokens = signed_in_tokens(pool)
    logout_uri = "http://cabinet.localhost:8080/"
    answer = browser.get(f"{BASE}/logout?client_id={pool.client_id}&logout_uri={logout_uri}")
    assert answer.status_code == 302 and answer.headers["Location"] == logout_uri
    assert "helpdesk_sso=;" in answer.headers["Set-Cookie"]
    _, challenge = pkce()
    after = browser.get(authorize_url(pool.client_id, CONSOLE, challenge, prompt="none"))
    assert query(after.headers["Location"])["error"] == "login_required"
    assert refresh(pool, browser, tokens["refresh_token"]).status_code == 400


@pytest.mark.parametrize("logout_uri", ["https://evil.example.com/", "http://cabinet.localhost:8080/x", ""])
def test_logout_to_an_unregistered_uri_is_refused_and_keeps_the_session(pool: Pool, logout_uri: str) -> None:
    browser, tokens = signed_in_tokens(pool)
    answer = browser.get(f"{BASE}/logout?client_id={pool.client_id}&logout_uri={logout_uri}")
    assert answer.status_code == 400 and "Location" not in answer.headers
    assert refresh(pool, browser, tokens["refresh_token"]).status_code == 200


def test_token_endpoint_answers_cors_only_for_registered_origins(pool: Pool) -> None:
    browser = pool.browser()
    good = browser.options(f"{BASE}/oauth2/token", headers={"Origin": "http://cabinet.localhost:8080"})
    assert good.headers["Access-Control-Allow-Origin"] == "http://cabinet.localhost:8080"
    bad = browser.options(f"{BASE}/oauth2/token", headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in bad.headers


def test_pending_sign_ins_and_sessions_expire(pool: Pool) -> None:
    clock = [1_000_000.0]
    app = make_auth_app(
        Settings(user_pool_id=pool.pool_id, region="eu-central-1"),
        pool.idp,
        {pool.client_id: [CONSOLE]},
        store=AuthStore(now=lambda: clock[0]),
    )
    browser = Client(app)
    _, challenge = pkce()
    fields = form_fields(browser.get(authorize_url(pool.client_id, CONSOLE, challenge)))
    clock[0] += 16 * 60
    late = browser.post(f"{BASE}/login", data={**fields, "email": pool.email, "password": PASSWORD})
    assert late.status_code == 400 and "Location" not in late.headers
    fields = form_fields(browser.get(authorize_url(pool.client_id, CONSOLE, challenge)))
    signed_in = browser.post(f"{BASE}/login", data={**fields, "email": pool.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    clock[0] += 13 * 3600
    after = browser.get(authorize_url(pool.client_id, CONSOLE, challenge, prompt="none"))
    assert query(after.headers["Location"])["error"] == "login_required"
    assert not app.context.store.sessions  # type: ignore[attr-defined]  # purged, not only ignored
