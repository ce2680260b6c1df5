"""What the connectors read of commerce and tickets, through those contexts' public surfaces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from helpdesk.billing.public import Invoice
from helpdesk.commerce.public import Order
from helpdesk.integrations.model.commerceml import INVOICE, ORDER, DocumentLine, ExportDocument
from helpdesk.integrations.ports import PaidOrder, TicketParty
from helpdesk.kernel.money import exponent
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


class AccountingDocuments:
    """Our paid order as a CommerceML order, and its tax invoice (billing) as a CommerceML invoice."""

    def __init__(self, orders: Any, invoice_for: Callable[[str], Invoice | None]) -> None:
        self._orders, self._invoice_for = orders, invoice_for  # orders: CheckoutStore

    def documents_for(self, order_id: str) -> list[ExportDocument]:
        order: Order | None = self._orders.get_order(order_id)
        if order is None:
            return []
        scale = exponent(order.total.currency)
        lines = tuple(
            DocumentLine(f"{line.offer.product}#{line.offer.edition}", line.offer.name,
                         _major(line.offer.price.amount, scale), line.quantity, _major(line.amount, scale))
            for line in order.lines
        )  # fmt: skip
        number = str(order.number or order.id)
        party = (order.customer_id, "", order.customer_email)
        documents = [
            ExportDocument(order.id, number, order.paid_at, ORDER, order.total.currency,
                           _major(order.total.amount, scale), *party, lines,
                           requisites=(("Статус заказа", "Оплачен"), ("Заказ оплачен", "true")))
        ]  # fmt: skip
        invoice = self._invoice_for(order.id)
        if invoice is not None and invoice.number:
            scale = exponent(invoice.currency)
            items = tuple(
                DocumentLine(f"{line.product}#{line.edition}", line.description, _major(line.net, scale), 1,
                             _major(line.net, scale), _major(line.tax, scale))
                for line in invoice.lines
            )  # fmt: skip
            documents.append(
                ExportDocument(invoice.id, invoice.number, invoice.issued_at, INVOICE, invoice.currency,
                               _major(invoice.total, scale), invoice.customer_id, invoice.buyer.name,
                               order.customer_email, items, basis=number)
            )  # fmt: skip
        return documents


def _major(minor: int, scale: int) -> Decimal:
    return Decimal(minor).scaleb(-scale)
