"""The ports checkout and fulfilment need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from helpdesk.commerce.model.catalogue import Product
from helpdesk.commerce.model.orders import Checkout, Offer, Order, PaymentEvent
from helpdesk.commerce.model.parties import BillingDetails
from helpdesk.commerce.model.price_changes import PriceChange
from helpdesk.commerce.model.releases import Download, Release


@dataclass(frozen=True)
class PaymentSession:
    id: str
    url: str  # where the customer's browser goes to pay


class PaymentGateway(Protocol):
    """Stripe on AWS, the local payment page on the local stack."""

    def create_session(
        self, checkout: Checkout, success_url: str, cancel_url: str, customer: str | None = None
    ) -> PaymentSession:
        """Open a payment; a cart with a monthly or yearly line also saves the card for off-session charges,
        on the provider's `customer` when one is known (else the provider makes one)."""

    def create_setup_session(
        self, checkout: Checkout, success_url: str, cancel_url: str, customer: str
    ) -> PaymentSession:
        """Save a new card on the provider's `customer` without charging (a card-setup checkout); its
        webhook names the card with the checkout's id, as a card saved by a payment does."""

    def card_label(self, payment_method: str) -> str:
        """How a person recognises a saved card: "Visa ending 4242"."""

    def parse_webhook(self, raw_body: bytes, signature_header: str) -> PaymentEvent | None:
        """Verify and read a webhook: None for events fulfilment ignores; forged: WebhookSignatureInvalid."""


class Catalogue(Protocol):
    def offer(
        self,
        product: str,
        edition: str,
        currency: str | None = None,
        plan: str | None = None,
        for_sale: bool = False,
    ) -> Offer:
        """The edition in `plan`, priced in `currency` (None: the defaults), or CartInvalid; `for_sale`: a
        new purchase, refused for an unpublished product (renewals and upgrades of held licenses go on)."""


class CheckoutStore(Protocol):
    """Checkouts, orders and the markers that make fulfilment idempotent."""

    def add_checkout(self, checkout: Checkout) -> None: ...

    def get_checkout(self, checkout_id: str) -> Checkout:
        """The checkout, or CheckoutNotFound."""

    def add_order(self, order: Order) -> Order:
        """Store the order unless one with its id exists; returns the stored one either way. A new order
        gets the next number people read (`Order.number`, from an atomic counter; gaps allowed)."""

    def get_order(self, order_id: str) -> Order | None: ...

    def orders_for_organisation(self, organisation_id: str) -> list[Order]:
        """The organisation's orders, newest first."""

    def orders_for_customer(self, customer_id: str) -> list[Order]:
        """The customer's own orders (guest purchases too), newest first."""

    def link_payment(self, payment_ref: str, order_id: str) -> None: ...

    def order_for_payment(self, payment_ref: str) -> str | None: ...

    def record_refund(self, payment_ref: str) -> None: ...

    def refund_recorded(self, payment_ref: str) -> bool: ...

    def claim_effect(self, order_id: str, effect: str) -> bool:
        """True for exactly one caller per (order, effect): that caller performs the effect."""

    def release_effect(self, order_id: str, effect: str) -> None:
        """Give a claim back after the effect failed, so a retried webhook performs it."""

    def event_processed(self, event_id: str) -> bool: ...

    def mark_event_processed(self, event_id: str, expires_at: int) -> bool:
        """Remember a handled event until `expires_at` (unix seconds, then TTL); False if marked already."""


class CustomerDirectory(Protocol):
    def ensure_customer(self, email: str, name: str, organisation_id: str | None = None) -> str:
        """The id of the customer with this email, created on first purchase; a signed-in buyer's
        organisation registers them with it."""


@dataclass(frozen=True)
class NewOrderTicket:
    order_id: str
    customer_id: str
    customer_email: str
    manager: str
    subject: str
    body: str
    idempotency_key: str
    organisation_id: str | None = None


class TicketOpener(Protocol):
    def open_new_order_ticket(self, request: NewOrderTicket) -> str:
        """Open the manager's "New order" ticket, linked to the customer; returns the ticket id."""


class LicenseLifecycle(Protocol):
    """Where a fulfilled order's licenses enter their lifecycle (renewals, expiry)."""

    def start(self, order: Order) -> None:
        """Called once per order after its licenses exist; must itself be safe to repeat."""

    def renew(self, order: Order) -> None:
        """Extend the licenses the order renews to their lines' `renew_until`; called once per order."""


class NoLifecycle:
    def start(self, order: Order) -> None:
        return None

    def renew(self, order: Order) -> None:
        return None


class InvoiceIssuer(Protocol):
    """Tax invoices (docs/invoices.md); both calls are safe to repeat."""

    def invoice_order(self, order: Order, billing: BillingDetails | None = None) -> object: ...

    def credit_order(self, order_id: str) -> object:
        """Credit the order's invoice once; nothing while it has none."""


class NoInvoices:
    def invoice_order(self, order: Order, billing: BillingDetails | None = None) -> object:
        return None

    def credit_order(self, order_id: str) -> object:
        return None


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


class PriceAudit(Protocol):
    """The record of catalogue price changes, kept for ever."""

    def record(self, changes: list[PriceChange]) -> None: ...

    def history(self, product: str) -> list[PriceChange]:
        """The product's price changes, oldest first."""


class ProductStore(Protocol):
    def put(self, product: Product) -> None: ...

    def get(self, slug: str) -> Product | None: ...

    def all(self) -> list[Product]:
        """Every product, in catalogue order."""


class ServicePayments(Protocol):
    """Card payments that are not shop orders (a quote or an invoice paid in the cabinet): a higher context
    settles them."""

    def handles(self, checkout_id: str) -> bool: ...

    def paid(self, event: PaymentEvent, checkout: Checkout) -> str:
        """Settle the payment of `checkout` (as it was opened) once, however often it is reported; the
        outcome, for logs and tests."""

    def refunded(self, event: PaymentEvent) -> str | None:
        """Reverse the refunds of a payment it settled (once per refund id); None: not its payment."""


class ReleaseStore(Protocol):
    """Module releases per product and the log of every download."""

    def add(self, release: Release) -> None: ...

    def get(self, product: str, release_id: str) -> Release | None: ...

    def for_product(self, product: str) -> list[Release]: ...

    def mark_ready(self, release: Release) -> None:
        """Remember that the release's zip has arrived."""

    def log_download(self, download: Download) -> None: ...

    def downloads(self, license_id: str) -> list[Download]:
        """The license's downloads, oldest first."""


class ReleaseFiles(Protocol):
    """The release zips (S3): staff upload and customers download through short-lived presigned URLs."""

    def upload_url(self, key: str, expires_in: int) -> str: ...

    def exists(self, key: str) -> bool: ...

    def download_url(self, key: str, filename: str, expires_in: int) -> str: ...
