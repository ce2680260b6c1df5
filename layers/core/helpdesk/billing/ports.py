"""The ports billing needs: invoices and their documents, rates, quotes, client accounts, time and mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.exchange import DailyRates, ExchangeRate
from helpdesk.billing.model.invoices import Invoice, InvoiceKind
from helpdesk.billing.model.quotes import Quote
from helpdesk.billing.model.receivables import Receivable
from helpdesk.billing.model.service_orders import OrderTask
from helpdesk.billing.model.time_invoices import TimeDraft
from helpdesk.billing.model.time_ledger import LedgerEntry, WorkedEntry
from helpdesk.commerce.public import CardRefund

HTML, PDF = "text/html; charset=utf-8", "application/pdf"


class InvoiceStore(Protocol):
    """Invoices with gap-free numbers: a number exists exactly when its invoice does."""

    def issue(self, draft: Invoice) -> Invoice:
        """Number `draft` with the next number of its kind's series in its year and store it, atomically;
        if its source already has an invoice of that kind, store nothing and return that one."""

    def for_source(self, source_id: str, kind: InvoiceKind) -> Invoice | None: ...

    def get(self, invoice_id: str) -> Invoice | None: ...

    def for_organisation(self, organisation_id: str) -> list[Invoice]:
        """Newest first."""

    def for_customer(self, customer_id: str) -> list[Invoice]:
        """Newest first."""

    def issued_between(self, start: date, end: date) -> list[Invoice]:
        """Issued on days start..end inclusive (UTC), oldest first."""


class InvoiceDocuments(Protocol):
    def put(self, key: str, html: str) -> None: ...

    def put_file(self, key: str, body: bytes, content_type: str) -> None: ...

    def download_url(self, key: str, filename: str, expires_in: int, content_type: str = HTML) -> str:
        """A short-lived URL of the stored document; NotFound if it is not stored."""


class ExchangeRates(Protocol):
    def rate(self, source: str, target: str, on: date) -> ExchangeRate:
        """The rate published on or before `on`; RateMissing if there is none."""


class QuoteStore(Protocol):
    def put(self, quote: Quote) -> None: ...

    def get(self, quote_id: str) -> Quote | None: ...

    def for_organisation(self, organisation_id: str) -> list[Quote]:
        """Newest first."""

    def replace(self, old: Quote, new: Quote) -> bool:
        """Store `new` only if the stored quote is still `old` (same status); False if it moved meanwhile."""


class ClientAccounts(Protocol):
    def get(self, organisation_id: str) -> ClientAccount | None: ...

    def put(self, account: ClientAccount) -> None: ...


class WorkedTime(Protocol):
    """Billable time logged on a client's tasks and tickets (implemented over those contexts)."""

    def billable(self, organisation_id: str, period: str) -> list[WorkedEntry]: ...


class TimeLedger(Protocol):
    """Approved time and which invoice holds it: the lock that keeps an entry off two invoices."""

    def approve(self, entries: list[LedgerEntry]) -> int:
        """Record entries not yet recorded (an entry is approved once); how many were new."""

    def entries(self, organisation_id: str, period: str) -> list[LedgerEntry]: ...

    def organisations(self, period: str) -> list[str]:
        """Organisations with approved time in the period."""

    def take(self, entry_ids: list[str], invoice_id: str) -> None:
        """All the entries now belong to `invoice_id`, or none does (EntryTaken); repeatable per id."""

    def release(self, entry_ids: list[str], invoice_id: str) -> None:
        """Free the entries `invoice_id` holds (a credit note)."""


class DraftStore(Protocol):
    def put(self, draft: TimeDraft) -> None: ...

    def get(self, draft_id: str) -> TimeDraft | None: ...

    def for_period(self, period: str) -> list[TimeDraft]:
        """Every organisation's drafts of the month, all revisions."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


class DocumentMailer(Protocol):
    def send(self, to: str, subject: str, text: str, attachments: list[Attachment]) -> None: ...


class ReceivableStore(Protocol):
    """Receivables of invoices for services; the open ones are listed without a scan."""

    def add(self, receivable: Receivable) -> Receivable:
        """Store it unless the invoice has one already; the stored one."""

    def get(self, invoice_id: str) -> Receivable | None: ...

    def save(self, receivable: Receivable) -> bool:
        """Store it if the stored version is `receivable.version - 1`; False if someone saved first."""

    def open(self) -> list[Receivable]:
        """Every receivable with money still owed, oldest invoice first."""

    def link_payment(self, payment_ref: str, invoice_id: str) -> None:
        """Remember which invoice a card payment pays (its refunds name the payment only)."""

    def invoice_for_payment(self, payment_ref: str) -> str | None: ...

    def hold_refund(self, payment_ref: str, refund: CardRefund, expires_at: int) -> None:
        """Keep a refund of a payment no invoice is linked to yet (its paid webhook may come later)."""

    def held_refunds(self, payment_ref: str) -> list[CardRefund]: ...


class RateFeed(Protocol):
    """A publication fetched over HTTP (locally: the same names answered from fixture files)."""

    def fetch(self, url: str) -> bytes:
        """The body; Unavailable when it cannot be fetched (the caller retries)."""


class RateFiles(Protocol):
    """A source's history file (the days it published, newest first)."""

    def load(self, key: str, base: str, publisher: str) -> list[DailyRates]: ...

    def save(self, key: str, history: list[DailyRates]) -> None: ...


class OnceClaims(Protocol):
    """One claim per effect key (a receipt mailed once): True for the first claim only."""

    def claim(self, key: str) -> bool: ...

    def release(self, key: str) -> None: ...


class OrderTasks(Protocol):
    """The tasks made from an order (implemented over the tasks context, a sibling of billing)."""

    def for_order(self, organisation_id: str, order_id: str) -> list[OrderTask]:
        """Only tasks of the organisation's own projects, in project and number order."""
