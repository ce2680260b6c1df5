"""Deep links that tie a chat to a signed-in customer: the cabinet asks, the customer opens the bot."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from helpdesk.channels.ports import ChannelLinks, TelegramBots
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import NotFound

LINK_LIFETIME = timedelta(minutes=30)


@dataclass(frozen=True)
class TelegramConnection:
    """What the cabinet's "Connect Telegram" shows: the bot on offer, whether this account is tied to it."""

    bot_id: str
    username: str
    linked: bool


class ChannelLinking:
    def __init__(self, bots: TelegramBots, links: ChannelLinks, clock: Clock, cabinet_bot: str = "") -> None:
        self._bots, self._links, self._clock, self._cabinet_bot = bots, links, clock, cabinet_bot

    def telegram_connection(self, email: str) -> TelegramConnection | None:
        """None when no bot is offered in the cabinet (or it is not set up)."""
        bot = self._bots.get(self._cabinet_bot) if self._cabinet_bot else None
        if bot is None or not bot.username:
            return None
        link = self._links.by_email("telegram", email)
        return TelegramConnection(bot.bot_id, bot.username, link is not None and link.account == bot.bot_id)

    def telegram_link(self, bot_id: str, email: str) -> tuple[str, datetime]:
        """The t.me link whose `/start <token>` ties the chat that opens it to the account `email`."""
        bot = self._bots.get(bot_id)
        if bot is None or not bot.username:
            raise NotFound(f"telegram bot {bot_id}")
        token = secrets.token_urlsafe(24)
        expires = self._clock.now() + LINK_LIFETIME
        self._links.issue(token, email.lower(), expires)
        return f"https://t.me/{bot.username}?start={token}", expires
