"""Issue 22: a subscriber replaces the card their renewals are charged to from the cabinet (Checkout in setup
mode on the local payment page); the next renewal charge uses the new card, nothing is charged meanwhile."""

from __future__ import annotations

import pytest
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import card_set_up_event, session_completed_event, signed_webhook
from helpdesk.licensing.public import Money
from helpdesk.tickets.model.customer import customer_id_for

from .billing_support import FAILS_LATER, VISA, Payment, buy, deliver
from .conftest import cabinet

pytestmark = pytest.mark.integration
ALICE = customer_id_for("alice@acme.example")


def renewal_charge(customer_id: str, key: str) -> bool:
    """What the lifecycle's charge task does at a period's end: charge the saved card off-session."""
    return container().subscription_payments.charge(customer_id, Money(900, "USD"), key, "renewal").paid


def card_setup(payment: Payment, method: str) -> list[tuple[bytes, str]]:
    """The two events the local page (and Stripe) send when a setup session saved `method`."""
    checkout = container().checkout_store.get_checkout(payment.checkout_id)
    secret = container().settings.local_stripe_webhook_secret
    completed = session_completed_event(checkout, payment.session_id, f"seti_{payment.session_id}",
                                        f"evt_{payment.session_id}", customer=payment.customer)  # fmt: skip
    saved = card_set_up_event(checkout, f"seti_{payment.session_id}", payment.customer, method,
                              f"evt_seti_{payment.session_id}")  # fmt: skip
    return [signed_webhook(completed, secret), signed_webhook(saved, secret)]


def test_a_new_card_replaces_the_old_one_for_the_next_renewal(shop) -> None:  # type: ignore[no-untyped-def]
    bought = buy()
    deliver(bought.completed()), deliver(bought.card_saved(FAILS_LATER))
    assert not renewal_charge(ALICE, "period-2")  # the old card declines renewals
    assert cabinet("GET", "/subscriptions/card", token="alice").body == {"card": "Visa ending 0341"}

    started = cabinet("POST", "/subscriptions/card", token="alice")
    assert started.status == 200, started.body
    setup = Payment(started.body["url"])
    assert setup.customer == bought.customer  # the same Stripe customer: only its card changes
    checkout = container().checkout_store.get_checkout(setup.checkout_id)
    assert checkout.card_setup and checkout.total.amount == 0
    orders_before = container().checkout_store.orders_for_organisation("org-acme")

    completed, saved = card_setup(setup, VISA)
    assert deliver(completed) == "ignored"  # a setup session sells nothing
    assert deliver(saved) == "payment_method_saved" and deliver(saved) == "duplicate"
    assert container().billing_accounts.get(ALICE).payment_method == VISA  # type: ignore[union-attr]
    assert renewal_charge(ALICE, "period-2-again")
    assert cabinet("GET", "/subscriptions/card", token="alice").body == {"card": "Visa ending 4242"}
    assert container().checkout_store.orders_for_organisation("org-acme") == orders_before


def test_only_a_subscriber_replaces_a_card_and_only_their_own(shop) -> None:  # type: ignore[no-untyped-def]
    bought = buy()
    deliver(bought.completed()), deliver(bought.card_saved(VISA))

    # carol is alice's colleague: she holds the license but the card is alice's; her own account has none
    assert cabinet("POST", "/subscriptions/card", token="carol").status == 422
    assert cabinet("POST", "/subscriptions/card", token="bob").status == 422
    assert cabinet("GET", "/subscriptions/card", token="carol").body == {"card": None}
    assert cabinet("POST", "/subscriptions/card", token="anna").status == 403
    assert cabinet("POST", "/subscriptions/card").status == 401

    # bob's setup page, replayed with alice's Stripe customer, still saves only on bob's own account
    bob_first = buy("bob")
    deliver(bob_first.completed()), deliver(bob_first.card_saved(VISA))
    bobs = Payment(cabinet("POST", "/subscriptions/card", token="bob").body["url"])
    bobs.customer = bought.customer
    assert [deliver(webhook) for webhook in card_setup(bobs, FAILS_LATER)] == ["ignored", "customer_mismatch"]
    assert container().billing_accounts.get(ALICE).payment_method == VISA  # type: ignore[union-attr]
    bob = container().billing_accounts.get(customer_id_for("bob@globex.example"))
    assert bob is not None and (bob.provider_customer, bob.payment_method) == (bob_first.customer, VISA)
