"""A ticket with its messages, and the change staff ask of a ticket."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpdesk.tickets.model.message import Message
from helpdesk.tickets.model.mime import OutboundFile
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


@dataclass(frozen=True)
class NewConversation:
    to: str
    subject: str
    text: str
    html: str = ""
    mailbox: str = "support"
    files: list[OutboundFile] = field(default_factory=list)
    client_token: str | None = None  # the same token opens one ticket, however often it is sent
