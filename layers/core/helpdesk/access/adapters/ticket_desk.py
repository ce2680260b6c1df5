"""The tickets context seen from access: a ticket's organisation and status, its timeline, client mail."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk.notices.public import Mailer, OutgoingMail
from helpdesk.tickets.public import CustomerRepository, TicketRepository

CLOSED = ("closed",)


class TicketsForAccess:
    def __init__(
        self,
        tickets: TicketRepository,
        customers: CustomerRepository,
        add_note: Callable[[str, str], object],
        mailer: Mailer,
    ) -> None:
        self._tickets, self._customers, self._add_note, self._mailer = tickets, customers, add_note, mailer

    def organisation_of(self, ticket_id: str) -> tuple[str, str] | None:
        ticket = self._tickets.find(ticket_id)
        if ticket is None or not ticket.organisation_id:
            return None
        return ticket.organisation_id, ticket.number

    def is_closed(self, ticket_id: str) -> bool:
        ticket = self._tickets.find(ticket_id)
        return ticket is None or ticket.status.value in CLOSED

    def note(self, ticket_id: str, text: str) -> None:
        self._add_note(ticket_id, text)

    def tell_client(self, organisation_id: str, subject: str, text: str, key: str) -> None:
        for customer in self._customers.in_organisation(organisation_id):
            self._mailer.send(OutgoingMail(customer.email, subject, text, f"{key}:{customer.id}"))
