"""Telegram bots from Secrets Manager: `helpdesk/telegram/<bot id>` holds
{"token", "webhook_secret", "mailbox", "username"} (docs/channels.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from helpdesk.channels.model.telegram import TelegramBot

_BOT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class SecretBots:
    def __init__(self, get_secret: Callable[[str], str]) -> None:
        self._get = get_secret

    def get(self, bot_id: str) -> TelegramBot | None:
        if not _BOT_ID.fullmatch(bot_id or ""):
            return None
        try:
            data = json.loads(self._get(f"helpdesk/telegram/{bot_id}"))
        except Exception:  # noqa: BLE001 - absent or unreadable: the bot is unknown, answered like a bad secret
            return None
        mailbox, username = str(data.get("mailbox") or "support"), str(data.get("username") or "")
        return TelegramBot(bot_id, str(data["token"]), str(data["webhook_secret"]), mailbox, username)
