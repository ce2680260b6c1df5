"""Tickets staff open for a customer without a mail: a new order, a lapsed license (one per key)."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.kernel.clock import Clock
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.ticket import Ticket, format_number
from helpdesk.tickets.ports import TicketStores

ORDERS_MAILBOX = "sales"
SHOP_AUTHOR = "shop"


@dataclass(frozen=True)
class StaffTicketRequest:
    reference: str  # the order or license the ticket is about
    customer_id: str
    customer_email: str
    manager: str
    subject: str
    body: str
    idempotency_key: str
    organisation_id: str | None = None


class StaffTickets:
    """Opens the ticket assigned to the manager, with the request as its first note; a repeat finds it."""

    def __init__(self, stores: TicketStores, clock: Clock) -> None:
        self._s, self._clock = stores, clock

    def open(self, request: StaffTicketRequest) -> str:
        ticket_id = stable_id("ticket", request.idempotency_key)
        ticket = self._s.tickets.find(ticket_id) or self._create(ticket_id, request)
        note = Message(
            id=stable_id("message", request.idempotency_key),
            ticket_id=ticket.id,
            direction=Direction.NOTE,
            created_at=ticket.created_at,
            from_=SHOP_AUTHOR,
            subject=request.subject,
            text=request.body,
            kind="order",
            author=SHOP_AUTHOR,
        )
        self._s.messages.add(note, f"{SHOP_AUTHOR}:{request.reference}")  # a repeat finds its guard
        return ticket.id

    def _create(self, ticket_id: str, request: StaffTicketRequest) -> Ticket:
        now = self._clock.now()
        ticket = Ticket(
            id=ticket_id,
            number=format_number(self._s.counter.next("ticket-number")),
            subject=request.subject[:300],
            mailbox=ORDERS_MAILBOX,
            created_at=now,
            last_activity_at=now,
            tags=("order",),
            assignee=request.manager or None,
            last_assignee=request.manager or None,
            participants=(request.customer_email.lower(),),
            customer_id=request.customer_id,
            organisation_id=request.organisation_id,
            internal=True,
        )
        if self._s.tickets.create(ticket):
            return ticket
        return self._s.tickets.find(ticket_id) or ticket  # a concurrent delivery created it first
