"""Quote and client-account bodies and answers. Amounts are integers in minor units of the currency."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.quotes import Quote, QuoteLine
from helpdesk.billing.model.service_orders import service_order_name


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuoteLineBody(_Body):
    description: str = Field(max_length=500)
    hours: Decimal | None = Field(default=None, max_digits=8, decimal_places=3)
    rate: int | None = None  # minor units per hour
    amount: int | None = None  # minor units

    def line(self) -> QuoteLine:
        return QuoteLine.priced(self.description, self.hours, self.rate, self.amount)


class CreateQuoteRequest(_Body):
    organisation: str = Field(min_length=1, max_length=100)
    currency: str = Field(pattern=r"^[A-Za-z]{3}$")
    lines: list[QuoteLineBody] = Field(min_length=1, max_length=100)
    valid_days: int = Field(default=30, ge=1, le=365)


class QuoteCreatedView(BaseModel):
    id: str


class QuoteLineView(BaseModel):
    description: str
    hours: str | None
    rate: int | None
    amount: int


class QuoteView(BaseModel):
    id: str
    organisation_id: str
    currency: str
    status: str
    total: int
    valid_until: date
    created_at: datetime
    sent_at: datetime | None
    accepted_by: str | None
    order_id: str | None  # the service order, once accepted or paid
    order_label: str | None  # the service order as people read it
    lines: list[QuoteLineView]

    @classmethod
    def of(cls, q: Quote) -> QuoteView:
        lines = [QuoteLineView(description=x.description, hours=None if x.hours is None else f"{x.hours:f}",
                               rate=x.rate, amount=x.amount) for x in q.lines]  # fmt: skip
        return cls(
            id=q.id, organisation_id=q.organisation_id, currency=q.currency, status=q.status.value,
            total=q.total, valid_until=q.valid_until, created_at=q.created_at, sent_at=q.sent_at,
            accepted_by=q.accepted_by, order_id=q.order_id, lines=lines,
            order_label=service_order_name(q.order_id) if q.order_id else None,
        )  # fmt: skip


class QuoteListView(BaseModel):
    items: list[QuoteView]


class ClientAccountBody(_Body):
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    name: str = Field(default="", max_length=200)
    company: str = Field(default="", max_length=200)
    address: list[str] = Field(default_factory=list, max_length=6)
    country: str = Field(default="", pattern=r"^([A-Za-z]{2})?$")
    vat_id: str = Field(default="", max_length=20)
    currency: str = Field(default="EUR", pattern=r"^[A-Za-z]{3}$")
    hourly_rate: int | None = Field(default=None, ge=0)

    def account(self, organisation_id: str) -> ClientAccount:
        return ClientAccount(
            organisation_id, self.email, self.name, self.company, tuple(self.address), self.country.upper(),
            self.vat_id, self.currency.upper(), self.hourly_rate,
        )  # fmt: skip


class ClientAccountView(ClientAccountBody):
    organisation_id: str

    @classmethod
    def of(cls, a: ClientAccount) -> ClientAccountView:
        return cls(organisation_id=a.organisation_id, email=a.email, name=a.name, company=a.company,
                   address=list(a.address), country=a.country, vat_id=a.vat_id, currency=a.currency,
                   hourly_rate=a.hourly_rate)  # fmt: skip


class PaymentSessionView(BaseModel):
    """Where the browser goes to pay (Stripe Checkout, or the local payment page)."""

    url: str
    session_id: str
