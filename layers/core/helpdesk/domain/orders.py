"""Checkouts, orders and the payment facts that drive fulfilment (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from helpdesk.domain.errors import Invalid, NotFound, Unauthorized
from helpdesk.domain.licensing import License, Money, normalise_domain, upgrade_price
from helpdesk.domain.parties import BillingDetails


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
    domains: tuple[str, ...] = ()
    upgrade_of: str | None = None  # a license id: buy the move to `edition` instead of a new license
    currency: str | None = None  # None: the catalogue's default currency
    plan: str | None = None  # lifetime | monthly | yearly; None: lifetime


@dataclass(frozen=True)
class OrderLine:
    offer: Offer  # for an upgrade: the target edition, priced at the difference
    domains: tuple[str, ...]
    upgrade_of: str | None = None


@dataclass(frozen=True)
class Checkout:
    id: str
    customer_email: str
    customer_name: str
    lines: tuple[OrderLine, ...]
    created: datetime
    organisation_id: str | None = None
    billing: BillingDetails | None = None  # what goes on the invoice; None: the e-mail address only

    @property
    def total(self) -> Money:
        currency = self.lines[0].offer.price.currency
        return Money(sum(line.offer.price.amount for line in self.lines), currency)


def purchase_line(item: CartItem, offer: Offer) -> OrderLine:
    domains = tuple(sorted({normalise_domain(d) for d in item.domains}))
    if not domains:
        raise CartInvalid(f"{offer.name}: the shop domain is missing")
    return OrderLine(offer, domains)


def upgrade_line(license: License, current: Offer, target: Offer, now: datetime) -> OrderLine:
    """The move of a license to a better edition, priced at the difference between the two editions."""
    if license.product != target.product:
        raise CartInvalid(f"license {license.id} is for {license.product}, not {target.product}")
    if not license.state_at(now).usable:
        raise CartInvalid(f"license {license.id} is {license.state_at(now).value}")
    price = upgrade_price(current.price, target.price)
    return OrderLine(replace(target, price=price), license.domains, upgrade_of=license.id)


def checked_cart(lines: list[OrderLine]) -> tuple[OrderLine, ...]:
    if not lines:
        raise CartInvalid("the cart is empty")
    if len({line.offer.price.currency for line in lines}) != 1:
        raise CartInvalid("a cart is paid in one currency")
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

    def line_license_ids(self) -> list[str]:
        """Each line's license: the one it upgrades, or the one it creates."""
        return [line.upgrade_of or f"{self.id}-{n}" for n, line in enumerate(self.lines, start=1)]

    def licenses(self) -> list[License]:
        """A new license per purchase line; ids derive from the order, so a retry finds the same ones."""
        return [
            License(
                id=license_id,
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
            for license_id, line in zip(self.line_license_ids(), self.lines, strict=True)
            if line.upgrade_of is None
        ]


def receipt_text(order: Order, keys: list[str]) -> str:
    """The receipt; `keys` holds each line's license key, in line order."""
    money = f"{order.total.amount / 100:.2f} {order.total.currency}"
    text = [f"Thank you for your order {order.id}.", "", f"Total paid: {money}", ""]
    for line, key in zip(order.lines, keys, strict=True):
        what = "upgraded to" if line.upgrade_of else "edition"
        text += [f"{line.offer.name}, {what} {line.offer.edition}, for {', '.join(line.domains)}"]
        text += [f"License key: {key}", ""]
    return "\n".join(text)
