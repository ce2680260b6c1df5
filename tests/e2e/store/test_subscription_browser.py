"""Issue 22 in Chromium on the local stack: a subscriber replaces the card their renewals are charged to
(the payment page in setup mode charges nothing) and the cabinet names the new card (also at 390 px)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
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


def test_a_subscriber_replaces_the_card_for_renewals(local: LocalProcess, chromium: Any) -> None:
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


def test_a_subscriber_upgrades_to_yearly_paying_the_proration_then_schedules_a_downgrade(
    local: LocalProcess,
    chromium: Any,
) -> None:
    carol, domain = id_token(local, CAROL), f"plan-{uuid.uuid4().hex[:6]}.acme.example"
    subscribe(local, carol, domain)

    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"http://cabinet.localhost:{local.http_port}/#/licenses")
    sign_in(page, CAROL)
    card = page.locator(f"section.license-card:has-text('{domain}')")
    card.locator("summary:has-text('Change plan')").click()
    card.locator("input[value='pro-yearly']").check()
    due = card.locator(".due-now")
    due.wait_for()
    assert "Unused time on SEO Pro pro (monthly)" in card.locator("ul[aria-label=Proration]").inner_text()
    shot(page, "11-cabinet-plan-quote")
    card.get_by_role("button", name="Confirm plan change").click()
    due_now = re.sub(r"[^0-9.]", "", due.inner_text())  # "Due now: €37.37" -> "37.37"
    page.wait_for_selector("#total")
    assert page.inner_text("#total") == f"{due_now} EUR"  # the payment page asks exactly the quote
    page.click("#pay")

    card = page.locator(f"section.license-card:has-text('{domain}')")
    card.locator("summary:has-text('Change plan')").click()
    card.locator("input[value='pro-monthly']").check()  # offered now that it runs yearly
    card.locator(".plan-quote:has-text('nothing is charged now')").wait_for()
    drawn = card.locator("details.license-tool").last.element_handle()
    card.get_by_role("button", name="Confirm plan change").click()
    page.wait_for_function("node => !node.isConnected", arg=drawn)  # the list is drawn again
    card = page.locator(f"section.license-card:has-text('{domain}')")
    card.locator("summary:has-text('Change plan')").click()
    card.locator("[role=status]:has-text('Changes to pro monthly when this period ends')").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "12-cabinet-downgrade-scheduled-390")
    context.close()

    [mine] = [
        x for x in api(local, "cabinet", "GET", "/licenses", carol)[1]["items"] if domain in x["domains"]
    ]
    options = api(local, "cabinet", "GET", f"/licenses/{mine['id']}/plan", carol)[1]
    assert options["scheduled"] == {"edition": "pro", "plan": "monthly"}
    assert [(o["edition"], o["plan"]) for o in options["options"] if o["current"]] == [("pro", "yearly")]
