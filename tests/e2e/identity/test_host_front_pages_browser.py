"""The banner's sign-in and payment URLs, opened as printed: each answers with a page saying what it is and
where to go, and the sign-in links lead through auth.localhost's forms into the sites."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.commerce import test_commerce_browser as commerce
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_the_sign_in_host_lists_where_to_sign_in_and_the_demo_logins(
    local: LocalProcess, chromium: Any
) -> None:
    page = chromium.new_context().new_page()
    answer = page.goto(f"http://auth.localhost:{local.http_port}/")
    assert answer is not None and answer.status == 200
    page.wait_for_selector("#demo-logins")
    assert "admin@helpdesk.localhost (admin)" in page.inner_text("#demo-logins")
    assert page.inner_text("#demo-password") == commerce.DEMO_PASSWORD
    page.click("#sign-in-console")
    page.wait_for_selector("input[name=email]")
    page.fill("input[name=email]", "admin@helpdesk.localhost")
    page.fill("input[name=password]", commerce.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"http://console.localhost:{local.http_port}/**")
    page.get_by_role("button", name="Sign out").first.wait_for()
    page.context.close()


def test_the_sign_up_link_opens_the_account_form(local: LocalProcess, chromium: Any) -> None:
    page = chromium.new_context().new_page()
    page.goto(f"http://auth.localhost:{local.http_port}/")
    page.click("#sign-up")
    page.get_by_role("heading", name="Create account").wait_for()
    assert page.url.startswith(f"http://auth.localhost:{local.http_port}/oauth2/authorize")
    page.context.close()


def test_the_payment_host_says_what_it_is_and_links_to_the_store(local: LocalProcess, chromium: Any) -> None:
    page = chromium.new_context().new_page()
    answer = page.goto(f"http://pay.localhost:{local.http_port}/")
    assert answer is not None and answer.status == 200
    assert "stands in for Stripe Checkout" in page.inner_text("body")
    page.click("#store")
    page.wait_for_url(f"http://shop.localhost:{local.http_port}/**")
    page.context.close()
