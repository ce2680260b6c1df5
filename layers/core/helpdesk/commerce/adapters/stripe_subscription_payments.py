"""SubscriptionPayments on Stripe: an off-session PaymentIntent on the card the customer's checkout saved."""

from __future__ import annotations

from typing import Any

from helpdesk.commerce.ports import BillingAccounts
from helpdesk.licensing.public import ChargeOutcome, Money


class StripeSubscriptionPayments:
    def __init__(self, api_key: str, accounts: BillingAccounts) -> None:
        self._api_key, self._accounts = api_key, accounts

    def charge(
        self, customer_id: str, amount: Money, idempotency_key: str, description: str
    ) -> ChargeOutcome:
        import stripe  # ~100 ms: only the charge worker pays for it

        account = self._accounts.get(customer_id)
        if account is None or not account.provider_customer:
            return ChargeOutcome(False, reason="no_stripe_customer")
        method = account.payment_method or self._attached_method(stripe, account.provider_customer)
        if not method:
            return ChargeOutcome(False, reason="no_payment_method")
        try:
            intent = stripe.PaymentIntent.create(
                api_key=self._api_key,
                customer=account.provider_customer,
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

    def _attached_method(self, stripe: Any, provider_customer: str) -> str:
        """The card Checkout attached when no webhook named it: the default, else the newest card."""
        customer = stripe.Customer.retrieve(provider_customer, api_key=self._api_key).to_dict()
        default = (customer.get("invoice_settings") or {}).get("default_payment_method")
        if default:
            return str(default)
        cards = stripe.PaymentMethod.list(
            customer=provider_customer, type="card", limit=1, api_key=self._api_key
        )
        return str(cards.data[0].id) if cards.data else ""


class StripeKeyMissing:
    """Off the local stack without STRIPE_API_KEY_SECRET: routes that never charge still work, and the charge
    worker fails loudly (its queue's DLQ alarm) instead of declining every customer."""

    def charge(
        self, customer_id: str, amount: Money, idempotency_key: str, description: str
    ) -> ChargeOutcome:
        raise RuntimeError("STRIPE_API_KEY_SECRET must be set off the local stack")
