"""Quotes: a manager writes and sends one; the client sees it in the cabinet and accepts it (a service order),
which makes its currency and hourly rate the client's terms for the time billed later."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.quotes import Quote, QuoteLine, QuoteNotFound, QuoteStatus
from helpdesk.billing.ports import (
    PDF,
    Attachment,
    ClientAccounts,
    DocumentMailer,
    InvoiceDocuments,
    QuoteStore,
)
from helpdesk.identity.public import Principal, ensure_can_see, organisation_scope
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict, Invalid, NotFound

VALID_DAYS = 30


class QuoteService:
    def __init__(
        self,
        quotes: QuoteStore,
        accounts: ClientAccounts,
        mailer: DocumentMailer,
        clock: Clock,
        render_pdf: Callable[[Quote, ClientAccount], bytes] | None = None,
        cabinet_url: str = "",
        documents: InvoiceDocuments | None = None,
        url_expiry_seconds: int = 300,
    ) -> None:
        self._quotes, self._accounts, self._mailer, self._clock = quotes, accounts, mailer, clock
        self._render_pdf, self._cabinet_url, self._documents = render_pdf, cabinet_url, documents
        self._expiry = url_expiry_seconds

    def create(
        self,
        by: str,
        organisation_id: str,
        currency: str,
        lines: list[QuoteLine],
        valid_days: int,
        quote_id: str | None = None,
    ) -> Quote:
        """`quote_id`: a known id (the demo's, named in the docs); otherwise a new random one."""
        if not organisation_id.strip():
            raise Invalid("a quote is for an organisation")
        now = self._clock.now()
        quote = Quote(
            quote_id or "qt_" + secrets.token_hex(10), organisation_id, currency.upper(), tuple(lines), by,
            now, (now + timedelta(days=valid_days)).date(),
        )  # fmt: skip
        self._quotes.put(quote)
        return quote

    def send(self, quote_id: str) -> Quote:
        """Mail it (with its PDF) to the client's billing address; from now on the cabinet shows it."""
        quote = self._get(quote_id)
        account = self._accounts.get(quote.organisation_id)
        if account is None:
            raise Conflict("the organisation has no billing account: set its address first")
        sent = quote.sent(self._clock.now())
        if not self._quotes.replace(quote, sent):
            raise Conflict("the quote changed meanwhile; reload it")
        files = []
        if self._render_pdf:
            pdf = self._render_pdf(sent, account)
            files.append(Attachment(f"quote-{quote.id}.pdf", PDF, pdf))
            if self._documents:
                self._documents.put_file(_key(quote), pdf, PDF)
        total = f"{sent.total} minor units of {sent.currency}"
        text = (
            f"Hello,\n\nplease find our quote {sent.id} ({total}), valid until {sent.valid_until}.\n"
            f"Accept it or pay it by card in your cabinet: {self._cabinet_url}/#/quotes\n"
        )
        self._mailer.send(account.email, f"Quote {sent.id}", text, files)
        return sent

    def for_staff(self, organisation_id: str) -> list[Quote]:
        return self._quotes.for_organisation(organisation_id)

    def for_cabinet(self, caller: Principal) -> list[Quote]:
        organisation = organisation_scope(caller)
        return [
            q for q in self._quotes.for_organisation(organisation or "") if q.status is not QuoteStatus.DRAFT
        ]

    def visible(self, caller: Principal, quote_id: str) -> Quote:
        """A client's own sent quote; a draft, a foreign or an unknown one answer the same 404."""
        quote = self._quotes.get(quote_id)
        try:
            ensure_can_see(caller, quote.organisation_id if quote else None)
        except NotFound:
            quote = None
        if quote is None or (quote.status is QuoteStatus.DRAFT and caller.is_customer):
            raise QuoteNotFound("quote not found")
        return quote

    def accept(self, caller: Principal, quote_id: str, payment_reference: str | None = None) -> Quote:
        """The client's yes: the quote becomes a service order and its terms the client's."""
        quote = self.visible(caller, quote_id)
        accepted = quote.accepted(caller.email or caller.subject, self._clock.now(), payment_reference)
        if accepted is not quote:
            if not self._quotes.replace(quote, accepted):
                return self.accept(caller, quote_id, payment_reference)  # a concurrent yes: judge again
            account = self._accounts.get(quote.organisation_id) or ClientAccount(
                quote.organisation_id, caller.email or ""
            )
            self._accounts.put(account.agreed(accepted.currency, accepted.hourly_rate))
        return accepted

    def download_url(self, caller: Principal, quote_id: str) -> str:
        """The sent quote's PDF, for its client and for staff."""
        quote = self.visible(caller, quote_id)
        if self._documents is None:
            raise QuoteNotFound("quote not found")
        return self._documents.download_url(_key(quote), f"quote-{quote.id}.pdf", self._expiry, PDF)

    def settle(self, quote_id: str, by: str, payment_reference: str) -> Quote:
        """A verified card payment of the quote (the webhook, not a caller): a paid service order, once."""
        quote = self._get(quote_id)
        paid = quote.paid_by_card(by, self._clock.now(), payment_reference)
        if paid is not quote:
            if not self._quotes.replace(quote, paid):
                return self.settle(quote_id, by, payment_reference)
            account = self._accounts.get(quote.organisation_id) or ClientAccount(quote.organisation_id, by)
            self._accounts.put(account.agreed(paid.currency, paid.hourly_rate))
        return paid

    def invoice_mailed(self, quote: Quote) -> None:
        self._quotes.replace(quote, replace(quote, invoice_mailed=True))

    def _get(self, quote_id: str) -> Quote:
        quote = self._quotes.get(quote_id)
        if quote is None:
            raise QuoteNotFound("quote not found")
        return quote


def _key(quote: Quote) -> str:
    return f"quotes/{quote.created_at.year}/{quote.id}.pdf"
