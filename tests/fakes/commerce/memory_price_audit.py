"""In-memory PriceAudit, held to tests/contract/commerce/test_price_audit.py."""

from __future__ import annotations

from helpdesk.commerce.model.price_changes import PriceChange


class InMemoryPriceAudit:
    def __init__(self) -> None:
        self._changes: list[PriceChange] = []

    def record(self, changes: list[PriceChange]) -> None:
        self._changes += changes

    def history(self, product: str) -> list[PriceChange]:
        mine = [c for c in self._changes if c.product == product]
        return sorted(mine, key=lambda c: (c.changed_at, c.edition, c.plan, c.currency))
