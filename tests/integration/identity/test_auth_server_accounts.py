"""Sign-in errors, sign-up with an e-mailed code, password reset, rate limits: same answers for everyone."""

from __future__ import annotations

import re

import pytest
from helpdesk.identity.model import Role
from werkzeug.test import Client, TestResponse

from tests.integration.auth_support import (
    BASE,
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
    sign_in,
)

pytestmark = pytest.mark.integration
__all__ = ["cognito", "pool"]


def open_form(
    pool: Pool, browser: Client, path: str = "/login", verifiers: list[str] | None = None
) -> dict[str, str]:
    """Start a sign-in from the console and open one of its forms; the PKCE verifier goes to `verifiers`."""
    verifier, challenge = pkce()
    (verifiers if verifiers is not None else []).append(verifier)
    fields = form_fields(browser.get(authorize_url(pool.client_id, CONSOLE, challenge)))
    if path != "/login":
        fields = form_fields(browser.get(f"{BASE}{path}?request={fields['request']}"))
    return fields


def post(browser: Client, path: str, fields: dict[str, str], **values: str) -> TestResponse:
    return browser.post(f"{BASE}{path}", data={**fields, **values})


def visible_text(answer: TestResponse) -> str:
    """The page without its per-request hidden values."""
    return re.sub(r'value="[^"]*"', 'value=""', answer.get_data(as_text=True))


def test_wrong_password_and_unknown_user_get_the_same_answer(pool: Pool) -> None:
    browser = pool.browser()
    fields = open_form(pool, browser)
    wrong = post(browser, "/login", fields, email=pool.email, password="wrong-password-1")
    unknown = post(browser, "/login", fields, email="nobody@example.com", password="wrong-password-1")
    assert wrong.status_code == unknown.status_code == 401
    assert "Set-Cookie" not in wrong.headers or "helpdesk_sso" not in wrong.headers["Set-Cookie"]
    assert visible_text(wrong) == visible_text(unknown)
    assert "Incorrect e-mail or password" in visible_text(wrong)


def test_sign_in_without_the_csrf_cookie_is_refused(pool: Pool) -> None:
    fields = open_form(pool, pool.browser())
    stranger = pool.browser()  # a cross-site form post arrives without the Lax CSRF cookie
    answer = post(stranger, "/login", fields, email=pool.email, password=PASSWORD)
    assert answer.status_code == 400 and "Location" not in answer.headers


def test_sign_in_is_rate_limited_the_same_for_known_and_unknown_users(pool: Pool) -> None:
    answers = {}
    for email in (pool.email, "ghost@example.com"):
        browser = pool.browser()
        fields = open_form(pool, browser)
        for _ in range(10):
            assert post(browser, "/login", fields, email=email, password="bad-password-1").status_code == 401
        answers[email] = post(browser, "/login", fields, email=email, password=PASSWORD)
    known, unknown = answers.values()
    assert known.status_code == unknown.status_code == 429
    # A sliding window: the next attempt fits once the weighed count drops, at most two windows (600 s) away.
    assert 0 < int(known.headers["Retry-After"]) <= 600
    assert (
        visible_text(known) == visible_text(unknown)
        or known.headers["Retry-After"] != unknown.headers["Retry-After"]
    )


def test_successful_sign_ins_are_not_limited(pool: Pool) -> None:
    for _ in range(12):
        assert sign_in(pool, pool.browser())[0].status_code == 302


def test_an_unconfirmed_user_cannot_sign_in(pool: Pool) -> None:
    pool.idp.sign_up(ClientId=pool.client_id, Username="new@example.com", Password=PASSWORD)
    answer, _ = sign_in(pool, pool.browser(), email="new@example.com")
    assert answer.status_code == 401


def sign_up(
    pool: Pool, browser: Client, email: str, password: str, verifiers: list[str] | None = None
) -> tuple[dict[str, str], TestResponse]:
    fields = open_form(pool, browser, "/signup", verifiers)
    sent = post(browser, "/signup", fields, name="  Carol\tJones ", email=email, password=password)
    return fields, sent


def test_the_sign_up_form_asks_for_a_name_and_lists_the_pools_password_rules(pool: Pool) -> None:
    browser = pool.browser()
    page = browser.get(f"{BASE}/signup?request={open_form(pool, browser)['request']}").get_data(as_text=True)
    assert 'name="name"' in page and 'autocomplete="name"' in page
    rules = re.findall(r'<li data-rule="(\w+)" data-minimum="(\d+)">([^<]*)</li>', page)
    # auth_support.POLICY: ten characters, a lowercase letter and a number; no uppercase, no symbol
    assert [(key, text) for key, _, text in rules] == [
        ("length", "At least 10 characters"),
        ("lowercase", "A lowercase letter (a–z)"),
        ("number", "A number (0–9)"),
    ]
    assert rules[0][1] == "10" and '<script src="/assets/password-rules.js"' in page
    script = browser.get(f"{BASE}/assets/password-rules.js")
    assert script.status_code == 200 and "setCustomValidity" in script.get_data(as_text=True)


def test_a_sign_up_hint_opens_the_sign_up_form_with_the_password_rules(pool: Pool) -> None:
    """auth.localhost's "Create a customer account" starts the sign-in request with screen_hint=signup."""
    browser = pool.browser()
    answer = browser.get(authorize_url(pool.client_id, CONSOLE, pkce()[1], screen_hint="signup"))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "<h1>Create account</h1>" in page
    assert 'name="name"' in page and '<li data-rule="length" data-minimum="10">' in page
    assert (
        post(
            browser,
            "/signup",
            form_fields(answer),
            name="Dan",
            email="dan@example.com",
            password="dans-password-1",
        ).status_code
        == 200
    )


def test_sign_up_then_the_code_signs_the_person_in_without_the_password_again(pool: Pool) -> None:
    browser, email, verifiers = pool.browser(), "carol@example.com", []
    fields, sent = sign_up(pool, browser, email, "carols-password-1", verifiers)
    assert sent.status_code == 200 and "code is on its way" in sent.get_data(as_text=True)
    assert "carols-password-1" not in sent.get_data(as_text=True)
    code = pool.last_code(email)
    wrong = post(
        browser, "/signup/confirm", fields, email=email, code="000000" if code != "000000" else "111111"
    )
    assert wrong.status_code == 400
    confirmed = post(browser, "/signup/confirm", fields, email=email, code=code)
    # The sign-in the person started in the app goes on: same pending request, back to the console.
    assert confirmed.status_code == 302 and confirmed.headers["Location"].startswith(CONSOLE + "?")
    tokens = exchange(pool, browser, query(confirmed.headers["Location"])["code"], verifiers[0]).get_json()
    principal = pool.verifier().principal(tokens["id_token"])
    assert principal.roles == {Role.CUSTOMER} and principal.organisation_id == "org-new"
    assert principal.name == "Carol Jones"
    assert not pool.app.context.store.continuations  # used up
    assert sign_in(pool, pool.browser(), email=email, password="carols-password-1")[0].status_code == 302


def test_confirming_in_another_browser_confirms_but_asks_for_the_password(pool: Pool) -> None:
    email = "gina@example.com"
    fields, _ = sign_up(pool, pool.browser(), email, "ginas-password-1")
    elsewhere = pool.browser()
    other_fields = {
        **fields,
        **form_fields(elsewhere.get(f"{BASE}/signup/confirm?request={fields['request']}")),
    }
    confirmed = post(elsewhere, "/signup/confirm", other_fields, email=email, code=pool.last_code(email))
    assert confirmed.status_code == 200 and "E-mail confirmed. Sign in." in confirmed.get_data(as_text=True)
    assert "Location" not in confirmed.headers


def test_the_person_who_proves_the_address_sets_the_password(pool: Pool) -> None:
    """Someone signs up with another's address first (never confirmed); the owner's own password wins."""
    email = "hana@example.com"
    sign_up(pool, pool.browser(), email, "squatters-pass-1")
    browser = pool.browser()
    fields, _ = sign_up(pool, browser, email, "hanas-own-pass-1")
    confirmed = post(browser, "/signup/confirm", fields, email=email, code=pool.last_code(email))
    assert confirmed.status_code == 302
    assert sign_in(pool, pool.browser(), email=email, password="squatters-pass-1")[0].status_code == 401
    assert sign_in(pool, pool.browser(), email=email, password="hanas-own-pass-1")[0].status_code == 302


def test_sign_up_for_an_existing_address_looks_the_same_and_mails_the_owner(pool: Pool) -> None:
    browser = pool.browser()
    fields = open_form(pool, browser, "/signup")
    existing = post(browser, "/signup", fields, name="X", email=pool.email, password="another-password-1")
    fresh = post(
        browser, "/signup", fields, name="X", email="dave@example.com", password="another-password-1"
    )
    assert existing.status_code == fresh.status_code == 200
    assert visible_text(existing).replace(pool.email, "X") == visible_text(fresh).replace(
        "dave@example.com", "X"
    )
    assert [c.split("=")[0] for c in existing.headers.getlist("Set-Cookie")] == [
        c.split("=")[0] for c in fresh.headers.getlist("Set-Cookie")
    ]
    assert "already have an account" in [text for to, _, text in pool.mail if to == pool.email][-1]


def test_sign_up_with_a_weak_password_names_the_rules_it_misses(pool: Pool) -> None:
    browser = pool.browser()
    answer = post(
        browser,
        "/signup",
        open_form(pool, browser, "/signup"),
        name="Eve",
        email="eve@example.com",
        password="shortpass",
    )
    text = answer.get_data(as_text=True)
    assert answer.status_code == 400 and not pool.mail
    assert "The password needs: at least 10 characters; a number (0–9)." in text
    assert "confirm to" not in text and 'value="Eve"' in text


def test_sign_up_without_a_name_is_refused(pool: Pool) -> None:
    browser = pool.browser()
    answer = post(
        browser,
        "/signup",
        open_form(pool, browser, "/signup"),
        name=" \n ",
        email="nn@example.com",
        password="long-enough-1",
    )
    assert answer.status_code == 400 and "Tell us your name" in answer.get_data(as_text=True)
    assert not pool.mail


def test_a_code_is_burned_after_repeated_wrong_guesses(pool: Pool) -> None:
    browser, email = pool.browser(), "frank@example.com"
    fields = open_form(pool, browser, "/signup")
    post(browser, "/signup", fields, name="Frank", email=email, password="franks-password-1")
    code = pool.last_code(email)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        post(browser, "/signup/confirm", fields, email=email, code=wrong)
    assert post(browser, "/signup/confirm", fields, email=email, code=code).status_code == 400


def test_password_reset_mails_a_code_only_to_real_users_with_the_same_answer(pool: Pool) -> None:
    browser = pool.browser()
    fields = open_form(pool, browser, "/forgot")
    known = post(browser, "/forgot", fields, email=pool.email)
    unknown = post(browser, "/forgot", fields, email="ghost@example.com")
    assert known.status_code == unknown.status_code == 200
    assert visible_text(known).replace(pool.email, "X") == visible_text(unknown).replace(
        "ghost@example.com", "X"
    )
    assert [to for to, _, _ in pool.mail] == [pool.email]


def test_password_reset_changes_the_password_and_ends_existing_sessions(pool: Pool) -> None:
    signed_in = pool.browser()
    answer, verifier = sign_in(pool, signed_in)
    tokens = exchange(pool, signed_in, query(answer.headers["Location"])["code"], verifier).get_json()
    browser = pool.browser()
    fields = open_form(pool, browser, "/forgot")
    post(browser, "/forgot", fields, email=pool.email)
    code = pool.last_code(pool.email)
    weak = post(browser, "/forgot/confirm", fields, email=pool.email, code=code, password="weak")
    assert weak.status_code == 400 and "The password needs: at least 10 characters" in weak.get_data(
        as_text=True
    )
    done = post(browser, "/forgot/confirm", fields, email=pool.email, code=code, password="brand-new-pass-2")
    assert done.status_code == 200 and "Password changed" in done.get_data(as_text=True)
    assert sign_in(pool, pool.browser())[0].status_code == 401
    assert sign_in(pool, pool.browser(), password="brand-new-pass-2")[0].status_code == 302
    refreshed = signed_in.post(
        f"{BASE}/oauth2/token",
        data={
            "grant_type": "refresh_token",
            "client_id": pool.client_id,
            "refresh_token": tokens["refresh_token"],
        },
    )
    assert refreshed.status_code == 400
    assert (
        post(
            browser, "/forgot/confirm", fields, email=pool.email, code=code, password="x-pass-word-3"
        ).status_code
        == 400
    )


def test_password_reset_requests_are_rate_limited(pool: Pool) -> None:
    browser = pool.browser()
    fields = open_form(pool, browser, "/forgot")
    for _ in range(5):
        assert post(browser, "/forgot", fields, email="ghost@example.com").status_code == 200
    limited = post(browser, "/forgot", fields, email="ghost@example.com")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0


def test_form_pages_need_a_live_sign_in_request(pool: Pool) -> None:
    assert pool.browser().get(f"{BASE}/signup?request=made-up").status_code == 400
