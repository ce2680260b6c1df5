"""An invoice for services paid by card: the checkout asks what is still owed; the paid webhook records the
card payment once and mails one receipt; a payment of another amount, currency or organisation, of a
credited invoice or of one paid by transfer meanwhile changes nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpdesk.billing.model.invoices import InvoiceKind, InvoiceNotFound, invoice_id_for
from helpdesk.billing.model.receivables import PaymentStatus
from helpdesk.billing.services.invoice_payments import InvoicePayments
from helpdesk.billing.services.invoices import InvoicePolicy, InvoiceService
from helpdesk.billing.services.receivables import Receivables
from helpdesk.commerce.model.orders import PaymentEventKind
from helpdesk.commerce.public import Checkout, PaymentEvent, PaymentSession
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Conflict

from tests.fakes.billing.memory_billing import InMemoryReceivables, RecordingMailer
from tests.fakes.billing.memory_invoices import InMemoryInvoiceDocuments, InMemoryInvoiceStore
from tests.fakes.kernel.once_claims import InMemoryOnceClaims
from tests.support.invoices import NOW, RATES, RULES, SELLER, invoice

pytestmark = pytest.mark.unit
ALICE = Principal("sub-a", "alice@acme.example", frozenset({Role.CUSTOMER}), "org-acme", name="Alice")
BOB = Principal("sub-b", "bob@globex.example", frozenset({Role.CUSTOMER}), "org-globex")
SOURCE = "td_org-acme_2026-11_1"


class World:
    def __init__(self) -> None:
        self.store, self.mailer, self.clock = InMemoryInvoiceStore(), RecordingMailer(), FixedClock(NOW)
        self.receivables = Receivables(InMemoryReceivables(), self.mailer, self.clock)
        service = InvoiceService(self.store, InMemoryInvoiceDocuments(), RATES,
                                 InvoicePolicy(SELLER, RULES, "EUR"), self.clock)  # fmt: skip
        self.started: list[Checkout] = []
        self.payments = InvoicePayments(service, self.store, self.receivables, self.clock, self._start,
                                        "http://cabinet.localhost", self.mailer,
                                        InMemoryOnceClaims())  # fmt: skip
        draft = replace(invoice(), id=invoice_id_for(SOURCE, InvoiceKind.INVOICE), source_id=SOURCE)
        self.invoice = self.store.issue(draft)
        self.receivables.open_for(self.invoice, "ap@acme.example")

    def _start(self, checkout: Checkout, success: str, cancel: str) -> PaymentSession:
        self.started.append(checkout)
        return PaymentSession("cs_1", f"http://pay.localhost/cs_1?checkout={checkout.id}&success={success}")

    def receipts(self) -> list[str]:
        return [m.subject for m in self.mailer.sent if m.subject.startswith("Receipt")]


def paid(
    checkout: Checkout, payment: str = "pi_1", event_id: str = "evt_1", **changes: object
) -> PaymentEvent:
    event = PaymentEvent(event_id, PaymentEventKind.SESSION_PAID, payment, checkout.id, "cs_1",
                         "alice@acme.example", amount=checkout.total.amount,
                         currency=checkout.total.currency)  # fmt: skip
    return replace(event, **changes)  # type: ignore[arg-type]


def test_the_client_pays_what_is_owed_once_and_gets_one_receipt() -> None:
    w = World()
    session = w.payments.start(ALICE, w.invoice.id)
    (checkout,) = w.started
    assert (checkout.total.amount, checkout.total.currency, checkout.organisation_id) == (
        14280,
        "EUR",
        "org-acme",
    )
    assert w.payments.handles(checkout.id) and not w.payments.handles("qp_1") and "#/invoices" in session.url
    assert w.payments.paid(paid(checkout), checkout) == "invoice_paid"
    assert w.payments.paid(paid(checkout, event_id="evt_again"), checkout) == "invoice_paid"  # redelivered
    receivable = w.receivables.get(w.invoice.id)
    assert receivable.status is PaymentStatus.PAID
    assert [(p.method, p.amount) for p in receivable.payments] == [
        ("card", 14280)]  # fmt: skip
    assert w.receipts() == [f"Receipt: invoice {w.invoice.number} paid"]
    assert "142.80 EUR" in w.mailer.sent[-1].text and "paid in full" in w.mailer.sent[-1].text
    with pytest.raises(Conflict):
        w.payments.start(ALICE, w.invoice.id)  # nothing left to pay


def test_a_foreign_or_unknown_invoice_cannot_be_paid_and_both_answer_alike() -> None:
    w = World()
    with pytest.raises(InvoiceNotFound) as foreign:
        w.payments.start(BOB, w.invoice.id)
    with pytest.raises(InvoiceNotFound) as unknown:
        w.payments.start(BOB, "inv_nope")
    assert str(foreign.value) == str(unknown.value) and w.started == []


def test_another_amount_currency_or_organisation_is_refused_and_changes_nothing() -> None:
    w = World()
    w.payments.start(ALICE, w.invoice.id)
    (checkout,) = w.started
    assert w.payments.paid(paid(checkout, amount=100), checkout) == "amount_mismatch"
    assert w.payments.paid(paid(checkout, amount=None), checkout) == "amount_mismatch"
    assert w.payments.paid(paid(checkout, currency="USD"), checkout) == "amount_mismatch"
    globex = replace(checkout, organisation_id="org-globex")
    assert w.payments.paid(paid(globex), globex) == "foreign_invoice"
    unknown = replace(checkout, id="ip_" + "0" * 32 + "_14280")
    assert w.payments.paid(paid(unknown), unknown) == "unknown_invoice"
    assert w.receivables.get(w.invoice.id).payments == () and w.receipts() == []


def test_after_a_partial_transfer_the_card_pays_the_rest_and_a_stale_checkout_is_not_counted() -> None:
    w = World()
    w.payments.start(ALICE, w.invoice.id)
    stale = w.started[0]
    w.receivables.record_payment("ivan", w.invoice.id, "k1", 4280, NOW.date(), "SEPA")
    w.payments.start(ALICE, w.invoice.id)
    rest = w.started[1]
    assert rest.total.amount == 10000 and rest.id != stale.id
    assert w.payments.paid(paid(stale), stale) == "invoice_overpaid"  # refunded by hand
    assert w.payments.paid(paid(rest, "pi_2"), rest) == "invoice_paid"
    assert w.receivables.get(w.invoice.id).status is PaymentStatus.PAID
    w2 = World()
    w2.payments.start(ALICE, w2.invoice.id)
    w2.receivables.credit(w2.invoice.id)
    assert w2.payments.paid(paid(w2.started[0]), w2.started[0]) == "invoice_credited"


def test_a_failed_receipt_is_sent_by_the_webhooks_retry_and_only_once() -> None:
    w = World()
    w.payments.start(ALICE, w.invoice.id)
    (checkout,) = w.started
    working, w.mailer.send = w.mailer.send, _failing  # type: ignore[method-assign]
    with pytest.raises(ConnectionError):
        w.payments.paid(paid(checkout), checkout)
    w.mailer.send = working  # type: ignore[method-assign]
    for event_id in ("evt_retry", "evt_other"):
        assert w.payments.paid(paid(checkout, event_id=event_id), checkout) == "invoice_paid"
    assert len(w.receipts()) == 1 and len(w.receivables.get(w.invoice.id).payments) == 1


def _failing(*args: object) -> None:
    raise ConnectionError("SES is down")
