"""The console's ticket page: the conversation, and beside it the customer panel."""

from __future__ import annotations

from helpdesk.cabinet.ports import Conversations, InvoiceReader, OrderReader, TicketTasks
from helpdesk.cabinet.services.customer_panel import customer_panel
from helpdesk.cabinet.views import TicketPageView
from helpdesk.licensing.public import LicenseQueries
from helpdesk.tickets.public import TicketStores


class TicketPages:
    def __init__(
        self,
        conversations: Conversations,
        stores: TicketStores,
        licenses: LicenseQueries,
        orders: OrderReader,
        invoices: InvoiceReader,
        tasks: TicketTasks | None = None,
    ) -> None:
        self._conversations, self._stores = conversations, stores
        self._licenses, self._orders, self._invoices = licenses, orders, invoices
        self._tasks = tasks

    def page(self, ticket_id: str) -> TicketPageView:
        conversation = self._conversations.get_ticket(ticket_id)
        panel = customer_panel(
            conversation.ticket, self._stores, self._licenses, self._orders, invoices=self._invoices
        )
        tasks = self._tasks.ticket_tasks(conversation.ticket.id) if self._tasks else []
        return TicketPageView.with_panel(conversation, panel, tasks)
