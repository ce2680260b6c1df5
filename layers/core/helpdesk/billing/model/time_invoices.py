"""Drafts of invoices for a client's approved time in a month, and the tax invoice an approved draft becomes.

Rounding (documented in docs/billing.md): each task's or ticket's minutes x the hourly rate / 60 is rounded
once, half away from zero, to the minor unit; VAT is that net x rate / 100, rounded the same way per line;
totals are sums of lines. Services are priced net (unlike the shop's tax-inclusive catalogue).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.billing.model.invoices import Invoice, InvoiceKind, InvoiceLine
from helpdesk.billing.model.time_ledger import LedgerEntry
from helpdesk.commerce.public import Party, TaxRules
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.kernel.money import convert, exponent, round_minor


class DraftNotFound(NotFound):
    """No such invoice draft."""


class DraftStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"  # invoiced: its entries are locked
    CREDITED = "credited"  # its invoice got a credit note: its entries are free again


@dataclass(frozen=True)
class DraftLine:
    reference: str  # ACME-12 or the ticket number
    description: str
    minutes: int
    amount: int  # net, minor units

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class TimeDraft:
    id: str
    organisation_id: str
    period: str  # YYYY-MM
    revision: int  # a new one once the previous revision is invoiced (late approvals, credited time)
    currency: str
    hourly_rate: int
    entry_ids: tuple[str, ...]
    lines: tuple[DraftLine, ...]
    proposed_at: datetime
    status: DraftStatus = DraftStatus.PROPOSED
    approved_by: str | None = None
    invoice_id: str | None = None

    @property
    def net(self) -> int:
        return sum(line.amount for line in self.lines)


def draft_id(organisation_id: str, period: str, revision: int) -> str:
    return f"td_{organisation_id}_{period}_{revision}"


def draft_lines(entries: list[LedgerEntry], hourly_rate: int) -> tuple[DraftLine, ...]:
    """One line per task or ticket, its minutes summed before pricing (one rounding per line)."""
    minutes: dict[str, int] = defaultdict(int)
    titles: dict[str, str] = {}
    for e in sorted(entries, key=lambda x: (x.entry.reference, x.entry.at)):
        minutes[e.entry.reference] += e.entry.minutes
        titles.setdefault(e.entry.reference, e.entry.description)
    return tuple(
        DraftLine(ref, titles[ref], m, round_minor(Decimal(m) * hourly_rate / 60))
        for ref, m in minutes.items()
    )


def propose(
    organisation_id: str,
    period: str,
    revision: int,
    account: ClientAccount,
    entries: list[LedgerEntry],
    at: datetime,
) -> TimeDraft:
    if account.hourly_rate is None:
        raise Invalid(f"{organisation_id} has no hourly rate: accept a quote or set its billing account")
    ids = tuple(sorted(e.id for e in entries))
    lines = draft_lines(entries, account.hourly_rate)
    return TimeDraft(
        draft_id(organisation_id, period, revision), organisation_id, period, revision, account.currency,
        account.hourly_rate, ids, lines, at,
    )  # fmt: skip


def invoice_for_draft(
    invoice_id: str,
    draft: TimeDraft,
    account: ClientAccount,
    seller: Party,
    rules: TaxRules,
    exchange: ExchangeRate,
    issued_at: datetime,
    customer_id: str,
) -> Invoice:
    rate = f"{Decimal(draft.hourly_rate).scaleb(-exponent(draft.currency)):f}"
    described = [
        (f"{x.reference} {x.description}: {x.hours} h at {rate} {draft.currency}/h", x.amount)
        for x in draft.lines
    ]
    return services_invoice(
        invoice_id,
        draft.id,
        draft.currency,
        described,
        account,
        seller,
        rules,
        exchange,
        issued_at,
        customer_id,
    )


def services_invoice(
    invoice_id: str,
    source_id: str,
    currency: str,
    lines: list[tuple[str, int]],
    account: ClientAccount,
    seller: Party,
    rules: TaxRules,
    exchange: ExchangeRate,
    issued_at: datetime,
    customer_id: str,
) -> Invoice:
    """Net-priced lines (description, net minor units) with VAT added per line as documented above."""
    tax = rules.decide(account.country, account.vat_id)
    invoice_lines = []
    for description, net in lines:
        vat = vat_on(net, tax.rate)
        invoice_lines.append(
            InvoiceLine(
                description, "services", "time", "", net, vat,
                convert(net, currency, exchange.target, exchange.rate),
                convert(vat, currency, exchange.target, exchange.rate),
            )
        )  # fmt: skip
    return Invoice(
        invoice_id, "", InvoiceKind.INVOICE, source_id, issued_at, seller, account.party, currency,
        tuple(invoice_lines), tax, exchange, customer_id, account.organisation_id,
    )  # fmt: skip


def vat_on(net: int, rate: Decimal) -> int:
    return round_minor(Decimal(net) * rate / 100)
