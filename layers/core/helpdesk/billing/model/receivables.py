"""What clients owe on invoices for services: payments (bank transfers marked by the accountant, partial or
whole, and card payments), refunds of card payments, what is left, reminders once due, and ageing by days
since the invoice date (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from helpdesk.kernel.errors import Conflict, Invalid, NotFound

BUCKETS = ("0-30", "31-60", "61-90", "90+")
REMIND_EVERY = timedelta(days=7)
PAYMENT_TERM_DAYS = 14  # an invoice for services is due this many days after its date


class ReceivableNotFound(NotFound):
    """No open or closed receivable for this invoice."""


class RefundRefused(Invalid):
    """A refund of no recorded card payment, or of more than that payment has left."""


class PaymentStatus(StrEnum):
    UNPAID = "unpaid"
    PARTIAL = "partial"
    PAID = "paid"
    PARTLY_REFUNDED = "partly_refunded"  # paid, part of it given back (a credit note per refund)
    REFUNDED = "refunded"  # all of it given back
    CREDITED = "credited"


@dataclass(frozen=True)
class Payment:
    id: str  # the caller's idempotency key: the same payment recorded twice counts once
    amount: int  # minor units of the invoice currency
    received_on: date
    method: str  # bank_transfer or card
    reference: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class Refund:
    """Money of a card payment given back; each refund comes with its credit note, so what is owed stays."""

    id: str  # the provider's refund id (`re_...`): reported again, it counts once
    payment_id: str  # the card payment it gives money back of
    amount: int  # minor units of the invoice currency
    refunded_on: date
    recorded_at: datetime

    @property
    def credit_source(self) -> str:
        """What its credit note is issued for (one credit note per refund)."""
        return f"refund:{self.id}"


@dataclass(frozen=True)
class Receivable:
    invoice_id: str
    number: str
    organisation_id: str
    email: str
    currency: str
    total: int
    issued_on: date
    due_on: date
    payments: tuple[Payment, ...] = ()
    credited: bool = False
    last_reminded: date | None = None
    version: int = 0
    refunds: tuple[Refund, ...] = ()

    @property
    def paid(self) -> int:
        return sum(p.amount for p in self.payments)

    @property
    def refunded(self) -> int:
        return sum(r.amount for r in self.refunds)

    @property
    def outstanding(self) -> int:
        return 0 if self.credited else self.total - self.paid

    @property
    def status(self) -> PaymentStatus:
        if self.credited:
            return PaymentStatus.CREDITED
        if self.refunds and self.refunded >= self.total:
            return PaymentStatus.REFUNDED
        if self.outstanding == 0:
            return PaymentStatus.PARTLY_REFUNDED if self.refunds else PaymentStatus.PAID
        return PaymentStatus.PARTIAL if self.payments else PaymentStatus.UNPAID

    @property
    def open(self) -> bool:
        return self.outstanding > 0

    def paying(self, payment: Payment) -> Receivable:
        if any(p.id == payment.id for p in self.payments):
            return self
        if self.credited:
            raise Conflict("the invoice was credited: nothing is owed")
        if not 0 < payment.amount <= self.outstanding:
            raise Invalid(f"a payment is between 1 and the {self.outstanding} minor units still owed")
        return replace(self, payments=(*self.payments, payment), version=self.version + 1)

    def refunding(self, refund: Refund) -> Receivable:
        """Record a refund of one of its card payments once; never more than that payment has left."""
        if any(r.id == refund.id for r in self.refunds):
            return self
        card = next((p for p in self.payments if p.id == refund.payment_id and p.method == "card"), None)
        if card is None:
            raise RefundRefused("no card payment of this invoice to refund")
        left = card.amount - sum(r.amount for r in self.refunds if r.payment_id == card.id)
        if not 0 < refund.amount <= left:
            raise RefundRefused(
                f"a refund of this payment is between 1 and the {left} minor units it has left"
            )
        return replace(self, refunds=(*self.refunds, refund), version=self.version + 1)

    def refunded_before(self, refund_id: str) -> int:
        """What the refunds recorded before this one gave back (its credit note continues from there)."""
        ids = [r.id for r in self.refunds]
        return sum(r.amount for r in self.refunds[: ids.index(refund_id)])

    def closed_by_credit(self) -> Receivable:
        return self if self.credited else replace(self, credited=True, version=self.version + 1)

    def reminder_due(self, today: date) -> bool:
        if not self.open or today <= self.due_on:
            return False
        return self.last_reminded is None or today - self.last_reminded >= REMIND_EVERY

    def reminded(self, today: date) -> Receivable:
        return replace(self, last_reminded=today, version=self.version + 1)

    def age(self, today: date) -> int:
        return max(0, (today - self.issued_on).days)


def bucket(age_days: int) -> str:
    """Days since the invoice date: 0-30, 31-60, 61-90, 90+."""
    if age_days <= 30:
        return BUCKETS[0]
    if age_days <= 60:
        return BUCKETS[1]
    return BUCKETS[2] if age_days <= 90 else BUCKETS[3]


def ageing(open_items: list[Receivable], today: date) -> dict[str, dict[str, int]]:
    """Outstanding minor units per currency and bucket (every bucket present, zero when empty)."""
    totals: dict[str, dict[str, int]] = {}
    for r in open_items:
        row = totals.setdefault(r.currency, dict.fromkeys(BUCKETS, 0))
        row[bucket(r.age(today))] += r.outstanding
    return totals
