"""Receivables of invoices for services: opened when an invoice is approved, paid by bank transfer (marked
by the accountant, in parts or whole), closed by a credit note, reminded weekly once due, aged."""

from __future__ import annotations

from datetime import date, timedelta

from helpdesk.billing.model.invoice_html import money
from helpdesk.billing.model.invoices import Invoice
from helpdesk.billing.model.receivables import (
    PAYMENT_TERM_DAYS,
    Payment,
    Receivable,
    ReceivableNotFound,
    Refund,
    ageing,
)
from helpdesk.billing.ports import DocumentMailer, ReceivableStore
from helpdesk.commerce.public import CardRefund
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict

ATTEMPTS = 20
HELD_REFUNDS = timedelta(days=30)


class Receivables:
    def __init__(
        self, store: ReceivableStore, mailer: DocumentMailer, clock: Clock, due_days: int = PAYMENT_TERM_DAYS
    ) -> None:
        self._store, self._mailer, self._clock, self._due_days = store, mailer, clock, due_days

    def open_for(self, invoice: Invoice, email: str) -> Receivable:
        issued = invoice.issued_at.date()
        return self._store.add(
            Receivable(
                invoice.id,
                invoice.number,
                invoice.organisation_id or "",
                email,
                invoice.currency,
                invoice.total,
                issued,
                issued + timedelta(days=self._due_days),
            )
        )

    def get(self, invoice_id: str) -> Receivable:
        found = self._store.get(invoice_id)
        if found is None:
            raise ReceivableNotFound("no receivable for this invoice")
        return found

    def record_payment(
        self, by: str, invoice_id: str, key: str, amount: int, received_on: date, reference: str
    ) -> Receivable:
        """A bank transfer as seen on the statement; `key` makes a retried click count once."""
        payment = Payment(key, amount, received_on, "bank_transfer", reference, by, self._clock.now())
        return self._change(invoice_id, lambda r: r.paying(payment))

    def record_card_payment(
        self, invoice_id: str, payment_ref: str, amount: int, received_on: date, by: str
    ) -> Receivable:
        """A card payment reported by the payment provider; the same payment reported again counts once."""
        payment = Payment(payment_ref, amount, received_on, "card", payment_ref, by, self._clock.now())
        return self._change(invoice_id, lambda r: r.paying(payment))

    def link_card_payment(self, payment_ref: str, invoice_id: str) -> None:
        self._store.link_payment(payment_ref, invoice_id)

    def invoice_for_payment(self, payment_ref: str) -> str | None:
        return self._store.invoice_for_payment(payment_ref)

    def hold_refunds(self, payment_ref: str, refunds: tuple[CardRefund, ...]) -> None:
        """Refunds of a payment no invoice is linked to yet, kept a month (Stripe retries for three days)."""
        expires_at = int((self._clock.now() + HELD_REFUNDS).timestamp())
        for refund in refunds:
            self._store.hold_refund(payment_ref, refund, expires_at)

    def held_refunds(self, payment_ref: str) -> list[CardRefund]:
        return self._store.held_refunds(payment_ref)

    def record_refund(self, invoice_id: str, refund: Refund) -> Receivable:
        """A refund of one of its card payments; the same refund reported again counts once."""
        return self._change(invoice_id, lambda r: r.refunding(refund))

    def refunded(self, invoice_id: str) -> int:
        found = self._store.get(invoice_id)
        return found.refunded if found else 0

    def credit(self, invoice_id: str) -> Receivable | None:
        if self._store.get(invoice_id) is None:
            return None
        return self._change(invoice_id, lambda r: r.closed_by_credit())

    def status_of(self, invoice: Invoice) -> str | None:
        """unpaid, partial, paid, partly_refunded, refunded or credited for an invoice with a receivable;
        None for shop invoices."""
        found = self._store.get(invoice.id) if invoice.source_id.startswith("td_") else None
        return found.status.value if found else None

    def aged(self) -> tuple[list[Receivable], dict[str, dict[str, int]], date]:
        today = self._clock.now().date()
        items = self._store.open()
        return items, ageing(items, today), today

    def remind(self) -> int:
        """Mail every client whose invoice is past due, at most once a week per invoice (marked first)."""
        today, sent = self._clock.now().date(), 0
        for r in self._store.open():
            if not r.reminder_due(today) or not r.email:
                continue
            if not self._store.save(r.reminded(today)):
                continue  # another run got it
            owed = money(r.outstanding, r.currency)
            text = (
                f"Hello,\n\ninvoice {r.number} of {r.issued_on} was due on {r.due_on}; "
                f"{owed} is still open.\n"
                "If you have paid meanwhile, thank you, and please ignore this reminder.\n"
            )
            self._mailer.send(r.email, f"Reminder: invoice {r.number}", text, [])
            sent += 1
        return sent

    def _change(self, invoice_id: str, change) -> Receivable:  # type: ignore[no-untyped-def]
        for _ in range(ATTEMPTS):
            current = self.get(invoice_id)
            changed = change(current)
            if changed is current or self._store.save(changed):
                return changed
        raise Conflict("the invoice's payments changed meanwhile; try again")
