"""Apply an ingest plan to tickets and customers. Every write here is idempotent, so replaying it is
harmless."""

from __future__ import annotations

from datetime import datetime

from helpdesk.mail.public import ParsedMail
from helpdesk.tickets.model.customer import mail_address
from helpdesk.tickets.model.ingest import UNVERIFIED_TAG
from helpdesk.tickets.model.ticket import Ticket, format_number
from helpdesk.tickets.ports import TicketChanged, TicketNotFound, TicketStores

_RETRIES = 8
# Marks a ticket opened by a reply whose sender could not join the thread it names (staff decide).
REVIEW_TAG = "thread-review"


class TicketWriter:
    def __init__(self, stores: TicketStores) -> None:
        self._s = stores

    def place(self, plan: dict[str, str], parsed: ParsedMail, sender: str, at: datetime) -> Ticket:
        """The ticket the mail goes into: created for a new conversation, else updated for the reply."""
        if plan["action"] == "join":
            return self._join(plan["ticket_id"], parsed, sender, at)
        existing = self._s.tickets.find(plan["ticket_id"])
        if existing is not None:
            return existing
        assignee = plan["assignee"] or None
        ticket = Ticket(
            id=plan["ticket_id"],
            number=format_number(self._s.counter.next("ticket-number")),
            subject=(parsed.subject or "(no subject)")[:300],
            mailbox=plan["mailbox"],
            created_at=at,
            last_activity_at=at,
            assignee=assignee,
            last_assignee=assignee,
            participants=tuple(dict.fromkeys([sender, *_external_cc(parsed, sender)])),
            customer_id=plan["customer_id"] or None,
            organisation_id=plan["organisation_id"] or None,
            linked_ticket_id=plan["linked_to"] or None,
            tags=_opening_tags(plan),
        )
        if self._s.tickets.create(ticket):
            return ticket
        found = self._s.tickets.find(ticket.id)
        if found is None:  # only a reused number can refuse a create of an absent id
            raise TicketChanged(f"ticket number {ticket.number} already taken")
        return found

    def _join(self, ticket_id: str, parsed: ParsedMail, sender: str, at: datetime) -> Ticket:
        for _ in range(_RETRIES):
            ticket = self._s.tickets.find(ticket_id)
            if ticket is None:
                raise TicketNotFound(ticket_id)
            updated = ticket
            if not parsed.kind.is_machine:
                updated = updated.with_participant(sender).reopened_by_customer(at)
            updated = updated.touched(at)
            if updated == ticket:
                return ticket
            try:
                return self._s.tickets.update(updated)
            except TicketChanged:
                continue
        raise TicketChanged(ticket_id)

    def mark_undeliverable(self, parsed: ParsedMail) -> None:
        """A hard bounce makes the address undeliverable: no more automatic mail goes there."""
        if parsed.bounce is None:
            return
        for recipient in parsed.bounce.recipients:
            if not recipient.hard:
                continue
            customer = self._s.customers.by_email(recipient.address)
            if customer is not None and not customer.undeliverable:
                self._s.customers.save(customer.mark_undeliverable(f"{recipient.status}: {recipient.reason}"))


def _opening_tags(plan: dict[str, str]) -> tuple[str, ...]:
    marks = ((REVIEW_TAG, plan.get("review")), (UNVERIFIED_TAG, plan.get("unverified")))
    return tuple(tag for tag, on in marks if on)


def _external_cc(parsed: ParsedMail, sender: str) -> list[str]:
    addresses = (mail_address(a.address) for a in parsed.cc)
    return [a for a in addresses if a and a != sender][:20]
