"""Tax invoices and credit notes: parties, lines, VAT and the totals in the accounting currency (pure)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.commerce.public import (
    BillingDetails,
    Order,
    OrderLine,
    Party,
    TaxDecision,
    TaxRules,
    split_gross,
)
from helpdesk.kernel.errors import NotFound
from helpdesk.kernel.money import convert


class InvoiceNotFound(NotFound):
    """No invoice with this id (or not the caller's)."""


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"

    @property
    def series(self) -> str:
        """Each kind has its own gap-free sequence per calendar year."""
        return "INV" if self is InvoiceKind.INVOICE else "CN"


def invoice_number(kind: InvoiceKind, year: int, sequence: int) -> str:
    return f"{kind.series}-{year}-{sequence:06d}"


def invoice_id_for(source_id: str, kind: InvoiceKind) -> str:
    """Derived from what it invoices, so a retry names the same invoice and the store keeps one per source."""
    return "inv_" + hashlib.sha256(f"{kind.value}:{source_id}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    product: str
    edition: str
    manager: str
    net: int  # minor units of the invoice currency
    tax: int
    accounting_net: int  # minor units of the accounting currency
    accounting_tax: int

    @property
    def gross(self) -> int:
        return self.net + self.tax


@dataclass(frozen=True)
class Invoice:
    id: str
    number: str  # empty until the store allocates it
    kind: InvoiceKind
    source_id: str  # the order it invoices
    issued_at: datetime
    seller: Party
    buyer: Party
    currency: str
    lines: tuple[InvoiceLine, ...]
    tax: TaxDecision
    exchange: ExchangeRate  # invoice currency -> accounting currency, of the invoice date
    customer_id: str
    organisation_id: str | None = None
    credits_id: str | None = None  # a credit note's original invoice
    credits_number: str | None = None

    @property
    def year(self) -> int:
        return self.issued_at.year

    @property
    def document_key(self) -> str:
        return f"invoices/{self.year}/{self.id}.html"

    def numbered(self, sequence: int) -> Invoice:
        return replace(self, number=invoice_number(self.kind, self.year, sequence))

    @property
    def net(self) -> int:
        return sum(line.net for line in self.lines)

    @property
    def tax_amount(self) -> int:
        return sum(line.tax for line in self.lines)

    @property
    def total(self) -> int:
        return self.net + self.tax_amount

    @property
    def accounting_net(self) -> int:
        return sum(line.accounting_net for line in self.lines)

    @property
    def accounting_tax(self) -> int:
        return sum(line.accounting_tax for line in self.lines)

    @property
    def accounting_total(self) -> int:
        return self.accounting_net + self.accounting_tax


def _describe(line: OrderLine) -> str:
    what = f"upgrade to {line.offer.edition}" if line.upgrade_of else f"{line.offer.edition} edition"
    plan = "lifetime" if line.offer.term is None else line.offer.term.label
    if line.changes_plan:  # the proration, line by line, as Stripe's invoices show it
        parts = "; ".join(f"{p.description} {p.amount / 100:.2f}" for p in line.proration)
        return f"{line.offer.name}, plan change to {line.offer.edition} {line.offer.plan}: {parts}"
    several = f"{line.quantity} licenses, " if line.quantity > 1 else ""
    return f"{line.offer.name}, {several}{what}, {plan} ({', '.join(line.domains)})"


def invoice_for_order(
    invoice_id: str,
    order: Order,
    billing: BillingDetails | None,
    seller: Party,
    rules: TaxRules,
    exchange: ExchangeRate,
    issued_at: datetime,
) -> Invoice:
    """Each line's paid amount split into net and VAT, each converted on its own: reports add up by line."""
    details = billing or BillingDetails()
    tax = rules.decide(details.country, details.vat_id)
    lines = []
    for line in order.lines:
        net, vat = split_gross(line.amount, tax.rate)
        target = exchange.target
        lines.append(
            InvoiceLine(
                _describe(line),
                line.offer.product,
                line.offer.edition,
                line.offer.manager,
                net,
                vat,
                convert(net, order.total.currency, target, exchange.rate),
                convert(vat, order.total.currency, target, exchange.rate),
            )
        )
    buyer = Party(
        details.name or order.customer_email,
        details.company,
        details.country,
        details.vat_id,
        order.customer_email,
        details.address,
    )
    return Invoice(
        invoice_id,
        "",
        InvoiceKind.INVOICE,
        order.id,
        issued_at,
        seller,
        buyer,
        order.total.currency,
        tuple(lines),
        tax,
        exchange,
        order.customer_id,
        order.organisation_id,
    )


def credit_note_for(original: Invoice, credit_id: str, issued_at: datetime) -> Invoice:
    """Every amount negated, at the original's VAT and exchange rate, so the pair nets to exactly zero."""
    lines = tuple(
        replace(x, net=-x.net, tax=-x.tax, accounting_net=-x.accounting_net, accounting_tax=-x.accounting_tax)
        for x in original.lines
    )
    return replace(
        original,
        id=credit_id,
        number="",
        kind=InvoiceKind.CREDIT_NOTE,
        issued_at=issued_at,
        lines=lines,
        credits_id=original.id,
        credits_number=original.number,
    )
