"""The customer panel beside a ticket in the console: who wrote, their other tickets, orders and licenses."""

from __future__ import annotations

from helpdesk.billing.views import InvoiceView
from helpdesk.cabinet.ports import InvoiceReader, OrderReader
from helpdesk.cabinet.services.organisation_names import organisation_ref
from helpdesk.cabinet.views import CustomerPanelView
from helpdesk.commerce.views.commerce import OrderView
from helpdesk.licensing.public import LicenseQueries
from helpdesk.tickets.public import Ticket, TicketQuery, TicketStores
from helpdesk.tickets.views.tickets import TicketView


def customer_panel(
    ticket: Ticket,
    stores: TicketStores,
    licenses: LicenseQueries,
    orders: OrderReader,
    limit: int = 10,
    invoices: InvoiceReader | None = None,
) -> CustomerPanelView | None:
    """None when the ticket has no known customer (e.g. an internal ticket)."""
    customer = stores.customers.get(ticket.customer_id) if ticket.customer_id else None
    if customer is None:
        return None
    others = stores.tickets.list(TicketQuery(customer_id=customer.id), limit + 1).items
    org_id = customer.organisation_id
    return CustomerPanelView(
        id=customer.id,
        name=customer.name,
        email=customer.email,
        organisation=organisation_ref(stores.customers, org_id, [customer]),
        tickets=[TicketView.of(t) for t in others if t.id != ticket.id][:limit],
        orders=[OrderView.of(o) for o in orders.orders_for_organisation(org_id)][:limit] if org_id else [],
        licenses=licenses.for_customer(customer.id)[:limit],
        invoices=[InvoiceView.of(i) for i in invoices.for_customer(customer.id)][:limit] if invoices else [],
    )
