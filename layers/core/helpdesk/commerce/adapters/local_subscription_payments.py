"""The local stack's SubscriptionPayments: charges the card the local payment page saved, as Stripe's test
cards behave (a `chargeCustomerFail` card declines off-session), without any network."""

from __future__ import annotations

import hashlib

from helpdesk.commerce.adapters.stripe_local import DECLINING_METHODS
from helpdesk.commerce.ports import BillingAccounts
from helpdesk.licensing.public import ChargeOutcome, Money


class LocalSubscriptionPayments:
    def __init__(self, accounts: BillingAccounts) -> None:
        self._accounts = accounts

    def charge(
        self, customer_id: str, amount: Money, idempotency_key: str, description: str
    ) -> ChargeOutcome:
        account = self._accounts.get(customer_id)
        if account is None or not account.provider_customer:
            return ChargeOutcome(False, reason="no_stripe_customer")
        if not account.payment_method:
            return ChargeOutcome(False, reason="no_payment_method")
        if account.payment_method in DECLINING_METHODS:
            return ChargeOutcome(False, reason="card_declined")
        # The same key gives the same intent, as Stripe's idempotency keys do.
        return ChargeOutcome(
            True, reference=f"pi_local_{hashlib.sha256(idempotency_key.encode()).hexdigest()[:24]}"
        )
