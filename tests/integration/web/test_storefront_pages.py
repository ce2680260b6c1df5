"""Storefront pages in Chromium: catalogue in several currencies, product choices, cart and checkout."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_catalogue_lists_modules_with_prices_in_the_chosen_currency(tab):
    page = tab.open("shop", "/", ".product-card")
    cards = page.locator(".product-card")
    assert cards.count() == 3
    assert "from €149.00" in cards.first.inner_text() and "Platform 2.5" in cards.first.inner_text()
    assert cards.first.locator("svg[role=img]").count() == 1
    page.select_option("#currency", "USD")
    page.wait_for_selector(".product-card >> text=from $161.00")
    page.reload()
    page.wait_for_selector(".product-card >> text=from $161.00")  # the choice is remembered


def test_product_page_prices_edition_and_plan_and_adds_to_the_cart(tab):
    page = tab.open("shop", "/products/export-pro", ".big-price")
    assert page.locator(".big-price").inner_text() == "€149.00"
    page.get_by_label("Business").check()
    page.get_by_role("button", name="Yearly").click()
    assert page.locator(".big-price").inner_text() == "€149.00 / year"
    page.get_by_role("button", name="Monthly").click()
    assert page.locator(".big-price").inner_text() == "€15.00 / month"
    page.get_by_role("button", name="Show screenshot: Table").click()
    assert page.locator(".main-shot svg").get_attribute("aria-label") == "Export Pro: Table"
    page.get_by_label("Shop domain the license is for").fill("MyShop.example")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_selector("#cart-count >> text=1")
    assert page.evaluate("JSON.parse(localStorage.getItem('helpdesk.shop.cart'))") == [
        {"product": "export-pro", "edition": "business", "plan": "monthly", "quantity": 1,
         "domains": ["myshop.example"]}
    ]  # fmt: skip


def _cart(tab, lines):
    page = tab.open("shop", "/", ".product-card")
    page.evaluate("lines => localStorage.setItem('helpdesk.shop.cart', JSON.stringify(lines))", lines)
    page.goto(tab.stub.url("shop", "/#/cart"))
    page.wait_for_selector(".cart-line")
    return page


def test_checkout_posts_the_cart_and_follows_the_payment_page_redirect(tab):
    # Lines stored before cart quantities (one `domain` each) still check out, as one license each.
    page = _cart(
        tab,
        [
            {"product": "export-pro", "edition": "standard", "plan": "lifetime", "domain": "a.example"},
            {"product": "smart-search", "edition": "business", "plan": "yearly", "domain": ""},
        ],
    )
    assert page.locator("#cart-total").inner_text() == "€248.00"
    assert "VAT included" in page.locator(".summary").inner_text()  # issue 22: prices say VAT is in them
    assert "include VAT" in page.locator("#vat-note").inner_text()
    page.get_by_role("button", name="Checkout").click()
    assert "shop domain" in page.get_by_role("alert").inner_text()
    assert not tab.stub.calls("shop", "POST", "/checkout")
    page.get_by_label("Shop domain").nth(1).fill("b.example")
    page.get_by_label("Shop domain").nth(1).blur()
    page.get_by_role("button", name="Checkout").click()
    page.wait_for_url("**/session/cs_test_1")
    assert page.locator("h1").inner_text() == "Stub payment page"
    (call,) = tab.stub.calls("shop", "POST", "/checkout")
    assert call.body == {
        "currency": "EUR",
        "items": [
            {
                "product": "export-pro",
                "edition": "standard",
                "plan": "lifetime",
                "quantity": 1,
                "domains": ["a.example"],
            },
            {
                "product": "smart-search",
                "edition": "business",
                "plan": "yearly",
                "quantity": 1,
                "domains": ["b.example"],
            },
        ],
    }


def test_removing_the_last_line_shows_the_empty_cart(tab):
    page = _cart(
        tab, [{"product": "pay-later", "edition": "standard", "plan": "monthly", "domain": "a.example"}]
    )
    page.get_by_role("button", name="Remove Pay Later").click()
    page.wait_for_selector("text=Your cart is empty")
    assert page.locator("#cart-count").inner_text() == "0"


def test_single_sign_on_shows_the_account_link_or_a_sign_in_button(tab, stub):
    stub.signed_in = False
    page = tab.open("shop", "/", ".product-card")
    assert page.locator("#account").get_by_role("button", name="Sign in").is_visible()
    page.locator("#account").get_by_role("button", name="Sign in").click()
    page.wait_for_selector("#account >> text=Your account")
    assert page.locator("#account a").get_attribute("href").startswith(stub.url("cabinet", "/").rstrip("/"))


def test_the_thanks_page_after_payment_empties_the_cart_and_points_to_the_licenses(tab):
    page = _cart(
        tab, [{"product": "pay-later", "edition": "standard", "plan": "monthly", "domain": "a.example"}]
    )
    page.evaluate("() => { location.hash = '#/thanks'; }")
    page.wait_for_selector("text=Thank you for your order")
    assert page.evaluate("localStorage.getItem('helpdesk.shop.cart')") == "[]"
    assert page.locator("#cart-count").inner_text() == "0"
    link = page.get_by_role("link", name="Go to your licenses").get_attribute("href")
    assert link == tab.stub.url("cabinet", "/#/licenses")
