"""Telegram in: the webhook's updates become messages of the same ingest as mail; `/start <token>` ties the
chat to the cabinet account that asked for the link."""

from __future__ import annotations

import hmac
from typing import Any

from helpdesk.channels.model.inbound import InboundFile, InboundMessage
from helpdesk.channels.model.telegram import TelegramBot, TelegramMessage, chat_address, read_update
from helpdesk.channels.ports import ChannelIntake, ChannelLink, ChannelLinks, TelegramApi, TelegramBots
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Unauthorized

MAX_FILE_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download


class TelegramInbound:
    def __init__(
        self, bots: TelegramBots, api: TelegramApi, intake: ChannelIntake, links: ChannelLinks, clock: Clock
    ) -> None:
        self._bots, self._api, self._intake, self._links, self._clock = bots, api, intake, links, clock

    def receive(self, bot_id: str, secret: str, update: dict[str, Any]) -> str:
        """What became of the update: "message", "linked", "link_refused" or "ignored". An unknown bot and a
        wrong secret get the same refusal."""
        bot = self._bots.get(bot_id)
        if bot is None or not secret or not hmac.compare_digest(secret.encode(), bot.webhook_secret.encode()):
            raise Unauthorized("webhook secret")
        message = read_update(update)
        if message is None:
            return "ignored"
        if message.is_start and message.start_token:
            return self._link(bot, message)
        if message.is_start:
            self._api.send_message(
                bot, message.chat_id, "Hello! Write your question here and we will answer."
            )
            return "ignored"
        inbound = self._inbound(bot, message)
        self._intake.take(inbound)
        self._links.remember_message("telegram", bot.bot_id, message.chat_id, inbound.message_key)
        return "message"

    def _link(self, bot: TelegramBot, message: TelegramMessage) -> str:
        email = self._links.redeem(message.start_token or "", self._clock.now())
        if email is None:
            self._api.send_message(bot, message.chat_id, "This link is used or expired: ask for a new one.")
            return "link_refused"
        self._links.link(ChannelLink("telegram", bot.bot_id, message.chat_id, email))
        self._api.send_message(bot, message.chat_id, f"Done: this chat is tied to your account {email}.")
        return "linked"

    def _inbound(self, bot: TelegramBot, message: TelegramMessage) -> InboundMessage:
        link = self._links.by_chat("telegram", bot.bot_id, message.chat_id)
        address = link.email if link else chat_address(bot.bot_id, message.chat_id)
        files = tuple(
            InboundFile(f.filename, f.content_type, self._api.download(bot, f.file_id)) for f in message.files
        )
        key = f"{bot.bot_id}-{message.chat_id}-{message.message_id}"
        first_line = (message.text.splitlines() or [""])[0][:80]
        return InboundMessage(
            channel="telegram",
            message_key=key,
            sender_address=address,
            sender_name=message.name,
            subject=first_line or ("Photo" if files else "Telegram message"),
            text=message.text,
            sent_at=message.sent_at,
            to_mailbox=bot.mailbox,
            reply_to=self._links.last_message("telegram", bot.bot_id, message.chat_id),
            files=files,
            headers=(("Telegram-Chat", str(message.chat_id)), ("Telegram-Bot", bot.bot_id)),
        )
