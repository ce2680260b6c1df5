"""Views of tax invoices and credit notes (cabinet, console) and of the sales report."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.billing.model.invoices import Invoice, InvoiceKind
from helpdesk.billing.model.sales import SalesGroup, SalesRow


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
    exchange_date: date  # the rate's publication day
    exchange_source: str  # whose reference rate (ECB, CBR, fixed)
    credits_number: str | None
    buyer: BuyerView
    download: str  # the API path that answers a short-lived document URL

    @classmethod
    def of(cls, i: Invoice, status: str | None = None) -> InvoiceView:
        """`status`: a receivable's (invoices for services); shop invoices are paid at checkout."""
        return cls(
            id=i.id,
            number=i.number,
            kind=i.kind.value,
            status=status or ("credited" if i.kind is InvoiceKind.CREDIT_NOTE else "paid"),
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
            exchange_date=i.exchange.published,
            exchange_source=i.exchange.publisher,
            credits_number=i.credits_number,
            buyer=BuyerView(name=i.buyer.name, company=i.buyer.company, country=i.buyer.country,
                            vat_id=i.buyer.vat_id),
            download=f"/invoices/{i.id}/download",
        )  # fmt: skip


class InvoiceListView(BaseModel):
    items: list[InvoiceView]
    cursor: str | None = None


class SalesReportQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: date = Field(alias="from")
    end: date = Field(alias="to")
    group: SalesGroup = SalesGroup.PRODUCT


class SalesRowView(BaseModel):
    key: str
    label: str
    documents: int
    net: int
    tax: int
    total: int

    @classmethod
    def of(cls, r: SalesRow) -> SalesRowView:
        return cls(key=r.key, label=r.label, documents=r.documents, net=r.net, tax=r.tax, total=r.total)


class SalesReportView(BaseModel):
    """Amounts in minor units of `currency`, the accounting currency."""

    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    group: str
    currency: str
    rows: list[SalesRowView]
    net: int
    tax: int
    total: int

    @classmethod
    def of(cls, query: SalesReportQuery, currency: str, rows: list[SalesRow]) -> SalesReportView:
        return cls(
            start=query.start,
            end=query.end,
            group=query.group.value,
            currency=currency,
            rows=[SalesRowView.of(r) for r in rows],
            net=sum(r.net for r in rows),
            tax=sum(r.tax for r in rows),
            total=sum(r.total for r in rows),
        )
