"""In-memory BillingAccounts, held to the same contract as the DynamoDB one."""

from __future__ import annotations

from helpdesk.commerce.ports import BillingAccount


class InMemoryBillingAccounts:
    def __init__(self) -> None:
        self._accounts: dict[str, BillingAccount] = {}

    def get(self, customer_id: str) -> BillingAccount | None:
        return self._accounts.get(customer_id)

    def remember(self, customer_id: str, provider_customer: str, payment_method: str = "") -> None:
        known = self._accounts.get(customer_id)
        method = payment_method or (known.payment_method if known else "")
        self._accounts[customer_id] = BillingAccount(customer_id, provider_customer, method)
