"""In-memory invoice store and documents, held to the same contract tests as the DynamoDB and S3 adapters."""

from __future__ import annotations

import threading
from datetime import date

from helpdesk.billing.model.invoices import Invoice, InvoiceKind, invoice_id_for
from helpdesk.kernel.errors import NotFound


class InMemoryInvoiceStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._invoices: dict[str, Invoice] = {}
        self._sources: dict[tuple[str, InvoiceKind], str] = {}
        self._counters: dict[tuple[str, int], int] = {}

    def issue(self, draft: Invoice) -> Invoice:
        if draft.id != invoice_id_for(draft.source_id, draft.kind):
            raise ValueError("an invoice's id derives from its source and kind")
        with self._lock:
            existing = self._sources.get((draft.source_id, draft.kind))
            if existing is not None:
                return self._invoices[existing]
            series = (draft.kind.series, draft.year)
            self._counters[series] = self._counters.get(series, 0) + 1
            invoice = draft.numbered(self._counters[series])
            self._invoices[invoice.id] = invoice
            self._sources[(draft.source_id, draft.kind)] = invoice.id
            return invoice

    def for_source(self, source_id: str, kind: InvoiceKind) -> Invoice | None:
        invoice_id = self._sources.get((source_id, kind))
        return self._invoices[invoice_id] if invoice_id else None

    def get(self, invoice_id: str) -> Invoice | None:
        return self._invoices.get(invoice_id)

    def _newest_first(self, wanted: list[Invoice]) -> list[Invoice]:
        return sorted(wanted, key=lambda i: (i.issued_at, i.id), reverse=True)

    def for_organisation(self, organisation_id: str) -> list[Invoice]:
        return self._newest_first(
            [i for i in self._invoices.values() if i.organisation_id == organisation_id]
        )

    def for_customer(self, customer_id: str) -> list[Invoice]:
        return self._newest_first([i for i in self._invoices.values() if i.customer_id == customer_id])

    def issued_between(self, start: date, end: date) -> list[Invoice]:
        found = [i for i in self._invoices.values() if start <= i.issued_at.date() <= end]
        return sorted(found, key=lambda i: (i.issued_at, i.id))


class InMemoryInvoiceDocuments:
    def __init__(self) -> None:
        self.documents: dict[str, str] = {}
        self.files: dict[str, tuple[bytes, str]] = {}

    def put(self, key: str, html: str) -> None:
        self.documents[key] = html

    def put_file(self, key: str, body: bytes, content_type: str) -> None:
        self.files[key] = (body, content_type)

    def download_url(self, key: str, filename: str, expires_in: int, content_type: str = "") -> str:
        if key not in self.documents and key not in self.files:
            raise NotFound(key)
        return f"memory://invoices/{key}?filename={filename}&expires_in={expires_in}"
