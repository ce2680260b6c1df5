"""Chromium on the local stack: a business buyer types the invoice details in the cart while signed out,
signs in from the cart, finds every detail still there, pays, and gets a reverse-charge invoice whose
"Bill to" reads name / company / address / VAT id / e-mail, each once."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.billing.test_invoices_local import fetch
from tests.e2e.identity.test_identity_local import DEMO_PASSWORD
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
TYPED = {
    "#buyer-name": "Alice Martin",
    "#bill-company": "Acme SARL",
    "#bill-country": "FR",
    "#bill-vat": "FR12345678901",
    "#bill-address": "1 Rue de la Paix\n75002 Paris",
}


def test_invoice_details_survive_the_sign_in_redirect_and_give_reverse_charge(
    local: LocalProcess,
    chromium: Any,
) -> None:
    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site("shop"))
    page.evaluate(
        "lines => localStorage.setItem('helpdesk.shop.cart', JSON.stringify(lines))",
        [{"product": "backup", "edition": "basic", "plan": "lifetime", "domain": "vat.acme.example"}],
    )
    page.goto(site("shop", "/cart"))
    page.wait_for_selector("#guest")
    page.get_by_text("Invoice details (optional)").click()
    for selector, value in TYPED.items():
        page.fill(selector, value)

    page.locator("#guest").get_by_role("button", name="Sign in").click()
    page.wait_for_selector("input[name=email]")
    page.fill("input[name=email]", "alice@acme.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**shop.localhost:*/#/cart")
    page.wait_for_selector("#bill-company")
    assert page.locator("#guest").count() == 0  # signed in: no guest fields
    for selector, value in TYPED.items():
        assert page.input_value(selector) == value, selector

    page.get_by_role("button", name="Checkout").click()
    page.wait_for_selector("#pay")
    checkout_id = parse_qs(urlsplit(page.url).query)["checkout"][0]
    page.click("#pay")
    page.wait_for_url("**/#/thanks")
    context.close()

    alice = local.token("alice@acme.example")
    listed = local.api("cabinet", "GET", "/invoices", alice)[1]["items"]
    [invoice] = [i for i in listed if i["order_id"] == checkout_id]
    assert (invoice["tax"], invoice["tax_treatment"]) == (0, "reverse_charge")
    buyer = {"name": "Alice Martin", "company": "Acme SARL", "country": "FR", "vat_id": "FR12345678901"}
    assert invoice["buyer"] == buyer
    status, link = local.api("cabinet", "GET", invoice["download"], alice)
    assert status == 200, link
    html = fetch(link["url"])[2]
    bill_to = html[html.index("Bill to") : html.index("</p>", html.index("Bill to"))]
    lines = "Alice Martin<br>Acme SARL<br>1 Rue de la Paix<br>75002 Paris<br>FR<br>VAT id FR12345678901"
    assert f"{lines}<br>alice@acme.example" in bill_to and bill_to.count("alice@acme.example") == 1
