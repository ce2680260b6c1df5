"""Views of tax invoices and credit notes (cabinet, console) and of the sales report."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from helpdesk.domain.invoices import Invoice, InvoiceKind


class BuyerView(BaseModel):
    name: str
    company: str
    country: str
    vat_id: str


class InvoiceView(BaseModel):
    """Amounts in minor units; `accounting_*` in the agency's accounting currency at `exchange_rate`."""

    id: str
    number: str
    kind: str
    status: str
    order_id: str
    issued_at: datetime
    currency: str
    net: int
    tax: int
    total: int
    tax_rate: str  # percent
    tax_treatment: str
    tax_note: str
    accounting_currency: str
    accounting_net: int
    accounting_tax: int
    accounting_total: int
    exchange_rate: str
    credits_number: str | None
    buyer: BuyerView
    download: str  # the API path that answers a short-lived document URL

    @classmethod
    def of(cls, i: Invoice) -> InvoiceView:
        return cls(
            id=i.id,
            number=i.number,
            kind=i.kind.value,
            status="credited" if i.kind is InvoiceKind.CREDIT_NOTE else "paid",
            order_id=i.source_id,
            issued_at=i.issued_at,
            currency=i.currency,
            net=i.net,
            tax=i.tax_amount,
            total=i.total,
            tax_rate=f"{i.tax.rate.normalize():f}",
            tax_treatment=i.tax.treatment.value,
            tax_note=i.tax.note,
            accounting_currency=i.exchange.target,
            accounting_net=i.accounting_net,
            accounting_tax=i.accounting_tax,
            accounting_total=i.accounting_total,
            exchange_rate=f"{i.exchange.rate.normalize():f}",
            credits_number=i.credits_number,
            buyer=BuyerView(name=i.buyer.name, company=i.buyer.company, country=i.buyer.country,
                            vat_id=i.buyer.vat_id),
            download=f"/invoices/{i.id}/download",
        )  # fmt: skip


class InvoiceListView(BaseModel):
    items: list[InvoiceView]
    cursor: str | None = None
