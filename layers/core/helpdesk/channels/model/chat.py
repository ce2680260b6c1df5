"""Website chat: a visitor's conversation, live while an agent is online, else a ticket answered by mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

ONLINE_WITHIN = timedelta(seconds=45)  # an agent's console beats every 15 s while the chat page is open
MAX_CHAT_TEXT = 2000


class ChatMode(StrEnum):
    LIVE = "live"  # an agent was online when it started: answers come in the chat
    MAIL = "mail"  # nobody was: the messages open a ticket, answered by mail


class ChatSide(StrEnum):
    VISITOR = "visitor"
    AGENT = "agent"


@dataclass(frozen=True)
class Chat:
    id: str
    name: str
    email: str
    started_at: datetime
    mode: ChatMode
    origin: str = ""


@dataclass(frozen=True)
class ChatLine:
    chat_id: str
    seq: int
    side: ChatSide
    author: str
    text: str
    at: datetime


def agents_online(beats: dict[str, datetime], now: datetime) -> list[str]:
    return sorted(agent for agent, at in beats.items() if now - at <= ONLINE_WITHIN)
