"""Services billing through the staff and cabinet handlers under moto: the quote's exact contract, the
client's yes in the cabinet, time on a task, drafts from time, the accountant's approval, the PDF by mail
and download, and access (foreign and unknown ids answer the same)."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
import requests
from helpdesk.identity.model import Principal, Role

from tests.integration.commerce.conftest import TOKENS, cabinet, call, sent_mail, shop  # noqa: F401
from tests.support.lambdas import invoke

pytestmark = pytest.mark.integration
TOKENS["ivan"] = Principal("sub-ivan", "ivan@helpdesk.localhost", frozenset({Role.ACCOUNTANT}), name="Ivan")
TOKENS["dev"] = Principal("sub-dev", "dev@helpdesk.localhost", frozenset({Role.DEVELOPER}))
PERIOD = f"{datetime.now(UTC):%Y-%m}"
ACME_ACCOUNT = {"email": "ap@acme.example", "name": "Алиса Смирнова", "company": "Acme Ltd",
                "address": ["1 Fleet Street", "London"], "country": "GB",
                "vat_id": "GB123456789"}  # fmt: skip


def staff(method: str, resource: str, body: object = None, token: str = "anna", **kwargs: object):  # type: ignore[no-untyped-def]
    return call("StaffApiFunction", method, resource, body, token=token, **kwargs)


def test_quote_accept_time_draft_approve_pdf(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    lines = [
        {"description": "Development", "hours": "10", "rate": 8000},
        {"description": "Setup", "amount": 15000},
    ]
    answer = staff("POST", "/quotes", {"organisation": "org-acme", "currency": "EUR", "lines": lines})
    assert answer.status == 201 and set(answer.body) == {"id"}
    quote_id = answer.body["id"]
    assert staff("POST", "/quotes", {"organisation": "org-acme", "currency": "EUR", "lines": [
        {"description": "x", "hours": "1"}]}).status == 422  # fmt: skip
    assert staff("POST", "/quotes", {"organisation": "org-acme", "currency": "EUR", "lines": lines},
                 token="dev").status == 403  # fmt: skip
    assert staff("POST", "/quotes/{quote_id}/send", quote_id=quote_id).status == 409  # no billing account yet
    account = staff(
        "PUT", "/clients/{organisation_id}/billing-account", ACME_ACCOUNT, organisation_id="org-acme"
    )
    assert account.status == 200
    sent = staff("POST", "/quotes/{quote_id}/send", quote_id=quote_id)
    assert sent.status == 200 and sent.body["total"] == 95000 and sent.body["status"] == "sent"
    (mail,) = sent_mail("ap@acme.example")
    parts = [p for p in message_from_bytes(mail.raw, policy=default).iter_attachments()]
    assert [p.get_content_type() for p in parts] == ["application/pdf"] and parts[0].get_content()[
        :5
    ] == b"%PDF-"

    assert cabinet("POST", "/quotes/{quote_id}/accept", token="bob", quote_id=quote_id).status == 404
    assert cabinet("POST", "/quotes/{quote_id}/accept", token="bob", quote_id="qt_nope").status == 404
    accepted = cabinet("POST", "/quotes/{quote_id}/accept", token="alice", quote_id=quote_id)
    assert accepted.status == 200 and accepted.body["order_id"].startswith("so_")
    listed = cabinet("GET", "/quotes", token="alice").body["items"]
    assert [(q["id"], q["status"]) for q in listed] == [(quote_id, "accepted")]
    assert cabinet("GET", "/quotes", token="bob").body["items"] == []
    pdf = cabinet("GET", "/quotes/{quote_id}/download", token="alice", quote_id=quote_id)
    assert requests.get(pdf.body["url"], timeout=10).content[:5] == b"%PDF-"

    project = staff("POST", "/projects", {"key": "ACME", "name": "Acme shop", "organisation": "org-acme"})
    assert project.status == 201, project.body
    task = staff("POST", "/tasks", {"project": "ACME", "title": "Checkout page"}, token="dev").body
    for minutes, billable in ((90, True), (45, True), (30, False)):
        logged = staff("POST", "/tasks/{task_id}/time", {"minutes": minutes, "billable": billable},
                       token="dev", task_id=task["id"])  # fmt: skip
        assert logged.status in (200, 201), logged.body

    sheet = staff("GET", "/billing/time", token="ivan", query={"organisation": "org-acme", "period": PERIOD})
    assert sorted((e["minutes"], e["state"]) for e in sheet.body["items"]) == [
        (45, "pending"),
        (90, "pending"),
    ]
    approved = staff(
        "POST", "/billing/time/approve", {"organisation": "org-acme", "period": PERIOD}, token="ivan"
    )
    assert approved.body == {"approved": 2}
    scheduled = invoke("BillingRunFunction", {"period": PERIOD})
    drafts = staff("POST", "/invoices/drafts", token="anna", query={"period": PERIOD})
    assert drafts.status == 200, drafts.body
    (draft,) = drafts.body["items"]
    assert scheduled["drafts"] == [draft["id"]]  # the schedule and the button propose the same draft
    assert (draft["currency"], draft["hourly_rate"], draft["net"], draft["entries"]) == (
        "EUR",
        8000,
        18000,
        2,
    )
    assert (
        staff("POST", "/invoices/drafts/{draft_id}/approve", token="anna", draft_id=draft["id"]).status == 403
    )
    invoice = staff("POST", "/invoices/drafts/{draft_id}/approve", token="ivan", draft_id=draft["id"])
    assert invoice.status == 200, invoice.body
    assert invoice.body["total"] == 18000 and invoice.body["buyer"]["company"] == "Acme Ltd"
    listed = staff("GET", "/invoices", token="ivan", query={"period": PERIOD}).body["items"]
    assert [i["id"] for i in listed] == [invoice.body["id"]]

    billed = [m for m in sent_mail("ap@acme.example") if "Invoice" in m.subject]
    assert len(billed) == 1 and invoice.body["number"] in billed[0].subject
    for token, function in (("ivan", "StaffApiFunction"), ("alice", "CabinetApiFunction")):
        link = call(function, "GET", "/invoices/{invoice_id}/download", token=token,
                    invoice_id=invoice.body["id"], query={"format": "pdf"})  # fmt: skip
        got = requests.get(link.body["url"], timeout=10)
        assert got.headers["Content-Type"] == "application/pdf" and got.content[:5] == b"%PDF-"
    foreign = cabinet("GET", "/invoices/{invoice_id}/download", token="bob", invoice_id=invoice.body["id"],
                      query={"format": "pdf"})  # fmt: skip
    unknown = cabinet("GET", "/invoices/{invoice_id}/download", token="bob", invoice_id="inv_nope",
                      query={"format": "pdf"})  # fmt: skip
    assert (foreign.status, foreign.body) == (unknown.status, unknown.body) and foreign.status == 404
    sheet = staff("GET", "/billing/time", token="ivan", query={"organisation": "org-acme", "period": PERIOD})
    assert {e["state"] for e in sheet.body["items"]} == {"invoiced"}

    aged = staff("GET", "/receivables", token="anna").body
    assert [(i["number"], i["outstanding"], i["bucket"]) for i in aged["items"]] == [
        (invoice.body["number"], 18000, "0-30")]  # fmt: skip
    pay = {
        "key": "click-1",
        "amount": 8000,
        "received_on": f"{datetime.now(UTC).date()}",
        "reference": "SEPA",
    }
    path = "/invoices/{invoice_id}/payments"
    assert staff("POST", path, pay, token="anna", invoice_id=invoice.body["id"]).status == 403
    for _ in range(2):  # a retried click counts once
        part = staff("POST", path, pay, token="ivan", invoice_id=invoice.body["id"])
        assert (part.status, part.body["status"], part.body["outstanding"]) == (200, "partial", 10000)
    rest = staff(
        "POST", path, {**pay, "key": "click-2", "amount": 10000}, token="ivan", invoice_id=invoice.body["id"]
    )
    assert rest.body["status"] == "paid"
    assert staff("GET", "/receivables", token="anna").body["items"] == []


@pytest.fixture
def rate_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    fixtures = Path(__file__).parents[3] / "infra/local/helpdesk_local/rate_fixtures"
    monkeypatch.setenv("RATES_FIXTURES_DIR", str(fixtures))


def test_the_rates_function_fills_both_histories_and_conversions_name_their_source(
    rate_fixtures,  # type: ignore[no-untyped-def]
    shop,  # noqa: F811
) -> None:
    reports = invoke("RatesFetchFunction", {})
    assert [(r["publisher"], r["stale"], r["error"]) for r in reports] == [
        ("ECB", False, ""),
        ("CBR", False, ""),
    ]
    from helpdesk.bootstrap import container

    rates = container().invoices.rates
    today = datetime.now(UTC).date()
    assert rates.rate("EUR", "RUB", today).publisher == "CBR"
    assert rates.rate("EUR", "SEK", today).named.startswith("11.49 SEK per EUR (")


def test_a_quote_paid_by_card_through_the_shops_checkout_becomes_a_paid_order_with_its_invoice(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from helpdesk.bootstrap import container
    from helpdesk.commerce.adapters.stripe_local import session_completed_event, signed_webhook

    lines = [{"description": "Development", "hours": "2.5", "rate": 10000}]
    quote_id = staff("POST", "/quotes", {"organisation": "org-acme", "currency": "EUR", "lines": lines}).body[
        "id"
    ]
    german = {**ACME_ACCOUNT, "country": "DE", "vat_id": ""}
    staff("PUT", "/clients/{organisation_id}/billing-account", german, organisation_id="org-acme")
    assert (
        cabinet("POST", "/quotes/{quote_id}/pay", token="alice", quote_id=quote_id).status == 404
    )  # a draft
    staff("POST", "/quotes/{quote_id}/send", quote_id=quote_id)
    assert cabinet("POST", "/quotes/{quote_id}/pay", token="bob", quote_id=quote_id).status == 404
    started = cabinet("POST", "/quotes/{quote_id}/pay", token="alice", quote_id=quote_id)
    assert started.status == 200, started.body
    checkout_id = "qp_" + quote_id.removeprefix("qt_")
    checkout = container().checkout_store.get_checkout(checkout_id)
    assert (checkout.total.amount, checkout.total.currency) == (25000 + 4750, "EUR")  # 19 % German VAT
    event = session_completed_event(checkout, "cs_q", "pi_q", event_id="evt_q")
    body, signature = signed_webhook(event, container().settings.local_stripe_webhook_secret)
    for _ in range(2):
        answer = call("PublicApiFunction", "POST", "/webhooks/stripe", body.decode(),
                      headers={"Stripe-Signature": signature})  # fmt: skip
        assert answer.status == 200 and answer.body["outcome"] in ("quote_paid", "duplicate")
    quote = cabinet("GET", "/quotes/{quote_id}", token="alice", quote_id=quote_id).body
    assert quote["status"] == "paid" and quote["order_id"]
    invoices = [
        i for i in cabinet("GET", "/invoices", token="alice").body["items"] if i["order_id"] == quote_id
    ]
    assert [(i["total"], i["status"]) for i in invoices] == [(29750, "paid")]
    assert [m.subject for m in sent_mail("ap@acme.example") if "(paid)" in m.subject] == [
        f"Invoice {invoices[0]['number']} (paid)"]  # fmt: skip
