"""Channel links (chat <-> customer e-mail), one-time deep-link tokens and each chat's latest message, in the
`helpdesk` table."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import PynamoDBException

from helpdesk.channels.ports import ChannelLink
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed


class DynamoChannelLinks:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def issue(self, token: str, email: str, expires_at: datetime) -> None:
        self._m(f"LINKTOKEN#{token}", "TOKEN", entity="link_token", ref=email,
                expires_at=int(expires_at.timestamp())).save()  # fmt: skip

    def redeem(self, token: str, now: datetime) -> str | None:
        try:
            item = self._m.get(f"LINKTOKEN#{token}", "TOKEN", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        try:  # the delete is the redemption: of two concurrent /start messages one wins
            item.delete(condition=self._m.pk.exists())
        except PynamoDBException as error:
            if condition_failed(error):
                return None
            raise
        return item.ref if (item.expires_at or 0) > now.timestamp() else None

    def link(self, link: ChannelLink) -> None:
        chat = f"CHAT#{link.channel}#{link.account}#{link.chat_id}"
        self._m(chat, "LINK", entity="channel_link", data=dumps(link)).save()
        self._m(f"CHANNELOF#{link.email.lower()}", f"LINK#{link.channel}", entity="channel_link",
                data=dumps(link)).save()  # fmt: skip

    def by_chat(self, channel: str, account: str, chat_id: int) -> ChannelLink | None:
        return self._read(f"CHAT#{channel}#{account}#{chat_id}", "LINK")

    def by_email(self, channel: str, email: str) -> ChannelLink | None:
        return self._read(f"CHANNELOF#{email.lower()}", f"LINK#{channel}")

    def last_message(self, channel: str, account: str, chat_id: int) -> str:
        try:
            return self._m.get(f"CHAT#{channel}#{account}#{chat_id}", "LAST", consistent_read=True).ref or ""
        except self._m.DoesNotExist:
            return ""

    def remember_message(self, channel: str, account: str, chat_id: int, message_key: str) -> None:
        self._m(f"CHAT#{channel}#{account}#{chat_id}", "LAST", entity="chat_last", ref=message_key).save()

    def _read(self, pk: str, sk: str) -> ChannelLink | None:
        try:
            return loads(ChannelLink, self._m.get(pk, sk, consistent_read=True).data or "{}")
        except self._m.DoesNotExist:
            return None
