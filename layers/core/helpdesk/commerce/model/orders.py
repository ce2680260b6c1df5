"""Checkouts, orders and the payment facts that drive fulfilment (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from helpdesk.commerce.model.parties import BillingDetails
from helpdesk.commerce.model.proration import ProrationLine
from helpdesk.kernel.calendar import YEAR, Term
from helpdesk.kernel.errors import Invalid, Malformed, NotFound, Unauthorized
from helpdesk.licensing.public import License, LicenseState, Money, normalise_domain, upgrade_price

MAX_QUANTITY = 50  # licenses of one edition in one cart line


class CheckoutNotFound(NotFound):
    """No checkout with this id was started here."""


class CartInvalid(Invalid):
    """The cart is empty, mixes currencies, or names something not for sale."""


class WebhookSignatureInvalid(Unauthorized):
    """A payment webhook whose signature or timestamp does not check out."""


class WebhookBodyMalformed(Malformed):
    """A correctly signed payment webhook whose body is not an event of the shape its type promises."""


@dataclass(frozen=True)
class Offer:
    """What the catalogue says about one edition of a product."""

    product: str
    edition: str
    name: str
    price: Money
    manager: str  # the staff member responsible for the product's new orders
    max_activations: int = 5
    term: Term | None = None  # None: lifetime
    updates: Term = YEAR
    plan: str = "lifetime"  # lifetime | monthly | yearly: how a license of this offer renews

    @property
    def recurring(self) -> bool:
        return self.term is not None


@dataclass(frozen=True)
class CartItem:
    product: str
    edition: str
    domains: tuple[str, ...] = ()
    upgrade_of: str | None = None  # a license id: buy the move to `edition` instead of a new license
    currency: str | None = None  # None: the catalogue's default currency
    plan: str | None = None  # lifetime | monthly | yearly; None: lifetime
    quantity: int = 1  # licenses of this edition, each for one of `domains`


@dataclass(frozen=True)
class OrderLine:
    offer: Offer  # for an upgrade: the target edition, priced at the difference
    domains: tuple[str, ...]
    upgrade_of: str | None = None
    renews: str | None = None  # a license id: pay its next period instead of buying a license
    renew_until: datetime | None = None  # the renewed period's end, fixed when the checkout is made
    changes_plan: str | None = None  # a license id: move it to the offer's plan, priced by `proration`
    proration: tuple[ProrationLine, ...] = ()  # what a plan change's price is made of, for the invoice
    quantity: int = 1  # above 1: a license per domain, each its own key

    @property
    def amount(self) -> int:
        """The line's price: the offer's (one license) times the quantity."""
        return self.offer.price.amount * self.quantity

    def unit_domains(self) -> list[tuple[str, ...]]:
        """The domains of each license the line makes: all of them for one, one each for several."""
        return [self.domains] if self.quantity == 1 else [(domain,) for domain in self.domains]

    @property
    def license_id(self) -> str | None:
        """The existing license this line changes (an upgrade, a renewal, a plan change); None: a new one."""
        return self.upgrade_of or self.renews or self.changes_plan


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
    def card_setup(self) -> bool:
        """A checkout without lines saves a card and charges nothing (Stripe Checkout's setup mode)."""
        return not self.lines

    @property
    def total(self) -> Money:
        currency = self.lines[0].offer.price.currency if self.lines else "EUR"
        return Money(sum(line.amount for line in self.lines), currency)

    @property
    def saves_payment_method(self) -> bool:
        """A cart with a monthly or yearly line keeps the card for the lifecycle's off-session charges."""
        return any(line.offer.recurring for line in self.lines)


def purchase_line(item: CartItem, offer: Offer) -> OrderLine:
    """One license for the item's domains, or `quantity` licenses, one per domain."""
    if not 1 <= item.quantity <= MAX_QUANTITY:
        raise CartInvalid(f"{offer.name}: buy 1 to {MAX_QUANTITY} licenses in one line")
    domains = tuple(sorted({normalise_domain(d) for d in item.domains}))
    if not domains:
        raise CartInvalid(f"{offer.name}: the shop domain is missing")
    if item.quantity > 1 and len(domains) != item.quantity:
        raise CartInvalid(
            f"{offer.name}: {item.quantity} licenses need {item.quantity} different shop domains"
        )
    return OrderLine(offer, domains, quantity=item.quantity)


def upgrade_line(license: License, current: Offer, target: Offer, now: datetime) -> OrderLine:
    """The move of a license to a better edition, priced at the difference between the two editions."""
    if license.product != target.product:
        raise CartInvalid(f"license {license.id} is for {license.product}, not {target.product}")
    if not license.state_at(now).usable:
        raise CartInvalid(f"license {license.id} is {license.state_at(now).value}")
    price = upgrade_price(current.price, target.price)
    return OrderLine(replace(target, price=price), license.domains, upgrade_of=license.id)


def renewal_line(license: License, offer: Offer, now: datetime) -> OrderLine:
    """The next period of a license at the catalogue's price. Its end is fixed here (the current end plus a
    term, on the day the license was bought; now plus a term once it has lapsed), so paying it twice extends
    once."""
    if offer.term is None or license.expires is None:
        raise CartInvalid(f"license {license.id} is sold for life: it does not renew")
    state = license.state_at(now)
    if state in (LicenseState.REVOKED, LicenseState.SUSPENDED):
        raise CartInvalid(f"license {license.id} is {state.value}")
    if state.usable:
        until = offer.term.next_end(license.expires, license.issued)
    else:
        until = offer.term.after(now.replace(microsecond=0))
    return OrderLine(offer, license.domains, renews=license.id, renew_until=until)


def renewal_checkout_id(line: OrderLine) -> str:
    """One checkout per license period: a second click on "renew" opens the same payment again."""
    assert line.renews is not None and line.renew_until is not None
    return f"rn_{line.renews}_{line.renew_until:%Y%m%d}"


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
    PAYMENT_METHOD_SAVED = "payment_method_saved"  # a card kept for off-session charges


@dataclass(frozen=True)
class CardRefund:
    """One refund of a payment as the provider names it (Stripe `re_...`): the same refund reported by two
    events (`charge.refunded`, `refund.created`) carries the same id."""

    id: str
    amount: int  # minor units
    currency: str  # ISO 4217, upper case
    status: str  # succeeded, pending, failed, canceled, requires_action

    @property
    def counts(self) -> bool:
        """The money is on its way back (a pending card refund is not undone by waiting)."""
        return self.status in ("succeeded", "pending")


@dataclass(frozen=True)
class PaymentEvent:
    id: str
    kind: PaymentEventKind
    payment_ref: str  # the payment intent: what links a refund to its order
    checkout_id: str = ""
    session_id: str = ""
    customer_email: str = ""
    customer_name: str = ""
    provider_customer: str = ""  # the payment provider's customer (Stripe `cus_...`), when one was made
    payment_method: str = ""  # the saved payment method (Stripe `pm_...`), when the event names it
    amount: int | None = None  # what the session charged, in minor units (`amount_total`), when reported
    currency: str = ""  # ISO 4217, upper case
    refunds: tuple[CardRefund, ...] = ()  # REFUNDED: the refunds the event names (empty when it names none)
    whole_refund: bool = False  # REFUNDED: the provider says the whole payment is refunded

    def pays(self, total: Money) -> bool:
        """The session charged exactly `total`: the amount and the currency it was opened with."""
        return self.amount == total.amount and self.currency == total.currency.upper()


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
    number: int = 0  # given by the store (`label`); 0: stored before numbers existed
    name: str = ""  # what people call an order that is not the shop's (a service order); never stored

    @property
    def label(self) -> str:
        """`ORD-2026-001042`, or for an order from before numbers `Order of 7 Dec 2026`; never the id."""
        return self.name or order_label(self.number, self.paid_at)

    @property
    def in_sentence(self) -> str:
        """The order in a sentence, after "Your" or "New": `order ORD-2026-001042`, `order of 7 Dec 2026`."""
        return f"order {self.label}" if self.number else f"order of {self.paid_at:%-d %b %Y}"

    def units(self) -> list[tuple[str, OrderLine, tuple[str, ...]]]:
        """Each license the order changes or makes: (its id, its line, its domains). Ids derive from the
        order (`<order>-<line>`, `<order>-<line>-<unit>` for several), so a retry finds the same ones."""
        found = []
        for n, line in enumerate(self.lines, start=1):
            if line.license_id:
                found.append((line.license_id, line, line.domains))
                continue
            several = line.quantity > 1
            for u, domains in enumerate(line.unit_domains(), start=1):
                found.append((f"{self.id}-{n}-{u}" if several else f"{self.id}-{n}", line, domains))
        return found

    def line_license_ids(self) -> list[str]:
        """Each license: the one a line upgrades, renews or changes, or each one it creates."""
        return [license_id for license_id, _, _ in self.units()]

    def renewals(self) -> list[OrderLine]:
        return [line for line in self.lines if line.renews]

    def licenses(self) -> list[License]:
        """A new license per purchase line; ids derive from the order, so a retry finds the same ones."""
        return [
            License(
                id=license_id,
                product=line.offer.product,
                edition=line.offer.edition,
                customer_id=self.customer_id,
                domains=domains,
                issued=self.paid_at,
                expires=line.offer.term.after(self.paid_at) if line.offer.term else None,
                updates_until=(line.offer.term or line.offer.updates).after(self.paid_at),
                max_activations=line.offer.max_activations,
                organisation_id=self.organisation_id,
                order_id=self.id,
                plan=line.offer.plan,
                currency=line.offer.price.currency,
            )
            for license_id, line, domains in self.units()
            if line.license_id is None
        ]


def order_label(number: int, paid_at: datetime) -> str:
    """The order number people read: the year it was paid and the store's number, like invoice numbers."""
    return f"ORD-{paid_at.year}-{number:06d}" if number else f"Order of {paid_at:%-d %b %Y}"


def receipt_text(order: Order, keys: list[str], shop_url: str = "") -> str:
    """The receipt; `keys` holds each license's key, in the order of `units()`. With the shop's address, each
    license links its downloads (the key rides in the URL's fragment, which no server sees)."""
    money = f"{order.total.amount / 100:.2f} {order.total.currency}"
    text = [f"Thank you for your order ({order.label}).", "", f"Total paid: {money}", ""]
    for (_, line, domains), key in zip(order.units(), keys, strict=True):
        what = "upgraded to" if line.upgrade_of else "changed to" if line.changes_plan else "edition"
        text += [f"{line.offer.name}, {what} {line.offer.edition}, for {', '.join(domains)}"]
        text += [f"{part.description}: {part.amount / 100:.2f}" for part in line.proration]
        if line.renew_until:
            done = f"Changed to {line.offer.plan}, runs" if line.changes_plan else "Renewed"
            text += [f"{done} until {line.renew_until:%Y-%m-%d}"]
        text += [f"License key: {key}"]
        if shop_url:
            text += [f"Download: {shop_url.rstrip('/')}/#/downloads/{key}"]
        text += [""]
    if order.organisation_id is None:  # a guest: the keys are theirs, the cabinet shows them after sign-up
        text += [f"Create an account with {order.customer_email} to find these licenses in your cabinet.", ""]
    return "\n".join(text)
