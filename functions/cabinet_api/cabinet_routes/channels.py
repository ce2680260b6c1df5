"""Channels in the cabinet (docs/channels.md): a signed-in customer ties their Telegram chat to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.channels.views.telegram import TelegramConnectionView, TelegramLinkView


from .common import CUSTOMER, app, body, verifier


@route(app, "/channels/telegram", access=CUSTOMER, verifier=verifier)
def telegram_connection(caller: Principal) -> TelegramConnectionView:
    """The bot the cabinet offers and whether the signed-in customer's account is tied to a chat with it."""
    from helpdesk.channels.views.telegram import TelegramConnectionView

    found = container().channel_linking.telegram_connection(caller.email or "")
    if found is None:
        return TelegramConnectionView(offered=False)
    return TelegramConnectionView(
        offered=True, bot_id=found.bot_id, username=found.username, linked=found.linked
    )


@route(app, "/channels/telegram/link", access=CUSTOMER, verifier=verifier, methods=["POST"])
def telegram_link(caller: Principal) -> TelegramLinkView:
    from helpdesk.channels.views.telegram import TelegramLinkRequest, TelegramLinkView

    request = TelegramLinkRequest.model_validate(body())
    url, expires = container().channel_linking.telegram_link(request.bot_id, caller.email or "")
    return TelegramLinkView(url=url, expires_at=expires)
