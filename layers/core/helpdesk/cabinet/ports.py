"""The cabinet context's ports: every interface its services need."""

from __future__ import annotations

from typing import Protocol

from helpdesk.billing.public import Invoice
from helpdesk.commerce.public import Order
from helpdesk.identity.public import Principal
from helpdesk.tasks.views.tasks import CabinetTaskListView, TaskSummaryView
from helpdesk.tickets.public import (
    Conversation,
)


class Conversations(Protocol):
    def get_ticket(self, ticket_id: str) -> Conversation:
        """The ticket with every message, notes included (staff see everything)."""
        ...


class InvoiceReader(Protocol):
    def for_customer(self, customer_id: str) -> list[Invoice]:
        """Newest first."""


class OrderReader(Protocol):
    def orders_for_organisation(self, organisation_id: str) -> list[Order]:
        """Newest first."""

    def orders_for_customer(self, customer_id: str) -> list[Order]:
        """The customer's own, guest purchases too; newest first."""


class TicketTasks(Protocol):
    def ticket_tasks(self, ticket_id: str) -> list[TaskSummaryView]:
        """The tasks made from a ticket, for its console page."""
        ...


class PartyTasks(Protocol):
    """Tasks for the console's customer and organisation pages."""

    def tasks_of_tickets(self, ticket_ids: list[str], organisation_ids: set[str]) -> list[TaskSummaryView]:
        """The tasks made from these tickets, which belong to these organisations."""

    def organisation_tasks(self, organisation_id: str) -> list[TaskSummaryView]: ...


class CallerInvoices(Protocol):
    def visible_to(self, caller: Principal) -> list[Invoice]:
        """The caller's organisation's invoices and their own."""
        ...


class OrganisationTasks(Protocol):
    def cabinet_tasks(self, organisation_id: str | None) -> CabinetTaskListView:
        """The organisation's tasks, without internal comments."""
        ...
