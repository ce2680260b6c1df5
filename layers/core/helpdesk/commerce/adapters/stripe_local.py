"""The local stack's stand-in for Stripe Checkout: sessions on the local payment page, and webhooks signed
exactly as Stripe signs them, so the product verifies them with the real `stripe` library."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from helpdesk.commerce.adapters.stripe_payments import StripeWebhooks
from helpdesk.commerce.model.orders import Checkout, PaymentEvent
from helpdesk.commerce.ports import PaymentSession


def stripe_signature(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A `Stripe-Signature` header: t=<unix seconds>,v1=HMAC-SHA256(secret, "<t>.<payload>")."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode("utf-8"), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


# Stripe's test cards, as the local payment page offers them: number -> (payment method, what it shows).
# A payment method is None when the card is declined at once; `chargeCustomerFail` pays now and declines
# every later off-session charge, as Stripe's 4000 0000 0000 0341 does.
LOCAL_CARDS: dict[str, tuple[str | None, str]] = {
    "4242424242424242": ("pm_card_visa", "Visa 4242: pays, and pays the renewals"),
    "4000000000000341": ("pm_card_chargeCustomerFail", "Visa 0341: pays, later renewals are declined"),
    "4000000000000002": (None, "Visa 0002: declined"),
    "4000000000009995": (None, "Visa 9995: declined, insufficient funds"),
}
# What Stripe Checkout tells the buyer for a card declined at once (its `decline_code` in brackets).
DECLINE_REASONS: dict[str, str] = {
    "4000000000000002": "Your card was declined. (generic_decline)",
    "4000000000009995": "Your card has insufficient funds. (insufficient_funds)",
}
DECLINING_METHODS = ("pm_card_chargeCustomerFail", "pm_card_chargeDeclined")


def session_completed_event(
    checkout: Checkout,
    session_id: str,
    payment_intent: str,
    event_id: str | None = None,
    paid: bool = True,
    customer: str | None = None,
) -> dict[str, Any]:
    """The `checkout.session.completed` event Stripe would send for a checkout paid on the local page
    (`customer`: the Stripe customer a card-saving session made or reused)."""
    total = checkout.total
    status = "no_payment_required" if checkout.card_setup else "paid" if paid else "unpaid"
    return {
        "id": event_id or f"evt_local_{uuid.uuid4().hex}",
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": session_id,
                "object": "checkout.session",
                "mode": "setup" if checkout.card_setup else "payment",
                "client_reference_id": checkout.id,
                "metadata": {"checkout_id": checkout.id},
                "payment_status": status,
                "payment_intent": payment_intent,
                "amount_total": total.amount,
                "currency": total.currency.lower(),
                "customer": customer,
                "customer_details": {"email": checkout.customer_email, "name": checkout.customer_name},
            }
        },
    }


def card_saved_event(
    checkout: Checkout, payment_intent: str, customer: str, payment_method: str, event_id: str | None = None
) -> dict[str, Any]:
    """The `payment_intent.succeeded` Stripe sends for a Checkout payment made with `setup_future_usage`."""
    return {
        "id": event_id or f"evt_local_{uuid.uuid4().hex}",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": payment_intent,
                "object": "payment_intent",
                "status": "succeeded",
                "amount": checkout.total.amount,
                "currency": checkout.total.currency.lower(),
                "customer": customer,
                "payment_method": payment_method,
                "setup_future_usage": "off_session",
                "metadata": {"checkout_id": checkout.id},
            }
        },
    }


def card_set_up_event(
    checkout: Checkout, setup_intent: str, customer: str, payment_method: str, event_id: str | None = None
) -> dict[str, Any]:
    """The `setup_intent.succeeded` Stripe sends when a Checkout in setup mode saved a card."""
    return {
        "id": event_id or f"evt_local_{uuid.uuid4().hex}",
        "object": "event",
        "type": "setup_intent.succeeded",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": setup_intent,
                "object": "setup_intent",
                "status": "succeeded",
                "usage": "off_session",
                "customer": customer,
                "payment_method": payment_method,
                "metadata": {"checkout_id": checkout.id},
            }
        },
    }


def refund_event(
    payment_intent: str,
    event_id: str | None = None,
    refunds: list[dict[str, Any]] | None = None,
    whole: bool = True,
) -> dict[str, Any]:
    """`charge.refunded`; `refunds` (`refund_object`s) listed as API versions before 2022-11-15 do."""
    charge: dict[str, Any] = {"id": f"ch_{payment_intent}", "object": "charge",
                              "payment_intent": payment_intent, "refunded": whole}  # fmt: skip
    if refunds is not None:
        charge["refunds"] = {"object": "list", "data": refunds, "has_more": False}
    return _event("charge.refunded", charge, event_id)


def refund_object(
    refund_id: str, payment_intent: str, amount: int, currency: str, status: str = "succeeded"
) -> dict[str, Any]:
    return {"id": refund_id, "object": "refund", "amount": amount, "currency": currency.lower(),
            "status": status, "payment_intent": payment_intent, "charge": f"ch_{payment_intent}"}  # fmt: skip


def refund_created_event(refund: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return _event("refund.created", refund, event_id)


def _event(kind: str, obj: dict[str, Any], event_id: str | None) -> dict[str, Any]:
    return {"id": event_id or f"evt_local_{uuid.uuid4().hex}", "object": "event", "type": kind,
            "created": int(time.time()), "data": {"object": obj}}  # fmt: skip


def signed_webhook(event: dict[str, Any], secret: str, timestamp: int | None = None) -> tuple[bytes, str]:
    """The raw body and `Stripe-Signature` header the local payment page posts to /webhooks/stripe."""
    body = json.dumps(event, separators=(",", ":")).encode("utf-8")
    return body, stripe_signature(body, secret, timestamp)


class LocalPayments:
    """The PaymentGateway of the local stack: the browser pays on `page_url`, which then posts the webhook."""

    def __init__(self, page_url: str, webhooks: StripeWebhooks) -> None:
        self._page_url, self._webhooks = page_url.rstrip("/"), webhooks

    def create_session(
        self, checkout: Checkout, success_url: str, cancel_url: str, customer: str | None = None
    ) -> PaymentSession:
        session_id = f"cs_local_{uuid.uuid4().hex}"
        params = {"checkout": checkout.id, "success": success_url, "cancel": cancel_url}
        if checkout.saves_payment_method:  # as Stripe's customer_creation="always" or the customer given
            params["customer"] = customer or f"cus_local_{uuid.uuid4().hex[:24]}"
        query = urlencode(params)
        return PaymentSession(session_id, f"{self._page_url}/{session_id}?{query}")

    def create_setup_session(
        self, checkout: Checkout, success_url: str, cancel_url: str, customer: str
    ) -> PaymentSession:
        session_id = f"cs_local_{uuid.uuid4().hex}"
        query = urlencode({"checkout": checkout.id, "success": success_url, "cancel": cancel_url,
                           "customer": customer})  # fmt: skip
        return PaymentSession(session_id, f"{self._page_url}/{session_id}?{query}")

    def card_label(self, payment_method: str) -> str:
        numbers = [number for number, (method, _) in LOCAL_CARDS.items() if method == payment_method]
        return f"Visa ending {numbers[0][-4:]}" if numbers else "a saved card"

    def parse_webhook(self, raw_body: bytes, signature_header: str) -> PaymentEvent | None:
        return self._webhooks.parse(raw_body, signature_header)
