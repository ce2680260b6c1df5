"""Bulk work on a selection: one change, a merge, or spam (the sender's later mail is held for review)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from helpdesk.identity.public import StaffRoster
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import DomainError, NotFound
from helpdesk.tickets.model.conversation import TicketChange
from helpdesk.tickets.model.desk import SpamSender
from helpdesk.tickets.model.ticket import Ticket, TicketStatus
from helpdesk.tickets.ports import DeskStore, TicketStores
from helpdesk.tickets.services.tickets import TicketService

SPAM_TAG = "spam"
MAX_SELECTION = 100


@dataclass(frozen=True)
class BulkOutcome:
    id: str
    ticket: Ticket | None = None
    error: str = ""  # "not_found" for unknown ids, else the rule the ticket broke


class BulkService:
    def __init__(
        self, stores: TicketStores, desk: DeskStore, tickets: TicketService, staff: StaffRoster, clock: Clock
    ) -> None:
        self._s, self._desk, self._tickets, self._staff, self._clock = stores, desk, tickets, staff, clock

    def change(
        self, ids: list[str], change: TicketChange, add_tags: tuple[str, ...] = ()
    ) -> list[BulkOutcome]:
        """Each ticket changes on its own; one that breaks a rule is reported, the others still change.
        A non-staff assignee refuses the whole request before anything changes."""
        if change.assignee is not None and not change.unassign:
            change = replace(change, assignee=self._staff.assignee_email(change.assignee))

        def one(ticket_id: str) -> Ticket:
            tags = change.tags
            if add_tags:
                current = change.tags if change.tags is not None else self._known(ticket_id).tags
                tags = (*current, *add_tags)
            return self._tickets.change(ticket_id, replace(change, tags=tags))

        return [self._each(i, one) for i in dict.fromkeys(ids)]

    def merge(self, ids: list[str], target_id: str) -> list[BulkOutcome]:
        return [self._each(i, lambda i: self._tickets.merge(i, target_id)) for i in dict.fromkeys(ids)]

    def mark_spam(self, ids: list[str], agent: str) -> list[BulkOutcome]:
        """Close each ticket tagged spam and block its customer; nothing is deleted."""

        def one(ticket_id: str) -> Ticket:
            ticket = self._known(ticket_id)
            self.block(self._sender(ticket), agent, ticket.id)
            tags = (*ticket.tags, SPAM_TAG)
            return self._tickets.change(ticket.id, TicketChange(status=TicketStatus.CLOSED, tags=tags))

        return [self._each(i, one) for i in dict.fromkeys(ids)]

    def block(self, address: str, agent: str, ticket_id: str | None = None) -> None:
        if not address:
            return
        customer = self._s.customers.by_email(address)
        if customer is not None and not customer.blocked:
            self._s.customers.save(replace(customer, blocked=True))
        self._desk.block(SpamSender(address.lower(), agent, self._clock.now(), ticket_id))

    def unblock(self, address: str) -> None:
        """Their next mail is ticketed again; what was held waits in quarantine to be released."""
        customer = self._s.customers.by_email(address)
        if customer is not None and customer.blocked:
            self._s.customers.save(replace(customer, blocked=False))
        self._desk.unblock(address)

    def blocked(self) -> list[SpamSender]:
        return sorted(self._desk.blocked(), key=lambda s: s.blocked_at, reverse=True)

    def _sender(self, ticket: Ticket) -> str:
        customer = self._s.customers.get(ticket.customer_id) if ticket.customer_id else None
        if customer is not None:
            return customer.email
        return ticket.participants[0] if ticket.participants else ""

    def _known(self, ticket_id: str) -> Ticket:
        ticket = self._s.tickets.find(ticket_id)
        if ticket is None:
            raise NotFound(ticket_id)
        return ticket

    @staticmethod
    def _each(ticket_id: str, act: object) -> BulkOutcome:
        try:
            return BulkOutcome(ticket_id, act(ticket_id))  # type: ignore[operator]
        except NotFound:
            return BulkOutcome(ticket_id, error="not_found")
        except DomainError as error:
            return BulkOutcome(ticket_id, error=str(error) or type(error).__name__)
