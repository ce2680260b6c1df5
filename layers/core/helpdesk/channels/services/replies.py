"""Replies out on the customer's channel: stored in the ticket at once, sent by a queue worker (with a DLQ)
exactly once per message, whatever the redeliveries."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from helpdesk.channels.model.cases import CASE_CHANNELS, case_of_message_id
from helpdesk.channels.model.replies import ReplyJob
from helpdesk.channels.model.telegram import chat_of
from helpdesk.channels.model.whatsapp import chat_of_number, in_service_window
from helpdesk.channels.ports import (
    CaseReplies,
    ChannelLinks,
    OnceClaims,
    ReplyQueue,
    TelegramApi,
    TelegramBots,
    WhatsAppApi,
    WhatsAppNumbers,
)
from helpdesk.channels.services.whatsapp import sent_at_of
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

REPLY_CHANNELS = ("mail", "telegram", "whatsapp", *CASE_CHANNELS)


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
        found = ["mail"] if any(_is_mail(p) for p in ticket.participants) else []
        found += ["telegram"] if self._telegram_chat(ticket) else []
        found += ["whatsapp"] if self._whatsapp_chat(ticket) else []
        case = self._case(ticket)
        return found + ([case[0]] if case else [])

    def reply(
        self, ticket_id: str, agent: str, agent_name: str, text: str, channel: str, files: list[OutboundFile]
    ) -> Message:
        if channel not in REPLY_CHANNELS[1:]:
            raise Invalid(f"replies on {channel!r} go through the mail composer")
        ticket = self._s.tickets.find(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        chats = {"telegram": self._telegram_chat, "whatsapp": self._whatsapp_chat, "omnidesk": self._case}
        chat = chats[channel](ticket)
        if chat is None or (channel in CASE_CHANNELS and chat[0] != channel):
            raise Invalid(f"this customer has no {channel} chat with us")
        if not text.strip():
            raise Invalid("a reply needs text")
        if files and channel in CASE_CHANNELS:
            raise Invalid(f"replies to {channel} carry text only: share files by link")
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
            from_=f"{chat[0]}@{channel}.{self._domain}",
            to=tuple(p for p in ticket.participants[:1]),
            text=text[:4096],  # one Telegram message; WhatsApp takes 4,096 too
            attachments=tuple(refs),
            message_id=f"{key}@{channel}.{self._domain}",
            author=agent,
            author_name=agent_name,
            channel=channel,
        )
        self._s.messages.add(message, message.from_)
        self._s.tickets.update(ticket.touched(now))
        self._queue.enqueue(ReplyJob(ticket.id, message.sort_key, channel, chat[0], chat[1]))
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

    def _whatsapp_chat(self, ticket: Ticket) -> tuple[str, int] | None:
        for participant in ticket.participants:
            chat = chat_of_number(participant)
            if chat:
                return chat
            link = self._links.by_email("whatsapp", participant)  # a number staff merged into this customer
            if link:
                return link.account, link.chat_id
        return None

    def _case(self, ticket: Ticket) -> tuple[str, int] | None:
        """The other helpdesk's case the ticket's customer last wrote from (Omnidesk), if any."""
        inbound = [m for m in self._s.messages.for_ticket(ticket.id) if m.direction is Direction.INBOUND]
        found = (case_of_message_id(m.message_id or "") for m in reversed(inbound))
        return next((c for c in found if c), None)


def _is_mail(address: str) -> bool:
    return chat_of(address) is None and chat_of_number(address) is None


class ReplySender:
    """The queue worker's use case: send one stored reply on its channel, at most once."""

    def __init__(
        self,
        stores: TicketStores,
        bots: TelegramBots,
        api: TelegramApi,
        claims: OnceClaims,
        whatsapp: WhatsAppSending | None = None,
        cases: CaseReplies | None = None,
    ) -> None:
        self._s, self._bots, self._api, self._claims, self._wa = stores, bots, api, claims, whatsapp
        self._cases = cases

    def send(self, job: ReplyJob) -> bool:
        """False if it was sent before (a redelivery). Raises on failure so the queue retries, then DLQs."""
        message = self._s.messages.get(job.ticket_id, job.message_sort_key)
        if job.channel == "whatsapp":
            if self._wa is None or message is None:
                raise Unavailable(f"reply {job.message_sort_key}: WhatsApp is not configured")
            return self._wa.send(job, message, self._once, self._s.attachments.get)
        if job.channel in CASE_CHANNELS:
            cases = self._cases
            if cases is None or message is None:
                raise Unavailable(f"reply {job.message_sort_key}: {job.channel} is not configured")
            # idempotent on the reply's id: a redelivered job never posts the reply to the case twice
            post = lambda: cases.post_reply(job.chat_id, message.text)  # noqa: E731
            return self._once(f"channel-reply#{message.id}#text", post)
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

    def _once(self, claim: str, send: Callable[[], object]) -> bool:
        """Each part (the text, each file) is sent at most once; a failed part is retried by the queue."""
        if not self._claims.claim(claim):
            return False
        try:
            send()
        except Exception:
            self._claims.release(claim)  # not sent: the queue's retry may send it
            raise
        return True


class WhatsAppSending:
    """Within 24 h of the customer's last message the reply goes as written; outside, only an approved
    template may open the conversation again (Meta's rule), and the reply waits in the ticket."""

    def __init__(self, numbers: WhatsAppNumbers, api: WhatsAppApi, links: ChannelLinks, clock: Clock) -> None:
        self._numbers, self._api, self._links, self._clock = numbers, api, links, clock

    def send(
        self,
        job: ReplyJob,
        message: Message,
        once: Callable[[str, Callable[[], object]], bool],
        content_of: Callable[[str], bytes],
    ) -> bool:
        number = self._numbers.get(job.account)
        if number is None:
            raise Unavailable(f"WhatsApp number {job.account} is not configured")
        to = str(job.chat_id)
        last = sent_at_of(self._links.last_message("whatsapp", job.account, job.chat_id))
        if not in_service_window(last, self._clock.now()):
            return once(
                f"channel-reply#{message.id}#template",
                lambda: self._api.send_template(number, to, number.reopen_template),
            )
        sent = once(f"channel-reply#{message.id}#text", lambda: self._api.send_text(number, to, message.text))
        for n, ref in enumerate(message.attachments):
            content = content_of(ref.key)
            send = lambda: self._api.send_document(number, to, ref.filename, content, ref.content_type)  # noqa: E731, B023
            sent = once(f"channel-reply#{message.id}#file{n}", send) or sent
        return sent
