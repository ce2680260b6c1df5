"""Service orders as people see them: the order (the accepted or paid quote), the tasks made from it and the
tickets those tasks came from, for staff and for the client's own organisation; and the order as the tasks
context links tasks to it."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk.billing.model.quotes import Quote, QuoteNotFound
from helpdesk.billing.model.service_orders import (
    OrderTask,
    OrderTicket,
    ServiceOrderNotFound,
    quote_id_of,
    service_order_name,
)
from helpdesk.billing.ports import OrderTasks, QuoteStore
from helpdesk.billing.services.quotes import QuoteService
from helpdesk.commerce.public import Order
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.licensing.public import Money
from helpdesk.tickets.public import Ticket, customer_id_for

TicketFinder = Callable[[str], Ticket | None]
MERGE_HOPS = 5  # a ticket merged into one merged again: the conversation lives at the end of the chain

NOT_FOUND = "service order not found"  # the same words for a foreign and an unknown id


class ServiceOrders:
    def __init__(
        self,
        quotes: QuoteService,
        store: QuoteStore,
        tasks: Callable[[], OrderTasks],
        find_ticket: TicketFinder = lambda _: None,
    ) -> None:
        """`tasks` is asked when first needed: the tasks context links tasks through `as_order` too."""
        self._quotes, self._store, self._tasks, self._find_ticket = quotes, store, tasks, find_ticket

    def page(self, caller: Principal, order_id: str) -> tuple[Quote, list[OrderTask], list[OrderTicket]]:
        """The order, its tasks and their tickets, for staff and for the client's organisation (who get
        only the tickets they may open in the cabinet)."""
        quote_id = quote_id_of(order_id)
        try:
            quote = self._quotes.visible(caller, quote_id) if quote_id else None
        except QuoteNotFound:
            quote = None
        if quote is None or quote.order_id != order_id:
            raise ServiceOrderNotFound(NOT_FOUND)
        tasks = self._tasks().for_order(quote.organisation_id, order_id)
        return quote, tasks, self._tickets(caller, tasks)

    def _tickets(self, caller: Principal, tasks: list[OrderTask]) -> list[OrderTicket]:
        """Tickets link to an order only through its tasks (a ticket names no order); newest first."""
        found: dict[str, tuple[Ticket, list[str]]] = {}
        for task in tasks:
            for ticket_id in task.ticket_ids:
                ticket = self._current(ticket_id)
                if ticket is not None and _may_open(caller, ticket):
                    keys = found.setdefault(ticket.id, (ticket, []))[1]
                    if task.key not in keys:
                        keys.append(task.key)
        ordered = sorted(found.values(), key=lambda f: (f[0].last_activity_at, f[0].id), reverse=True)
        return [_order_ticket(t, keys) for t, keys in ordered]

    def _current(self, ticket_id: str) -> Ticket | None:
        ticket = self._find_ticket(ticket_id)
        for _ in range(MERGE_HOPS):
            if ticket is None or not ticket.merged_into:
                break
            ticket = self._find_ticket(ticket.merged_into)
        return ticket

    def as_order(self, order_id: str) -> Order | None:
        """The service order as an order tasks are made from (and whose client hears they are done)."""
        quote_id = quote_id_of(order_id)
        quote = self._store.get(quote_id) if quote_id else None
        if quote is None or quote.order_id != order_id or quote.accepted_at is None:
            return None
        email = quote.accepted_by if quote.accepted_by and "@" in quote.accepted_by else ""
        return Order(order_id, "", quote.payment_reference or "", customer_id_for(email) if email else "",
                     email, (), Money(quote.total, quote.currency), quote.accepted_at, quote.organisation_id,
                     name=service_order_name(order_id))  # fmt: skip


def _may_open(caller: Principal, ticket: Ticket) -> bool:
    """Staff see every ticket; the client only those the cabinet opens for them."""
    if caller.is_staff:
        return True
    return (
        caller.is_customer
        and bool(caller.email)
        and ticket.shown_to_customer(customer_id_for(str(caller.email).lower()), organisation_scope(caller))
    )


def _order_ticket(t: Ticket, task_keys: list[str]) -> OrderTicket:
    return OrderTicket(t.id, t.number, t.subject, t.status.value, t.last_activity_at, tuple(task_keys),
                       t.assignee, t.priority.value, t.organisation_id)  # fmt: skip
