"""Deliver outbound mail from the outbox: claim, compose, send. At most once per entry, by construction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.model.mime import Envelope, OutboundFile, compose
from helpdesk.tickets.model.reply_token import make_token, reply_address
from helpdesk.tickets.model.signature import sender_name
from helpdesk.tickets.ports import (
    AttachmentStore,
    CustomerRepository,
    Mailer,
    MessageRepository,
    Outbox,
    OutboxEntry,
    RateCheck,
    RateLimiter,
)

SUPPRESSED_RATE_LIMITED = "suppressed:rate_limited"
SUPPRESSED_UNDELIVERABLE = "suppressed:undeliverable"


@dataclass(frozen=True)
class OutboundConfig:
    support_address: str
    from_name: str
    token_secret: bytes
    ack_limit: int = 3
    ack_window_seconds: int = 3600


class OutboundService:
    def __init__(
        self,
        outbox: Outbox,
        messages: MessageRepository,
        customers: CustomerRepository,
        attachments: AttachmentStore,
        mailer: Mailer,
        limiter: RateLimiter,
        config: OutboundConfig,
    ) -> None:
        self._outbox = outbox
        self._messages = messages
        self._customers = customers
        self._attachments = attachments
        self._mailer = mailer
        self._limiter = limiter
        self._config = config

    def deliver(self, entry_id: str, now: datetime) -> str | None:
        """Send one outbox entry if nobody has claimed it; returns the provider id or a suppression reason."""
        entry = self._outbox.claim(entry_id)
        if entry is None:
            return None
        message = self._messages.get(entry.ticket_id, entry.message_sort_key)
        if message is None:  # the entry is written after its message, so this is a bug, not a race
            raise LookupError(f"outbox entry {entry_id} without message")
        outcome = self._suppression(entry, message.kind, now)
        if outcome is None:
            files = [
                OutboundFile(a.filename, a.content_type, self._attachments.get(a.key))
                for a in message.attachments
            ]
            token = make_token(entry.ticket_id, self._config.token_secret)
            envelope = Envelope(
                from_address=self._config.support_address,
                from_name=sender_name(message.author_name, self._config.from_name),
                reply_to=reply_address(self._config.support_address, token),
                to=message.to or entry.recipients,  # older entries: everyone was a To
                cc=message.cc if message.direction is Direction.OUTBOUND else (),
            )
            raw = compose(message, envelope, files)
            outcome = self._mailer.send(raw, self._config.support_address, list(entry.recipients))
        self._outbox.mark_sent(entry.id, outcome)
        return outcome

    def deliver_pending(self, now: datetime, limit: int = 25) -> int:
        """Sweep entries whose worker died before delivering (run from a schedule)."""
        sent = 0
        for entry in self._outbox.pending(limit):
            sent += self.deliver(entry.id, now) is not None
        return sent

    def _suppression(self, entry: OutboxEntry, kind: str, now: datetime) -> str | None:
        for address in entry.recipients:
            customer = self._customers.by_email(address)
            if customer is not None and customer.undeliverable and kind == "ack":
                return SUPPRESSED_UNDELIVERABLE
        if kind == "ack":
            check = self.ack_rate_check(entry.recipients[0], now)
            if not self._limiter.allow(check.key, self._config.ack_limit, check.window_seconds, now):
                return SUPPRESSED_RATE_LIMITED
        return None

    def ack_rate_check(self, recipient: str, now: datetime) -> RateCheck:
        """The rate limit an acknowledgement to `recipient` passes (an ingest reads it ahead)."""
        return RateCheck(f"ack:{recipient.lower()}", self._config.ack_window_seconds, int(now.timestamp()))
