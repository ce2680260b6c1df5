"""The site's live chat: a visitor's lines and the agents' view of open chats."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.channels.model.chat import Chat, ChatLine


class ChatStartView(BaseModel):
    chat_id: str
    token: str  # send it with every call of this chat
    mode: str  # "live": an agent answers here; "mail": nobody is online, the answer comes by mail


class ChatLineView(BaseModel):
    seq: int
    side: str
    author: str
    text: str
    at: datetime

    @classmethod
    def of(cls, line: ChatLine) -> ChatLineView:
        return cls(seq=line.seq, side=line.side.value, author=line.author, text=line.text, at=line.at)


class ChatLinesView(BaseModel):
    mode: str = "live"
    lines: list[ChatLineView]


class LiveChatView(BaseModel):
    id: str
    name: str
    email: str
    started_at: datetime
    lines: list[ChatLineView]

    @classmethod
    def of(cls, chat: Chat, lines: list[ChatLine]) -> LiveChatView:
        return cls(id=chat.id, name=chat.name, email=chat.email, started_at=chat.started_at,
                   lines=[ChatLineView.of(x) for x in lines])  # fmt: skip


class LiveChatsView(BaseModel):
    chats: list[LiveChatView]
    online: list[str] = []


class ChatSayRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=2000)
