"""The audit of catalogue prices: which price of which edition changed, from what to what, by whom (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.commerce.model.catalogue import Product

PriceKey = tuple[str, str, str]  # edition, plan, currency


@dataclass(frozen=True)
class PriceChange:
    product: str
    edition: str
    plan: str
    currency: str
    old: int | None  # minor units; None: the price did not exist
    new: int | None  # None: the price was removed
    changed_by: str
    changed_at: datetime


def _prices(product: Product | None) -> dict[PriceKey, int]:
    if product is None:
        return {}
    return {(e.id, p.plan.value, p.currency): p.amount for e in product.editions for p in e.prices}


def price_changes(before: Product | None, after: Product, by: str, at: datetime) -> list[PriceChange]:
    """Every price that a save adds, changes or removes; a new product's prices are all additions."""
    old, new = _prices(before), _prices(after)
    return [
        PriceChange(after.slug, *key, old.get(key), new.get(key), by, at)
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    ]
