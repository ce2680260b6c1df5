"""In-memory forms, held submissions, intake and confirmations, held to the same suites as the adapters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from helpdesk.channels.model.chat import Chat, ChatLine, ChatMode, ChatSide
from helpdesk.channels.model.forms import FormSpec
from helpdesk.channels.model.inbound import InboundMessage
from helpdesk.channels.model.replies import ReplyJob
from helpdesk.channels.model.submission import HeldStatus, HeldSubmission
from helpdesk.channels.model.telegram import TelegramBot
from helpdesk.channels.model.whatsapp import WhatsAppNumber
from helpdesk.channels.ports import ChannelLink, HeldPage


class MemoryForms:
    def __init__(self) -> None:
        self._forms: dict[str, FormSpec] = {}

    def get(self, form_id: str) -> FormSpec | None:
        return self._forms.get(form_id)

    def save(self, form: FormSpec) -> None:
        self._forms[form.id] = form


class MemoryHeld:
    def __init__(self) -> None:
        self._held: dict[str, HeldSubmission] = {}

    def put(self, held: HeldSubmission) -> None:
        self._held[held.reference] = held

    def get(self, reference: str) -> HeldSubmission | None:
        return self._held.get(reference)

    def list(self, status: HeldStatus, limit: int, cursor: str | None = None) -> HeldPage:
        ordered = sorted(
            (h for h in self._held.values() if h.status is status),
            key=lambda h: (h.submission.received_at, h.reference),
            reverse=True,
        )
        start = int(cursor or 0)
        page = ordered[start : start + limit]
        more = start + limit < len(ordered)
        return HeldPage(page, str(start + limit) if more else None)

    def set_status(self, reference: str, status: HeldStatus) -> None:
        if reference in self._held:
            self._held[reference] = self._held[reference].with_status(status)


@dataclass
class RecordingIntake:
    taken: list[InboundMessage] = field(default_factory=list)

    def take(self, message: InboundMessage) -> None:
        self.taken.append(message)


@dataclass
class RecordingConfirmations:
    sent: list[tuple[str, str, str]] = field(default_factory=list)

    def send(self, to: str, reference: str, link: str) -> None:
        self.sent.append((to, reference, link))


@dataclass
class RecordingVerification:
    confirmed: list[tuple[str, str]] = field(default_factory=list)

    def confirm_sender(self, channel: str, message_key: str) -> bool:
        self.confirmed.append((channel, message_key))
        return True


class MemoryLinks:
    def __init__(self) -> None:
        self.tokens: dict[str, tuple[str, datetime]] = {}
        self.by_chat_key: dict[tuple[str, str, int], ChannelLink] = {}
        self.last: dict[tuple[str, str, int], str] = {}

    def issue(self, token: str, email: str, expires_at: datetime) -> None:
        self.tokens[token] = (email, expires_at)

    def redeem(self, token: str, now: datetime) -> str | None:
        email, expires = self.tokens.pop(token, ("", now))
        return email if email and expires > now else None

    def link(self, link: ChannelLink) -> None:
        self.by_chat_key[(link.channel, link.account, link.chat_id)] = link

    def by_chat(self, channel: str, account: str, chat_id: int) -> ChannelLink | None:
        return self.by_chat_key.get((channel, account, chat_id))

    def by_email(self, channel: str, email: str) -> ChannelLink | None:
        return next(
            (k for k in self.by_chat_key.values() if k.channel == channel and k.email == email.lower()), None
        )

    def last_message(self, channel: str, account: str, chat_id: int) -> str:
        return self.last.get((channel, account, chat_id), "")

    def remember_message(self, channel: str, account: str, chat_id: int, message_key: str) -> None:
        self.last[(channel, account, chat_id)] = message_key


@dataclass
class MemoryBots:
    bots: dict[str, TelegramBot] = field(default_factory=dict)

    def get(self, bot_id: str) -> TelegramBot | None:
        return self.bots.get(bot_id)


@dataclass
class FakeBotApi:
    files: dict[str, bytes] = field(default_factory=dict)
    sent: list[tuple[int, str]] = field(default_factory=list)
    fail_documents: int = 0

    def send_message(self, bot: TelegramBot, chat_id: int, text: str) -> int:
        self.sent.append((chat_id, text))
        return len(self.sent)

    def send_document(
        self, bot: TelegramBot, chat_id: int, name: str, content: bytes, content_type: str
    ) -> int:
        if self.fail_documents:
            self.fail_documents -= 1
            raise RuntimeError("Telegram is down")
        self.sent.append((chat_id, f"document:{name}:{len(content)}"))
        return len(self.sent)

    def download(self, bot: TelegramBot, file_id: str) -> bytes:
        return self.files[file_id]


@dataclass
class MemoryReplyQueue:
    jobs: list[ReplyJob] = field(default_factory=list)

    def enqueue(self, job: ReplyJob) -> None:
        self.jobs.append(job)


@dataclass
class MemoryClaims:
    claimed: set[str] = field(default_factory=set)

    def claim(self, key: str) -> bool:
        if key in self.claimed:
            return False
        self.claimed.add(key)
        return True

    def release(self, key: str) -> None:
        self.claimed.discard(key)


class MemoryChats:
    def __init__(self) -> None:
        self.chats: dict[str, Chat] = {}
        self.lines: dict[str, list[ChatLine]] = {}
        self.agent_beats: dict[str, datetime] = {}

    def start(self, chat: Chat) -> None:
        self.chats[chat.id] = chat
        self.lines[chat.id] = []

    def get(self, chat_id: str) -> Chat | None:
        return self.chats.get(chat_id)

    def add(self, chat_id: str, side: ChatSide, author: str, text: str, at: datetime) -> ChatLine:
        line = ChatLine(chat_id, len(self.lines[chat_id]) + 1, side, author, text, at)
        self.lines[chat_id].append(line)
        return line

    def since(self, chat_id: str, after: int) -> list[ChatLine]:
        return [x for x in self.lines.get(chat_id, []) if x.seq > after]

    def live(self, limit: int) -> list[Chat]:
        live = [c for c in self.chats.values() if c.mode is ChatMode.LIVE]
        return sorted(live, key=lambda c: c.started_at, reverse=True)[:limit]

    def beat(self, agent: str, at: datetime) -> None:
        self.agent_beats[agent.lower()] = at

    def beats(self) -> dict[str, datetime]:
        return dict(self.agent_beats)


@dataclass
class FakeWhatsApp:
    media: dict[str, bytes] = field(default_factory=dict)
    sent: list[tuple[str, str, str]] = field(default_factory=list)  # (to, kind, text or template)

    def send_text(self, number: WhatsAppNumber, to: str, text: str) -> str:
        self.sent.append((to, "text", text))
        return f"wamid.out{len(self.sent)}"

    def send_template(self, number: WhatsAppNumber, to: str, template: str) -> str:
        self.sent.append((to, "template", template))
        return f"wamid.out{len(self.sent)}"

    def send_document(
        self, number: WhatsAppNumber, to: str, name: str, content: bytes, content_type: str
    ) -> str:
        self.sent.append((to, "document", name))
        return f"wamid.out{len(self.sent)}"

    def download(self, number: WhatsAppNumber, media_id: str) -> bytes:
        return self.media[media_id]


@dataclass
class MemoryNumbers:
    numbers: dict[str, WhatsAppNumber] = field(default_factory=dict)

    def get(self, phone_number_id: str) -> WhatsAppNumber | None:
        return self.numbers.get(phone_number_id)
