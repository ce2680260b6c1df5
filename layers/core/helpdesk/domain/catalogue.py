"""The catalogue: modules for sale, their editions, billing and prices in several currencies (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from helpdesk.domain.errors import NotFound
from helpdesk.domain.licensing import Money
from helpdesk.domain.orders import CartInvalid, Offer

CURRENCIES = ("EUR", "USD", "RUB")


class ProductNotFound(NotFound):
    """No product with this slug is on sale."""


class Billing(StrEnum):
    ONE_OFF = "one_off"  # lifetime use with a year of updates
    MONTHLY = "monthly"
    YEARLY = "yearly"


TERMS: dict[Billing, timedelta | None] = {
    Billing.ONE_OFF: None,
    Billing.MONTHLY: timedelta(days=31),
    Billing.YEARLY: timedelta(days=366),
}


@dataclass(frozen=True)
class Edition:
    code: str  # unique within the product; one billing per edition ("pro-yearly")
    name: str
    billing: Billing
    prices: dict[str, int]  # currency -> minor units
    max_activations: int = 5
    features: tuple[str, ...] = ()

    def price(self, currency: str) -> Money:
        amount = self.prices.get(currency.upper())
        if amount is None:
            raise CartInvalid(f"{self.name} is not sold in {currency}")
        return Money(amount, currency.upper())


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    summary: str
    description: str
    manager: str  # the staff member who gets the "New order" tickets
    platform_versions: tuple[str, ...]
    editions: tuple[Edition, ...]
    screenshots: tuple[str, ...] = ()
    position: int = 0
    extra: dict[str, str] = field(default_factory=dict)

    def edition(self, code: str) -> Edition:
        for edition in self.editions:
            if edition.code == code:
                return edition
        raise CartInvalid(f"{self.name} has no edition {code!r}")

    def offer(self, code: str, currency: str = CURRENCIES[0]) -> Offer:
        edition = self.edition(code)
        term = TERMS[edition.billing]
        return Offer(
            product=self.slug,
            edition=edition.code,
            name=self.name,
            price=edition.price(currency),
            manager=self.manager,
            max_activations=edition.max_activations,
            term=term,
            updates=term or timedelta(days=365),
        )
