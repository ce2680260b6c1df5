"""What the connectors read of commerce and tickets, through those contexts' public surfaces."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from helpdesk.commerce.public import Order
from helpdesk.integrations.ports import PaidOrder, TicketParty
from helpdesk.tickets.public import CustomerRepository, TicketRepository


class ContextSources:
    def __init__(self, orders: Any, tickets: TicketRepository, customers: CustomerRepository) -> None:
        self._orders, self._tickets, self._customers = orders, tickets, customers  # orders: CheckoutStore

    def paid_order(self, order_id: str) -> PaidOrder | None:
        order: Order | None = self._orders.get_order(order_id)
        if order is None:
            return None
        customer = self._customers.get(order.customer_id)
        return PaidOrder(
            order_id=order.id,
            label=order.label,
            customer_id=order.customer_id,
            email=order.customer_email,
            name=customer.name if customer else "",
            amount_minor=order.total.amount,
            currency=order.total.currency,
            paid_at=order.paid_at,
        )

    def ticket_party(self, ticket_id: str) -> TicketParty | None:
        ticket = self._tickets.find(ticket_id)
        if ticket is None or ticket.internal or not ticket.customer_id:
            return None
        customer = self._customers.get(ticket.customer_id)
        if customer is None:
            return None
        return TicketParty(ticket.id, customer.id, customer.email, customer.name)

    def customer_id_for(self, email: str) -> str | None:
        customer = self._customers.by_email(email)
        return customer.id if customer else None

    def rename_customer(self, customer_id: str, name: str) -> bool:
        customer = self._customers.get(customer_id)
        if customer is None or customer.name == name:
            return False
        self._customers.save(replace(customer, name=name))
        return True
