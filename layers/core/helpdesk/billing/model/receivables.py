"""What clients owe on invoices for services: payments (bank transfers marked by the accountant, partial or
whole), what is left, reminders once due, and ageing by days since the invoice date (pure)."""

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


class PaymentStatus(StrEnum):
    UNPAID = "unpaid"
    PARTIAL = "partial"
    PAID = "paid"
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

    @property
    def paid(self) -> int:
        return sum(p.amount for p in self.payments)

    @property
    def outstanding(self) -> int:
        return 0 if self.credited else self.total - self.paid

    @property
    def status(self) -> PaymentStatus:
        if self.credited:
            return PaymentStatus.CREDITED
        if self.outstanding == 0:
            return PaymentStatus.PAID
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
