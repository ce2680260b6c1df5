"""SubscriptionPayments on Stripe: an off-session PaymentIntent on the customer's default payment method."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk.domain.licensing import Money
from helpdesk.services.license_lifecycle_ports import ChargeOutcome


class StripeSubscriptionPayments:
    def __init__(self, api_key: str, stripe_customer_for: Callable[[str], str | None]) -> None:
        self._api_key, self._stripe_customer_for = api_key, stripe_customer_for

    def charge(
        self, customer_id: str, amount: Money, idempotency_key: str, description: str
    ) -> ChargeOutcome:
        import stripe  # ~100 ms: only the charge worker pays for it

        stripe_customer = self._stripe_customer_for(customer_id)
        if not stripe_customer:
            return ChargeOutcome(False, reason="no_stripe_customer")
        customer = stripe.Customer.retrieve(stripe_customer, api_key=self._api_key)
        method = (customer.to_dict().get("invoice_settings") or {}).get("default_payment_method")
        if not method:
            return ChargeOutcome(False, reason="no_payment_method")
        try:
            intent = stripe.PaymentIntent.create(
                api_key=self._api_key,
                customer=stripe_customer,
                payment_method=method,
                amount=amount.amount,
                currency=amount.currency.lower(),
                off_session=True,
                confirm=True,
                description=description,
                metadata={"helpdesk_customer": customer_id},
                idempotency_key=idempotency_key,  # a redelivered task gets the first answer back
            )
        except stripe.CardError as exc:
            return ChargeOutcome(False, reason=exc.code or "card_declined")
        if intent.status == "succeeded":
            return ChargeOutcome(True, reference=intent.id)
        return ChargeOutcome(False, reason=intent.status)  # e.g. requires_action: the customer must act
