"""A quote paid by card in the cabinet: the client opens the shop's Stripe Checkout for the quote's total with
VAT; the paid webhook (routed here by commerce's checkout, `ServicePayments`) makes the quote a paid service
order and issues its tax invoice (numbered, PDF stored and mailed), once however often it is reported."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.billing.model.invoices import Invoice, InvoiceKind, invoice_id_for
from helpdesk.billing.model.quotes import Quote, QuoteNotFound, QuotePaidTwice, QuoteStatus
from helpdesk.billing.model.time_invoices import services_invoice, vat_on
from helpdesk.billing.ports import PDF, Attachment, ClientAccounts, DocumentMailer, InvoiceStore
from helpdesk.billing.services.invoices import InvoicePolicy
from helpdesk.billing.services.quotes import QuoteService
from helpdesk.commerce.public import Checkout, Offer, OrderLine, PaymentEvent, PaymentSession
from helpdesk.identity.public import Principal
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.public import Money

PREFIX = "qp_"
StartPayment = Callable[[Checkout, str, str], PaymentSession]


def checkout_id(quote: Quote) -> str:
    """One checkout per quote: a second click pays the same session, never the quote twice."""
    return PREFIX + quote.id.removeprefix("qt_")


class QuotePayments:
    def __init__(
        self,
        quotes: QuoteService,
        accounts: ClientAccounts,
        invoices: InvoiceStore,
        policy: InvoicePolicy,
        rates_on: Callable[[str, datetime], ExchangeRate],
        clock: Clock,
        start_payment: StartPayment,
        cabinet_url: str,
        publish: Callable[[Invoice], bytes] | None = None,
        mailer: DocumentMailer | None = None,
    ) -> None:
        """`rates_on(currency, at)`: the exchange rate to the accounting currency on that day."""
        self._quotes, self._accounts, self._invoices = quotes, accounts, invoices
        self._policy, self._rates_on, self._clock, self._start = policy, rates_on, clock, start_payment
        self._cabinet_url, self._publish, self._mailer = cabinet_url, publish, mailer

    def gross(self, quote: Quote, account: ClientAccount) -> int:
        rate = self._policy.rules.decide(account.country, account.vat_id).rate
        return sum(line.amount + vat_on(line.amount, rate) for line in quote.lines)

    def start(self, caller: Principal, quote_id: str) -> PaymentSession:
        quote = self._quotes.visible(caller, quote_id)
        if quote.status is not QuoteStatus.SENT or self._clock.now().date() > quote.valid_until:
            raise Conflict("only a sent, still valid quote can be paid")
        account = self._accounts.get(quote.organisation_id) or ClientAccount(
            quote.organisation_id, caller.email or ""
        )
        amount = Money(self.gross(quote, account), quote.currency)
        offer = Offer("services", "quote", f"Quote {quote.id}", amount, quote.created_by)
        checkout = Checkout(checkout_id(quote), caller.email or account.email, caller.name or "",
                            (OrderLine(offer, ()),), self._clock.now(), quote.organisation_id)  # fmt: skip
        back = f"{self._cabinet_url}/#/quotes"
        return self._start(checkout, back, back)

    def handles(self, checkout_id: str) -> bool:
        return checkout_id.startswith(PREFIX)

    def refunded(self, event: PaymentEvent) -> str | None:
        """A refund of a card-paid quote is not reversed here (docs/billing.md): the shop's path logs it."""
        return None

    def paid(self, event: PaymentEvent, checkout: Checkout) -> str:
        """Settles the quote when the session charged what the checkout was opened with (a sent quote
        cannot change); anything else is reported and left to staff."""
        if not event.pays(checkout.total):
            return "amount_mismatch"
        quote_id = "qt_" + event.checkout_id.removeprefix(PREFIX)
        try:
            quote = self._quotes.settle(quote_id, event.customer_email or "card", event.payment_ref)
        except QuotePaidTwice:
            return "quote_paid_twice"  # logged by the webhook; refunded by hand, never retried by Stripe
        except QuoteNotFound:
            return "unknown_quote"
        account = self._accounts.get(quote.organisation_id) or ClientAccount(
            quote.organisation_id, event.customer_email
        )
        invoice = self._invoices.for_source(quote.id, InvoiceKind.INVOICE)
        if invoice is None:
            now = self._clock.now()
            exchange = self._rates_on(quote.currency, now)
            lines = [(line.description, line.amount) for line in quote.lines]
            draft = services_invoice(
                invoice_id_for(quote.id, InvoiceKind.INVOICE), quote.id, quote.currency, lines, account,
                self._policy.seller, self._policy.rules, exchange, now, f"org:{quote.organisation_id}",
            )  # fmt: skip
            invoice = self._invoices.issue(draft)
        pdf = self._publish(invoice) if self._publish else b""
        if not quote.invoice_mailed and self._mailer and account.email:
            files = [Attachment(f"{invoice.number}.pdf", PDF, pdf)] if pdf else []
            text = f"Hello,\n\nthank you for paying quote {quote.id}. Invoice {invoice.number} is attached.\n"
            self._mailer.send(account.email, f"Invoice {invoice.number} (paid)", text, files)
            self._quotes.invoice_mailed(quote)  # after the mail: a failed mail is sent by Stripe's retry
        return "quote_paid"
