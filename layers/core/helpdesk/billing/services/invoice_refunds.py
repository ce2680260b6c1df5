"""Card refunds of invoices for services: when Stripe reports a refund of a payment that paid an invoice, the
refund is recorded on the invoice's receivable once per refund id and gets its credit note (which the reports
count like a shop order's), however often and by whichever event it is reported."""

from __future__ import annotations

from helpdesk.billing.model.invoices import Invoice, InvoiceKind
from helpdesk.billing.model.receivables import Receivable, Refund, RefundRefused
from helpdesk.billing.model.refunds import refund_credit_note
from helpdesk.billing.ports import InvoiceStore
from helpdesk.billing.services.invoices import InvoiceService
from helpdesk.billing.services.receivables import Receivables
from helpdesk.commerce.public import CardRefund, PaymentEvent
from helpdesk.kernel.clock import Clock

CREDIT_NOTE = InvoiceKind.CREDIT_NOTE
# What a refund came to, most telling first: the webhook logs the first one among its refunds.
OUTCOMES = ("refund_currency_mismatch", "refund_refused", "invoice_refunded", "refund_recorded_credited",
            "duplicate_refund", "refund_not_settled")  # fmt: skip


class InvoiceRefunds:
    def __init__(
        self, invoices: InvoiceService, store: InvoiceStore, receivables: Receivables, clock: Clock
    ) -> None:
        self._invoices, self._store, self._receivables, self._clock = invoices, store, receivables, clock

    def reverse(self, event: PaymentEvent) -> str | None:
        """None when the payment paid no invoice for services (the shop's refund path takes it). Its refunds
        are held meanwhile: Stripe does not order webhooks, so the payment may be reported after them."""
        invoice_id = self._receivables.invoice_for_payment(event.payment_ref)
        invoice = self._store.get(invoice_id) if invoice_id else None
        if invoice is None:
            self._receivables.hold_refunds(event.payment_ref, event.refunds)
            return None
        if not event.refunds:
            return "refund_without_id"  # a charge event of a newer API version: its `refund.*` event counts
        outcomes = {self._one(invoice, event.payment_ref, r) for r in event.refunds}
        return next(o for o in OUTCOMES if o in outcomes)

    def settle_held(self, invoice: Invoice, payment_ref: str) -> None:
        """Reverse the refunds reported before the payment was (once each, as always)."""
        for refund in self._receivables.held_refunds(payment_ref):
            self._one(invoice, payment_ref, refund)

    def _one(self, invoice: Invoice, payment_ref: str, reported: CardRefund) -> str:
        if not reported.counts:
            return "refund_not_settled"  # failed or canceled: no money went back
        if reported.currency != invoice.currency:
            return "refund_currency_mismatch"
        now = self._clock.now()
        refund = Refund(reported.id, payment_ref, reported.amount, now.date(), now)
        known = any(r.id == refund.id for r in self._receivables.get(invoice.id).refunds)
        try:
            receivable = self._receivables.record_refund(invoice.id, refund)
        except RefundRefused:
            return "refund_refused"
        if receivable.credited:
            return "refund_recorded_credited"  # the whole invoice was credited already: no second note
        self._credit(invoice, receivable, refund.id)
        return "duplicate_refund" if known else "invoice_refunded"

    def _credit(self, invoice: Invoice, receivable: Receivable, reported: str) -> None:
        """The reported refund's note (its document rewritten on a repeat) and any an earlier, interrupted
        delivery left unissued."""
        for refund in receivable.refunds:
            if refund.id == reported or self._store.for_source(refund.credit_source, CREDIT_NOTE) is None:
                before = receivable.refunded_before(refund.id)
                self._invoices.issue_credit(refund_credit_note(invoice, refund, before, refund.recorded_at))
