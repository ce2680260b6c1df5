"""Issue 22 in Chromium on the local stack: a subscriber replaces the card their renewals are charged to
(the payment page in setup mode charges nothing) and the cabinet names the new card (also at 390 px)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import chromium, sign_in  # noqa: F401 (fixture)
from tests.e2e.commerce.test_commerce_local import api, id_token, pay
from tests.e2e.store.test_store_browser import shot
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
CAROL = "carol@acme.example"  # no other browser test buys as carol: her card is this test's to change


def subscribe(local: LocalProcess, token: str, domain: str) -> None:
    cart = {"items": [{"product": "seo-pro", "edition": "pro", "plan": "monthly", "domains": [domain]}],
            "currency": "EUR"}  # fmt: skip
    status, started = api(local, "shop", "POST", "/checkout", token, cart)
    assert status == 200, started
    pay(local, started["checkout_url"])  # the default test card, 4242, saved for the renewals


def test_a_subscriber_replaces_the_card_for_renewals(local: LocalProcess, chromium: Any) -> None:  # noqa: F811
    carol = id_token(local, CAROL)
    subscribe(local, carol, f"card-{uuid.uuid4().hex[:6]}.acme.example")
    assert api(local, "cabinet", "GET", "/subscriptions/card", carol)[1] == {"card": "Visa ending 4242"}

    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"http://cabinet.localhost:{local.http_port}/#/licenses")
    sign_in(page, CAROL)
    box = page.locator("section[aria-label='Card for renewals']")
    box.locator(".saved-card:has-text('Visa ending 4242')").wait_for()
    box.get_by_role("button", name="Replace card").click()
    page.wait_for_selector("#setup")  # the payment page in setup mode: nothing to pay
    assert page.locator("#total").count() == 0
    page.check("input[name=card][value='4000000000000341']")
    shot(page, "9-pay-save-card")
    page.get_by_role("button", name="Save card").click()
    box = page.locator("section[aria-label='Card for renewals']")
    box.locator("[role=status]:has-text('Your new card is saved')").wait_for()
    assert box.locator(".saved-card").inner_text() == "Visa ending 0341"
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "10-cabinet-card-replaced-390")
    context.close()
    assert api(local, "cabinet", "GET", "/subscriptions/card", carol)[1] == {"card": "Visa ending 0341"}
