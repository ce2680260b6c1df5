"""The interfaces the channel services need. Each has an in-memory fake (tests/fakes/channels) and a real
adapter held to one contract suite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from helpdesk.channels.model.chat import Chat, ChatLine, ChatSide
from helpdesk.channels.model.forms import FormSpec
from helpdesk.channels.model.inbound import InboundMessage
from helpdesk.channels.model.replies import ReplyJob
from helpdesk.channels.model.submission import HeldStatus, HeldSubmission
from helpdesk.channels.model.telegram import TelegramBot
from helpdesk.channels.model.whatsapp import WhatsAppNumber
from helpdesk.kernel.errors import Invalid, NotFound, RateLimited


class FormNotFound(NotFound):
    pass


class SubmissionRefused(Invalid):
    """The sender is told what to fix; the submission is kept for review under its reference."""

    def __init__(self, reference: str, reasons: tuple[str, ...], problems: dict[str, str]) -> None:
        super().__init__("the form was not accepted: " + "; ".join(problems.values() or reasons))
        self.body = {"reference": reference, "problems": problems, "reasons": list(reasons)}


class SubmissionThrottled(RateLimited):
    def __init__(self, reference: str, retry_after: int) -> None:
        super().__init__("too many submissions: try again later", retry_after)
        self.body = {"reference": reference}


class ChannelIntake(Protocol):
    """The conversation-channel port, inbound: hand a message to the ticket ingest that mail goes through."""

    def take(self, message: InboundMessage) -> None: ...


class FormStore(Protocol):
    def get(self, form_id: str) -> FormSpec | None: ...
    def save(self, form: FormSpec) -> None: ...


@dataclass(frozen=True)
class HeldPage:
    items: list[HeldSubmission]
    cursor: str | None = None


class HeldStore(Protocol):
    def put(self, held: HeldSubmission) -> None: ...
    def get(self, reference: str) -> HeldSubmission | None: ...
    def list(self, status: HeldStatus, limit: int, cursor: str | None = None) -> HeldPage:
        """Newest first."""

    def set_status(self, reference: str, status: HeldStatus) -> None: ...


class RateWindow(Protocol):
    def allow(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        """Count one event for `key`; False once `limit` events fall in the sliding window (kernel/rates)."""


class CaptchaVerifier(Protocol):
    """An optional human check (Cloudflare Turnstile, hCaptcha): True when the widget's token is good."""

    def verify(self, token: str, client_address: str) -> bool: ...


class SenderConfirmations(Protocol):
    def send(self, to: str, reference: str, link: str) -> None:
        """Mail the link that proves the sender reads this address."""


class VerifiedTickets(Protocol):
    def confirm_sender(self, channel: str, message_key: str) -> bool:
        """Mark the ticket holding that channel message as from a verified sender; False if none holds it."""


class TelegramApi(Protocol):
    """Telegram's Bot API (api.telegram.org; the stand-in locally)."""

    def send_message(self, bot: TelegramBot, chat_id: int, text: str) -> int:
        """The sent message's id."""

    def send_document(
        self, bot: TelegramBot, chat_id: int, name: str, content: bytes, content_type: str
    ) -> int: ...
    def download(self, bot: TelegramBot, file_id: str) -> bytes: ...


class TelegramBots(Protocol):
    def get(self, bot_id: str) -> TelegramBot | None: ...


@dataclass(frozen=True)
class ChannelLink:
    """A conversation on a channel (a Telegram chat) tied to a customer's verified e-mail."""

    channel: str
    account: str  # the bot (Telegram) or business number (WhatsApp) it runs through
    chat_id: int
    email: str


class ChannelLinks(Protocol):
    def issue(self, token: str, email: str, expires_at: datetime) -> None:
        """A one-time deep-link token naming the signed-in customer who asked for it."""

    def redeem(self, token: str, now: datetime) -> str | None:
        """The token's e-mail, once; None if unknown, used or expired."""

    def link(self, link: ChannelLink) -> None: ...
    def by_chat(self, channel: str, account: str, chat_id: int) -> ChannelLink | None: ...
    def by_email(self, channel: str, email: str) -> ChannelLink | None: ...
    def last_message(self, channel: str, account: str, chat_id: int) -> str:
        """The key of the chat's latest inbound message ("" for none): the next one threads to it."""

    def remember_message(self, channel: str, account: str, chat_id: int, message_key: str) -> None: ...


class ReplyQueue(Protocol):
    def enqueue(self, job: ReplyJob) -> None: ...


class OnceClaims(Protocol):
    def claim(self, key: str) -> bool:
        """True the first time for `key` (the effect may happen), False after."""

    def release(self, key: str) -> None: ...


class ChatStore(Protocol):
    def start(self, chat: Chat) -> None: ...
    def get(self, chat_id: str) -> Chat | None: ...
    def add(self, chat_id: str, side: ChatSide, author: str, text: str, at: datetime) -> ChatLine:
        """Append a line with the chat's next sequence number (1, 2, ...)."""

    def since(self, chat_id: str, after: int) -> list[ChatLine]:
        """Lines with seq > after, in order."""

    def live(self, limit: int) -> list[Chat]:
        """Live chats, newest first."""

    def beat(self, agent: str, at: datetime) -> None:
        """An agent has the chat page open."""

    def beats(self) -> dict[str, datetime]: ...


class WhatsAppApi(Protocol):
    """Meta's WhatsApp Cloud API (graph.facebook.com)."""

    def send_text(self, number: WhatsAppNumber, to: str, text: str) -> str:
        """The sent message's wamid."""

    def send_template(self, number: WhatsAppNumber, to: str, template: str) -> str: ...
    def send_document(
        self, number: WhatsAppNumber, to: str, name: str, content: bytes, content_type: str
    ) -> str: ...
    def download(self, number: WhatsAppNumber, media_id: str) -> bytes: ...


class WhatsAppNumbers(Protocol):
    def get(self, phone_number_id: str) -> WhatsAppNumber | None: ...


class CaseReplies(Protocol):
    """Replies to a conversation kept in another helpdesk (an Omnidesk case), through its API: the
    integrations context serves it (it holds the connector's settings and credentials)."""

    def post_reply(self, case_id: int, text: str) -> None: ...
