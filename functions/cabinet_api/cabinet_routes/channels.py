"""Channels in the cabinet (docs/channels.md): a signed-in customer ties their Telegram chat to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.channels.views import TelegramLinkView


from .common import CUSTOMER, app, body, verifier


@route(app, "/channels/telegram/link", access=CUSTOMER, verifier=verifier, methods=["POST"])
def telegram_link(caller: Principal) -> TelegramLinkView:
    from helpdesk.channels.views import TelegramLinkRequest, TelegramLinkView

    request = TelegramLinkRequest.model_validate(body())
    url, expires = container().channel_linking.telegram_link(request.bot_id, caller.email or "")
    return TelegramLinkView(url=url, expires_at=expires)
