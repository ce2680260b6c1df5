"""Tickets a customer writes in the cabinet: a new conversation, or a reply that wakes a waiting ticket."""

from __future__ import annotations

import uuid

from helpdesk.kernel.clock import Clock
from helpdesk.tickets.public import (
    AttachmentRef,
    Customer,
    Direction,
    Message,
    OutboundFile,
    Ticket,
    TicketChanged,
    TicketStores,
    format_number,
    stable_id,
)

CABINET_MAILBOX = "support"
_RETRIES = 8


class CustomerTickets:
    def __init__(self, stores: TicketStores, clock: Clock) -> None:
        self._s, self._clock = stores, clock

    def open(self, customer: Customer, subject: str, text: str, files: list[OutboundFile]) -> Ticket:
        """A new ticket of a registered customer, in their organisation."""
        now, email = self._clock.now(), customer.email
        ticket = Ticket(
            id=stable_id("ticket", "cabinet", uuid.uuid4().hex),
            number=format_number(self._s.counter.next("ticket-number")),
            subject=subject[:300],
            mailbox=CABINET_MAILBOX,
            created_at=now,
            last_activity_at=now,
            participants=(email,),
            customer_id=customer.id,
            organisation_id=customer.organisation_id,
        )
        if not self._s.tickets.create(ticket):
            raise TicketChanged(f"ticket number {ticket.number} already taken")
        self._add(ticket, email, text, files)
        return ticket

    def reply(self, ticket: Ticket, email: str, text: str, files: list[OutboundFile]) -> Message:
        message = self._add(ticket, email, text, files)
        for _ in range(_RETRIES):
            current = self._s.tickets.find(ticket.id) or ticket
            updated = current.with_participant(email).reopened_by_customer(message.created_at)
            if updated == current:
                break
            try:
                self._s.tickets.update(updated)
                break
            except TicketChanged:
                continue
        return message

    def _add(self, ticket: Ticket, email: str, text: str, files: list[OutboundFile]) -> Message:
        now = self._clock.now()
        message_id = stable_id("message", "cabinet", uuid.uuid4().hex)
        refs = []
        for n, file in enumerate(files):
            key = f"tickets/{ticket.id}/{message_id}/{n}"
            self._s.attachments.put(key, file.content, file.content_type)
            refs.append(AttachmentRef(key, file.filename, file.content_type, len(file.content)))
        message = Message(
            id=message_id,
            ticket_id=ticket.id,
            direction=Direction.INBOUND,
            created_at=now,
            from_=email,
            subject=ticket.subject,
            text=text,
            reply=text,
            attachments=tuple(refs),
            kind="cabinet",
        )
        self._s.messages.add(message, email)
        return message
