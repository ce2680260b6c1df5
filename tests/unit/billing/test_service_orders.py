"""Service orders on fakes: the order, its tasks and their tickets for staff and the client's organisation, a
foreign or unknown id answering alike, and the order as the tasks context links tasks to it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from helpdesk.billing.model.quotes import QuoteLine
from helpdesk.billing.model.service_orders import OrderTask, ServiceOrderNotFound
from helpdesk.billing.services.quotes import QuoteService
from helpdesk.billing.services.service_orders import ServiceOrders
from helpdesk.billing.views.service_orders import CabinetServiceOrderView, ServiceOrderView
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock
from helpdesk.tickets.model.ticket import Priority
from helpdesk.tickets.public import Ticket, customer_id_for

from tests.fakes.billing.memory_billing import InMemoryClientAccounts, InMemoryQuotes, RecordingMailer
from tests.support.invoices import NOW
from tests.unit.billing.test_quote_payments import ALICE, BERLIN

pytestmark = pytest.mark.unit
BOB = Principal("sub-b", "bob@globex.example", frozenset({Role.CUSTOMER}), "org-globex")
IVAN = Principal("sub-i", "ivan@helpdesk.localhost", frozenset({Role.ACCOUNTANT}))
TASK = OrderTask("tk_1", "ACME-1", "Checkout page", "in_progress", False, None, 95, "dev@x", 120)


class Tasks:
    def __init__(self, tasks: list[OrderTask] | None = None) -> None:
        self.asked: list[tuple[str, str]] = []
        self.tasks = tasks or [TASK]

    def for_order(self, organisation_id: str, order_id: str) -> list[OrderTask]:
        self.asked.append((organisation_id, order_id))
        return self.tasks


def ticket(ticket_id: str, organisation: str | None, minutes_ago: int, **more: object) -> Ticket:
    at = NOW - timedelta(minutes=minutes_ago)
    return replace(Ticket(ticket_id, f"#{ticket_id}", f"About {ticket_id}", "support", at, at,
                          organisation_id=organisation), **more)  # type: ignore[arg-type]  # fmt: skip


def world(
    tasks: list[OrderTask] | None = None, tickets: tuple[Ticket, ...] = ()
) -> tuple[ServiceOrders, QuoteService, Tasks, InMemoryQuotes]:
    store, fake = InMemoryQuotes(), Tasks(tasks)
    quotes = QuoteService(store, InMemoryClientAccounts(BERLIN), RecordingMailer(), FixedClock(NOW))
    by_id = {t.id: t for t in tickets}
    return ServiceOrders(quotes, store, lambda: fake, by_id.get), quotes, fake, store


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


def test_the_orders_tickets_come_from_its_tasks_and_the_client_sees_only_those_the_cabinet_opens() -> None:
    tickets = [
        ticket("t-acme", "org-acme", 30, assignee="anna@x", priority=Priority.HIGH),
        ticket("t-old", "org-acme", 90, merged_into="t-acme"),  # merged: the conversation lives on in t-acme
        ticket("t-mine", None, 10, customer_id="cus-other"),  # no organisation yet, nobody's of Acme
        ticket("t-moved", "org-globex", 5),  # re-homed to another client after the task was made
        ticket("t-internal", "org-acme", 1, internal=True),  # a staff-only ticket naming the client
    ]
    tasks = [
        replace(TASK, key="ACME-1", ticket_ids=("t-acme", "t-gone")),
        replace(TASK, id="tk_2", key="ACME-2", ticket_ids=("t-old", "t-mine", "t-moved", "t-internal")),
        replace(TASK, id="tk_3", key="ACME-3"),
    ]
    orders, quotes, _, _ = world(tasks, tuple(tickets))
    order_id = quotes.accept(ALICE, sent(quotes)).order_id
    assert order_id is not None

    staff = ServiceOrderView.of(*orders.page(IVAN, order_id))
    assert [(t.number, t.task_keys) for t in staff.tickets] == [
        ("#t-internal", ["ACME-2"]), ("#t-moved", ["ACME-2"]), ("#t-mine", ["ACME-2"]),
        ("#t-acme", ["ACME-1", "ACME-2"])]  # fmt: skip
    assert (staff.tickets[-1].assignee, staff.tickets[-1].priority) == ("anna@x", "high")

    client = CabinetServiceOrderView.of(*orders.page(ALICE, order_id)).model_dump()
    assert [(t["id"], t["task_keys"]) for t in client["tickets"]] == [("t-acme", ["ACME-1", "ACME-2"])]
    assert set(client["tickets"][0]) == {"id", "number", "subject", "status", "last_activity_at", "task_keys"}

    own = Principal("sub-o", "o@else.example", frozenset({Role.CUSTOMER}), "org-acme")
    own_ticket = replace(tickets[2], customer_id=customer_id_for("o@else.example"))
    orders, quotes, _, _ = world(tasks, (*tickets[:2], own_ticket))
    order_id = quotes.accept(ALICE, sent(quotes)).order_id
    assert order_id is not None
    mine = CabinetServiceOrderView.of(*orders.page(own, order_id))
    assert [t.id for t in mine.tickets] == ["t-mine", "t-acme"]  # their own ticket, though of no organisation
