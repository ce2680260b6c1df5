"""Stripe: Checkout Sessions out, signed webhooks in (verified by the `stripe` library over the raw body)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from helpdesk.commerce.model.orders import Checkout, PaymentEvent, PaymentEventKind, WebhookSignatureInvalid
from helpdesk.commerce.ports import PaymentSession
from helpdesk.commerce.views.stripe_events import (
    ChargeObject,
    CheckoutSessionObject,
    CustomerDetails,
    Expanded,
    PaymentIntentObject,
    StripeEvent,
    id_of,
)

TOLERANCE = 300
SESSION_EVENTS = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
CARD_SAVED_EVENT = "payment_intent.succeeded"


class StripeWebhooks:
    """Checks a `Stripe-Signature` header and turns the event into a PaymentEvent."""

    def __init__(self, secret: str, tolerance: int = TOLERANCE, now: Callable[[], float] = time.time) -> None:
        self._secret, self._tolerance, self._now = secret, tolerance, now

    def parse(self, raw_body: bytes, signature_header: str) -> PaymentEvent | None:
        """WebhookSignatureInvalid for a forged or stale delivery; WebhookBodyMalformed for a signed body
        that is not an event of the shape its type promises."""
        import stripe  # ~100 ms: only the webhook and checkout paths pay for it

        try:
            stripe.WebhookSignature.verify_header(raw_body, signature_header, self._secret, self._tolerance)
        except (stripe.SignatureVerificationError, ValueError) as exc:
            raise WebhookSignatureInvalid(f"webhook refused: {exc.__class__.__name__}") from None
        # stripe refuses old timestamps only; a timestamp from the future is refused here.
        if _signed_at(signature_header) > self._now() + self._tolerance:
            raise WebhookSignatureInvalid("webhook refused: timestamp in the future")
        return to_payment_event(StripeEvent.parse(raw_body))


def _signed_at(header: str) -> int:
    for part in header.split(","):
        name, _, value = part.partition("=")
        if name.strip() == "t":
            return int(value)  # the same first `t` the stripe library verified
    raise WebhookSignatureInvalid("webhook refused: no timestamp")


def to_payment_event(event: StripeEvent | dict[str, Any]) -> PaymentEvent | None:
    """The payment fact of an event we act on; None for the others."""
    if not isinstance(event, StripeEvent):
        event = StripeEvent.parse(event)
    if event.kind in SESSION_EVENTS:
        return _session(event.id, event.object_as(CheckoutSessionObject))
    if event.kind == CARD_SAVED_EVENT:
        return _card_saved(event.id, event.object_as(PaymentIntentObject))
    if event.kind == "charge.refunded":
        charge = event.object_as(ChargeObject)
        if charge.refunded and charge.payment_intent:  # a full refund; partial ones are staff's call
            refunded = PaymentEventKind.REFUNDED
            return PaymentEvent(id=event.id, kind=refunded, payment_ref=charge.payment_intent)
    return None


def _session(event_id: str, session: CheckoutSessionObject) -> PaymentEvent:
    paid = session.payment_status in ("paid", "no_payment_required")
    details = session.customer_details or CustomerDetails()
    intent = session.payment_intent
    return PaymentEvent(
        id=event_id,
        kind=PaymentEventKind.SESSION_PAID if paid else PaymentEventKind.SESSION_AWAITING_PAYMENT,
        payment_ref=id_of(intent) or session.id,
        checkout_id=session.client_reference_id or session.metadata.get("checkout_id", ""),
        session_id=session.id,
        customer_email=details.email or session.customer_email or "",
        customer_name=details.name or "",
        provider_customer=id_of(session.customer),
        payment_method=id_of(intent.payment_method) if isinstance(intent, Expanded) else "",
        amount=session.amount_total,
        currency=(session.currency or "").upper(),
    )


def _card_saved(event_id: str, intent: PaymentIntentObject) -> PaymentEvent | None:
    """The payment of one of our checkouts kept its card for off-session use (`setup_future_usage`)."""
    checkout_id = intent.metadata.get("checkout_id", "")
    customer, method = id_of(intent.customer), id_of(intent.payment_method)
    if intent.setup_future_usage != "off_session" or not (checkout_id and customer and method):
        return None
    return PaymentEvent(
        id=event_id,
        kind=PaymentEventKind.PAYMENT_METHOD_SAVED,
        payment_ref=intent.id,
        checkout_id=checkout_id,
        provider_customer=customer,
        payment_method=method,
    )


class StripePayments:
    """The PaymentGateway on AWS; the API key and webhook secret come from Secrets Manager."""

    def __init__(self, api_key: str, webhooks: StripeWebhooks) -> None:
        self._api_key, self._webhooks = api_key, webhooks

    def create_session(
        self, checkout: Checkout, success_url: str, cancel_url: str, customer: str | None = None
    ) -> PaymentSession:
        import stripe

        session = stripe.checkout.Session.create(
            api_key=self._api_key,
            mode="payment",
            client_reference_id=checkout.id,
            metadata={"checkout_id": checkout.id},
            success_url=success_url,
            cancel_url=cancel_url,
            line_items=[session_line(line) for line in checkout.lines],  # type: ignore[misc]
            idempotency_key=f"checkout:{checkout.id}",
            **saved_card_options(checkout, customer),  # type: ignore[arg-type]
        )
        return PaymentSession(session.id, session.url or "")

    def parse_webhook(self, raw_body: bytes, signature_header: str) -> PaymentEvent | None:
        return self._webhooks.parse(raw_body, signature_header)


def saved_card_options(checkout: Checkout, customer: str | None) -> dict[str, Any]:
    """Monthly and yearly licenses keep the card for the lifecycle's off-session charges, on one Stripe
    customer per customer of ours (reused once known, so a returning buyer's cards meet)."""
    if not checkout.saves_payment_method:
        return {"customer_email": checkout.customer_email}
    saving = {
        "payment_intent_data": {
            "setup_future_usage": "off_session",
            "metadata": {"checkout_id": checkout.id},
        }
    }
    if customer:
        return {**saving, "customer": customer}
    return {**saving, "customer_creation": "always", "customer_email": checkout.customer_email}


def session_line(line: Any) -> dict[str, Any]:
    offer = line.offer
    product: dict[str, str] = {"name": f"{offer.name} ({offer.edition})"}
    if line.domains:  # Stripe refuses an empty description (service payments name no domain)
        product["description"] = ", ".join(line.domains)
    return {
        "quantity": 1,
        "price_data": {
            "currency": offer.price.currency.lower(),
            "unit_amount": offer.price.amount,
            "product_data": product,
        },
    }
