"""Chromium on the local stack: a signed-out visitor buys from an empty cart, names the receipt address in the
cart, pays, gets the receipt with the key by mail, and finds the license in the cabinet after signing up
with the same address."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
PASSWORD = "guest-buyer-pass-1"


def mails_to(local: LocalProcess, email: str) -> list[dict[str, Any]]:
    return local.json("mail", "GET", f"/api/messages?to={email}")[1] or []


def test_the_server_wants_a_well_formed_receipt_address_from_a_guest(local: LocalProcess) -> None:
    cart = [{"product": "backup", "edition": "basic", "plan": "lifetime", "domains": ["x.example.net"]}]
    for email in (None, "", "not-an-address", "a@b", "two@@example.net", "sp ace@example.net"):
        status, answer = local.json("api", "POST", "/public/checkout", {"items": cart, "email": email})
        assert status == 422, (email, answer)
    status, answer = local.json("api", "POST", "/public/checkout", {"items": cart, "email": "Ok@Example.net"})
    assert status == 200 and answer["checkout_url"], answer


def test_a_guest_buys_from_an_empty_cart_and_claims_the_license_by_signing_up(
    local: LocalProcess,
    chromium: Any,
) -> None:
    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731
    email, domain = f"guest-{uuid.uuid4().hex[:8]}@example.net", "guest-shop.example.net"
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site("shop", "/cart"))
    page.wait_for_selector("text=Your cart is empty")
    page.goto(site("shop", "/products/backup"))
    page.fill("#domain", domain)
    page.get_by_role("button", name="Add to cart").click()
    page.click("#cart-link")
    page.wait_for_selector(".cart-line")

    page.get_by_role("button", name="Checkout").click()
    assert "e-mail address" in page.wait_for_selector("[role=alert]:has-text('e-mail')").inner_text()
    page.fill("#buyer-email", email)
    page.fill("#buyer-name", "Gail Guest")
    page.get_by_role("button", name="Checkout").click()
    page.wait_for_selector("#pay")
    assert f"Order for {email}" in page.content()
    page.click("#pay")
    page.wait_for_url("**/#/thanks")
    assert email in page.inner_text("#thanks-text")

    receipt = local.wait_for(
        lambda: [m for m in mails_to(local, email) if m["subject"].startswith("Your order")]
    )
    assert "License key: HDL1." in receipt[0]["text"] and "Create an account" in receipt[0]["text"]
    # What people read (ORD-2026-001042), as the receipt words it; the cabinet lists it by the same label.
    order_label = re.search(r"Thank you for your order \(([^)]+)\)", receipt[0]["text"]).group(1)

    page.get_by_role("link", name="Your account").click()
    page.get_by_role("button", name="Sign in").first.click()
    page.get_by_role("link", name="Create account").click()
    page.fill("input[name=name]", "Gail Guest")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Create account").click()

    def code() -> str | None:
        codes = [m["text"] for m in mails_to(local, email) if "verification" in m["subject"]]
        found = [re.search(r"\b(\d{6})\b", text) for text in codes]
        return found[-1].group(1) if found and found[-1] else None

    page.fill("input[name=code]", local.wait_for(code, timeout=10))
    page.get_by_role("button", name="Continue").click()  # the right code signs the new customer in
    page.wait_for_url(f"**cabinet.localhost:{local.http_port}/**")
    # Signed in once the callback has traded its code for tokens; leaving the page earlier would abort that.
    page.get_by_role("button", name="Sign out").first.wait_for()
    assert "Gail Guest" in page.inner_text("#user")
    page.goto(site("cabinet", "/licenses"))
    page.wait_for_selector(f"text={domain}")
    page.goto(site("cabinet", "/orders"))
    page.locator("td[data-label=Order]", has_text=order_label).wait_for()
    context.close()
