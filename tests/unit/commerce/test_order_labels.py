"""Issue 22: people read order numbers like `ORD-2026-000123`, in the receipt, its subject and the ticket."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.commerce.model.orders import Offer, Order, OrderLine
from helpdesk.commerce.services.order_notices import new_order_ticket, receipt_mail
from helpdesk.licensing.model.license import Money

pytestmark = pytest.mark.unit
PAID = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
LINE = OrderLine(Offer("seo-pro", "pro", "SEO Pro", Money(12900, "EUR"), "anna@x.test"), ("a.example",))


def order(number: int) -> Order:
    total = Money(12900, "EUR")
    return Order("co_9f3", "cs_1", "pi_1", "c1", "bo@x.test", (LINE,), total, PAID, number=number)


def test_the_receipt_and_the_ticket_name_the_order_by_year_and_number() -> None:
    paid = order(123)
    assert paid.label == "ORD-2026-000123"
    mail = receipt_mail(paid, ["HDL1.key"])
    assert mail.subject == "Your order ORD-2026-000123"
    assert "Thank you for your order (ORD-2026-000123)." in mail.text
    assert new_order_ticket(paid).subject == "New order ORD-2026-000123: SEO Pro (pro)"
    assert "co_9f3" not in mail.subject + mail.text + new_order_ticket(paid).subject


def test_an_order_from_before_numbers_reads_by_its_day() -> None:
    old = order(0)
    assert old.label == "Order of 7 Dec 2026"
    assert receipt_mail(old, ["k"]).subject == "Your order of 7 Dec 2026"
