"""The ports invoicing needs: the numbered invoice store, the document store and the exchange rates."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.billing.model.invoices import Invoice, InvoiceKind


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

    def download_url(self, key: str, filename: str, expires_in: int) -> str:
        """A short-lived URL of the stored document; NotFound if it is not stored."""


class ExchangeRates(Protocol):
    def rate(self, source: str, target: str, on: date) -> ExchangeRate:
        """The rate published on or before `on`; RateMissing if there is none."""
