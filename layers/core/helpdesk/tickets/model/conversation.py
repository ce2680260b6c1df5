"""A ticket with its messages, and the change staff ask of a ticket."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.tickets.model.message import Message
from helpdesk.tickets.model.ticket import Priority, Ticket, TicketStatus


@dataclass(frozen=True)
class TicketChange:
    status: TicketStatus | None = None
    priority: Priority | None = None
    assignee: str | None = None
    unassign: bool = False
    tags: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Conversation:
    ticket: Ticket
    messages: list[Message]
