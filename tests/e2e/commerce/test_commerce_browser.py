"""Chromium on the local stack: buy a module in the storefront, pay on the local payment page, find the
license in the cabinet and the "New order" ticket in the console. Real sign-in, real APIs, real webhook."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.identity.test_identity_local import DEMO_PASSWORD
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"


def sign_in(page: Any, email: str) -> None:
    """From a site's "Sign in" button through auth.localhost's form and back."""
    page.get_by_role("button", name="Sign in").first.click()
    page.wait_for_selector("input[name=email]")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_buy_in_the_shop_pay_locally_and_find_license_and_ticket(local: LocalProcess, chromium: Any) -> None:
    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731
    customer = chromium.new_context()
    page = customer.new_page()
    page.goto(site("shop"))
    page.wait_for_selector(".product-card")
    sign_in(page, "alice@acme.example")
    page.wait_for_url(f"**shop.localhost:{local.http_port}/**")
    page.wait_for_selector(".product-card")
    page.evaluate(
        "lines => localStorage.setItem('helpdesk.shop.cart', JSON.stringify(lines))",
        [{"product": "backup", "edition": "basic", "plan": "lifetime", "domain": "browser.acme.example"}],
    )
    page.goto(site("shop", "/cart"))
    page.wait_for_selector(".cart-line")
    page.get_by_role("button", name="Checkout").click()
    page.wait_for_selector("#pay")
    assert "Backup (basic) for browser.acme.example" in page.inner_text("#lines")
    page.click("#pay")
    page.wait_for_url("**/#/thanks")

    page.goto(site("cabinet", "/licenses"))
    page.wait_for_selector("text=browser.acme.example")
    assert "HDL1." in page.content()
    customer.close()

    staff = chromium.new_context()
    console = staff.new_page()
    console.goto(site("console"))
    sign_in(console, "anna@helpdesk.localhost")
    row = console.wait_for_selector("text=Backup (basic)")
    assert re.search(r"New order ORD-\d{4}-\d{6}: Backup", row.inner_text()) and "co_" not in row.inner_text()
    assert "#order" in console.inner_text("main")
    staff.close()
