"""Issue 22 in Chromium on the local stack: the same module added twice is one cart line of two licenses;
raised to three, the cart asks a shop domain for each, totals them, and the payment buys three licenses,
each with its own key and domain (also at 390 px)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.commerce.test_commerce_local import api, id_token
from tests.e2e.store.test_store_browser import shot
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_three_licenses_of_one_edition_in_one_cart_line(local: LocalProcess, chromium: Any) -> None:
    tag = uuid.uuid4().hex[:6]
    domains = [f"q{n}-{tag}.acme.example" for n in (1, 2, 3)]
    shop = f"http://shop.localhost:{local.http_port}"
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{shop}/#/")
    page.wait_for_selector(".product-card")
    sign_in(page, "alice@acme.example")
    page.wait_for_url(f"**shop.localhost:{local.http_port}/**")
    page.wait_for_selector(".product-card")
    page.evaluate("() => localStorage.removeItem('helpdesk.shop.cart')")
    page.goto(f"{shop}/#/products/backup")
    for domain in domains[:2]:  # the same edition twice, for two shops
        page.fill("#domain", domain)
        page.get_by_role("button", name="Add to cart").click()
    page.wait_for_selector("#cart-count:text-is('2')")

    page.goto(f"{shop}/#/cart")
    page.wait_for_selector(".cart-line")
    assert page.locator(".cart-line").count() == 1 and page.input_value("#quantity-0") == "2"
    assert [page.input_value("#domain-0"), page.input_value("#domain-0-1")] == domains[:2]
    page.fill("#quantity-0", "3")
    page.press("#quantity-0", "Tab")
    page.fill("#domain-0-2", domains[2])  # waits for the third license's field
    page.press("#domain-0-2", "Tab")
    page.wait_for_selector("#cart-total:has-text('87')")  # 3 x 29.00 EUR
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "13-cart-three-licenses-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Checkout").click()
    page.wait_for_selector("#pay")
    assert "3 x 87.00 EUR" in page.inner_text("#lines") and page.inner_text("#total") == "87.00 EUR"
    page.click("#pay")
    page.wait_for_url("**/#/thanks")
    page.goto(f"http://cabinet.localhost:{local.http_port}/#/orders")
    page.get_by_role("link", name=re.compile(r"ORD-\d{4}-\d{6}")).first.click()  # the newest order: this one
    items = page.locator("section[aria-label=Items]")
    items.locator(f"text=3 licenses · basic · lifetime · {', '.join(domains)}").wait_for()
    context.close()

    alice = id_token(local, "alice@acme.example")
    mine = [
        x for x in api(local, "cabinet", "GET", "/licenses", alice)[1]["items"] if x["domains"][0] in domains
    ]
    assert sorted(x["domains"] for x in mine) == [[d] for d in domains]
    assert len({x["key"] for x in mine}) == 3
