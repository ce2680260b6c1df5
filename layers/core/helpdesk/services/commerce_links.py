"""Checkout's ports served by the tickets context: the customer on first purchase, the "New order" ticket."""

from __future__ import annotations

from helpdesk.contracts.license_lifecycle import LapseTicketRequested
from helpdesk.domain.tickets.customer import stable_id
from helpdesk.domain.tickets.message import Direction, Message
from helpdesk.domain.tickets.ticket import Ticket, format_number
from helpdesk.ports import Clock
from helpdesk.services.checkout_ports import NewOrderTicket
from helpdesk.services.customer_registry import CustomerRegistry
from helpdesk.services.ports_tickets import TicketStores

ORDERS_MAILBOX = "sales"
SHOP_AUTHOR = "shop"


class CustomerAccounts:
    """`CustomerDirectory` of checkout: the customer of the tickets context, keyed by mail address."""

    def __init__(self, stores: TicketStores) -> None:
        self._registry = CustomerRegistry(stores)

    def ensure_customer(self, email: str, name: str, organisation_id: str | None = None) -> str:
        if organisation_id:  # a signed-in buyer: their account's organisation
            return self._registry.register(email, name, organisation_id).id
        return self._registry.for_mail(email, name).id  # a guest: like a sender of mail


class OrderTickets:
    """`TicketOpener` of checkout: one ticket per idempotency key, assigned to the product's manager."""

    def __init__(self, stores: TicketStores, clock: Clock) -> None:
        self._s, self._clock = stores, clock

    def open_new_order_ticket(self, request: NewOrderTicket) -> str:
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
        self._s.messages.add(note, f"{SHOP_AUTHOR}:{request.order_id}")  # a repeat finds its guard
        return ticket.id

    def _create(self, ticket_id: str, request: NewOrderTicket) -> Ticket:
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
        )
        if self._s.tickets.create(ticket):
            return ticket
        return self._s.tickets.find(ticket_id) or ticket  # a concurrent delivery created it first


class LapseTickets:
    """`LapseTicketOpener` of the license lifecycle: the manager's "call this customer" ticket, once per
    lapse."""

    def __init__(self, stores: TicketStores, clock: Clock) -> None:
        self._s = stores
        self._tickets = OrderTickets(stores, clock)

    def open_lapse_ticket(self, request: LapseTicketRequested) -> str:
        customer = self._s.customers.get(request.customer_id)
        return self._tickets.open_new_order_ticket(
            NewOrderTicket(
                order_id=request.license_id,
                customer_id=request.customer_id,
                customer_email=customer.email if customer else "",
                manager=request.manager,
                subject=request.subject,
                body=request.body,
                idempotency_key=request.idempotency_key,
                organisation_id=customer.organisation_id if customer else None,
            )
        )
