"""Receivables on fakes: partial and whole bank transfers, idempotent marking, credit notes close them, weekly
reminders once due, ageing buckets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from helpdesk.billing.model.receivables import PaymentStatus, Receivable, ageing, bucket
from helpdesk.billing.services.receivables import Receivables
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Conflict, Invalid

from tests.fakes.billing.memory_billing import InMemoryReceivables, RecordingMailer
from tests.support.invoices import NOW, invoice

pytestmark = pytest.mark.unit


@pytest.fixture
def world() -> tuple[Receivables, RecordingMailer, FixedClock]:
    mailer, clock = RecordingMailer(), FixedClock(NOW)
    return Receivables(InMemoryReceivables(), mailer, clock), mailer, clock


def test_partial_payments_then_paid_and_a_retried_click_counts_once(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _ = world
    document = replace(invoice(), number="INV-2026-000001")
    opened = service.open_for(document, "ap@acme.example")
    assert (opened.total, opened.status, opened.due_on) == (14280, PaymentStatus.UNPAID, date(2026, 12, 9))
    assert service.open_for(document, "x@y") == opened  # once per invoice
    part = service.record_payment("ivan", document.id, "k1", 4280, date(2026, 11, 26), "SEPA 1")
    assert (part.status, part.outstanding) == (PaymentStatus.PARTIAL, 10000)
    assert service.record_payment("ivan", document.id, "k1", 4280, date(2026, 11, 26), "SEPA 1") == part
    with pytest.raises(Invalid):
        service.record_payment("ivan", document.id, "k2", 10001, date(2026, 11, 27), "too much")
    with pytest.raises(Invalid):
        service.record_payment("ivan", document.id, "k3", 0, date(2026, 11, 27), "nothing")
    paid = service.record_payment("ivan", document.id, "k4", 10000, date(2026, 11, 27), "SEPA 2")
    assert paid.status is PaymentStatus.PAID and service.aged()[0] == []


def test_a_credit_note_closes_the_receivable(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _ = world
    document = replace(invoice(), number="INV-2026-000001")
    service.open_for(document, "ap@acme.example")
    assert service.credit(document.id).status is PaymentStatus.CREDITED  # type: ignore[union-attr]
    with pytest.raises(Conflict):
        service.record_payment("ivan", document.id, "k1", 100, NOW.date(), "late")
    assert service.credit("inv_unknown") is None


def test_reminders_go_once_due_and_then_weekly(world) -> None:  # type: ignore[no-untyped-def]
    service, mailer, clock = world
    document = replace(invoice(), number="INV-2026-000001")
    service.open_for(document, "ap@acme.example")
    clock.current = NOW + timedelta(days=14)
    assert service.remind() == 0  # due today: not yet
    clock.current = NOW + timedelta(days=15)
    assert service.remind() == 1 and service.remind() == 0
    assert mailer.sent[0].to == "ap@acme.example" and "142.80 EUR is still open" in mailer.sent[0].text
    clock.current = NOW + timedelta(days=22)
    assert service.remind() == 1


def test_ageing_buckets_by_days_since_the_invoice_date() -> None:
    assert [bucket(d) for d in (0, 30, 31, 60, 61, 90, 91, 400)] == [
        "0-30",
        "0-30",
        "31-60",
        "31-60",
        "61-90",
        "61-90",
        "90+",
        "90+",
    ]
    today = date(2026, 12, 31)
    items = [
        Receivable(f"i{n}", "", "o", "", cur, amount, today - timedelta(days=age), today)
        for n, (cur, amount, age) in enumerate([("EUR", 100, 5), ("EUR", 50, 45), ("USD", 7, 95)])
    ]
    assert ageing(items, today) == {
        "EUR": {"0-30": 100, "31-60": 50, "61-90": 0, "90+": 0},
        "USD": {"0-30": 0, "31-60": 0, "61-90": 0, "90+": 7},
    }
