"""A reply to send on a channel: the stored outbound message and the chat it goes to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReplyJob:
    ticket_id: str
    message_sort_key: str
    channel: str
    account: str  # the bot (Telegram) or business number (WhatsApp)
    chat_id: int
