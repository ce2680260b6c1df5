"""Payments and the receivables view (amounts in minor units of each invoice's currency)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.billing.model.receivables import BUCKETS, Receivable, bucket


class PaymentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(min_length=1, max_length=100)  # the browser's id of this click: a retry counts once
    amount: int = Field(gt=0)
    received_on: date
    reference: str = Field(default="", max_length=200)


class ReceivableView(BaseModel):
    invoice_id: str
    number: str
    organisation_id: str
    currency: str
    total: int
    paid: int
    refunded: int  # given back by card refunds (each with its credit note)
    outstanding: int
    status: str
    issued_on: date
    due_on: date
    age_days: int
    bucket: str

    @classmethod
    def of(cls, r: Receivable, today: date) -> ReceivableView:
        return cls(invoice_id=r.invoice_id, number=r.number, organisation_id=r.organisation_id,
                   currency=r.currency, total=r.total, paid=r.paid, refunded=r.refunded,
                   outstanding=r.outstanding,
                   status=r.status.value, issued_on=r.issued_on, due_on=r.due_on, age_days=r.age(today),
                   bucket=bucket(r.age(today)))  # fmt: skip


class AgeingRowView(BaseModel):
    currency: str
    buckets: dict[str, int]  # "0-30", "31-60", "61-90", "90+" -> outstanding minor units
    total: int


class ReceivablesView(BaseModel):
    today: date
    buckets: list[str] = list(BUCKETS)
    ageing: list[AgeingRowView]
    items: list[ReceivableView]

    @classmethod
    def of(cls, items: list[Receivable], ageing: dict[str, dict[str, int]], today: date) -> ReceivablesView:
        rows = [
            AgeingRowView(currency=c, buckets=b, total=sum(b.values())) for c, b in sorted(ageing.items())
        ]
        return cls(today=today, ageing=rows, items=[ReceivableView.of(r, today) for r in items])
