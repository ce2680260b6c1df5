"""Checkout and fulfilment: start a payment, and turn a paid one into exactly one order, its licenses,
one receipt and one "New order" ticket, however often and in whatever order the webhooks arrive."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from helpdesk.commerce.model.catalogue import plan_of
from helpdesk.commerce.model.orders import (
    CartInvalid,
    CartItem,
    Checkout,
    CheckoutNotFound,
    Offer,
    Order,
    OrderLine,
    PaymentEvent,
    PaymentEventKind,
    checked_cart,
    purchase_line,
    renewal_checkout_id,
    renewal_line,
    upgrade_line,
)
from helpdesk.commerce.model.parties import BillingDetails
from helpdesk.commerce.model.plan_change import PlanChangeQuote
from helpdesk.commerce.ports import (
    BillingAccounts,
    Catalogue,
    CheckoutStore,
    CustomerDirectory,
    InvoiceIssuer,
    LicenseLifecycle,
    NoInvoices,
    NoLifecycle,
    PaymentGateway,
    PaymentSession,
    ServicePayments,
    TicketOpener,
)
from helpdesk.commerce.services.order_notices import new_order_ticket, receipt_mail
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, Invalid
from helpdesk.licensing.public import (
    License,
    LicenseAdminService,
    LicenseNotFound,
    LicensingService,
    Money,
    PlanChoice,
)
from helpdesk.notices.public import Mailer
from helpdesk.tickets.public import customer_id_for

EVENT_MEMORY = timedelta(days=30)  # Stripe retries a webhook for up to three days
NO_SUCH_LICENSE = "license not found"  # the same words for a foreign and an unknown id


class NoCardOnFile(Invalid):
    """The customer has no card saved for renewals to replace."""


def holds(license: License, customer_id: str, organisation: str | None) -> bool:
    """Its owner and the colleagues in its organisation hold a license: they may renew and upgrade it."""
    return license.customer_id == customer_id or (
        organisation is not None and license.organisation_id == organisation
    )


class CheckoutService:
    def __init__(
        self,
        store: CheckoutStore,
        gateway: PaymentGateway,
        catalogue: Catalogue,
        customers: CustomerDirectory,
        licensing: LicensingService,
        license_admin: LicenseAdminService,
        mailer: Mailer,
        tickets: TicketOpener,
        clock: Clock,
        new_id: Callable[[], str] = lambda: f"co_{uuid.uuid4().hex}",
        lifecycle: LicenseLifecycle | None = None,
        accounts: BillingAccounts | None = None,
        invoices: InvoiceIssuer | None = None,
        shop_url: str = "",
    ) -> None:
        self._store, self._gateway, self._catalogue, self._customers = store, gateway, catalogue, customers
        self._licensing, self._admin, self._mailer, self._tickets = licensing, license_admin, mailer, tickets
        self._clock, self._new_id = clock, new_id
        self._lifecycle = lifecycle or NoLifecycle()
        self._accounts = accounts
        self._invoices = invoices or NoInvoices()
        self._services: list[ServicePayments] = []
        self._shop_url = shop_url

    def serve(self, services: ServicePayments) -> None:
        """Route paid checkouts it handles (quotes, invoices) to `services`, not to a shop order."""
        self._services.append(services)

    def start_service_payment(self, checkout: Checkout, success_url: str, cancel_url: str) -> PaymentSession:
        """A payment priced by the caller (a quote's total with VAT, what an invoice still owes), settled by
        the `serve`d services."""
        return self._open(checkout, success_url, cancel_url)

    def start_checkout(
        self,
        items: list[CartItem],
        email: str,
        name: str,
        success_url: str,
        cancel_url: str,
        organisation_id: str | None = None,
        billing: BillingDetails | None = None,
        caller: Principal | None = None,
    ) -> PaymentSession:
        """Price the cart from the catalogue (never from the browser) and open a payment session.
        An upgrade is for the signed-in `caller` whose organisation holds the license."""
        lines = checked_cart([self._line(item, caller) for item in items])
        checkout = Checkout(self._new_id(), email, name, lines, self._clock.now(), organisation_id, billing)
        return self._open(checkout, success_url, cancel_url)

    def start_renewal(
        self,
        license: License,
        email: str,
        name: str,
        success_url: str,
        cancel_url: str,
        organisation_id: str | None = None,
    ) -> PaymentSession:
        """A payment for the license's next period (on its scheduled plan, if any), priced by the catalogue in
        the currency it was bought in. The caller has checked that `email` may renew it."""
        later = license.scheduled_change  # a downgrade waiting for this period's end is what renews
        edition, plan = (later.edition, later.plan) if later else (license.edition, plan_of(license).value)
        offer = self._catalogue.offer(license.product, edition, license.currency or None, plan)
        line = renewal_line(license, offer, self._clock.now())
        checkout = Checkout(
            renewal_checkout_id(line), email, name, (line,), self._clock.now(), organisation_id
        )
        return self._open(checkout, success_url, cancel_url)

    def start_plan_change(
        self,
        license: License,
        quote: PlanChangeQuote,
        target: Offer,
        email: str,
        return_url: str,
        organisation_id: str | None = None,
    ) -> PaymentSession:
        """A payment of the quoted proration; paid, it moves the license to the new plan. The caller holds
        the license (checked again when paid)."""
        assert quote.proration is not None
        price = Money(quote.proration.due, target.price.currency)
        line = OrderLine(replace(target, price=price), license.domains, changes_plan=license.id,
                         renew_until=quote.proration.ends, proration=quote.proration.lines)  # fmt: skip
        checkout = Checkout(self._new_id(), email, "", (line,), self._clock.now(), organisation_id)
        return self._open(checkout, return_url, return_url)

    def saved_card(self, email: str) -> str | None:
        """The card the customer's renewals are charged to, as a person recognises it; None: no card."""
        account = self._accounts.get(customer_id_for(email)) if self._accounts else None
        return (
            self._gateway.card_label(account.payment_method) if account and account.payment_method else None
        )

    def start_card_setup(
        self, email: str, organisation_id: str | None, success_url: str, cancel_url: str
    ) -> PaymentSession:
        """A page that saves a new card for the renewals on the customer's provider account, charging
        nothing; the card replaces the old one when its webhook arrives."""
        account = self._accounts.get(customer_id_for(email)) if self._accounts else None
        if account is None or not account.provider_customer:
            raise NoCardOnFile(
                "no subscription of yours is paid by card yet: buy one, the card is saved then"
            )
        checkout = Checkout(f"su_{uuid.uuid4().hex}", email, "", (), self._clock.now(), organisation_id)
        self._store.add_checkout(checkout)
        return self._gateway.create_setup_session(
            checkout, success_url, cancel_url, account.provider_customer
        )

    def _open(self, checkout: Checkout, success_url: str, cancel_url: str) -> PaymentSession:
        self._store.add_checkout(checkout)
        known = self._accounts.get(customer_id_for(checkout.customer_email)) if self._accounts else None
        customer = known.provider_customer if known and checkout.saves_payment_method else None
        return self._gateway.create_session(checkout, success_url, cancel_url, customer)

    def _line(self, item: CartItem, caller: Principal | None) -> OrderLine:
        target = self._catalogue.offer(item.product, item.edition, item.currency, item.plan, for_sale=True)
        if item.upgrade_of is None:
            return purchase_line(item, target)
        if item.quantity != 1:
            raise CartInvalid("an upgrade is of one license")
        license = self._held_by_caller(item.upgrade_of, caller)
        current = self._catalogue.offer(license.product, license.edition, item.currency, item.plan)
        return upgrade_line(license, current, target, self._clock.now())

    def _held_by_caller(self, license_id: str, caller: Principal | None) -> License:
        """A foreign license answers exactly as an unknown one: the ids are readable inside every key."""
        if caller is None or not caller.email:
            raise Forbidden("sign in to upgrade a license")
        holder, organisation = customer_id_for(caller.email.lower()), organisation_scope(caller)
        license = self._license_or_none(license_id)  # looked up only once the caller is known to be able
        if license is None or not holds(license, holder, organisation):
            raise LicenseNotFound(NO_SUCH_LICENSE)
        return license

    def _license_or_none(self, license_id: str) -> License | None:
        try:
            return self._admin.get(license_id)
        except LicenseNotFound:
            return None

    def _upgrades_still_held(self, checkout: Checkout) -> bool:
        """Checked again when paid: the license may have changed hands since the checkout started."""
        buyer = customer_id_for(checkout.customer_email)
        for line in checkout.lines:
            changed = line.upgrade_of or line.changes_plan
            license = self._license_or_none(changed) if changed else None
            if changed and (license is None or not holds(license, buyer, checkout.organisation_id)):
                return False
        return True

    def handle_webhook(self, raw_body: bytes, signature_header: str) -> str:
        """Verify, deduplicate and apply one payment webhook; returns what was done (for logs and tests)."""
        event = self._gateway.parse_webhook(raw_body, signature_header)
        if event is None:
            return "ignored"
        if self._store.event_processed(event.id):
            return "duplicate"
        outcome = self._apply(event)
        expires_at = int((self._clock.now() + EVENT_MEMORY).timestamp())
        # Marked only once applied: a crash before here lets Stripe's retry finish the (idempotent) work.
        first = self._store.mark_event_processed(event.id, expires_at)
        return outcome if first else "duplicate"

    def _apply(self, event: PaymentEvent) -> str:
        services = next((s for s in self._services if s.handles(event.checkout_id)), None)
        if event.kind is PaymentEventKind.SESSION_PAID and services:
            try:
                checkout = self._store.get_checkout(event.checkout_id)
            except CheckoutNotFound:
                return "unknown_checkout"
            return services.paid(event, checkout)
        if event.kind is PaymentEventKind.SESSION_PAID:
            return self.fulfil(event)
        if event.kind is PaymentEventKind.REFUNDED:
            return self._refunded(event)
        if event.kind is PaymentEventKind.PAYMENT_METHOD_SAVED:
            return self._save_card(event)
        return "awaiting_payment"

    def _save_card(self, event: PaymentEvent) -> str:
        try:
            checkout = self._store.get_checkout(event.checkout_id)
        except CheckoutNotFound:
            return "unknown_checkout"
        customer_id = self._customers.ensure_customer(
            checkout.customer_email, checkout.customer_name, checkout.organisation_id
        )
        known = self._accounts.get(customer_id) if self._accounts and checkout.card_setup else None
        if known and known.provider_customer != event.provider_customer:
            return "customer_mismatch"  # a card replaced on someone else's provider account: not theirs
        self._remember(customer_id, event)
        return "payment_method_saved"

    def _remember(self, customer_id: str, event: PaymentEvent) -> None:
        if self._accounts and event.provider_customer:
            self._accounts.remember(customer_id, event.provider_customer, event.payment_method)

    def fulfil(self, event: PaymentEvent) -> str:
        """Every step is idempotent on its own, so a retry after a crash completes what is missing."""
        try:
            checkout = self._store.get_checkout(event.checkout_id)
        except CheckoutNotFound:
            return "unknown_checkout"  # not started by this product: nothing to fulfil, nothing to retry
        if checkout.card_setup:
            return "card_setup"  # saves a card, sells nothing: `payment_method_saved` does the work
        if not self._upgrades_still_held(checkout) and self._store.get_order(checkout.id) is None:
            return "upgrade_refused"  # paid but not delivered: staff refund it (the outcome is logged)
        customer_id = self._customers.ensure_customer(
            event.customer_email or checkout.customer_email,
            event.customer_name or checkout.customer_name,
            checkout.organisation_id,
        )
        self._remember(customer_id, event)
        draft = Order(
            checkout.id,
            event.session_id,
            event.payment_ref,
            customer_id,
            checkout.customer_email,
            checkout.lines,
            checkout.total,
            self._clock.now(),
            checkout.organisation_id,
        )
        order = self._store.add_order(replace(draft, license_ids=tuple(draft.line_license_ids())))
        self._once(order.id, "renewal", lambda: self._lifecycle.renew(order))
        keys = self._license_keys(order)
        self._store.link_payment(order.payment_ref, order.id)
        if self._store.refund_recorded(order.payment_ref):  # the refund overtook the payment
            self._admin.revoke_order(order.id, "refunded")
        self._once(order.id, "receipt", lambda: self._mailer.send(receipt_mail(order, keys, self._shop_url)))
        self._once(order.id, "ticket", lambda: self._tickets.open_new_order_ticket(new_order_ticket(order)))
        self._once(order.id, "lifecycle", lambda: self._lifecycle.start(order))
        self._once(order.id, "invoice", lambda: self._invoices.invoice_order(order, checkout.billing))
        if self._store.refund_recorded(order.payment_ref):  # looked at after invoicing: see refund()
            self._invoices.credit_order(order.id)
        return "fulfilled"

    def _license_keys(self, order: Order) -> list[str]:
        """Issue the new licenses and apply the upgrades (both idempotent); each line's key, in order."""
        keys = {lic.id: self._licensing.issue(lic) for lic in order.licenses()}
        for line in order.renewals():
            keys[str(line.renews)] = self._licensing.key_for(self._admin.get(str(line.renews)))
        for line in order.lines:
            if line.upgrade_of:  # a second delivery finds the edition already changed
                upgraded = self._admin.upgrade_edition(
                    line.upgrade_of, line.offer.edition, line.offer.max_activations
                )
                keys[line.upgrade_of] = upgraded[1]
            if line.changes_plan and line.renew_until:  # a second delivery finds the plan changed
                to = PlanChoice(line.offer.edition, line.offer.plan, line.offer.max_activations)
                keys[line.changes_plan] = self._admin.change_plan(line.changes_plan, to, line.renew_until)[1]
        return [keys[license_id] for license_id in order.line_license_ids()]

    def _refunded(self, event: PaymentEvent) -> str:
        """A payment the served services settled is theirs to reverse; a shop order is revoked when the whole
        payment is refunded (a partial refund of an order is staff's call)."""
        for services in self._services:
            outcome = services.refunded(event)
            if outcome is not None:
                return outcome
        return self.refund(event.payment_ref) if event.whole_refund else "partial_refund_ignored"

    def refund(self, payment_ref: str) -> str:
        # Record first, then look: fulfilment links first, then looks, so one of the two sees the other.
        self._store.record_refund(payment_ref)
        order_id = self._store.order_for_payment(payment_ref)
        if order_id is None:
            return "refund_recorded"
        self._admin.revoke_order(order_id, "refunded")
        self._invoices.credit_order(order_id)
        return "revoked"

    def _once(self, order_id: str, effect: str, action: Callable[[], object]) -> None:
        if not self._store.claim_effect(order_id, effect):
            return
        try:
            action()
        except Exception:
            self._store.release_effect(order_id, effect)
            raise
