"""Stripe: Checkout Sessions out, signed webhooks in (verified by the `stripe` library over the raw body)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from helpdesk.commerce.model.orders import (
    CardRefund,
    Checkout,
    PaymentEvent,
    PaymentEventKind,
    WebhookSignatureInvalid,
)
from helpdesk.commerce.ports import PaymentSession
from helpdesk.commerce.views.stripe_events import (
    ChargeObject,
    CheckoutSessionObject,
    CustomerDetails,
    Expanded,
    PaymentIntentObject,
    RefundObject,
    SetupIntentObject,
    StripeEvent,
    id_of,
)

TOLERANCE = 300
SESSION_EVENTS = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
CARD_SAVED_EVENT = "payment_intent.succeeded"
CARD_SET_UP_EVENT = "setup_intent.succeeded"  # a card replaced in the cabinet (Checkout in setup mode)
REFUND_EVENTS = ("refund.created", "refund.updated", "charge.refund.updated")  # one refund, with its id


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
        session = event.object_as(CheckoutSessionObject)
        # A setup session charges nothing; its card arrives with `setup_intent.succeeded`.
        return None if session.mode == "setup" else _session(event.id, session)
    if event.kind == CARD_SAVED_EVENT:
        return _card_saved(event.id, event.object_as(PaymentIntentObject))
    if event.kind == CARD_SET_UP_EVENT:
        return _card_saved(event.id, event.object_as(SetupIntentObject))
    if event.kind == "charge.refunded":
        charge = event.object_as(ChargeObject)
        refunds = tuple(_refund(r) for r in charge.refunds.data) if charge.refunds else ()
        if charge.payment_intent and (charge.refunded or refunds):  # the shop acts on a whole refund only
            return _refunded(event.id, charge.payment_intent, refunds, charge.refunded)
    if event.kind in REFUND_EVENTS:
        refund = event.object_as(RefundObject)
        if refund.payment_intent:
            return _refunded(event.id, refund.payment_intent, (_refund(refund),), False)
    return None


def _refunded(event_id: str, payment: str, refunds: tuple[CardRefund, ...], whole: bool) -> PaymentEvent:
    kind = PaymentEventKind.REFUNDED
    return PaymentEvent(id=event_id, kind=kind, payment_ref=payment, refunds=refunds, whole_refund=whole)


def _refund(refund: RefundObject) -> CardRefund:
    return CardRefund(refund.id, refund.amount, refund.currency.upper(), refund.status or "")


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


def _card_saved(event_id: str, intent: PaymentIntentObject | SetupIntentObject) -> PaymentEvent | None:
    """A card one of our checkouts saved for off-session use: with its payment (`setup_future_usage`), or
    a card-setup checkout's SetupIntent."""
    checkout_id = intent.metadata.get("checkout_id", "")
    customer, method = id_of(intent.customer), id_of(intent.payment_method)
    paid_without_saving = (
        isinstance(intent, PaymentIntentObject) and intent.setup_future_usage != "off_session"
    )
    if paid_without_saving or not (checkout_id and customer and method):
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

    def create_setup_session(
        self, checkout: Checkout, success_url: str, cancel_url: str, customer: str
    ) -> PaymentSession:
        import stripe

        session = stripe.checkout.Session.create(api_key=self._api_key, **setup_session_options(
            checkout, success_url, cancel_url, customer))  # fmt: skip
        return PaymentSession(session.id, session.url or "")

    def card_label(self, payment_method: str) -> str:
        import stripe

        try:
            card = stripe.PaymentMethod.retrieve(payment_method, api_key=self._api_key).card
        except stripe.StripeError:
            return "a saved card"
        return f"{str(card.brand).title()} ending {card.last4}" if card else "a saved card"

    def parse_webhook(self, raw_body: bytes, signature_header: str) -> PaymentEvent | None:
        return self._webhooks.parse(raw_body, signature_header)


def setup_session_options(
    checkout: Checkout, success_url: str, cancel_url: str, customer: str
) -> dict[str, Any]:
    """Checkout in setup mode on the customer's Stripe customer: the SetupIntent carries our checkout id, so
    its `setup_intent.succeeded` names whose card it is."""
    reference = {"checkout_id": checkout.id}
    return {
        "mode": "setup",
        "customer": customer,
        "payment_method_types": ["card"],  # renewals charge cards off-session
        "client_reference_id": checkout.id,
        "metadata": reference,
        "setup_intent_data": {"metadata": reference},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "idempotency_key": f"setup:{checkout.id}",
    }


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
        "quantity": line.quantity,
        "price_data": {
            "currency": offer.price.currency.lower(),
            "unit_amount": offer.price.amount,
            "product_data": product,
        },
    }
