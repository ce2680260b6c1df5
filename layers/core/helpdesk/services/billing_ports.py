"""Saved payment methods: which payment-provider customer and card belong to one of our customers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class BillingAccount:
    customer_id: str  # ours (`customer_id_for(email)`)
    provider_customer: str  # Stripe's `cus_...`
    payment_method: str = ""  # Stripe's `pm_...` kept for off-session charges; "" until a webhook names it


class BillingAccounts(Protocol):
    """One account per customer; the lifecycle's automatic charges use it."""

    def get(self, customer_id: str) -> BillingAccount | None: ...

    def remember(self, customer_id: str, provider_customer: str, payment_method: str = "") -> None:
        """Link the provider's customer (and card); a card already known is kept when none is named,
        so webhooks about one payment may arrive in any order."""
