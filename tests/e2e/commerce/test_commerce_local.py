"""Buying a module on the local stack: checkout, the local payment page, the signed webhook, what follows."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.e2e.identity.test_identity_local import DEMO_PASSWORD, AuthBrowser
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def id_token(local: LocalProcess, email: str) -> str:
    browser = AuthBrowser(local)
    fields = browser.authorize()
    answer = browser.post("/login", {**fields, "email": email, "password": DEMO_PASSWORD})
    return str(browser.tokens(answer)["id_token"])


def api(
    local: LocalProcess, site: str, method: str, path: str, token: str | None = None, body: Any = None
) -> tuple[int, Any]:
    import json

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    status, _, raw = local.request(site, method, f"/api{path}", body, headers)
    return status, json.loads(raw or b"null")


def pay(local: LocalProcess, checkout_url: str) -> str:
    """Open the payment page, press Pay; returns where the browser is sent."""
    parts = urlsplit(checkout_url)
    assert parts.hostname == "pay.localhost"
    status, _, page = local.request("pay", "GET", f"{parts.path}?{parts.query}")
    assert status == 200 and b"id='pay'" in page
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.decode()))
    action = re.search(r"action='([^']+)'", page.decode()).group(1)  # type: ignore[union-attr]
    status, headers, _ = local.request(
        "pay", "POST", action, urlencode(form).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 303, status
    return {k.lower(): v for k, v in headers.items()}["location"]


def test_a_customer_buys_and_finds_license_receipt_and_the_managers_ticket(local: LocalProcess) -> None:
    alice, bob, anna = (
        id_token(local, e) for e in ("alice@acme.example", "bob@globex.example", "anna@helpdesk.localhost")
    )
    status, catalogue = api(local, "shop", "GET", "/products")
    assert status == 200 and "seo-pro" in {p["slug"] for p in catalogue["items"]}

    cart = {
        "items": [
            {"product": "seo-pro", "edition": "pro", "plan": "yearly", "domains": ["shop.acme.example"]}
        ],
        "currency": "EUR",
    }
    status, started = api(local, "shop", "POST", "/checkout", alice, cart)
    assert status == 200, started
    checkout_id = parse_qs(urlsplit(started["checkout_url"]).query)["checkout"][0]
    assert pay(local, started["checkout_url"]).endswith("/#/thanks")
    pay(local, started["checkout_url"])  # a second press: the same event, nothing new

    status, orders = api(local, "cabinet", "GET", "/orders", alice)
    assert status == 200 and [o["id"] for o in orders["items"]].count(checkout_id) == 1
    [number] = [o["label"] for o in orders["items"] if o["id"] == checkout_id]  # ORD-2026-001042
    every = api(local, "cabinet", "GET", "/licenses", alice)[1]["items"]
    licenses = [lic for lic in every if lic["order_id"] == checkout_id]
    assert (
        len(licenses) == 1 and licenses[0]["product"] == "seo-pro" and licenses[0]["key"].startswith("HDL1.")
    )

    deadline, receipts = time.monotonic() + 10, []
    while time.monotonic() < deadline and not receipts:
        mails = api(local, "mail", "GET", "/messages?to=alice@acme.example")[1]
        receipts = [m for m in mails if m["subject"] == f"Your order {number}"]
        time.sleep(0.2)
    assert len(receipts) == 1 and licenses[0]["key"] in receipts[0]["text"]

    staff_list = api(local, "console", "GET", f"/tickets?customer_id={licenses[0]['customer_id']}", anna)[1]
    ordered = [t for t in staff_list["items"] if t["subject"].startswith(f"New order {number}: ")]
    assert len(ordered) == 1 and ordered[0]["assignee"] == "anna@helpdesk.localhost"
    conversation = api(local, "console", "GET", f"/tickets/{ordered[0]['id']}", anna)[1]
    assert [m["direction"] for m in conversation["messages"]] == ["note"]
    assert conversation["messages"][0]["text"].startswith("alice@acme.example bought SEO Pro (pro)")

    # The other organisation sees none of it, and a foreign object is simply not there.
    assert checkout_id not in {o["id"] for o in api(local, "cabinet", "GET", "/orders", bob)[1]["items"]}
    assert checkout_id not in {
        lic["order_id"] for lic in api(local, "cabinet", "GET", "/licenses", bob)[1]["items"]
    }
    status, opened = api(local, "cabinet", "POST", "/tickets", alice, {"subject": "Setup", "text": "How?"})
    assert status == 200
    assert api(local, "cabinet", "GET", f"/tickets/{opened['id']}", bob)[0] == 404
    assert api(local, "cabinet", "GET", f"/tickets/{opened['id']}", alice)[0] == 200
    assert api(local, "cabinet", "GET", f"/tickets/{ordered[0]['id']}", bob)[0] == 404
    assert api(local, "cabinet", "GET", "/orders", anna)[0] == 403
    assert api(local, "cabinet", "GET", "/orders")[0] == 401


def test_a_forged_webhook_is_refused_over_http(local: LocalProcess) -> None:
    status, _, _ = local.request(
        "api",
        "POST",
        "/public/webhooks/stripe",
        b'{"id":"evt_x"}',
        {"Stripe-Signature": f"t={int(time.time())},v1={'0' * 64}"},
    )
    assert status == 401
