"""Tax invoices through the handlers: duplicated webhooks give one invoice, refunds one credit note,
and the download routes answer only the invoice's organisation and staff."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import refund_event, session_completed_event, signed_webhook

from .conftest import call, checkout_of, public

pytestmark = pytest.mark.integration
ITEMS = [
    {"product": "seo-pro", "edition": "pro", "plan": "yearly", "domains": ["shop.acme.example"]},
    {"product": "backup", "edition": "basic", "domains": ["www.acme.example"]},
]
FRENCH_COMPANY = {"name": "Jeanne Acme", "company": "Acme SARL", "country": "fr", "vat_id": "FR 12345678901"}


def buy(token: str = "alice", currency: str = "USD", **billing: object) -> tuple[str, str]:
    answer = public("POST", "/checkout", {"items": ITEMS, "currency": currency, **billing}, token=token)
    assert answer.status == 200, answer.body
    return checkout_of(answer.body["checkout_url"])


def deliver(event: dict) -> str:
    body, signature = signed_webhook(event, container().settings.local_stripe_webhook_secret)
    answer = public("POST", "/webhooks/stripe", body.decode(), headers={"Stripe-Signature": signature})
    assert answer.status == 200, answer.body
    return str(answer.body["outcome"])


def paid(session_id: str, checkout_id: str, event_id: str) -> dict:
    checkout = container().checkout_store.get_checkout(checkout_id)
    return session_completed_event(checkout, session_id, f"pi_{session_id}", event_id=event_id)


def invoices(token: str, function: str = "CabinetApiFunction") -> list[dict]:
    answer = call(function, "GET", "/invoices", token=token)
    assert answer.status == 200, answer.body
    return list(answer.body["items"])


def download(invoice_id: str, token: str | None, function: str = "CabinetApiFunction"):  # type: ignore[no-untyped-def]
    return call(function, "GET", "/invoices/{invoice_id}/download", token=token, invoice_id=invoice_id)


def test_duplicated_webhooks_give_one_reverse_charge_invoice_with_euro_totals(shop) -> None:  # type: ignore[no-untyped-def]
    session_id, checkout_id = buy(**FRENCH_COMPANY)
    completed, late = paid(session_id, checkout_id, "evt_a"), paid(session_id, checkout_id, "evt_b")
    late["type"] = "checkout.session.async_payment_succeeded"
    assert [deliver(e) for e in (completed, completed, late)] == ["fulfilled", "duplicate", "fulfilled"]

    (invoice,) = invoices("alice")
    year = datetime.now(UTC).year
    assert invoice["number"] == f"INV-{year}-000001" and invoice["order_id"] == checkout_id
    assert (invoice["currency"], invoice["total"], invoice["net"], invoice["tax"]) == ("USD", 7500, 7500, 0)
    assert invoice["tax_treatment"] == "reverse_charge" and "Reverse charge" in invoice["tax_note"]
    assert invoice["buyer"] == {"name": "Jeanne Acme", "company": "Acme SARL", "country": "FR",
                                "vat_id": "FR12345678901"}  # fmt: skip
    # 43.00 and 32.00 USD at 1/1.10 (the demo file): 39.09 + 29.09 EUR
    assert (invoice["accounting_currency"], invoice["accounting_total"]) == ("EUR", 6818)

    link = download(invoice["id"], "alice")
    assert link.status == 200 and link.body["expires_in"] == 300
    html = requests.get(link.body["url"], timeout=10)
    assert html.status_code == 200 and html.headers["Content-Type"].startswith("text/html")
    assert invoice["number"] in html.text and "Acme SARL" in html.text and "FR12345678901" in html.text


def test_a_refund_delivered_twice_gives_one_credit_note(shop) -> None:  # type: ignore[no-untyped-def]
    session_id, checkout_id = buy(currency="EUR", country="DE")
    deliver(paid(session_id, checkout_id, "evt_paid"))
    assert deliver(refund_event(f"pi_{session_id}", "evt_refund")) == "revoked"
    assert deliver(refund_event(f"pi_{session_id}", "evt_refund")) == "duplicate"
    assert deliver(refund_event(f"pi_{session_id}", "evt_refund_again")) == "revoked"

    credit, original = sorted(invoices("alice"), key=lambda i: i["kind"])
    assert (original["kind"], credit["kind"]) == ("invoice", "credit_note")
    assert credit["credits_number"] == original["number"] and credit["number"].startswith("CN-")
    # 39.00 and 29.00 EUR with 19 % inside: 6.23 + 4.63
    assert (credit["total"], credit["tax"]) == (-original["total"], -original["tax"]) and original[
        "tax"
    ] == 623 + 463
    assert original["tax_rate"] == "19" and original["accounting_total"] == original["total"]


def test_a_refund_that_overtakes_the_payment_still_gets_its_credit_note(shop) -> None:  # type: ignore[no-untyped-def]
    session_id, checkout_id = buy(currency="EUR")
    assert deliver(refund_event(f"pi_{session_id}", "evt_refund_first")) == "refund_recorded"
    deliver(paid(session_id, checkout_id, "evt_paid_late"))
    assert sorted(i["kind"] for i in invoices("alice")) == ["credit_note", "invoice"]


def test_downloads_are_scoped_to_the_organisation_and_open_to_staff(shop) -> None:  # type: ignore[no-untyped-def]
    session_id, checkout_id = buy(currency="EUR")
    deliver(paid(session_id, checkout_id, "evt_paid"))
    (invoice,) = invoices("alice")
    assert invoices("bob") == []
    assert download(invoice["id"], "bob").status == 404  # as if it did not exist
    assert download("inv_unknown", "alice").status == 404
    assert download(invoice["id"], None).status == 401
    assert download(invoice["id"], "anna").status == 403  # staff use the console's route
    staff = download(invoice["id"], "anna", "StaffApiFunction")
    assert staff.status == 200 and requests.get(staff.body["url"], timeout=10).status_code == 200
    assert download(invoice["id"], "alice", "StaffApiFunction").status == 403


def test_a_malformed_vat_id_is_refused_at_checkout(shop) -> None:  # type: ignore[no-untyped-def]
    for billing in (
        {"country": "FR", "vat_id": "DE123456789"},
        {"vat_id": "FR1"},  # too short to be one (a well-formed id alone names its country: item 10)
        {"country": "FRA"},
    ):
        cart = {"items": ITEMS, "currency": "EUR", **billing}
        assert public("POST", "/checkout", cart, token="alice").status == 422, billing


def test_the_sales_report_sums_invoices_in_euro_for_staff_only(shop) -> None:  # type: ignore[no-untyped-def]
    dollars, euros = buy(currency="USD", country="US"), buy(currency="EUR", country="DE")
    refunded = buy(currency="EUR", token="bob")
    for n, (session_id, checkout_id) in enumerate((dollars, euros, refunded)):
        deliver(paid(session_id, checkout_id, f"evt_{n}"))
    deliver(refund_event(f"pi_{refunded[0]}", "evt_refund"))
    today = datetime.now(UTC).date().isoformat()

    def report(group: str, token: str = "anna"):  # type: ignore[no-untyped-def]
        query = {"from": today, "to": today, "group": group}
        return call("StaffApiFunction", "GET", "/reports/sales", token=token, query=query)

    by_product = report("product")
    assert by_product.status == 200 and by_product.body["currency"] == "EUR"
    rows = {r["key"]: r for r in by_product.body["rows"]}
    # seo-pro: 43.00 USD at 1/1.10 is 39.09 EUR, plus 39.00 EUR; bob's refunded purchase nets out
    assert rows["seo-pro"]["total"] == 3909 + 3900 and rows["seo-pro"]["documents"] == 4
    assert rows["backup"]["total"] == 2909 + 2900
    assert by_product.body["total"] == 3909 + 3900 + 2909 + 2900 and by_product.body["from"] == today
    customers = {r["label"]: r["total"] for r in report("customer").body["rows"]}
    assert customers == {"alice@acme.example": 13618, "bob@globex.example": 0}
    managers = {r["key"]: r["total"] for r in report("manager").body["rows"]}
    assert managers == {"anna@helpdesk.localhost": 3909 + 3900, "boris@helpdesk.localhost": 2909 + 2900}
    assert report("product", "alice").status == 403
    assert report("country").status == 422
    reversed_range = {"from": today, "to": "2000-01-01"}
    assert call("StaffApiFunction", "GET", "/reports/sales", token="anna", query=reversed_range).status == 422


def test_a_foreign_invoice_download_answers_as_an_unknown_one(shop) -> None:  # type: ignore[no-untyped-def]
    session_id, checkout_id = buy(currency="EUR")
    deliver(paid(session_id, checkout_id, "evt_paid"))
    (invoice,) = invoices("alice")
    foreign, unknown = download(invoice["id"], "bob"), download("inv_no_such", "bob")
    assert (foreign.status, foreign.body) == (unknown.status, unknown.body) == (404, unknown.body)
    staff_unknown = download("inv_no_such", "anna", "StaffApiFunction")
    assert (staff_unknown.status, staff_unknown.body) == (404, unknown.body)
    assert download(invoice["id"], "alice").status == 200
