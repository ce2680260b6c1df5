"""Checkouts, orders and the payment facts that drive fulfilment (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from helpdesk.domain.errors import Invalid, NotFound, Unauthorized
from helpdesk.domain.licensing import License, Money, normalise_domain


class CheckoutNotFound(NotFound):
    """No checkout with this id was started here."""


class CartInvalid(Invalid):
    """The cart is empty, mixes currencies, or names something not for sale."""


class WebhookSignatureInvalid(Unauthorized):
    """A payment webhook whose signature or timestamp does not check out."""


@dataclass(frozen=True)
class Offer:
    """What the catalogue says about one edition of a product."""

    product: str
    edition: str
    name: str
    price: Money
    manager: str  # the staff member responsible for the product's new orders
    max_activations: int = 5
    term: timedelta | None = None  # None: lifetime
    updates: timedelta = timedelta(days=365)


@dataclass(frozen=True)
class CartItem:
    product: str
    edition: str
    domains: tuple[str, ...]


@dataclass(frozen=True)
class OrderLine:
    offer: Offer
    domains: tuple[str, ...]


@dataclass(frozen=True)
class Checkout:
    id: str
    customer_email: str
    customer_name: str
    lines: tuple[OrderLine, ...]
    created: datetime
    organisation_id: str | None = None

    @property
    def total(self) -> Money:
        currency = self.lines[0].offer.price.currency
        return Money(sum(line.offer.price.amount for line in self.lines), currency)


def checkout_lines(items: list[CartItem], offers: list[Offer]) -> tuple[OrderLine, ...]:
    if not items:
        raise CartInvalid("the cart is empty")
    if len({o.price.currency for o in offers}) != 1:
        raise CartInvalid("a cart is paid in one currency")
    lines = []
    for item, offer in zip(items, offers, strict=True):
        domains = tuple(sorted({normalise_domain(d) for d in item.domains}))
        if not domains:
            raise CartInvalid(f"{offer.name}: the shop domain is missing")
        lines.append(OrderLine(offer, domains))
    return tuple(lines)


class PaymentEventKind(StrEnum):
    SESSION_PAID = "session_paid"
    SESSION_AWAITING_PAYMENT = "session_awaiting_payment"
    REFUNDED = "refunded"


@dataclass(frozen=True)
class PaymentEvent:
    id: str
    kind: PaymentEventKind
    payment_ref: str  # the payment intent: what links a refund to its order
    checkout_id: str = ""
    session_id: str = ""
    customer_email: str = ""
    customer_name: str = ""


@dataclass(frozen=True)
class Order:
    id: str  # the checkout's id: one checkout can become one order only
    session_id: str
    payment_ref: str
    customer_id: str
    customer_email: str
    lines: tuple[OrderLine, ...]
    total: Money
    paid_at: datetime
    organisation_id: str | None = None
    license_ids: tuple[str, ...] = field(default=())

    def licenses(self) -> list[License]:
        """One license per line, with ids derived from the order so a retry finds the same ones."""
        return [
            License(
                id=f"{self.id}-{n}",
                product=line.offer.product,
                edition=line.offer.edition,
                customer_id=self.customer_id,
                domains=line.domains,
                issued=self.paid_at,
                expires=self.paid_at + line.offer.term if line.offer.term else None,
                updates_until=self.paid_at + (line.offer.term or line.offer.updates),
                max_activations=line.offer.max_activations,
                organisation_id=self.organisation_id,
                order_id=self.id,
            )
            for n, line in enumerate(self.lines, start=1)
        ]


def receipt_text(order: Order, keys: dict[str, str]) -> str:
    money = f"{order.total.amount / 100:.2f} {order.total.currency}"
    lines = [f"Thank you for your order {order.id}.", "", f"Total paid: {money}", ""]
    for lic in order.licenses():
        lines += [
            f"{lic.product} ({lic.edition}) for {', '.join(lic.domains)}",
            f"License key: {keys[lic.id]}",
            "",
        ]
    return "\n".join(lines)
