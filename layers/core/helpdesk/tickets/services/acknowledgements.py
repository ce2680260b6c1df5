"""The automatic acknowledgement of a new ticket: stored as an outbound message, queued once, sent at most
once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.tickets.model.auto_mail import AutoMail, auto_mail_text
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.reply_token import make_token, outgoing_message_id
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import MessageRepository, Outbox, OutboxEntry, RateCheck
from helpdesk.tickets.services.outbound import OutboundService


@dataclass(frozen=True)
class AckConfig:
    support_address: str
    support_domain: str
    token_secret: bytes


class Acknowledger:
    def __init__(
        self, messages: MessageRepository, outbox: Outbox, outbound: OutboundService, config: AckConfig
    ) -> None:
        self._messages = messages
        self._outbox = outbox
        self._outbound = outbound
        self._config = config

    def acknowledge(
        self, ticket: Ticket, inbound: Message, sender: str, identity: str, at: datetime, language: str = ""
    ) -> str:
        """Store the acknowledgement and queue it in the outbox (in the customer's language where a template
        exists, docs/mail-ingest.md); returns the outbox entry's id for `send`, once the writes landed."""
        ack_id = stable_id("ack", identity)
        token = make_token(ticket.id, self._config.token_secret)
        message = Message(
            id=ack_id,
            ticket_id=ticket.id,
            direction=Direction.OUTBOUND,
            created_at=at,
            from_=self._config.support_address,
            to=(sender,),
            subject=f"[#{ticket.number}] {ticket.subject}",
            text=auto_mail_text(AutoMail.ACKNOWLEDGEMENT, language, number=ticket.number),
            message_id=outgoing_message_id(token, ack_id, self._config.support_domain),
            in_reply_to=inbound.message_id,
            references=tuple(r for r in dict.fromkeys([*inbound.references, inbound.message_id or ""]) if r),
            kind="ack",
        )
        self._messages.add(message, self._config.support_address)
        self._outbox.add(OutboxEntry(ack_id, ticket.id, message.sort_key, (sender,), at))
        return ack_id

    def rate_check(self, sender: str, at: datetime) -> RateCheck:
        return self._outbound.ack_rate_check(sender, at)

    def send(self, entry_id: str, at: datetime) -> None:
        """At most once: a worker that dies before this leaves the entry pending for the outbox sweep."""
        self._outbound.deliver(entry_id, at)
