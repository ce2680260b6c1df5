"""Conversations staff start: a new ticket by mail to a customer, and a ticket's message forwarded to someone
outside it (a colleague at the client, a hosting company) without letting them into the customer's thread."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.model.conversation import NewConversation
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.mime import checked_address
from helpdesk.tickets.model.reply_token import make_token, outgoing_message_id
from helpdesk.tickets.model.ticket import Ticket, TicketStatus, format_number
from helpdesk.tickets.ports import OutboxEntry, ReplyDelivery, TicketStores
from helpdesk.tickets.services.customer_registry import CustomerRegistry
from helpdesk.tickets.services.tickets import StaffConfig, TicketService

FORWARD_RULE = "---------- Forwarded message ----------"


class StaffConversations:
    def __init__(
        self,
        stores: TicketStores,
        tickets: TicketService,
        outbound: ReplyDelivery,
        clock: Clock,
        config: StaffConfig,
    ) -> None:
        self._s, self._tickets, self._outbound = stores, tickets, outbound
        self._clock, self._config = clock, config

    def start(self, new: NewConversation, author: str, author_name: str = "") -> Ticket:
        """A ticket opened by the agent's first mail to the customer; it waits for the answer (pending) and
        is the agent's. The customer's answer threads onto it like any reply."""
        to = checked_address(new.to).lower()
        if not new.subject.strip():
            raise Invalid("a new conversation needs a subject")
        customer = CustomerRegistry(self._s).for_mail(to)
        ticket_id = stable_id("outbound", new.client_token or self._clock.now().isoformat(), author, to)
        if self._s.tickets.find(ticket_id) is None:
            now = self._clock.now()
            ticket = Ticket(
                id=ticket_id,
                number=format_number(self._s.counter.next("ticket-number")),
                subject=new.subject.strip()[:300],
                mailbox=new.mailbox,
                created_at=now,
                last_activity_at=now,
                status=TicketStatus.OPEN,
                assignee=author,
                last_assignee=author,
                participants=(to,),
                customer_id=customer.id,
                organisation_id=customer.organisation_id,
            )
            self._s.tickets.create(ticket)  # False: a concurrent repeat created it; the reply is one too
        self._tickets.reply(
            ticket_id,
            author,
            new.text,
            new.html,
            new.files,
            client_token=new.client_token or ticket_id,
            author_name=author_name,
            then=TicketStatus.PENDING,
        )
        return self._tickets.get_ticket(ticket_id).ticket

    def forward(
        self,
        ticket_id: str,
        to: str,
        note: str,
        author: str,
        author_name: str = "",
        message_id: str | None = None,
    ) -> Message:
        """Send `note` and a message of the ticket (the newest from the customer unless `message_id` names
        one), with its files, to `to`. Kept on the ticket as staff-only: the customer never sees it, and the
        recipient does not join the thread (an answer from them opens a linked ticket for review)."""
        recipient = checked_address(to).lower()
        conversation = self._tickets.get_ticket(ticket_id)
        ticket, messages = conversation.ticket, conversation.messages
        shown = [m for m in messages if m.direction is not Direction.NOTE]
        chosen = (
            next((m for m in shown if m.id == message_id), None)
            if message_id
            else next(
                (m for m in reversed(shown) if m.direction is Direction.INBOUND), shown[-1] if shown else None
            )
        )
        if chosen is None:
            raise NotFound("message not found")
        now = self._clock.now()
        key = stable_id("forward", ticket.id, chosen.id, recipient, now.isoformat())
        message = Message(
            id=key,
            ticket_id=ticket.id,
            direction=Direction.NOTE,
            created_at=now,
            from_=self._config.support_address,
            to=(recipient,),
            subject=f"Fwd: {ticket.subject} [#{ticket.number}]",
            text=forwarded_text(note, chosen),
            attachments=chosen.attachments,
            message_id=outgoing_message_id(
                make_token(ticket.id, self._config.token_secret), key, self._config.support_domain
            ),
            kind="forward",
            author=author,
            author_name=author_name,
        )
        self._s.messages.add(message, f"staff:{author}")
        self._s.outbox.add(OutboxEntry(key, ticket.id, message.sort_key, (recipient,), now))
        self._outbound.deliver(key, now)
        return message


def forwarded_text(note: str, original: Message) -> str:
    header = [
        FORWARD_RULE,
        f"From: {original.from_}",
        f"Date: {original.created_at:%a, %d %b %Y %H:%M %Z}",
        f"Subject: {original.subject}",
    ]
    if original.to:
        header.append(f"To: {', '.join(original.to)}")
    return "\n".join([note.strip(), "", *header, "", original.text or ""]).strip() + "\n"
