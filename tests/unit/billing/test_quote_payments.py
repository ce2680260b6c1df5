"""A quote paid by card: the checkout is the quote's total with the client's VAT, the paid webhook settles the
quote and issues its invoice once (mailed with the PDF), a second payment is reported, never retried."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.invoices import InvoiceKind
from helpdesk.billing.model.quotes import QuoteLine, QuoteStatus
from helpdesk.billing.services.invoices import InvoicePolicy
from helpdesk.billing.services.quote_payments import QuotePayments
from helpdesk.billing.services.quotes import QuoteService
from helpdesk.commerce.model.orders import PaymentEventKind
from helpdesk.commerce.public import Checkout, PaymentEvent, PaymentSession
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Conflict

from tests.fakes.billing.memory_billing import InMemoryClientAccounts, InMemoryQuotes, RecordingMailer
from tests.fakes.billing.memory_invoices import InMemoryInvoiceStore
from tests.support.invoices import NOW, RATES, RULES, SELLER

pytestmark = pytest.mark.unit
ALICE = Principal("sub-a", "alice@acme.example", frozenset({Role.CUSTOMER}), "org-acme", name="Alice")
BERLIN = ClientAccount("org-acme", "ap@acme.example", "Alice", "Acme GmbH", ("Ring 1",), "DE", currency="EUR")


class World:
    def __init__(self) -> None:
        self.accounts, self.mailer = InMemoryClientAccounts(BERLIN), RecordingMailer()
        self.clock = FixedClock(NOW)
        self.quotes = QuoteService(InMemoryQuotes(), self.accounts, self.mailer, self.clock)
        self.invoices, self.started = InMemoryInvoiceStore(), []
        self.payments = QuotePayments(
            self.quotes, self.accounts, self.invoices, InvoicePolicy(SELLER, RULES, "EUR"),
            lambda currency, at: RATES.rate(currency, "EUR", at.date()), self.clock, self._start,
            "http://cabinet.localhost", lambda invoice: b"%PDF-1.4", self.mailer,
        )  # fmt: skip

    def _start(self, checkout, success, cancel) -> PaymentSession:  # type: ignore[no-untyped-def]
        self.started.append(checkout)
        return PaymentSession("cs_1", f"http://pay.localhost/cs_1?checkout={checkout.id}")

    def sent_quote(self) -> str:
        lines = [QuoteLine.priced("Dev", Decimal(10), 8000, None), QuoteLine.priced("Setup", None, None, 999)]
        quote = self.quotes.create("mia", "org-acme", "EUR", lines, 30)
        self.quotes.send(quote.id)
        return quote.id


def paid(checkout: Checkout, event_id: str = "evt_1", payment: str = "pi_1") -> PaymentEvent:
    kind, total = PaymentEventKind.SESSION_PAID, checkout.total
    return PaymentEvent(event_id, kind, payment, checkout.id, "cs_1", "alice@acme.example",
                        amount=total.amount, currency=total.currency)  # fmt: skip


def test_the_checkout_is_the_total_with_the_clients_vat_and_the_payment_settles_once() -> None:
    w = World()
    quote_id = w.sent_quote()
    session = w.payments.start(ALICE, quote_id)
    (checkout,) = w.started
    assert checkout.total.amount == 80000 + 15200 + 999 + 190 and checkout.total.currency == "EUR"  # 19 % DE
    assert w.payments.handles(checkout.id) and not w.payments.handles("co_123") and session.id == "cs_1"
    assert w.payments.paid(replace(paid(checkout), amount=100), checkout) == "amount_mismatch"
    assert w.payments.paid(paid(checkout), checkout) == "quote_paid"
    assert w.payments.paid(paid(checkout, "evt_again"), checkout) == "quote_paid"  # a redelivery
    quote = w.quotes.visible(ALICE, quote_id)
    assert quote.status is QuoteStatus.PAID and quote.payment_reference == "pi_1" and quote.order_id
    invoice = w.invoices.for_source(quote_id, InvoiceKind.INVOICE)
    assert invoice is not None and invoice.number == "INV-2026-000001"
    assert invoice.total == checkout.total.amount  # the invoice adds VAT exactly as the checkout did
    billed = [m for m in w.mailer.sent if m.subject.startswith("Invoice")]
    assert len(billed) == 1 and billed[0].attachments[0].content.startswith(b"%PDF")
    assert w.payments.paid(paid(checkout, "evt_2", "pi_2"), checkout) == "quote_paid_twice"
    with pytest.raises(Conflict):
        w.payments.start(ALICE, quote_id)  # paid: nothing more to pay


def test_a_quote_accepted_meanwhile_is_still_settled_by_its_payment() -> None:
    w = World()
    quote_id = w.sent_quote()
    w.payments.start(ALICE, quote_id)
    w.quotes.accept(ALICE, quote_id)
    assert w.payments.paid(paid(w.started[0]), w.started[0]) == "quote_paid"
    assert w.quotes.visible(ALICE, quote_id).status is QuoteStatus.PAID
    unknown = replace(w.started[0], id="qp_unknown")
    assert w.payments.paid(paid(unknown), unknown) == "unknown_quote"


def test_a_failed_invoice_mail_is_sent_by_the_webhooks_retry_and_only_once_after() -> None:
    w = World()
    quote_id = w.sent_quote()
    w.payments.start(ALICE, quote_id)
    working, w.mailer.send = w.mailer.send, _failing  # type: ignore[method-assign]
    with pytest.raises(ConnectionError):
        w.payments.paid(paid(w.started[0]), w.started[0])
    w.mailer.send = working  # type: ignore[method-assign]
    w.payments.paid(paid(w.started[0]), w.started[0])
    w.payments.paid(paid(w.started[0], "evt_3"), w.started[0])
    assert len([m for m in w.mailer.sent if "(paid)" in m.subject]) == 1


def _failing(*args: object) -> None:
    raise ConnectionError("SES is down")
