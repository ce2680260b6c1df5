"""Issue 22 in Chromium on the local stack: a signed-in customer opens a license in the cabinet, downloads
its release, sees its activation, moves it to a new domain; the new key validates there (also at 390 px)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
import requests

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.commerce.test_commerce_local import api, id_token, pay
from tests.e2e.store.test_store_browser import shot
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def product_with_release(local: LocalProcess, slug: str) -> None:
    anna = id_token(local, "anna@helpdesk.localhost")
    edition = {"id": "pro", "name": "Pro", "max_activations": 3,
               "prices": [{"plan": "yearly", "currency": "EUR", "amount": 4900}]}  # fmt: skip
    product = {"slug": slug, "name": "Geo Tools", "summary": "", "description": "", "editions": [edition]}
    assert api(local, "console", "POST", "/products", anna, product)[0] == 201
    status, made = api(local, "console", "POST", f"/products/{slug}/releases", anna, {"version": "2.0"})
    assert status == 201 and requests.put(made["upload_url"], data=b"PK zip 2.0", timeout=10).ok


def test_a_customer_downloads_sees_activations_and_moves_a_license(
    local: LocalProcess,
    chromium: Any,
) -> None:
    slug, old, new = f"geo-{uuid.uuid4().hex[:6]}", "old-shop.acme.example", "new-shop.acme.example"
    product_with_release(local, slug)
    alice = id_token(local, "alice@acme.example")
    cart = {
        "items": [{"product": slug, "edition": "pro", "plan": "yearly", "domains": [old]}],
        "currency": "EUR",
    }
    started = api(local, "shop", "POST", "/checkout", alice, cart)[1]
    pay(local, started["checkout_url"])
    [mine] = [x for x in api(local, "cabinet", "GET", "/licenses", alice)[1]["items"] if x["product"] == slug]
    check = {"key": mine["key"], "product": slug, "domain": old}
    assert local.json("api", "POST", "/public/licenses/activate", check)[1]["result"] == "valid"

    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"http://cabinet.localhost:{local.http_port}/#/licenses")
    sign_in(page, "alice@acme.example")
    card = page.locator(f"section.license-card:has-text('{old}')")
    card.locator("summary:has-text('Downloads')").click()
    card.locator("text=Version 2.0").wait_for()
    card.locator("summary:has-text('Activations and domain')").click()
    card.locator(f"li:has-text('{old}')").wait_for()
    shot(page, "6-cabinet-license-tools")
    card.locator("input[placeholder='newshop.example']").fill(new)
    card.get_by_role("button", name="Move license").click()
    page.wait_for_selector(f"section.license-card:has-text('{new}')")
    card = page.locator(f"section.license-card:has-text('{new}')")
    card.get_by_role("button", name="Cancel at period end").click()
    card.get_by_role("button", name="Resume renewal").wait_for()  # the card redrawn: ends, not renewed
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "7-cabinet-moved-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"http://cabinet.localhost:{local.http_port}/#/orders")
    page.get_by_role("link", name=re.compile(r"ORD-\d{4}-\d{6}")).first.click()  # the newest order: this one
    page.wait_for_selector("section[aria-label=Licenses] >> text=Geo Tools")
    assert "Geo Tools" in page.inner_text("section[aria-label=Items]")
    shot(page, "8-cabinet-order-page")
    context.close()

    [moved] = [
        x for x in api(local, "cabinet", "GET", "/licenses", alice)[1]["items"] if x["id"] == mine["id"]
    ]
    assert moved["domains"] == [new] and moved["key"] != mine["key"] and moved["renewal_cancelled"]
    assert (
        local.json("api", "POST", "/public/licenses/validate", {**check, "key": moved["key"], "domain": new})[
            1
        ]["result"]
        == "valid"
    )
    assert local.json("api", "POST", "/public/licenses/validate", check)[1]["result"] == "invalid"
