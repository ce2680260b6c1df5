from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote

import pytest
import stripe
from helpdesk.commerce.adapters.stripe_local import (
    LocalPayments,
    refund_created_event,
    refund_event,
    refund_object,
    session_completed_event,
    signed_webhook,
)
from helpdesk.commerce.adapters.stripe_payments import StripePayments, StripeWebhooks, to_payment_event
from helpdesk.commerce.model.orders import (
    Checkout,
    Offer,
    OrderLine,
    PaymentEventKind,
    WebhookSignatureInvalid,
)
from helpdesk.kernel.errors import Unauthorized
from helpdesk.licensing.model.license import Money

pytestmark = pytest.mark.unit
SECRET = "whsec_unit"
OFFER = Offer("seo-pro", "pro", "SEO Pro", Money(12900, "EUR"), "mgr-anna")
CHECKOUT = Checkout(
    "co_1", "ann@example.com", "Ann", (OrderLine(OFFER, ("shop.example",)),), datetime.now(UTC)
)


class RecordingHttpClient(stripe.HTTPClient):
    name = "recording"

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[dict[str, Any]] = []

    def request(self, method: str, url: str, headers: Any, post_data: Any = None, **_: Any) -> Any:
        self.calls.append(
            {
                "method": method,
                "url": url,
                "headers": dict(headers),
                "form": parse_qs(post_data or ""),
                "raw": post_data or "",
            }
        )
        body = {
            "id": "cs_test_1",
            "object": "checkout.session",
            "url": "https://checkout.stripe.com/c/pay/cs_test_1",
        }
        return json.dumps(body), 200, {}

    def close(self) -> None:
        pass


def test_session_is_created_with_our_reference_prices_and_idempotency_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    http = RecordingHttpClient()
    monkeypatch.setattr(stripe, "default_http_client", http)
    session = StripePayments("sk_test_unit", StripeWebhooks(SECRET)).create_session(
        CHECKOUT, "http://ok", "http://no"
    )
    assert (session.id, session.url) == ("cs_test_1", "https://checkout.stripe.com/c/pay/cs_test_1")
    [call] = http.calls
    assert (
        call["url"].endswith("/v1/checkout/sessions")
        and call["headers"]["Idempotency-Key"] == "checkout:co_1"
    )
    form = {k: v[0] for k, v in call["form"].items()}
    assert form["client_reference_id"] == "co_1" and form["customer_email"] == "ann@example.com"
    assert form["line_items[0][price_data][unit_amount]"] == "12900"
    assert form["line_items[0][price_data][currency]"] == "eur"
    assert form["line_items[0][price_data][product_data][description]"] == "shop.example"


def test_a_line_without_domains_sends_stripe_no_empty_description(monkeypatch: pytest.MonkeyPatch) -> None:
    http = RecordingHttpClient()
    monkeypatch.setattr(stripe, "default_http_client", http)
    invoice = Offer("services", "invoice", "Invoice INV-2026-000001", Money(16065, "EUR"), "")
    checkout = Checkout("ip_1_16065", "pat@pay.example", "", (OrderLine(invoice, ()),), datetime.now(UTC))
    StripePayments("sk_test_unit", StripeWebhooks(SECRET)).create_session(checkout, "http://ok", "http://no")
    form = {k: v[0] for k, v in http.calls[0]["form"].items()}
    assert form["line_items[0][price_data][product_data][name]"] == "Invoice INV-2026-000001 (invoice)"
    assert "description" not in unquote(http.calls[0]["raw"])  # not even an empty one


def test_local_signature_header_is_the_one_stripe_makes() -> None:
    body, header = signed_webhook(session_completed_event(CHECKOUT, "cs_1", "pi_1"), SECRET, 1_700_000_000)
    assert header == stripe.WebhookSignature.generate_signature_header(body.decode(), SECRET, 1_700_000_000)


def test_future_bound_is_exact_with_a_given_clock() -> None:
    now = time.time()
    webhooks = StripeWebhooks(SECRET, tolerance=300, now=lambda: now)
    body, header = signed_webhook(session_completed_event(CHECKOUT, "cs_1", "pi_1"), SECRET, int(now) + 300)
    assert webhooks.parse(body, header) is not None
    body, header = signed_webhook(session_completed_event(CHECKOUT, "cs_1", "pi_1"), SECRET, int(now) + 301)
    with pytest.raises(WebhookSignatureInvalid):
        webhooks.parse(body, header)
    assert issubclass(WebhookSignatureInvalid, Unauthorized)


def test_stripe_events_map_to_payment_events() -> None:
    paid = to_payment_event(session_completed_event(CHECKOUT, "cs_1", "pi_1", event_id="evt_1"))
    assert paid is not None
    assert (paid.kind, paid.checkout_id, paid.session_id, paid.payment_ref, paid.customer_email) == (
        PaymentEventKind.SESSION_PAID,
        "co_1",
        "cs_1",
        "pi_1",
        "ann@example.com",
    )
    assert (paid.amount, paid.currency) == (12900, "EUR") and paid.pays(CHECKOUT.total)
    assert not paid.pays(Money(12900, "USD")) and not paid.pays(Money(12899, "EUR"))
    unpaid = to_payment_event(session_completed_event(CHECKOUT, "cs_1", "pi_1", paid=False))
    assert unpaid is not None and unpaid.kind is PaymentEventKind.SESSION_AWAITING_PAYMENT
    partial = {
        "id": "evt_2",
        "type": "charge.refunded",
        "data": {"object": {"payment_intent": "pi_1", "refunded": False}},
    }
    assert to_payment_event(partial) is None
    assert to_payment_event({"id": "evt_3", "type": "invoice.paid", "data": {"object": {}}}) is None


def test_refunds_are_read_with_their_ids_amounts_currencies_and_statuses() -> None:
    part = refund_object("re_1", "pi_1", 500, "eur", status="pending")
    listed = to_payment_event(refund_event("pi_1", "evt_1", refunds=[part], whole=False))
    assert listed is not None and (listed.kind, listed.payment_ref, listed.whole_refund) == (
        PaymentEventKind.REFUNDED, "pi_1", False)  # fmt: skip
    assert [(r.id, r.amount, r.currency, r.status, r.counts) for r in listed.refunds] == [
        ("re_1", 500, "EUR", "pending", True)]  # fmt: skip
    created = to_payment_event(refund_created_event({**part, "status": "failed"}, "evt_2"))
    assert created is not None and [(r.id, r.counts) for r in created.refunds] == [("re_1", False)]
    whole = to_payment_event(refund_event("pi_1", "evt_3"))  # a newer API version lists no refunds
    assert whole is not None and whole.whole_refund and whole.refunds == ()
    assert to_payment_event(refund_created_event({**part, "payment_intent": None})) is None  # not a payment


def test_local_gateway_sends_the_browser_to_the_local_page() -> None:
    session = LocalPayments("http://pay.localhost/", StripeWebhooks(SECRET)).create_session(
        CHECKOUT, "http://shop.localhost/#/thanks", "http://shop.localhost/#/cart"
    )
    assert session.id.startswith("cs_local_") and session.url == (
        f"http://pay.localhost/{session.id}?checkout=co_1"
        "&success=http%3A%2F%2Fshop.localhost%2F%23%2Fthanks&cancel=http%3A%2F%2Fshop.localhost%2F%23%2Fcart"
    )


def test_a_card_setup_is_checkout_in_setup_mode_and_its_setup_intent_saves_the_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from helpdesk.commerce.adapters.stripe_local import card_set_up_event

    http = RecordingHttpClient()
    monkeypatch.setattr(stripe, "default_http_client", http)
    setup = Checkout("su_1", "ann@example.com", "", (), datetime.now(UTC))
    StripePayments("sk_test_unit", StripeWebhooks(SECRET)).create_setup_session(
        setup, "http://ok", "http://no", "cus_ann"
    )
    form = {k: v[0] for k, v in http.calls[0]["form"].items()}
    assert (form["mode"], form["customer"], form["setup_intent_data[metadata][checkout_id]"]) == (
        "setup", "cus_ann", "su_1")  # fmt: skip
    assert (
        "line_items[0][quantity]" not in form and http.calls[0]["headers"]["Idempotency-Key"] == "setup:su_1"
    )

    saved = to_payment_event(card_set_up_event(setup, "seti_1", "cus_ann", "pm_new", "evt_1"))
    assert saved is not None and (saved.kind, saved.checkout_id, saved.payment_method) == (
        PaymentEventKind.PAYMENT_METHOD_SAVED, "su_1", "pm_new")  # fmt: skip
    assert (
        to_payment_event(session_completed_event(setup, "cs_1", "seti_1", "evt_2")) is None
    )  # sells nothing


def test_a_line_of_several_licenses_is_one_stripe_line_with_its_quantity(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    http = RecordingHttpClient()
    monkeypatch.setattr(stripe, "default_http_client", http)
    line = OrderLine(OFFER, ("a.example", "b.example", "c.example"), quantity=3)
    several = Checkout("co_3", "ann@example.com", "Ann", (line,), datetime.now(UTC))
    StripePayments("sk_test_unit", StripeWebhooks(SECRET)).create_session(several, "http://ok", "http://no")
    form = {k: v[0] for k, v in http.calls[0]["form"].items()}
    assert (form["line_items[0][quantity]"], form["line_items[0][price_data][unit_amount]"]) == ("3", "12900")
    assert several.total == Money(3 * 12900, "EUR")
