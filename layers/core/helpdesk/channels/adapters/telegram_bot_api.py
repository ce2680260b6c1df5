"""Telegram's Bot API over HTTPS (stdlib only: three calls do not justify a client library)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from helpdesk.channels.adapters.multipart import multipart
from helpdesk.channels.model.telegram import TelegramBot
from helpdesk.kernel.errors import Unavailable

TIMEOUT = 15


class BotApi:
    def __init__(self, base_url: str = "https://api.telegram.org") -> None:
        self._base = base_url.rstrip("/")

    def send_message(self, bot: TelegramBot, chat_id: int, text: str) -> int:
        result = self._call(bot, "sendMessage", json.dumps({"chat_id": chat_id, "text": text}).encode(),
                            "application/json")  # fmt: skip
        return int(result["message_id"])

    def send_document(
        self, bot: TelegramBot, chat_id: int, name: str, content: bytes, content_type: str
    ) -> int:
        body, kind = multipart({"chat_id": str(chat_id)}, "document", name, content, content_type)
        result = self._call(bot, "sendDocument", body, kind)
        return int(result["message_id"])

    def download(self, bot: TelegramBot, file_id: str) -> bytes:
        found = self._call(bot, "getFile", json.dumps({"file_id": file_id}).encode(), "application/json")
        url = f"{self._base}/file/bot{bot.token}/{found['file_path']}"
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:  # noqa: S310 - our configured host
                return bytes(answer.read())
        except (urllib.error.URLError, OSError) as error:
            raise Unavailable(f"Telegram file download failed: {type(error).__name__}") from None

    def _call(self, bot: TelegramBot, method: str, body: bytes, content_type: str) -> Any:
        request = urllib.request.Request(
            f"{self._base}/bot{bot.token}/{method}", data=body, headers={"Content-Type": content_type}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
                data = json.loads(answer.read())
        except urllib.error.HTTPError as error:
            # the URL holds the bot token: never let it reach a log or an error text
            raise Unavailable(f"Telegram {method} answered {error.code}") from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise Unavailable(f"Telegram {method} failed: {type(error).__name__}") from None
        if not data.get("ok"):
            raise Unavailable(f"Telegram {method} refused: {str(data.get('description'))[:200]}")
        return data["result"]
