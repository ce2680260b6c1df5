"""Off-session charges through the real `stripe` library, answered by a scripted HTTP client."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

import pytest
import stripe
from helpdesk.commerce.adapters.stripe_subscription_payments import StripeSubscriptionPayments
from helpdesk.licensing.model.license import Money
from helpdesk.licensing.ports import ChargeOutcome

from tests.fakes.commerce.memory_billing_accounts import InMemoryBillingAccounts

pytestmark = pytest.mark.unit
CUSTOMER = {"id": "cus_S1", "object": "customer", "invoice_settings": {"default_payment_method": "pm_1"}}


class ScriptedHttpClient(stripe.HTTPClient):
    name = "scripted"

    def __init__(self, *answers: tuple[int, dict[str, Any]]) -> None:
        super().__init__()
        self.answers, self.calls = list(answers), []  # type: ignore[var-annotated]

    def request(self, method: str, url: str, headers: Any, post_data: Any = None, **_: Any) -> Any:
        self.calls.append({"url": url, "headers": dict(headers), "form": parse_qs(post_data or "")})
        status, body = self.answers.pop(0)
        return json.dumps(body), status, {}

    def close(self) -> None:
        pass


def charge(
    monkeypatch: pytest.MonkeyPatch,
    http: ScriptedHttpClient,
    stripe_customer: str | None,
    saved_method: str = "",
) -> ChargeOutcome:
    monkeypatch.setattr(stripe, "default_http_client", http)
    accounts = InMemoryBillingAccounts()
    if stripe_customer:
        accounts.remember("cus-1", stripe_customer, saved_method)
    payments = StripeSubscriptionPayments("sk_test_unit", accounts)
    return payments.charge("cus-1", Money(4900, "EUR"), "license-charge:lic-1:20270101:2", "seo-pro renewal")


def test_a_succeeded_intent_is_paid_and_sent_off_session_with_our_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    http = ScriptedHttpClient(
        (200, CUSTOMER), (200, {"id": "pi_1", "object": "payment_intent", "status": "succeeded"})
    )
    assert charge(monkeypatch, http, "cus_S1") == ChargeOutcome(True, reference="pi_1")
    intent = http.calls[1]
    form = {k: v[0] for k, v in intent["form"].items()}
    assert intent["url"].endswith("/v1/payment_intents")
    assert intent["headers"]["Idempotency-Key"] == "license-charge:lic-1:20270101:2"
    assert (form["amount"], form["currency"], form["payment_method"]) == ("4900", "eur", "pm_1")
    assert (form["off_session"], form["confirm"]) == ("true", "true")


def test_a_declined_card_is_a_decline_with_stripes_code(monkeypatch: pytest.MonkeyPatch) -> None:
    declined = {
        "error": {"type": "card_error", "code": "card_declined", "message": "Your card was declined."}
    }
    http = ScriptedHttpClient((200, CUSTOMER), (402, declined))
    assert charge(monkeypatch, http, "cus_S1") == ChargeOutcome(False, reason="card_declined")


def test_an_intent_needing_the_customer_is_not_paid(monkeypatch: pytest.MonkeyPatch) -> None:
    http = ScriptedHttpClient(
        (200, CUSTOMER), (200, {"id": "pi_2", "object": "payment_intent", "status": "requires_action"})
    )
    assert charge(monkeypatch, http, "cus_S1") == ChargeOutcome(False, reason="requires_action")


def test_without_a_stripe_customer_or_saved_method_nothing_is_charged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert charge(monkeypatch, ScriptedHttpClient(), None) == ChargeOutcome(
        False, reason="no_stripe_customer"
    )
    bare = {**CUSTOMER, "invoice_settings": {"default_payment_method": None}}
    http = ScriptedHttpClient((200, bare), (200, {"object": "list", "data": [], "has_more": False}))
    assert charge(monkeypatch, http, "cus_S1") == ChargeOutcome(False, reason="no_payment_method")
    assert len(http.calls) == 2


def test_the_card_a_webhook_saved_is_charged_without_asking_stripe_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    http = ScriptedHttpClient((200, {"id": "pi_3", "object": "payment_intent", "status": "succeeded"}))
    assert charge(monkeypatch, http, "cus_S1", "pm_saved") == ChargeOutcome(True, reference="pi_3")
    [intent] = http.calls
    assert intent["form"]["payment_method"] == ["pm_saved"] and intent["form"]["customer"] == ["cus_S1"]


def test_without_a_default_the_card_checkout_attached_is_charged(monkeypatch: pytest.MonkeyPatch) -> None:
    bare = {**CUSTOMER, "invoice_settings": {"default_payment_method": None}}
    cards = {"object": "list", "data": [{"id": "pm_att", "object": "payment_method"}], "has_more": False}
    http = ScriptedHttpClient(
        (200, bare), (200, cards), (200, {"id": "pi_4", "object": "payment_intent", "status": "succeeded"})
    )
    assert charge(monkeypatch, http, "cus_S1") == ChargeOutcome(True, reference="pi_4")
    assert "customer=cus_S1" in http.calls[1]["url"] and "type=card" in http.calls[1]["url"]
    assert http.calls[2]["form"]["payment_method"] == ["pm_att"]


def test_off_the_local_stack_a_missing_key_fails_the_charge_loudly_not_the_container() -> None:
    from helpdesk.bootstrap import Container
    from helpdesk.settings import Settings

    payments = Container(Settings(stage="prod", stripe_api_key_secret="")).subscription_payments
    with pytest.raises(RuntimeError, match="STRIPE_API_KEY_SECRET"):
        payments.charge("cus-1", Money(1, "EUR"), "k", "d")
    local = Container(Settings(stage="local", stripe_api_key_secret="")).subscription_payments
    assert type(local).__name__ == "LocalSubscriptionPayments"
