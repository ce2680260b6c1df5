"""Website chat: visitors talk to agents live; every visitor line is also a ticket message (the same ingest as
mail), so the conversation is kept and, with no agent online, answered by mail."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from helpdesk.channels.model.chat import MAX_CHAT_TEXT, Chat, ChatLine, ChatMode, ChatSide, agents_online
from helpdesk.channels.model.forms import FieldKind, FormField, FormSpec, clean_value, field_problems
from helpdesk.channels.model.inbound import InboundMessage, message_id
from helpdesk.channels.ports import ChannelIntake, ChatStore, RateWindow
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, Invalid, NotFound, RateLimited
from helpdesk.tickets.public import Direction, Message, TicketStores

_VISITOR_FIELDS = (
    FormField("name", "Your name", max_length=100),
    FormField("email", "E-mail", FieldKind.EMAIL, max_length=254),
)
_VISITOR = FormSpec("chat", "Chat", "support", _VISITOR_FIELDS)


class ChatDesk:
    def __init__(
        self,
        store: ChatStore,
        intake: ChannelIntake,
        limits: RateWindow,
        tickets: TicketStores,
        clock: Clock,
        secret: bytes,
        support_domain: str,
        origins: tuple[str, ...] = (),
    ) -> None:
        self._store, self._intake, self._limits, self._tickets = store, intake, limits, tickets
        self._clock, self._secret, self._domain, self._origins = clock, secret, support_domain, origins

    def allows(self, origin: str) -> bool:
        return bool(origin) and origin.rstrip("/") in {o.rstrip("/") for o in self._origins}

    def start(self, name: str, email: str, client_address: str, origin: str) -> tuple[Chat, str]:
        """A new chat and the visitor's token for it. Live if an agent is online, else answered by mail."""
        if origin and not self.allows(origin):
            raise Forbidden("this site may not open chats")
        now = self._clock.now()
        client = hashlib.sha256(client_address.encode()).hexdigest()[:16]
        if not self._limits.allow(f"chat#client#{client}", 10, 600, now):
            raise RateLimited("too many chats from here: try again later", 60)
        answers = {"name": clean_value(name)[:200], "email": clean_value(email).lower()[:300]}
        problems = field_problems(_VISITOR, answers)
        if problems:
            raise Invalid("; ".join(problems.values()))
        mode = ChatMode.LIVE if agents_online(self._store.beats(), now) else ChatMode.MAIL
        chat = Chat("C" + secrets.token_hex(8), answers["name"], answers["email"], now, mode, origin[:200])
        self._store.start(chat)
        return chat, self._token(chat.id)

    def visitor_says(self, chat_id: str, token: str, text: str) -> ChatLine:
        chat = self._visitors_chat(chat_id, token)
        text = clean_value(text)
        if not text or len(text) > MAX_CHAT_TEXT:
            raise Invalid(f"a chat message has 1 to {MAX_CHAT_TEXT} characters")
        now = self._clock.now()
        if not self._limits.allow(f"chat#lines#{chat.id}", 30, 60, now):
            raise RateLimited("slow down a little", 10)
        earlier = [x for x in self._store.since(chat.id, 0) if x.side is ChatSide.VISITOR]
        line = self._store.add(chat.id, ChatSide.VISITOR, chat.name, text, now)
        self._intake.take(
            InboundMessage(
                channel="chat",
                message_key=f"{chat.id}-{line.seq}",
                sender_address=chat.email,
                sender_name=chat.name,
                subject=f"Chat: {(text.splitlines() or [''])[0][:70]}",
                text=text,
                sent_at=now,
                reply_to=f"{chat.id}-{earlier[-1].seq}" if earlier else "",
                headers=(("Chat-Id", chat.id), ("Chat-Mode", chat.mode.value)),
            )
        )
        return line

    def visitor_reads(self, chat_id: str, token: str, after: int) -> tuple[Chat, list[ChatLine]]:
        chat = self._visitors_chat(chat_id, token)
        return chat, self._store.since(chat.id, after)

    def agent_says(self, chat_id: str, agent: str, agent_name: str, text: str) -> ChatLine:
        """The agent's line reaches the visitor by their next poll; it is kept in the chat's ticket too."""
        chat = self._store.get(chat_id)
        if chat is None:
            raise NotFound(f"chat {chat_id}")
        text = clean_value(text)
        if not text or len(text) > MAX_CHAT_TEXT:
            raise Invalid(f"a chat message has 1 to {MAX_CHAT_TEXT} characters")
        line = self._store.add(chat.id, ChatSide.AGENT, agent_name or agent, text, self._clock.now())
        self._into_ticket(chat, line, agent, agent_name)
        return line

    def lines(self, chat_id: str, after: int) -> list[ChatLine]:
        if self._store.get(chat_id) is None:
            raise NotFound(f"chat {chat_id}")
        return self._store.since(chat_id, after)

    def live(self, limit: int = 20) -> list[Chat]:
        return self._store.live(limit)

    def beat(self, agent: str) -> list[str]:
        """The agent's console has the chats open; returns who is online."""
        now = self._clock.now()
        self._store.beat(agent, now)
        return agents_online(self._store.beats(), now)

    def _into_ticket(self, chat: Chat, line: ChatLine, agent: str, agent_name: str) -> None:
        visitor = [x for x in self._store.since(chat.id, 0) if x.side is ChatSide.VISITOR]
        keys = [message_id("chat", f"{chat.id}-{x.seq}", self._domain) for x in visitor]
        ticket_id = next((t for k in keys for t in self._tickets.messages.tickets_for_message_id(k)), None)
        if ticket_id is None:
            return  # the visitor's first line is still being ingested: the chat keeps the line meanwhile
        sender = f"chat@{self._domain}"
        message = Message(id=f"{chat.id}-{line.seq}", ticket_id=ticket_id, direction=Direction.OUTBOUND,
                          created_at=line.at, from_=sender, to=(chat.email,), text=line.text, author=agent,
                          author_name=agent_name, channel="chat",
                          message_id=message_id("chat", f"{chat.id}-{line.seq}", self._domain))  # fmt: skip
        self._tickets.messages.add(message, sender)

    def _visitors_chat(self, chat_id: str, token: str) -> Chat:
        chat = self._store.get(chat_id) if hmac.compare_digest(token or "", self._token(chat_id)) else None
        if chat is None:
            raise NotFound("chat")  # a wrong token and an unknown chat answer the same
        return chat

    def _token(self, chat_id: str) -> str:
        return hmac.new(self._secret, f"chat\x1f{chat_id}".encode(), hashlib.sha256).hexdigest()[:32]
