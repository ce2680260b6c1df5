"""The catalogue: modules for sale, their editions, billing and prices in several currencies (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from helpdesk.commerce.model.orders import CartInvalid, Offer
from helpdesk.kernel.calendar import MONTH, YEAR, Term
from helpdesk.kernel.errors import Conflict, NotFound
from helpdesk.licensing.public import License, Money

CURRENCIES = ("EUR", "USD", "RUB")


class ProductNotFound(NotFound):
    """No product with this slug is on sale."""


class ProductExists(Conflict):
    """A product with this slug is in the catalogue already (edit it instead)."""


class Plan(StrEnum):
    LIFETIME = "lifetime"  # one-off: use for ever, a year of updates
    MONTHLY = "monthly"  # subscription terms: the license runs as long as it is paid
    YEARLY = "yearly"


TERMS: dict[Plan, Term | None] = {Plan.LIFETIME: None, Plan.MONTHLY: MONTH, Plan.YEARLY: YEAR}
# The fixed lengths licenses were sold with before the plan was recorded (and before calendar terms).
LEGACY_LENGTHS = {Plan.MONTHLY: timedelta(days=31), Plan.YEARLY: timedelta(days=366)}


@dataclass(frozen=True)
class Price:
    plan: Plan
    currency: str
    amount: int  # minor units, as Stripe counts them


@dataclass(frozen=True)
class Screenshot:
    title: str
    layout: str  # dashboard | table | settings: the storefront draws it


@dataclass(frozen=True)
class ProductText:
    """The product's words in another language than the English of `Product`."""

    locale: str  # "ru"
    name: str
    summary: str
    description: str


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    prices: tuple[Price, ...]
    max_activations: int = 5
    features: tuple[str, ...] = ()
    update_months: int = 12  # how long a one-off purchase gets updates; a subscription gets them while paid

    def price(self, plan: Plan, currency: str) -> Money:
        for price in self.prices:
            if price.plan is plan and price.currency == currency.upper():
                return Money(price.amount, price.currency)
        raise CartInvalid(f"{self.name} is not sold {plan.value} in {currency}")


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    summary: str
    description: str
    manager: str  # the staff member who gets the "New order" tickets
    platform_versions: tuple[str, ...]
    editions: tuple[Edition, ...]
    screenshots: tuple[Screenshot, ...] = ()
    accent: str | None = None
    position: int = 0
    published: bool = True  # on sale and listed; an unpublished product still renews what was sold
    platforms: tuple[str, ...] = ()  # "CS-Cart", "Multi-Vendor"
    translations: tuple[ProductText, ...] = ()

    def edition(self, edition_id: str) -> Edition:
        for edition in self.editions:
            if edition.id == edition_id:
                return edition
        raise CartInvalid(f"{self.name} has no edition {edition_id!r}")

    def offer(self, edition_id: str, plan: Plan = Plan.LIFETIME, currency: str = CURRENCIES[0]) -> Offer:
        edition = self.edition(edition_id)
        term = TERMS[plan]
        return Offer(
            product=self.slug,
            edition=edition.id,
            name=self.name,
            price=edition.price(plan, currency),
            manager=self.manager,
            max_activations=edition.max_activations,
            term=term,
            updates=term or Term(edition.update_months),
            plan=plan.value,
        )


def plan_of(license: License) -> Plan:
    """How a license renews. Licenses sold before the plan was recorded tell by their period: the term
    it is closest to a whole number of (a renewed license has run several)."""
    if license.plan:
        return Plan(license.plan)
    if license.expires is None:
        return Plan.LIFETIME
    period = license.expires - license.issued

    def misfit(plan: Plan) -> float:
        ratio = period / LEGACY_LENGTHS[plan]
        return abs(ratio - max(1, round(ratio)))

    return min((Plan.YEARLY, Plan.MONTHLY), key=misfit)
