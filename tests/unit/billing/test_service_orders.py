"""Service orders on fakes: the order and its tasks for staff and the client's organisation, a foreign or
unknown id answering alike, and the order as the tasks context links tasks to it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpdesk.billing.model.quotes import QuoteLine
from helpdesk.billing.model.service_orders import OrderTask, ServiceOrderNotFound
from helpdesk.billing.services.quotes import QuoteService
from helpdesk.billing.services.service_orders import ServiceOrders
from helpdesk.billing.views.service_orders import CabinetServiceOrderView, ServiceOrderView
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock

from tests.fakes.billing.memory_billing import InMemoryClientAccounts, InMemoryQuotes, RecordingMailer
from tests.support.invoices import NOW
from tests.unit.billing.test_quote_payments import ALICE, BERLIN

pytestmark = pytest.mark.unit
BOB = Principal("sub-b", "bob@globex.example", frozenset({Role.CUSTOMER}), "org-globex")
IVAN = Principal("sub-i", "ivan@helpdesk.localhost", frozenset({Role.ACCOUNTANT}))
TASK = OrderTask("tk_1", "ACME-1", "Checkout page", "in_progress", False, None, 95, "dev@x", 120)


class Tasks:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def for_order(self, organisation_id: str, order_id: str) -> list[OrderTask]:
        self.asked.append((organisation_id, order_id))
        return [TASK]


def world() -> tuple[ServiceOrders, QuoteService, Tasks, InMemoryQuotes]:
    store, tasks = InMemoryQuotes(), Tasks()
    quotes = QuoteService(store, InMemoryClientAccounts(BERLIN), RecordingMailer(), FixedClock(NOW))
    return ServiceOrders(quotes, store, lambda: tasks), quotes, tasks, store


def sent(quotes: QuoteService) -> str:
    quote = quotes.create("mia", "org-acme", "EUR", [QuoteLine.priced("Dev", Decimal(10), 8000, None)], 30)
    return quotes.send(quote.id).id


def test_staff_and_the_client_see_the_order_with_its_tasks_the_client_without_internal_fields() -> None:
    orders, quotes, tasks, _ = world()
    quote = quotes.accept(ALICE, sent(quotes))
    assert quote.order_id is not None
    staff = ServiceOrderView.of(*orders.page(IVAN, quote.order_id))
    client = CabinetServiceOrderView.of(*orders.page(ALICE, quote.order_id))
    assert tasks.asked == [("org-acme", quote.order_id)] * 2
    assert (staff.logged_minutes, staff.tasks[0].assignee, staff.organisation_id) == (95, "dev@x", "org-acme")
    dumped = client.model_dump()
    assert set(dumped["tasks"][0]) == {"key", "title", "status", "done", "due", "logged_minutes"}
    assert "organisation_id" not in dumped and dumped["logged_minutes"] == 95


def test_a_foreign_an_unknown_and_a_not_yet_accepted_order_answer_alike() -> None:
    orders, quotes, tasks, _ = world()
    quote_id = sent(quotes)
    order_id = "so_" + quote_id.removeprefix("qt_")
    answers = []
    for caller, wanted in (
        (ALICE, order_id),
        (BOB, order_id),
        (BOB, "so_nope"),
        (ALICE, "co_1"),
        (ALICE, "so_"),
    ):
        with pytest.raises(ServiceOrderNotFound) as raised:
            orders.page(caller, wanted)
        answers.append(str(raised.value))
    quotes.accept(ALICE, quote_id)
    with pytest.raises(ServiceOrderNotFound) as foreign:
        orders.page(BOB, order_id)
    assert set(answers) == {str(foreign.value)} and tasks.asked == []


def test_the_order_tasks_are_made_from_names_its_client_and_organisation() -> None:
    orders, quotes, _, _ = world()
    quote_id = sent(quotes)
    order_id = "so_" + quote_id.removeprefix("qt_")
    assert orders.as_order(order_id) is None  # sent, not ordered yet
    quotes.accept(ALICE, quote_id)
    order = orders.as_order(order_id)
    assert order is not None
    assert (order.organisation_id, order.customer_email, order.total.amount) == (
        "org-acme",
        ALICE.email,
        80000,
    )
    assert order.label.startswith("Service order ") and orders.as_order("so_nope") is None
    paid_by_card = quotes.create("mia", "org-acme", "EUR", [QuoteLine.priced("x", None, None, 100)], 30)
    quotes.send(paid_by_card.id)
    quotes.settle(paid_by_card.id, "card", "pi_1")  # Stripe named no e-mail
    found = orders.as_order("so_" + paid_by_card.id.removeprefix("qt_"))
    assert found is not None and found.customer_email == ""
