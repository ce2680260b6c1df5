"""Invoicing: one numbered tax invoice per paid order, one credit note per refund, their documents in S3.

Both are safe to repeat: the store returns the existing invoice of a source, and the document is rewritten
with the same content, so a retried webhook completes what a failed one left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from helpdesk.billing.model.documents import DocumentFormat, Sheet, invoice_sheet, sheet_html
from helpdesk.billing.model.invoice_html import invoice_html
from helpdesk.billing.model.invoices import (
    Invoice,
    InvoiceKind,
    InvoiceNotFound,
    credit_note_for,
    invoice_for_order,
    invoice_id_for,
)
from helpdesk.billing.model.sales import SalesGroup, SalesRow, sales_by
from helpdesk.billing.ports import PDF, ExchangeRates, InvoiceDocuments, InvoiceStore
from helpdesk.commerce.public import BillingDetails, Order, Party, TaxRules
from helpdesk.identity.public import Principal, ensure_can_see, organisation_scope
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.public import customer_id_for


@dataclass(frozen=True)
class InvoicePolicy:
    seller: Party
    rules: TaxRules
    accounting_currency: str
    url_expiry_seconds: int = 300


class InvoiceService:
    def __init__(
        self,
        store: InvoiceStore,
        documents: InvoiceDocuments,
        rates: ExchangeRates,
        policy: InvoicePolicy,
        clock: Clock,
        product_name: Callable[[str], str] = str,
        render_pdf: Callable[[Sheet], bytes] | None = None,
    ) -> None:
        """`product_name`: the catalogue's name of a product slug, for the sales report's rows;
        `render_pdf`: a document's PDF (without it only HTML is offered)."""
        self._store, self._documents, self._rates = store, documents, rates
        self._policy, self._clock, self._product_name = policy, clock, product_name
        self._render_pdf = render_pdf

    def invoice_order(self, order: Order, billing: BillingDetails | None = None) -> Invoice:
        """The order's invoice, issued on first call at the rate of the issue date (RateMissing if none).

        Without billing details (a renewal, a buyer who typed none this time) the customer's last ones apply.
        """
        invoice = self._store.for_source(order.id, InvoiceKind.INVOICE)
        if invoice is None:
            billing = billing or self.last_billing(order.customer_id)
            now, p = self._clock.now(), self._policy
            exchange = self._rates.rate(order.total.currency, p.accounting_currency, now.date())
            invoice_id = invoice_id_for(order.id, InvoiceKind.INVOICE)
            draft = invoice_for_order(invoice_id, order, billing, p.seller, p.rules, exchange, now)
            invoice = self._store.issue(draft)
        self._documents.put(invoice.document_key, invoice_html(invoice))
        return invoice

    def credit_order(self, order_id: str) -> Invoice | None:
        """The credit note of a refunded order's invoice; None while the order has no invoice yet."""
        original = self._store.for_source(order_id, InvoiceKind.INVOICE)
        if original is None:
            return None  # fulfilment credits it right after invoicing, once it sees the refund
        credit = self._store.for_source(order_id, InvoiceKind.CREDIT_NOTE)
        if credit is None:
            credit_id = invoice_id_for(order_id, InvoiceKind.CREDIT_NOTE)
            credit = self._store.issue(credit_note_for(original, credit_id, self._clock.now()))
        self._documents.put(credit.document_key, invoice_html(credit))
        return credit

    def issue_credit(self, credit: Invoice) -> Invoice:
        """Issue a credit note (once per source) and store its document; the PDF is made on first download."""
        issued = self._store.issue(credit)
        self._documents.put(issued.document_key, invoice_html(issued))
        return issued

    def visible_to(self, caller: Principal, customer_id: str | None = None) -> list[Invoice]:
        """A customer's organisation's invoices and their own (guest purchases too); staff name a customer."""
        organisation = organisation_scope(caller)
        if organisation is None:
            return self._store.for_customer(customer_id) if customer_id else []
        found = {i.id: i for i in self._store.for_organisation(organisation)}
        for invoice in self._store.for_customer(_own(caller)):
            found.setdefault(invoice.id, invoice)
        return sorted(found.values(), key=lambda i: (i.issued_at, i.id), reverse=True)

    def for_customer(self, customer_id: str) -> list[Invoice]:
        return self._store.for_customer(customer_id)

    def listed(self, period: str | None, organisation_id: str | None) -> list[Invoice]:
        """Staff's list, newest first: an organisation's, or those issued in a month (default: this one)."""
        if organisation_id:
            found = self._store.for_organisation(organisation_id)
            return [i for i in found if period is None or f"{i.issued_at:%Y-%m}" == period]
        year, month = (int(x) for x in (period or f"{self._clock.now():%Y-%m}").split("-"))
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return list(reversed(self._store.issued_between(start, end)))

    def last_billing(self, customer_id: str) -> BillingDetails | None:
        """The buyer details of the customer's latest invoice: for payments without a checkout (renewals)."""
        latest = next(iter(self._store.for_customer(customer_id)), None)
        if latest is None:
            return None
        b = latest.buyer
        name = "" if b.name == b.email else b.name  # the e-mail stood in for a name nobody gave
        return BillingDetails(name, b.company, b.country, b.vat_id, b.address)

    def visible(self, caller: Principal, invoice_id: str) -> Invoice:
        """The caller's invoice; a foreign one is as missing as an unknown one (same words)."""
        invoice = self._store.get(invoice_id)
        if invoice is None or not _may_see(caller, invoice):
            raise InvoiceNotFound("invoice not found")
        return invoice

    def download_url(
        self, caller: Principal, invoice_id: str, fmt: DocumentFormat = DocumentFormat.HTML, act: bool = False
    ) -> str:
        """A presigned URL of the document; a foreign invoice is as missing as an unknown one (same words).
        A PDF (or an act) not stored yet is rendered on first download and kept."""
        invoice = self.visible(caller, invoice_id)
        expiry = self._policy.url_expiry_seconds
        if fmt is DocumentFormat.HTML and not act:
            return self._documents.download_url(invoice.document_key, f"{invoice.number}.html", expiry)
        if fmt is DocumentFormat.HTML:
            sheet = invoice_sheet(invoice, act)
            key = _key(invoice, sheet, "html")
            self._documents.put(key, sheet_html(sheet))
            return self._documents.download_url(key, f"{sheet.filename}.html", expiry)
        sheet = invoice_sheet(invoice, act)
        key = _key(invoice, sheet, "pdf")
        try:
            return self._documents.download_url(key, f"{sheet.filename}.pdf", expiry, PDF)
        except NotFound:
            self._documents.put_file(key, self._pdf(sheet), PDF)
            return self._documents.download_url(key, f"{sheet.filename}.pdf", expiry, PDF)

    def publish(self, invoice: Invoice) -> bytes:
        """Store the invoice's HTML and PDF; the PDF, to attach to its mail."""
        self._documents.put(invoice.document_key, invoice_html(invoice))
        sheet = invoice_sheet(invoice)
        pdf = self._pdf(sheet)
        self._documents.put_file(_key(invoice, sheet, "pdf"), pdf, PDF)
        return pdf

    def _pdf(self, sheet: Sheet) -> bytes:
        if self._render_pdf is None:
            raise Invalid("PDF documents are not available here")
        return self._render_pdf(sheet)

    def sales(self, start: date, end: date, group: SalesGroup) -> list[SalesRow]:
        """Invoices and credit notes issued start..end (inclusive, at most a year), grouped."""
        if end < start or (end - start).days > 366:
            raise Invalid("the report covers 1 to 367 days: from <= to, at most a year apart")
        return sales_by(self._store.issued_between(start, end), group, self._product_name)

    @property
    def accounting_currency(self) -> str:
        return self._policy.accounting_currency

    @property
    def policy(self) -> InvoicePolicy:
        return self._policy

    @property
    def seller(self) -> Party:
        return self._policy.seller

    @property
    def documents(self) -> InvoiceDocuments:
        return self._documents

    @property
    def rates(self) -> ExchangeRates:
        return self._rates


def _key(invoice: Invoice, sheet: Sheet, extension: str) -> str:
    kind = "act" if sheet.title.startswith("Act") else "document"
    return f"invoices/{invoice.year}/{invoice.id}-{kind}.{extension}"


def _own(caller: Principal) -> str:
    return customer_id_for(caller.email.lower()) if caller.email else ""


def _may_see(caller: Principal, invoice: Invoice) -> bool:
    if organisation_scope(caller) is not None and invoice.customer_id == _own(caller):
        return True  # the caller's own, bought as a guest with this address
    try:
        ensure_can_see(caller, invoice.organisation_id)
    except NotFound:
        return False
    return True
