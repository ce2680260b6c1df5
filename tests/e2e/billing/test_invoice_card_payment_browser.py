"""Issue 21: a client pays an issued time invoice by card from the cabinet, in Chromium on the local stack.
Its own organisation and client (unique names) get a billing account and billable time, the accountant's
draft becomes an invoice; the client presses "Pay by card", pays with Stripe's Visa test card on the local
payment page, comes back to the cabinet and sees the invoice paid; the receipt arrives by mail and the
console's billing page shows it paid too. Stripe then reports a partial refund (a signed `refund.created`):
both lists show the invoice partly refunded and the credit note beside it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from email import message_from_string
from email.policy import default
from typing import Any
from urllib.parse import urlparse

import pytest
from helpdesk.commerce.adapters.stripe_local import refund_created_event, refund_object, signed_webhook
from helpdesk.settings import Settings

from tests.e2e.billing_pages import VISA
from tests.e2e.cabinet.test_customer_organisations_local import add_customer
from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def issued_invoice(local: LocalProcess, organisation: str, email: str, key: str) -> dict[str, Any]:
    """An invoice for 90 billable minutes at 90.00 EUR/h, issued and mailed to `email`."""
    period = f"{datetime.now(UTC):%Y-%m}"
    books, dev = local.token("accountant@helpdesk.localhost"), local.token("dev@helpdesk.localhost")
    manager = local.token("anna@helpdesk.localhost")
    account = {"email": email, "name": "Pat Payer", "company": f"Payer {key} Ltd", "country": "DE",
               "currency": "EUR", "hourly_rate": 9000}  # fmt: skip
    assert local.api("console", "PUT", f"/clients/{organisation}/billing-account", books, account)[0] == 200
    project = {"key": key, "name": "Paid by card", "organisation": organisation}
    assert local.api("console", "POST", "/projects", manager, project)[0] == 201
    status, task = local.api("console", "POST", "/tasks", dev, {"project": key, "title": "Build the form"})
    assert status == 201, task
    assert local.api("console", "POST", f"/tasks/{task['id']}/time", dev, {"minutes": 90, "billable": True})[
        0
    ] in (200, 201)
    approve = {"organisation": organisation, "period": period}
    assert local.api("console", "POST", "/billing/time/approve", books, approve)[1] == {"approved": 1}
    status, drafts = local.api("console", "POST", f"/invoices/drafts?period={period}", books)
    draft = next(d for d in drafts["items"] if d["organisation_id"] == organisation)
    status, invoice = local.api("console", "POST", f"/invoices/drafts/{draft['id']}/approve", books)
    assert status == 200, invoice
    return invoice  # type: ignore[no-any-return]


def receipt(local: LocalProcess, email: str, number: str) -> str | None:
    """The text of the receipt mailed to `email`, once it arrived."""
    status, messages = local.json("mail", "GET", f"/api/messages?to={email.replace('@', '%40')}")
    found = (
        [m for m in messages if m["subject"] == f"Receipt: invoice {number} paid"] if status == 200 else []
    )
    if not found:
        return None
    body = message_from_string(found[-1]["raw"], policy=default).get_body(preferencelist=("plain",))
    return str(body.get_content()) if body else ""


def test_a_client_pays_a_time_invoice_by_card_in_the_cabinet(local: LocalProcess, chromium: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:6]
    organisation, email = f"org-pay{tag}", f"pat@pay{tag}.example"
    add_customer(local, email, organisation)
    invoice = issued_invoice(local, organisation, email, f"PAY{tag[:5].upper()}")
    number = invoice["number"]
    assert invoice["total"] == 13500 + 2565  # 1.5 h at 90.00 EUR and 19 % German VAT

    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731
    cabinet = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    cabinet.goto(site("cabinet", "/invoices"))
    sign_in(cabinet, email)
    cabinet.wait_for_selector(f"tr:has-text('{number}') >> text=\"Unpaid\"")
    cabinet.click(f"[data-pay-invoice='{number}']")
    cabinet.wait_for_selector("#pay")
    session_id = urlparse(cabinet.url).path.strip("/")  # the local page's payment intent is pi_<session>
    assert "160.65" in cabinet.inner_text("body")  # the payment page asks what the invoice owes
    cabinet.check(f"input[value='{VISA}']")
    cabinet.click("#pay")
    cabinet.wait_for_selector(f"tr:has-text('{number}') >> text=\"Paid\"")
    assert cabinet.locator(f"[data-pay-invoice='{number}']").count() == 0  # nothing left to pay
    cabinet.screenshot(path=str(SHOTS / "billing-invoice-paid-by-card.png"), full_page=True)

    mail = local.wait_for(lambda: receipt(local, email, number))
    assert "160.65 EUR" in mail and "paid in full" in mail

    console = chromium.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    console.goto(site("console", "/billing"))
    sign_in(console, "accountant@helpdesk.localhost")
    console.wait_for_selector(f"[data-invoice-status='{number}'] >> text=\"Paid\"")
    console.screenshot(path=str(SHOTS / "billing-console-invoice-paid.png"), full_page=True)

    refund = refund_object(f"re_{tag}", f"pi_{session_id}", 6065, "eur")
    secret = Settings.model_fields["local_stripe_webhook_secret"].default  # the local stack keeps the default
    body, signature = signed_webhook(refund_created_event(refund), secret)
    status, _, answer = local.request(
        "api", "POST", "/public/webhooks/stripe", body, {"Stripe-Signature": signature}
    )
    assert status == 200 and json.loads(answer)["outcome"] == "invoice_refunded", answer
    for page in (cabinet, console):
        page.reload()
        page.wait_for_selector(f"tr:has-text('{number}') >> text=\"Partly refunded\"")
        page.wait_for_selector(f"tr:has-text('credits {number}') >> text=\"Credited\"")
    cabinet.screenshot(path=str(SHOTS / "billing-invoice-refunded-cabinet.png"), full_page=True)
