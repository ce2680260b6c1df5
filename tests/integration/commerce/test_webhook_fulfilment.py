"""Checkout through the public API, then Stripe-signed webhooks, duplicated, reordered, forged and stale."""

from __future__ import annotations

import time

import pytest
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import session_completed_event, signed_webhook
from helpdesk.tickets.model.customer import customer_id_for
from helpdesk.tickets.ports import TicketQuery

from .conftest import checkout_of, public, sent_mail

pytestmark = pytest.mark.integration
CART = {
    "items": [
        {"product": "seo-pro", "edition": "pro", "plan": "yearly", "domains": ["shop.acme.example"]},
        {"product": "backup", "edition": "basic", "domains": ["www.acme.example"]},
    ],
    "currency": "USD",
}


def start(token: str | None = "alice") -> tuple[str, str]:
    answer = public("POST", "/checkout", CART, token=token)
    assert answer.status == 200, answer.body
    assert answer.body["checkout_url"].startswith("http://pay.localhost/cs_local_")
    return checkout_of(answer.body["checkout_url"])


def delivery(
    session_id: str,
    checkout_id: str,
    event_id: str,
    kind: str = "checkout.session.completed",
    signed_at: int | None = None,
    secret: str | None = None,
) -> tuple[bytes, str]:
    checkout = container().checkout_store.get_checkout(checkout_id)
    event = session_completed_event(checkout, session_id, f"pi_{session_id}", event_id=event_id)
    event["type"] = kind
    return signed_webhook(event, secret or container().settings.local_stripe_webhook_secret, signed_at)


def post(body: bytes, signature: str | None) -> tuple[int, dict]:
    headers = {"Stripe-Signature": signature} if signature is not None else {}
    answer = public("POST", "/webhooks/stripe", body.decode(), headers=headers)
    return answer.status, answer.body


def test_checkout_prices_from_the_catalogue_in_the_chosen_currency(shop) -> None:  # type: ignore[no-untyped-def]
    _, checkout_id = start()
    checkout = container().checkout_store.get_checkout(checkout_id)
    assert [(line.offer.edition, line.offer.price.currency) for line in checkout.lines] == [
        ("pro", "USD"),
        ("basic", "USD"),
    ]
    assert checkout.total.amount == 4300 + 3200 and checkout.organisation_id == "org-acme"
    assert checkout.lines[0].offer.term is not None and checkout.lines[1].offer.term is None


def test_unknown_edition_plan_or_currency_is_refused(shop) -> None:  # type: ignore[no-untyped-def]
    for item in ({"edition": "gold"}, {"plan": "monthly", "edition": "standard"}):
        cart = {"items": [{"product": "seo-pro", "edition": "pro", "domains": ["a.example"], **item}]}
        assert public("POST", "/checkout", cart, token="alice").status == 422
    cart = {"items": [{"product": "seo-pro", "edition": "pro", "domains": ["a.example"]}], "currency": "JPY"}
    assert public("POST", "/checkout", cart, token="alice").status == 422
    assert public("POST", "/checkout", {"items": CART["items"]}).status == 422  # a guest without an address


def test_duplicated_and_reordered_webhooks_give_exactly_one_of_everything(shop) -> None:  # type: ignore[no-untyped-def]
    session_id, checkout_id = start()
    late = delivery(session_id, checkout_id, "evt_async", "checkout.session.async_payment_succeeded")
    first = delivery(session_id, checkout_id, "evt_completed")
    outcomes = [post(*late), post(*first), post(*first), post(*late)]
    assert [status for status, _ in outcomes] == [200, 200, 200, 200]
    assert [body["outcome"] for _, body in outcomes] == ["fulfilled", "fulfilled", "duplicate", "duplicate"]

    orders = container().checkout_store.orders_for_organisation("org-acme")
    assert [o.id for o in orders] == [checkout_id]
    licenses = container().license_queries.for_order(checkout_id)
    assert sorted(lic.product for lic in licenses) == ["backup", "seo-pro"]
    receipts = sent_mail("alice@acme.example")
    assert len(receipts) == 1 and all(lic.key in receipts[0].body for lic in licenses)
    number = orders[0].number  # the duplicated deliveries took no number of their own
    assert number > 1000 and f"({orders[0].label})" in receipts[0].body and orders[0].label.startswith("ORD-")
    assert checkout_id not in receipts[0].body
    stores = container().ticket_stores
    tickets = stores.tickets.list(TicketQuery(customer_id=customer_id_for("alice@acme.example")), 10).items
    assert len(tickets) == 1
    ticket = tickets[0]
    assert ticket.assignee == "anna@helpdesk.localhost" and ticket.organisation_id == "org-acme"
    assert ticket.subject.startswith("New order ") and checkout_id not in ticket.subject  # a number, no id
    assert [m.kind for m in stores.messages.for_ticket(ticket.id)] == ["order"]
    assert stores.customers.by_email("alice@acme.example") is not None


def test_forged_missing_stale_and_future_signatures_are_refused(shop) -> None:  # type: ignore[no-untyped-def]
    session_id, checkout_id = start()
    body, good = delivery(session_id, checkout_id, "evt_1")
    _, forged = delivery(session_id, checkout_id, "evt_1", secret="whsec_someone_else")
    stale = delivery(session_id, checkout_id, "evt_1", signed_at=int(time.time()) - 301 - 5)
    future = delivery(session_id, checkout_id, "evt_1", signed_at=int(time.time()) + 301 + 5)
    assert post(body, forged)[0] == 401
    assert post(body, None)[0] == 401
    assert post(body + b" ", good)[0] == 401  # the signature covers the raw bytes
    assert post(*stale)[0] == 401
    assert post(*future)[0] == 401
    assert container().checkout_store.orders_for_organisation("org-acme") == []
    assert post(body, good) == (200, {"outcome": "fulfilled"})
