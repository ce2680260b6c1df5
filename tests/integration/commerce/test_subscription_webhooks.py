"""A subscription bought through the handlers: the card is saved, the first period starts, and a renewal
paid in the cabinet extends the license once, whatever the order and number of the webhooks."""

from __future__ import annotations

import pytest
from helpdesk.bootstrap import container
from helpdesk.commerce.ports import BillingAccount
from helpdesk.kernel.calendar import MONTH, add_months
from helpdesk.licensing.model.lifecycle import execution_name
from helpdesk.tickets.model.customer import customer_id_for

from .billing_support import FAILS_LATER, VISA, Payment, buy, deliver, executions
from .conftest import cabinet, sent_mail

pytestmark = pytest.mark.integration
ALICE = customer_id_for("alice@acme.example")


@pytest.mark.parametrize(
    "order",
    [
        ("completed", "card", "completed", "card"),
        ("card", "completed", "card", "completed"),
        ("card", "card", "completed", "completed"),
    ],
)
def test_card_and_order_arrive_in_any_order_and_twice_and_count_once(shop, order) -> None:  # type: ignore[no-untyped-def]
    payment = buy()
    assert payment.customer.startswith("cus_local_")  # the session saves the card on a Stripe customer
    webhooks = {"completed": payment.completed(), "card": payment.card_saved(VISA)}
    outcomes = [deliver(webhooks[kind]) for kind in order]
    assert sorted(outcomes) == ["duplicate", "duplicate", "fulfilled", "payment_method_saved"]

    assert container().billing_accounts.get(ALICE) == BillingAccount(ALICE, payment.customer, VISA)
    [license] = container().license_repository.list_for_order(payment.checkout_id)
    assert (license.plan, license.currency) == ("monthly", "USD")
    assert license.expires is not None and license.expires == add_months(license.issued, 1)
    assert [o.id for o in container().checkout_store.orders_for_organisation("org-acme")] == [
        payment.checkout_id
    ]
    assert len(sent_mail("alice@acme.example")) == 1
    assert executions() == [execution_name(license.id, license.expires)]  # the first period, once


def test_a_returning_buyer_pays_as_the_same_stripe_customer_and_a_new_card_wins(shop) -> None:  # type: ignore[no-untyped-def]
    first = buy()
    deliver(first.completed()), deliver(first.card_saved(VISA))
    second = buy()
    assert second.customer == first.customer
    deliver(second.card_saved(FAILS_LATER)), deliver(second.completed())
    assert container().billing_accounts.get(ALICE) == BillingAccount(ALICE, first.customer, FAILS_LATER)


def test_a_lifetime_purchase_saves_no_card(shop) -> None:  # type: ignore[no-untyped-def]
    cart = {
        "items": [{"product": "backup", "edition": "basic", "domains": ["a.acme.example"]}],
        "currency": "EUR",
    }
    payment = buy(cart=cart)
    assert payment.customer == ""
    assert deliver(payment.completed()) == "fulfilled"
    assert container().billing_accounts.get(ALICE) is None and executions() == []


def renew(license_id: str, token: str = "alice") -> Payment:
    answer = cabinet("POST", "/licenses/{license_id}/renew", license_id=license_id, token=token)
    assert answer.status == 200, answer.body
    return Payment(answer.body["url"])


def test_renewal_from_the_cabinet_extends_once_however_the_webhooks_arrive(shop) -> None:  # type: ignore[no-untyped-def]
    bought = buy()
    deliver(bought.completed())
    [license] = container().license_repository.list_for_order(bought.checkout_id)
    assert license.expires is not None
    new_end = MONTH.next_end(license.expires, license.issued)  # a calendar month on

    payment = renew(license.id)
    again = renew(license.id)  # a second click: the same checkout for the same period
    assert payment.checkout_id == again.checkout_id == f"rn_{license.id}_{new_end:%Y%m%d}"
    assert payment.customer == bought.customer  # the card is saved on the same Stripe customer
    checkout = container().checkout_store.get_checkout(payment.checkout_id)
    offer = container().catalogue.offer("seo-pro", "pro", "USD", "monthly")
    assert checkout.total == offer.price and offer.price.currency == "USD"  # catalogue price, as ordered

    late, completed, card = again.completed(), payment.completed(), payment.card_saved(VISA)
    outcomes = [deliver(w) for w in (card, completed, late, completed, card, late)]
    assert outcomes.count("fulfilled") == 2 and outcomes.count("duplicate") == 3  # two sessions, one order

    renewed = container().license_repository.get(license.id)
    assert renewed.expires == new_end and renewed.serial == license.serial
    assert sum(h.action == "renew" for h in renewed.history) == 1
    assert execution_name(license.id, new_end) in executions()
    orders = cabinet("GET", "/orders", token="alice").body["items"]
    assert [o["id"] for o in orders].count(payment.checkout_id) == 1
    invoices = cabinet("GET", "/invoices", token="alice").body["items"]
    renewal_invoices = [i for i in invoices if i["order_id"] == payment.checkout_id]
    assert [(i["kind"], i["total"]) for i in renewal_invoices] == [("invoice", offer.price.amount)]
    [label] = [o["label"] for o in orders if o["id"] == payment.checkout_id]
    subject = f"Your order {label}"  # "Your order ORD-2026-001042": the number people read
    receipts = [m for m in sent_mail("alice@acme.example") if m.subject == subject]
    assert len(receipts) == 1 and f"Renewed until {new_end:%Y-%m-%d}" in receipts[0].body
    licenses = cabinet("GET", "/licenses", token="alice").body["items"]
    assert [lic["expires"][:10] for lic in licenses if lic["id"] == license.id] == [f"{new_end:%Y-%m-%d}"]

    after = MONTH.next_end(new_end, license.issued)
    assert renew(license.id).checkout_id == f"rn_{license.id}_{after:%Y%m%d}"


def test_only_the_organisation_may_renew_and_a_lifetime_license_does_not(shop) -> None:  # type: ignore[no-untyped-def]
    bought = buy()
    deliver(bought.completed())
    [license] = container().license_repository.list_for_order(bought.checkout_id)
    path = {"license_id": license.id}
    assert cabinet("POST", "/licenses/{license_id}/renew", **path, token="bob").status == 404
    assert cabinet("POST", "/licenses/{license_id}/renew", **path, token="anna").status == 403
    assert cabinet("POST", "/licenses/{license_id}/renew", **path).status == 401
    missing = cabinet("POST", "/licenses/{license_id}/renew", license_id="nope", token="alice")
    assert missing.status == 404

    cart = {
        "items": [{"product": "backup", "edition": "basic", "domains": ["a.acme.example"]}],
        "currency": "EUR",
    }
    lifetime = buy(cart=cart)
    deliver(lifetime.completed())
    [forever] = container().license_repository.list_for_order(lifetime.checkout_id)
    answer = cabinet("POST", "/licenses/{license_id}/renew", license_id=forever.id, token="alice")
    assert answer.status == 422


def test_a_renewal_paid_after_the_license_was_revoked_is_recorded_and_extends_nothing(shop) -> None:  # type: ignore[no-untyped-def]
    bought = buy()
    deliver(bought.completed())
    [license] = container().license_repository.list_for_order(bought.checkout_id)
    payment = renew(license.id)
    container().license_admin.revoke(license.id, "chargeback")

    assert deliver(payment.completed()) == "fulfilled"  # Stripe must not retry: the money is on record
    assert container().license_repository.get(license.id).expires == license.expires
    assert container().checkout_store.get_order(payment.checkout_id) is not None
    assert renew_status(license.id) == 422  # and no further renewal is offered


def renew_status(license_id: str) -> int:
    return cabinet("POST", "/licenses/{license_id}/renew", license_id=license_id, token="alice").status
