"""Card refunds of an invoice for services: each refund (by its id, whichever event reports it) is recorded
once on the receivable with one credit note; the notes of a payment refunded in parts add up to exactly the
invoice; a refund in another currency, of more than was paid, not settled, of a credited invoice or of a
payment that paid no invoice changes nothing here; one reported before its payment counts once it is paid."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from helpdesk.billing.model.invoices import Invoice, InvoiceKind, invoice_id_for
from helpdesk.billing.model.receivables import PaymentStatus, Refund
from helpdesk.billing.model.refunds import refund_credit_note
from helpdesk.billing.services.invoice_payments import InvoicePayments
from helpdesk.billing.services.invoice_refunds import InvoiceRefunds
from helpdesk.billing.services.invoices import InvoicePolicy, InvoiceService
from helpdesk.billing.services.receivables import Receivables
from helpdesk.commerce.model.orders import PaymentEventKind
from helpdesk.commerce.public import CardRefund, Checkout, PaymentEvent, PaymentSession
from helpdesk.kernel.clock import FixedClock
from hypothesis import given
from hypothesis import strategies as st

from tests.fakes.billing.memory_billing import InMemoryReceivables, RecordingMailer
from tests.fakes.billing.memory_invoices import InMemoryInvoiceDocuments, InMemoryInvoiceStore
from tests.fakes.kernel.once_claims import InMemoryOnceClaims
from tests.support.invoices import NOW, RATES, RULES, SELLER, invoice, order
from tests.unit.billing.test_invoice_payments import ALICE, SOURCE, paid

pytestmark = pytest.mark.unit
RUB = replace(invoice().exchange, target="RUB", rate=Decimal("98.3712"))


class FlakyStore(InMemoryInvoiceStore):
    """Fails to issue the next credit note once, as DynamoDB or a crash might."""

    fail_next_credit = False

    def issue(self, draft: Invoice) -> Invoice:
        if draft.kind is InvoiceKind.CREDIT_NOTE and self.fail_next_credit:
            self.fail_next_credit = False
            raise RuntimeError("throttled")
        return super().issue(draft)


class World:
    def __init__(self) -> None:
        self.store, self.clock = FlakyStore(), FixedClock(NOW)
        self.receivables = Receivables(InMemoryReceivables(), RecordingMailer(), self.clock)
        service = InvoiceService(self.store, InMemoryInvoiceDocuments(), RATES,
                                 InvoicePolicy(SELLER, RULES, "EUR"), self.clock)  # fmt: skip
        refunds = InvoiceRefunds(service, self.store, self.receivables, self.clock)
        self.payments = InvoicePayments(service, self.store, self.receivables, self.clock, self._start, "",
                                        RecordingMailer(), InMemoryOnceClaims(), refunds)  # fmt: skip
        draft = replace(
            invoice(exchange=RUB), id=invoice_id_for(SOURCE, InvoiceKind.INVOICE), source_id=SOURCE
        )
        self.invoice = self.store.issue(draft)
        self.receivables.open_for(self.invoice, "ap@acme.example")
        self.started: list[Checkout] = []

    def _start(self, checkout: Checkout, success: str, cancel: str) -> PaymentSession:
        self.started.append(checkout)
        return PaymentSession("cs_1", "http://pay.localhost/cs_1")

    def pay_by_card(self) -> None:
        self.payments.start(ALICE, self.invoice.id)
        checkout = self.started[-1]
        assert self.payments.paid(paid(checkout), checkout) == "invoice_paid"

    def refund(self, *refunds: CardRefund, payment: str = "pi_1") -> str | None:
        event = PaymentEvent("evt_r", PaymentEventKind.REFUNDED, payment, refunds=refunds)
        return self.payments.refunded(event)

    def credit_notes(self) -> list[Invoice]:
        return [i for i in self.store.for_organisation("org-acme") if i.kind is InvoiceKind.CREDIT_NOTE]


def test_a_payment_refunded_in_two_parts_gets_one_credit_note_per_refund_adding_up_to_the_invoice() -> None:
    w = World()
    w.pay_by_card()
    total = w.invoice.total
    assert w.refund(CardRefund("re_1", 5000, "EUR", "succeeded")) == "invoice_refunded"
    receivable = w.receivables.get(w.invoice.id)
    assert (receivable.status, receivable.refunded, receivable.outstanding) == (
        PaymentStatus.PARTLY_REFUNDED, 5000, 0)  # fmt: skip
    (note,) = w.credit_notes()
    assert (note.total, note.credits_id, note.source_id, note.number[:3]) == (
        -5000, w.invoice.id, "refund:re_1", "CN-")  # fmt: skip
    assert w.refund(CardRefund("re_1", 5000, "EUR", "pending")) == "duplicate_refund"  # refund.created, again
    assert len(w.credit_notes()) == 1 and w.receivables.get(w.invoice.id).refunded == 5000

    rest = CardRefund("re_2", total - 5000, "EUR", "succeeded")
    assert w.refund(CardRefund("re_1", 5000, "EUR", "succeeded"), rest) == "invoice_refunded"
    assert w.receivables.get(w.invoice.id).status is PaymentStatus.REFUNDED
    notes = w.credit_notes()
    for amount in ("net", "tax_amount", "accounting_net", "accounting_tax"):
        assert sum(getattr(n, amount) for n in notes) == -getattr(w.invoice, amount), amount
    assert w.refund(CardRefund("re_3", 1, "EUR", "succeeded")) == "refund_refused"  # nothing left
    assert len(w.credit_notes()) == 2


def test_a_refund_in_another_currency_not_settled_or_of_another_payment_changes_nothing() -> None:
    w = World()
    w.pay_by_card()
    assert w.refund(CardRefund("re_1", 5000, "USD", "succeeded")) == "refund_currency_mismatch"
    assert w.refund(CardRefund("re_2", 5000, "EUR", "failed")) == "refund_not_settled"
    assert w.refund(CardRefund("re_3", 999_999, "EUR", "succeeded")) == "refund_refused"
    assert w.refund(CardRefund("re_4", 0, "EUR", "succeeded")) == "refund_refused"
    assert w.refund() == "refund_without_id"  # a charge event of a newer API version names no refund
    assert w.refund(CardRefund("re_5", 100, "EUR", "succeeded"), payment="pi_shop") is None  # the shop's
    receivable = w.receivables.get(w.invoice.id)
    assert (receivable.status, receivable.refunds, w.credit_notes()) == (PaymentStatus.PAID, (), [])


def test_a_refund_of_a_credited_invoice_is_recorded_without_a_second_credit_note() -> None:
    w = World()
    w.pay_by_card()
    w.receivables.credit(w.invoice.id)
    assert w.refund(CardRefund("re_1", 700, "EUR", "succeeded")) == "refund_recorded_credited"
    assert w.receivables.get(w.invoice.id).refunded == 700 and w.credit_notes() == []


def test_a_credit_note_that_failed_to_be_issued_is_issued_when_the_refund_is_reported_again() -> None:
    w = World()
    w.pay_by_card()
    w.store.fail_next_credit = True
    with pytest.raises(RuntimeError):
        w.refund(CardRefund("re_1", 5000, "EUR", "succeeded"))  # the webhook answers 500: Stripe retries
    assert w.receivables.get(w.invoice.id).refunded == 5000 and w.credit_notes() == []
    assert w.refund(CardRefund("re_1", 5000, "EUR", "succeeded")) == "duplicate_refund"
    assert [n.total for n in w.credit_notes()] == [-5000]


def test_a_refund_reported_before_its_payment_is_reversed_when_the_payment_is() -> None:
    w = World()
    w.payments.start(ALICE, w.invoice.id)
    checkout = w.started[-1]
    early = CardRefund("re_early", 2000, "EUR", "succeeded")
    assert w.refund(early) is None  # no invoice knows the payment yet: the shop's path logs it
    assert w.refund(early) is None  # reported again before the payment: still held once
    assert w.payments.paid(paid(checkout), checkout) == "invoice_paid"
    assert w.payments.paid(paid(checkout, event_id="evt_again"), checkout) == "invoice_paid"
    receivable = w.receivables.get(w.invoice.id)
    assert (receivable.status, receivable.refunded) == (PaymentStatus.PARTLY_REFUNDED, 2000)
    assert [n.total for n in w.credit_notes()] == [-2000]
    assert w.refund(early) == "duplicate_refund"


@given(st.lists(st.integers(min_value=1, max_value=9000), min_size=1, max_size=8))
def test_credit_notes_of_any_split_of_a_payment_add_up_to_exactly_the_invoice(parts: list[int]) -> None:
    original = replace(invoice(exchange=RUB, the_order=order(amounts=(11905, 2381, 17))), number="INV-1")
    left, notes, before = original.total, [], 0
    for n, part in enumerate([*parts, original.total]):
        amount = min(part, left)
        if amount == 0:
            break
        refund = Refund(f"re_{n}", "pi_1", amount, date(2026, 11, 26), NOW)
        notes.append(refund_credit_note(original, refund, before, NOW))
        before, left = before + amount, left - amount
    for amount in ("net", "tax_amount", "total", "accounting_net", "accounting_tax"):
        assert sum(getattr(n, amount) for n in notes) == -getattr(original, amount), amount
    assert all(n.lines[0].net <= 0 and n.lines[0].tax <= 0 for n in notes)
