"""Checkout's ports served by the tickets context: the customer on first purchase, the "New order" ticket."""

from __future__ import annotations

from helpdesk.commerce.ports import NewOrderTicket
from helpdesk.tickets.public import CustomerRegistry, StaffTicketRequest, StaffTickets, TicketStores


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

    def __init__(self, tickets: StaffTickets) -> None:
        self._tickets = tickets

    def open_new_order_ticket(self, request: NewOrderTicket) -> str:
        return self._tickets.open(
            StaffTicketRequest(
                reference=request.order_id,
                customer_id=request.customer_id,
                customer_email=request.customer_email,
                manager=request.manager,
                subject=request.subject,
                body=request.body,
                idempotency_key=request.idempotency_key,
                organisation_id=request.organisation_id,
            )
        )
