"""Chromium on the local stack: a declined card on the payment page shows why, leaves the order unpaid, and
lets the buyer go back to the cart or pay with another card; no request of the whole trip answers 404."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
DECLINED, NO_FUNDS, VISA = "4000000000000002", "4000000000009995", "4242424242424242"


def watch(page: Any) -> tuple[list[str], list[str]]:
    """Every failed response (status and URL) and every console error of the page."""
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return failed, errors


def checkout_of(page: Any) -> str:
    return parse_qs(urlsplit(page.url).query)["checkout"][0]


def test_a_declined_card_explains_keeps_the_order_unpaid_and_offers_another_card_or_the_cart(
    local: LocalProcess,
    chromium: Any,
) -> None:
    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731
    context = chromium.new_context()
    page = context.new_page()
    failed, errors = watch(page)
    page.goto(site("shop"))
    page.wait_for_selector(".product-card")
    sign_in(page, "bob@globex.example")
    page.wait_for_url(f"**shop.localhost:{local.http_port}/**")
    page.wait_for_selector(".product-card")
    page.evaluate(
        "lines => localStorage.setItem('helpdesk.shop.cart', JSON.stringify(lines))",
        [{"product": "backup", "edition": "basic", "plan": "lifetime", "domain": "declined.globex.example"}],
    )
    page.goto(site("shop", "/cart"))
    page.get_by_role("button", name="Checkout").click()
    page.wait_for_selector("#pay")
    first = checkout_of(page)

    page.check(f"input[value='{DECLINED}']")
    page.click("#pay")
    assert "Your card was declined" in page.wait_for_selector("#declined").inner_text()
    page.get_by_role("link", name="Back to cart").click()
    page.wait_for_selector(".cart-line")  # the cart is still there
    assert page.input_value("#domain-0") == "declined.globex.example"

    page.get_by_role("button", name="Checkout").click()
    page.wait_for_selector("#pay")
    second = checkout_of(page)
    page.check(f"input[value='{NO_FUNDS}']")
    page.click("#pay")
    assert "insufficient funds" in page.wait_for_selector("#declined").inner_text()
    bob = local.token("bob@globex.example")
    orders = local.api("cabinet", "GET", "/orders", bob)[1]["items"]
    assert {first, second}.isdisjoint(o["id"] for o in orders)  # declined: unpaid, no order
    licenses = local.api("cabinet", "GET", "/licenses", bob)[1]["items"]
    assert not [lic for lic in licenses if "declined.globex.example" in lic["domains"]]  # and no license

    page.check(f"input[value='{VISA}']")  # another card on the same page
    page.click("#pay")
    page.wait_for_url("**/#/thanks")
    orders = local.api("cabinet", "GET", "/orders", bob)[1]["items"]
    assert [o["id"] for o in orders].count(second) == 1 and first not in [o["id"] for o in orders]
    context.close()

    assert not [f for f in failed if f.startswith("404 ")], failed
    assert [f.split()[0] for f in failed] == ["402", "402"], failed  # the two declines, nothing else
    assert not [e for e in errors if "402" not in e], errors
