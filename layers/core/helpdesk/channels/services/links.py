"""Deep links that tie a chat to a signed-in customer: the cabinet asks, the customer opens the bot."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from helpdesk.channels.ports import ChannelLinks, TelegramBots
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import NotFound

LINK_LIFETIME = timedelta(minutes=30)


class ChannelLinking:
    def __init__(self, bots: TelegramBots, links: ChannelLinks, clock: Clock) -> None:
        self._bots, self._links, self._clock = bots, links, clock

    def telegram_link(self, bot_id: str, email: str) -> tuple[str, datetime]:
        """The t.me link whose `/start <token>` ties the chat that opens it to the account `email`."""
        bot = self._bots.get(bot_id)
        if bot is None or not bot.username:
            raise NotFound(f"telegram bot {bot_id}")
        token = secrets.token_urlsafe(24)
        expires = self._clock.now() + LINK_LIFETIME
        self._links.issue(token, email.lower(), expires)
        return f"https://t.me/{bot.username}?start={token}", expires
