"""Telegram's side of a conversation: the bot, the updates its webhook receives, who a chat belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

TELEGRAM_DOMAIN = "telegram.invalid"  # never mailed: `.invalid` cannot resolve (RFC 6761)
_START = re.compile(r"^/start(?:@\w+)?(?:\s+([A-Za-z0-9_-]{1,64}))?\s*$")


@dataclass(frozen=True)
class TelegramBot:
    bot_id: str
    token: str  # the Bot API token: a secret
    webhook_secret: str  # what Telegram sends back in X-Telegram-Bot-Api-Secret-Token
    mailbox: str = "support"
    username: str = ""  # for t.me deep links


@dataclass(frozen=True)
class TelegramFile:
    file_id: str
    filename: str
    content_type: str


@dataclass(frozen=True)
class TelegramMessage:
    update_id: int
    message_id: int
    chat_id: int
    user_id: int
    name: str
    text: str
    sent_at: datetime
    start_token: str | None = None  # `/start <token>`: a deep link from the cabinet
    is_start: bool = False
    files: tuple[TelegramFile, ...] = ()
    reply_to_message_id: int | None = None


def chat_address(bot_id: str, chat_id: int) -> str:
    """The address a Telegram customer not yet tied to an account is known by (never mailed)."""
    return f"tg.{bot_id}.{chat_id}@{TELEGRAM_DOMAIN}".lower()


def chat_of(address: str) -> tuple[str, int] | None:
    local, _, domain = address.lower().partition("@")
    parts = local.split(".")
    if domain != TELEGRAM_DOMAIN or len(parts) != 3 or parts[0] != "tg" or not parts[2].lstrip("-").isdigit():
        return None
    return parts[1], int(parts[2])


def read_update(update: dict[str, Any]) -> TelegramMessage | None:
    """The private message in an Update (text, photo or document); None for anything else (edits, groups)."""
    message = update.get("message")
    if not isinstance(message, dict) or (message.get("chat") or {}).get("type") != "private":
        return None
    sender = message.get("from") or {}
    text = str(message.get("text") or message.get("caption") or "")
    start = _START.match(text) if message.get("text") else None
    files = []
    if message.get("photo"):
        largest = max(message["photo"], key=lambda p: int(p.get("width", 0)) * int(p.get("height", 0)))
        files.append(
            TelegramFile(str(largest["file_id"]), f"photo-{message['message_id']}.jpg", "image/jpeg")
        )
    if isinstance(message.get("document"), dict):
        doc = message["document"]
        files.append(TelegramFile(str(doc["file_id"]), str(doc.get("file_name") or "document"),
                                  str(doc.get("mime_type") or "application/octet-stream")))  # fmt: skip
    name = " ".join(str(sender.get(k) or "") for k in ("first_name", "last_name")).strip()
    replied = message.get("reply_to_message") or {}
    return TelegramMessage(
        update_id=int(update["update_id"]),
        message_id=int(message["message_id"]),
        chat_id=int(message["chat"]["id"]),
        user_id=int(sender.get("id") or message["chat"]["id"]),
        name=name or str(sender.get("username") or ""),
        text=text,
        sent_at=datetime.fromtimestamp(int(message["date"]), UTC),
        start_token=start.group(1) if start else None,
        is_start=bool(start),
        files=tuple(files),
        reply_to_message_id=int(replied["message_id"]) if replied.get("message_id") else None,
    )
