"""Stripe: Checkout Sessions out, signed webhooks in (verified by the `stripe` library over the raw body)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from helpdesk.domain.orders import Checkout, PaymentEvent, PaymentEventKind, WebhookSignatureInvalid
from helpdesk.services.checkout_ports import PaymentSession

TOLERANCE = 300
SESSION_EVENTS = ("checkout.session.completed", "checkout.session.async_payment_succeeded")


class StripeWebhooks:
    """Checks a `Stripe-Signature` header and turns the event into a PaymentEvent."""

    def __init__(self, secret: str, tolerance: int = TOLERANCE, now: Callable[[], float] = time.time) -> None:
        self._secret, self._tolerance, self._now = secret, tolerance, now

    def parse(self, raw_body: bytes, signature_header: str) -> PaymentEvent | None:
        import stripe  # ~100 ms: only the webhook and checkout paths pay for it

        try:
            event = stripe.Webhook.construct_event(raw_body, signature_header, self._secret, self._tolerance)
        except (stripe.SignatureVerificationError, ValueError) as exc:
            raise WebhookSignatureInvalid(f"webhook refused: {exc.__class__.__name__}") from None
        # stripe refuses old timestamps only; a timestamp from the future is refused here.
        if _signed_at(signature_header) > self._now() + self._tolerance:
            raise WebhookSignatureInvalid("webhook refused: timestamp in the future")
        return to_payment_event(event.to_dict())


def _signed_at(header: str) -> int:
    for part in header.split(","):
        name, _, value = part.partition("=")
        if name.strip() == "t":
            return int(value)  # the same first `t` the stripe library verified
    raise WebhookSignatureInvalid("webhook refused: no timestamp")


def to_payment_event(event: dict[str, Any]) -> PaymentEvent | None:
    kind, obj = event.get("type", ""), (event.get("data") or {}).get("object") or {}
    if kind in SESSION_EVENTS:
        paid = obj.get("payment_status") in ("paid", "no_payment_required")
        details = obj.get("customer_details") or {}
        return PaymentEvent(
            id=event["id"],
            kind=PaymentEventKind.SESSION_PAID if paid else PaymentEventKind.SESSION_AWAITING_PAYMENT,
            payment_ref=obj.get("payment_intent") or obj["id"],
            checkout_id=obj.get("client_reference_id") or (obj.get("metadata") or {}).get("checkout_id", ""),
            session_id=obj["id"],
            customer_email=details.get("email") or obj.get("customer_email") or "",
            customer_name=details.get("name") or "",
        )
    if kind == "charge.refunded" and obj.get("refunded"):  # a full refund; partial ones are staff's call
        return PaymentEvent(
            id=event["id"], kind=PaymentEventKind.REFUNDED, payment_ref=obj.get("payment_intent", "")
        )
    return None


class StripePayments:
    """The PaymentGateway on AWS; the API key and webhook secret come from Secrets Manager."""

    def __init__(self, api_key: str, webhooks: StripeWebhooks) -> None:
        self._api_key, self._webhooks = api_key, webhooks

    def create_session(self, checkout: Checkout, success_url: str, cancel_url: str) -> PaymentSession:
        import stripe

        session = stripe.checkout.Session.create(
            api_key=self._api_key,
            mode="payment",
            client_reference_id=checkout.id,
            customer_email=checkout.customer_email,
            metadata={"checkout_id": checkout.id},
            success_url=success_url,
            cancel_url=cancel_url,
            line_items=[session_line(line) for line in checkout.lines],  # type: ignore[misc]
            idempotency_key=f"checkout:{checkout.id}",
        )
        return PaymentSession(session.id, session.url or "")

    def parse_webhook(self, raw_body: bytes, signature_header: str) -> PaymentEvent | None:
        return self._webhooks.parse(raw_body, signature_header)


def session_line(line: Any) -> dict[str, Any]:
    offer = line.offer
    return {
        "quantity": 1,
        "price_data": {
            "currency": offer.price.currency.lower(),
            "unit_amount": offer.price.amount,
            "product_data": {
                "name": f"{offer.name} ({offer.edition})",
                "description": ", ".join(line.domains),
            },
        },
    }
