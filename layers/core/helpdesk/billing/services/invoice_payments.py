"""An issued invoice for services paid by card in the cabinet: the client opens the shop's Stripe Checkout for
what the invoice still owes; the paid webhook (routed here by commerce's checkout, `ServicePayments`) records
the card payment on its receivable and mails a receipt, once however often it is reported; a refund of that
payment is reversed by `InvoiceRefunds`."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk.billing.model.invoice_html import money
from helpdesk.billing.model.invoices import Invoice
from helpdesk.billing.model.receivables import Receivable, ReceivableNotFound
from helpdesk.billing.ports import DocumentMailer, InvoiceStore, OnceClaims
from helpdesk.billing.services.invoice_refunds import InvoiceRefunds
from helpdesk.billing.services.invoices import InvoiceService
from helpdesk.billing.services.receivables import Receivables
from helpdesk.commerce.public import Checkout, Offer, OrderLine, PaymentEvent, PaymentSession
from helpdesk.identity.public import Principal
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict, Invalid
from helpdesk.licensing.public import Money

PREFIX = "ip_"
StartPayment = Callable[[Checkout, str, str], PaymentSession]


def checkout_id(invoice: Invoice, amount: int) -> str:
    """One checkout per invoice and amount owed: a second click pays the same session; after a partial bank
    transfer the next click opens a new one for what is left."""
    return f"{PREFIX}{invoice.id.removeprefix('inv_')}_{amount}"


def invoice_id_of(checkout_id: str) -> str:
    return "inv_" + checkout_id.removeprefix(PREFIX).rsplit("_", 1)[0]


class InvoicePayments:
    def __init__(
        self,
        invoices: InvoiceService,
        store: InvoiceStore,
        receivables: Receivables,
        clock: Clock,
        start_payment: StartPayment,
        cabinet_url: str,
        mailer: DocumentMailer,
        receipts: OnceClaims,
        refunds: InvoiceRefunds | None = None,
    ) -> None:
        self._invoices, self._store, self._receivables = invoices, store, receivables
        self._clock, self._start, self._cabinet_url = clock, start_payment, cabinet_url
        self._mailer, self._receipts, self._refunds = mailer, receipts, refunds

    def start(self, caller: Principal, invoice_id: str) -> PaymentSession:
        """A payment of what the caller's invoice still owes; foreign or unknown: InvoiceNotFound."""
        invoice = self._invoices.visible(caller, invoice_id)
        try:
            receivable = self._receivables.get(invoice.id)
        except ReceivableNotFound:
            raise Conflict("this invoice was paid at checkout") from None
        if not receivable.open:
            raise Conflict("nothing is owed on this invoice")
        amount = Money(receivable.outstanding, invoice.currency)
        offer = Offer("services", "invoice", f"Invoice {invoice.number}", amount, "")
        checkout = Checkout(checkout_id(invoice, amount.amount), caller.email or receivable.email,
                            caller.name or "", (OrderLine(offer, ()),), self._clock.now(),
                            invoice.organisation_id)  # fmt: skip
        back = f"{self._cabinet_url}/#/invoices"
        return self._start(checkout, back, back)

    def handles(self, checkout_id: str) -> bool:
        return checkout_id.startswith(PREFIX)

    def paid(self, event: PaymentEvent, checkout: Checkout) -> str:
        """Only a payment of exactly what the checkout asked, in the invoice's currency, of the checkout's own
        organisation's invoice counts; the other outcomes are logged by the webhook and refunded by hand."""
        invoice = self._store.get(invoice_id_of(checkout.id))
        if invoice is None:
            return "unknown_invoice"
        if invoice.organisation_id != checkout.organisation_id:
            return "foreign_invoice"
        if checkout.total.currency != invoice.currency or not event.pays(checkout.total):
            return "amount_mismatch"
        by = event.customer_email or checkout.customer_email
        self._receivables.link_card_payment(event.payment_ref, invoice.id)  # before: a refund may follow soon
        try:
            receivable = self._receivables.record_card_payment(
                invoice.id, event.payment_ref, checkout.total.amount, self._clock.now().date(), by
            )
        except Invalid:
            return "invoice_overpaid"  # paid by transfer meanwhile
        except Conflict:
            return "invoice_credited"
        if self._refunds:
            self._refunds.settle_held(invoice, event.payment_ref)
        self._mail_receipt(receivable, event.payment_ref, checkout.total)
        return "invoice_paid"

    def refunded(self, event: PaymentEvent) -> str | None:
        return self._refunds.reverse(event) if self._refunds else None

    def _mail_receipt(self, receivable: Receivable, payment_ref: str, paid: Money) -> None:
        if not receivable.email or not self._receipts.claim(f"invoice-receipt:{payment_ref}"):
            return
        left = receivable.outstanding
        owed = (
            f"{money(left, receivable.currency)} is still open." if left else "The invoice is paid in full."
        )
        text = (
            f"Hello,\n\nwe received your card payment of {money(paid.amount, paid.currency)} for invoice "
            f"{receivable.number}. Thank you.\n{owed}\n\nYour invoices: {self._cabinet_url}/#/invoices\n"
        )
        try:
            self._mailer.send(receivable.email, f"Receipt: invoice {receivable.number} paid", text, [])
        except Exception:
            self._receipts.release(f"invoice-receipt:{payment_ref}")  # Stripe's retry sends it
            raise
