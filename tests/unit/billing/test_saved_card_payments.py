"""Saving the card: the Checkout Session Stripe is asked for, the webhooks that name the card, and the
local stand-ins that behave like Stripe's test cards."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import stripe
from helpdesk.commerce.adapters.local_subscription_payments import LocalSubscriptionPayments
from helpdesk.commerce.adapters.stripe_local import (
    LOCAL_CARDS,
    LocalPayments,
    card_saved_event,
    session_completed_event,
)
from helpdesk.commerce.adapters.stripe_payments import StripePayments, StripeWebhooks, to_payment_event
from helpdesk.commerce.model.orders import Checkout, Offer, OrderLine, PaymentEvent, PaymentEventKind
from helpdesk.kernel.calendar import YEAR
from helpdesk.licensing.model.license import Money
from helpdesk.licensing.ports import ChargeOutcome

from tests.fakes.commerce.memory_billing_accounts import InMemoryBillingAccounts

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 25, tzinfo=UTC)
YEARLY = Offer("seo-pro", "pro", "SEO Pro", Money(3900, "EUR"), "anna", 5, YEAR, plan="yearly")
LIFETIME = Offer("seo-pro", "pro", "SEO Pro", Money(9900, "EUR"), "anna")
SUBSCRIPTION = Checkout("co_1", "ann@example.com", "Ann", (OrderLine(YEARLY, ("a.example",)),), NOW)
ONE_OFF = Checkout("co_2", "ann@example.com", "Ann", (OrderLine(LIFETIME, ("a.example",)),), NOW)


class RecordingHttpClient(stripe.HTTPClient):
    name = "recording"

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []

    def request(self, method: str, url: str, headers: Any, post_data: Any = None, **_: Any) -> Any:
        self.forms.append({k: v[0] for k, v in parse_qs(post_data or "").items()})
        return json.dumps({"id": "cs_1", "object": "checkout.session", "url": "https://stripe/cs_1"}), 200, {}

    def close(self) -> None:
        pass


def session_form(monkeypatch: pytest.MonkeyPatch, checkout: Checkout, customer: str | None) -> dict[str, str]:
    http = RecordingHttpClient()
    monkeypatch.setattr(stripe, "default_http_client", http)
    StripePayments("sk_test", StripeWebhooks("whsec")).create_session(
        checkout, "http://ok", "http://no", customer
    )
    [form] = http.forms
    return form


def test_a_subscription_checkout_saves_the_card_on_a_new_stripe_customer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = session_form(monkeypatch, SUBSCRIPTION, None)
    assert form["mode"] == "payment" and form["customer_creation"] == "always"
    assert form["payment_intent_data[setup_future_usage]"] == "off_session"
    assert form["payment_intent_data[metadata][checkout_id]"] == "co_1"
    assert form["customer_email"] == "ann@example.com" and "customer" not in form


def test_a_returning_buyer_pays_as_their_stripe_customer(monkeypatch: pytest.MonkeyPatch) -> None:
    form = session_form(monkeypatch, SUBSCRIPTION, "cus_S1")
    assert form["customer"] == "cus_S1" and form["payment_intent_data[setup_future_usage]"] == "off_session"
    assert "customer_email" not in form and "customer_creation" not in form  # Stripe refuses them together


def test_a_one_off_checkout_saves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    form = session_form(monkeypatch, ONE_OFF, "cus_S1")
    assert form["customer_email"] == "ann@example.com"
    assert {"customer", "customer_creation"}.isdisjoint(form)
    assert not [k for k in form if k.startswith("payment_intent_data")]


def test_the_session_event_names_the_stripe_customer_and_the_intent_event_the_card() -> None:
    paid = to_payment_event(session_completed_event(SUBSCRIPTION, "cs_1", "pi_1", "evt_1", customer="cus_S1"))
    assert paid is not None and (paid.kind, paid.provider_customer, paid.payment_method) == (
        PaymentEventKind.SESSION_PAID,
        "cus_S1",
        "",
    )
    saved = to_payment_event(card_saved_event(SUBSCRIPTION, "pi_1", "cus_S1", "pm_card_visa", "evt_2"))
    assert saved == PaymentEvent(
        "evt_2",
        PaymentEventKind.PAYMENT_METHOD_SAVED,
        "pi_1",
        checkout_id="co_1",
        provider_customer="cus_S1",
        payment_method="pm_card_visa",
    )


def test_an_expanded_intent_in_the_session_names_the_card_too() -> None:
    event = session_completed_event(SUBSCRIPTION, "cs_1", "pi_1", "evt_1", customer="cus_S1")
    event["data"]["object"]["payment_intent"] = {"id": "pi_1", "payment_method": {"id": "pm_9"}}
    paid = to_payment_event(event)
    assert paid is not None and (paid.payment_ref, paid.payment_method) == ("pi_1", "pm_9")


def test_intents_that_saved_nothing_or_are_not_ours_are_ignored() -> None:
    event = card_saved_event(SUBSCRIPTION, "pi_1", "cus_S1", "pm_card_visa", "evt_2")
    not_saved = json.loads(json.dumps(event))
    not_saved["data"]["object"]["setup_future_usage"] = None
    not_ours = json.loads(json.dumps(event))
    not_ours["data"]["object"]["metadata"] = {}
    assert to_payment_event(not_saved) is None and to_payment_event(not_ours) is None


def test_the_local_session_asks_for_a_card_only_when_it_saves_one() -> None:
    payments = LocalPayments("http://pay.localhost", StripeWebhooks("whsec"))
    saving = parse_qs(urlsplit(payments.create_session(SUBSCRIPTION, "http://s", "http://c").url).query)
    assert saving["customer"][0].startswith("cus_local_")
    known = parse_qs(
        urlsplit(payments.create_session(SUBSCRIPTION, "http://s", "http://c", "cus_S1").url).query
    )
    assert known["customer"] == ["cus_S1"]
    assert "customer" not in parse_qs(
        urlsplit(payments.create_session(ONE_OFF, "http://s", "http://c").url).query
    )


def test_the_local_charge_behaves_like_stripes_test_cards() -> None:
    accounts = InMemoryBillingAccounts()
    payments = LocalSubscriptionPayments(accounts)
    price = Money(3900, "EUR")
    assert payments.charge("c-0", price, "k", "d") == ChargeOutcome(False, reason="no_stripe_customer")
    accounts.remember("c-1", "cus_1")
    assert payments.charge("c-1", price, "k", "d") == ChargeOutcome(False, reason="no_payment_method")
    good, failing = LOCAL_CARDS["4242424242424242"][0], LOCAL_CARDS["4000000000000341"][0]
    accounts.remember("c-1", "cus_1", str(good))
    accounts.remember("c-2", "cus_2", str(failing))
    paid = payments.charge("c-1", price, "license-charge:l:20270101:1", "d")
    assert paid.paid and paid.reference.startswith("pi_local_")
    assert payments.charge("c-1", price, "license-charge:l:20270101:1", "d") == paid  # same key, same intent
    assert payments.charge("c-1", price, "license-charge:l:20270101:2", "d").reference != paid.reference
    assert payments.charge("c-2", price, "k", "d") == ChargeOutcome(False, reason="card_declined")
    assert LOCAL_CARDS["4000000000000002"][0] is None  # declined at once: the page sends no webhook
