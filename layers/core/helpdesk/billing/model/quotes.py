"""Quotes for services and the service orders they become (pure); amounts in the quote currency's minor units.

A line is a fixed `amount`, or `hours` at a `rate` per hour: hours x rate is rounded once per line, half away
from zero, to the minor unit (`kernel.money.round_minor`); the total is the sum of the rounded lines, so the
document always adds up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from helpdesk.kernel.errors import Conflict, Invalid, NotFound
from helpdesk.kernel.money import round_minor

MAX_LINES = 100
MAX_AMOUNT = 10**13  # minor units: far above any agency's quote, far below float trouble in browsers


class QuoteNotFound(NotFound):
    """No such quote (or not the caller's)."""


class QuoteStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"  # a service order exists
    PAID = "paid"  # paid by card; also a service order


@dataclass(frozen=True)
class QuoteLine:
    description: str
    amount: int  # minor units
    hours: Decimal | None = None
    rate: int | None = None  # minor units per hour

    @classmethod
    def priced(
        cls, description: str, hours: Decimal | None, rate: int | None, amount: int | None
    ) -> QuoteLine:
        if not description.strip():
            raise Invalid("every line needs a description")
        if (hours is None) != (rate is None):
            raise Invalid("a line has hours and a rate together, or neither")
        if hours is not None and rate is not None:
            if hours <= 0 or rate < 0:
                raise Invalid("hours must be positive and the rate not negative")
            computed = round_minor(hours * rate)
            if amount is not None and amount != computed:
                raise Invalid(f"amount {amount} is not hours x rate ({computed})")
            amount = computed
        if amount is None:
            raise Invalid("a line needs an amount, or hours and a rate")
        if not 0 <= amount <= MAX_AMOUNT:
            raise Invalid("a line's amount is between 0 and 10^13 minor units")
        return cls(description.strip(), amount, hours, rate)


@dataclass(frozen=True)
class Quote:
    id: str
    organisation_id: str
    currency: str
    lines: tuple[QuoteLine, ...]
    created_by: str
    created_at: datetime
    valid_until: date
    status: QuoteStatus = QuoteStatus.DRAFT
    sent_at: datetime | None = None
    accepted_by: str | None = None
    accepted_at: datetime | None = None
    payment_reference: str | None = None
    invoice_mailed: bool = False  # a card-paid quote's invoice reached the client (mailed at least once)

    def __post_init__(self) -> None:
        if not self.lines or len(self.lines) > MAX_LINES:
            raise Invalid(f"a quote has 1 to {MAX_LINES} lines")
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise Invalid("currency is a three-letter ISO 4217 code")

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def order_id(self) -> str | None:
        """The service order an accepted or paid quote became."""
        return f"so_{self.id.removeprefix('qt_')}" if self.status in _ORDERED else None

    @property
    def hourly_rate(self) -> int | None:
        """The rate of its first line priced by the hour: what the client's further time is billed at."""
        return next((line.rate for line in self.lines if line.rate is not None), None)

    def sent(self, at: datetime) -> Quote:
        if self.status not in (QuoteStatus.DRAFT, QuoteStatus.SENT):
            raise Conflict(f"quote is {self.status.value}: it cannot be sent again")
        return replace(self, status=QuoteStatus.SENT, sent_at=at)

    def accepted(self, by: str, at: datetime, payment_reference: str | None = None) -> Quote:
        """Sent, still valid and not yet ordered; the same acceptance again changes nothing."""
        if self.status in _ORDERED:
            if self.accepted_by == by or payment_reference and payment_reference == self.payment_reference:
                return self
            raise Conflict("this quote is already accepted")
        if self.status is not QuoteStatus.SENT:
            raise Conflict("only a sent quote can be accepted")
        if at.date() > self.valid_until:
            raise Conflict(f"this quote expired on {self.valid_until.isoformat()}")
        status = QuoteStatus.PAID if payment_reference else QuoteStatus.ACCEPTED
        return replace(
            self, status=status, accepted_by=by, accepted_at=at, payment_reference=payment_reference
        )

    def paid_by_card(self, by: str, at: datetime, payment_reference: str) -> Quote:
        """A verified payment settles the quote whatever its state (the money arrived): sent or accepted ->
        paid; the same payment again changes nothing; a second, different payment is QuotePaidTwice."""
        if self.status is QuoteStatus.PAID:
            if self.payment_reference == payment_reference:
                return self
            raise QuotePaidTwice(f"quote {self.id} was paid by {self.payment_reference} already")
        return replace(self, status=QuoteStatus.PAID, accepted_by=self.accepted_by or by,
                       accepted_at=self.accepted_at or at, payment_reference=payment_reference)  # fmt: skip


class QuotePaidTwice(Conflict):
    """A second payment of a paid quote: refund it by hand."""


_ORDERED = (QuoteStatus.ACCEPTED, QuoteStatus.PAID)
