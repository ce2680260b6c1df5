"""A time invoice paid by card through the cabinet and the signed Stripe webhook, under moto with the real
handlers: a foreign invoice cannot be paid, a forged or mismatching webhook changes nothing, the paid one
(delivered twice) records one card payment, shows paid in the cabinet and the console, mails one receipt."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.integration.billing.test_services_billing_routes import ACME_ACCOUNT, PERIOD, staff
from tests.integration.commerce.conftest import cabinet, call, sent_mail, shop  # noqa: F401

pytestmark = pytest.mark.integration


def issued_time_invoice() -> dict:  # type: ignore[type-arg]
    staff("PUT", "/clients/{organisation_id}/billing-account", {**ACME_ACCOUNT, "currency": "EUR",
          "hourly_rate": 8000}, organisation_id="org-acme")  # fmt: skip
    assert staff("POST", "/projects", {"key": "PAY", "name": "Pay", "organisation": "org-acme"}).status == 201
    task = staff("POST", "/tasks", {"project": "PAY", "title": "Invoice me"}, token="dev").body
    staff("POST", "/tasks/{task_id}/time", {"minutes": 90, "billable": True}, token="dev", task_id=task["id"])
    staff("POST", "/billing/time/approve", {"organisation": "org-acme", "period": PERIOD}, token="ivan")
    (draft,) = staff("POST", "/invoices/drafts", token="ivan", query={"period": PERIOD}).body["items"]
    invoice = staff("POST", "/invoices/drafts/{draft_id}/approve", token="ivan", draft_id=draft["id"])
    assert invoice.status == 200, invoice.body
    return invoice.body  # type: ignore[no-any-return]


def webhook(event: dict, secret: str):  # type: ignore[no-untyped-def,type-arg]
    from helpdesk.commerce.adapters.stripe_local import signed_webhook

    body, signature = signed_webhook(event, secret)
    return call("PublicApiFunction", "POST", "/webhooks/stripe", body.decode(),
                headers={"Stripe-Signature": signature})  # fmt: skip


def test_a_time_invoice_paid_by_card_in_the_cabinet(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from helpdesk.bootstrap import container
    from helpdesk.commerce.adapters.stripe_local import session_completed_event

    invoice = issued_time_invoice()
    pay = "/invoices/{invoice_id}/pay"
    foreign = cabinet("POST", pay, token="bob", invoice_id=invoice["id"])
    unknown = cabinet("POST", pay, token="bob", invoice_id="inv_nope")
    assert (foreign.status, foreign.body) == (unknown.status, unknown.body) and foreign.status == 404
    assert cabinet("POST", pay, token="anna", invoice_id=invoice["id"]).status == 403  # staff: not here
    started = cabinet("POST", pay, token="alice", invoice_id=invoice["id"])
    assert started.status == 200 and started.body["url"].startswith("http"), started.body
    checkout_id = started.body["url"].split("checkout=")[1].split("&")[0]
    checkout = container().checkout_store.get_checkout(checkout_id)
    assert (checkout.total.amount, checkout.total.currency) == (invoice["total"], "EUR")

    secret = container().settings.local_stripe_webhook_secret
    event = session_completed_event(checkout, "cs_i", "pi_i", event_id="evt_i")
    forged = webhook(event, "whsec_not_ours")
    assert forged.status == 401
    cheaper = session_completed_event(checkout, "cs_i", "pi_cheap", event_id="evt_cheap")
    cheaper["data"]["object"].update(amount_total=100)
    assert webhook(cheaper, secret).body["outcome"] == "amount_mismatch"
    assert cabinet("GET", "/invoices", token="alice").body["items"][0]["status"] == "unpaid"

    outcomes = [webhook(event, secret).body["outcome"] for _ in range(2)]
    assert outcomes == ["invoice_paid", "duplicate"]
    again = json.loads(json.dumps(event)) | {
        "id": "evt_i_async",
        "type": "checkout.session.async_payment_succeeded",
    }
    assert webhook(again, secret).body["outcome"] == "invoice_paid"  # the same payment, another event
    mine = [i for i in cabinet("GET", "/invoices", token="alice").body["items"] if i["id"] == invoice["id"]]
    assert [i["status"] for i in mine] == ["paid"]
    listed = staff("GET", "/invoices", token="ivan", query={"organisation": "org-acme"}).body["items"]
    assert [i["status"] for i in listed if i["id"] == invoice["id"]] == ["paid"]
    assert staff("GET", "/receivables", token="ivan").body["items"] == []
    receipts = [m for m in sent_mail("ap@acme.example") if m.subject.startswith("Receipt")]
    assert [m.subject for m in receipts] == [f"Receipt: invoice {invoice['number']} paid"]
    assert cabinet("POST", pay, token="alice", invoice_id=invoice["id"]).status == 409  # nothing owed
    assert datetime.now(UTC).year == int(invoice["number"].split("-")[1])


def test_a_card_paid_time_invoice_refunded_in_part_through_the_signed_webhook(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from helpdesk.bootstrap import container
    from helpdesk.commerce.adapters.stripe_local import (
        refund_created_event,
        refund_event,
        refund_object,
        session_completed_event,
    )

    from tests.support.streams import deliver_stream

    invoice = issued_time_invoice()
    started = cabinet("POST", "/invoices/{invoice_id}/pay", token="alice", invoice_id=invoice["id"])
    checkout_id = started.body["url"].split("checkout=")[1].split("&")[0]
    checkout = container().checkout_store.get_checkout(checkout_id)
    secret = container().settings.local_stripe_webhook_secret
    assert webhook(session_completed_event(checkout, "cs_r", "pi_r", event_id="evt_p"), secret).body[
        "outcome"] == "invoice_paid"  # fmt: skip

    part = refund_object("re_part", "pi_r", 5000, "eur")
    charge = refund_event("pi_r", "evt_c1", refunds=[part], whole=False)
    assert webhook(charge, "whsec_not_ours").status == 401  # forged: nothing changes
    assert webhook(refund_created_event(refund_object("re_usd", "pi_r", 5000, "usd")), secret).body[
        "outcome"] == "refund_currency_mismatch"  # fmt: skip
    too_much = refund_object("re_big", "pi_r", invoice["total"] + 1, "eur")
    assert webhook(refund_created_event(too_much), secret).body["outcome"] == "refund_refused"
    mine = {i["number"]: i for i in cabinet("GET", "/invoices", token="alice").body["items"]}
    assert mine[invoice["number"]]["status"] == "paid" and len(mine) == 1

    outcomes = [webhook(charge, secret).body["outcome"] for _ in range(2)]
    outcomes.append(webhook(refund_created_event(part, "evt_rc1"), secret).body["outcome"])
    assert outcomes == ["invoice_refunded", "duplicate", "duplicate_refund"]
    mine = {i["number"]: i for i in cabinet("GET", "/invoices", token="alice").body["items"]}
    (note,) = [i for i in mine.values() if i["kind"] == "credit_note"]
    assert (mine[invoice["number"]]["status"], note["total"], note["credits_number"]) == (
        "partly_refunded", -5000, invoice["number"])  # fmt: skip
    listed = staff("GET", "/invoices", token="ivan", query={"organisation": "org-acme"}).body["items"]
    assert sorted(i["number"] for i in listed) == sorted(mine)
    assert cabinet("GET", "/invoices", token="bob").body["items"] == []  # another organisation sees none
    credit_all = staff("POST", "/invoices/{invoice_id}/credit", token="ivan", invoice_id=invoice["id"])
    assert credit_all.status == 409  # the refund has its own credit note
    assert [i["status"] for i in cabinet("GET", "/invoices", token="alice").body["items"]].count(
        "unpaid"
    ) == 0

    deliver_stream(shop, "ReportsRollupFunction")
    today = datetime.now(UTC).date().isoformat()
    sales = staff("GET", "/reports/{kind}", token="ivan", kind="sales", query={"from": today, "to": today})
    assert sales.status == 200, sales.body
    original = container().invoices._store.get(invoice["id"])
    credit = container().invoices._store.get(note["id"])
    assert sales.body["totals"]["refunds"] == -credit.accounting_net > 0
    assert sales.body["totals"]["net"] == original.accounting_net + credit.accounting_net
