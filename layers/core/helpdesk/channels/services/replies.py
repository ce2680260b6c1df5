"""Replies out on the customer's channel: stored in the ticket at once, sent by a queue worker (with a DLQ)
exactly once per message, whatever the redeliveries."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from helpdesk.channels.model.replies import ReplyJob
from helpdesk.channels.model.telegram import chat_of
from helpdesk.channels.ports import ChannelLinks, OnceClaims, ReplyQueue, TelegramApi, TelegramBots
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, Unavailable
from helpdesk.tickets.public import (
    AttachmentRef,
    Direction,
    Message,
    OutboundFile,
    Ticket,
    TicketNotFound,
    TicketStores,
)

REPLY_CHANNELS = ("mail", "telegram")


class ChannelReplies:
    def __init__(
        self,
        stores: TicketStores,
        links: ChannelLinks,
        queue: ReplyQueue,
        clock: Clock,
        support_domain: str,
    ) -> None:
        self._s, self._links, self._queue, self._clock = stores, links, queue, clock
        self._domain = support_domain

    def channels_for(self, ticket: Ticket) -> list[str]:
        """Where this ticket's customer can be answered: mail when they have a real address, and each chat."""
        found = ["mail"] if any(chat_of(p) is None for p in ticket.participants) else []
        return found + (["telegram"] if self._telegram_chat(ticket) else [])

    def reply(
        self, ticket_id: str, agent: str, agent_name: str, text: str, channel: str, files: list[OutboundFile]
    ) -> Message:
        if channel != "telegram":
            raise Invalid(f"replies on {channel!r} go through the mail composer")
        ticket = self._s.tickets.find(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        chat = self._telegram_chat(ticket)
        if chat is None:
            raise Invalid("this customer has no Telegram chat with us")
        if not text.strip():
            raise Invalid("a reply needs text")
        now = self._clock.now()
        key = secrets.token_hex(10)
        refs = []
        for n, f in enumerate(files):
            ref = AttachmentRef(f"tickets/{ticket.id}/{key}/{n}", f.filename, f.content_type, len(f.content))
            self._s.attachments.put(ref.key, f.content, f.content_type)
            refs.append(ref)
        message = Message(
            id=key,
            ticket_id=ticket.id,
            direction=Direction.OUTBOUND,
            created_at=now,
            from_=f"bot.{chat[0]}@telegram.{self._domain}",
            to=tuple(p for p in ticket.participants[:1]),
            text=text[:4096],
            attachments=tuple(refs),
            message_id=f"{key}@telegram.{self._domain}",
            author=agent,
            author_name=agent_name,
            channel="telegram",
        )
        self._s.messages.add(message, message.from_)
        self._s.tickets.update(ticket.touched(now))
        self._queue.enqueue(ReplyJob(ticket.id, message.sort_key, "telegram", chat[0], chat[1]))
        return message

    def _telegram_chat(self, ticket: Ticket) -> tuple[str, int] | None:
        for participant in ticket.participants:
            chat = chat_of(participant)
            if chat:
                return chat
            link = self._links.by_email("telegram", participant)
            if link:
                return link.account, link.chat_id
        return None


class ReplySender:
    """The queue worker's use case: send one stored reply on its channel, at most once."""

    def __init__(
        self, stores: TicketStores, bots: TelegramBots, api: TelegramApi, claims: OnceClaims
    ) -> None:
        self._s, self._bots, self._api, self._claims = stores, bots, api, claims

    def send(self, job: ReplyJob) -> bool:
        """False if it was sent before (a redelivery). Raises on failure so the queue retries, then DLQs."""
        message = self._s.messages.get(job.ticket_id, job.message_sort_key)
        bot = self._bots.get(job.account)
        if message is None or bot is None:
            raise Unavailable(f"reply {job.message_sort_key} or bot {job.account} is missing")
        sent = self._once(
            f"channel-reply#{message.id}#text", lambda: self._api.send_message(bot, job.chat_id, message.text)
        )
        for n, ref in enumerate(message.attachments):
            content = self._s.attachments.get(ref.key)
            send = lambda: self._api.send_document(bot, job.chat_id, ref.filename, content, ref.content_type)  # noqa: E731, B023
            sent = self._once(f"channel-reply#{message.id}#file{n}", send) or sent
        return sent

    def _once(self, claim: str, send: Callable[[], int]) -> bool:
        """Each part (the text, each file) is sent at most once; a failed part is retried by the queue."""
        if not self._claims.claim(claim):
            return False
        try:
            send()
        except Exception:
            self._claims.release(claim)  # not sent: the queue's retry may send it
            raise
        return True
