"""Chats in the `helpdesk` table: the chat (`CHAT#<id>`/`CHAT`, its line counter in `tally`), its lines
(`LINE#<seq>`), the live list (`CHATS#live`, a day's TTL) and agents' beats (`CHATAGENTS`)."""

from __future__ import annotations

import time
from datetime import datetime

from helpdesk.channels.model.chat import Chat, ChatLine, ChatMode, ChatSide
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem

DAY = 86_400


class DynamoChats:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def start(self, chat: Chat) -> None:
        expires = int(time.time()) + 30 * DAY
        self._m(
            f"CHAT#{chat.id}", "CHAT", entity="chat", data=dumps(chat), tally=0, expires_at=expires
        ).save()
        if chat.mode is ChatMode.LIVE:
            self._m("CHATS#live", f"{chat.started_at.isoformat()}#{chat.id}", entity="chat_live", ref=chat.id,
                    expires_at=int(time.time()) + DAY).save()  # fmt: skip

    def get(self, chat_id: str) -> Chat | None:
        try:
            return loads(Chat, self._m.get(f"CHAT#{chat_id}", "CHAT", consistent_read=True).data or "{}")
        except self._m.DoesNotExist:
            return None

    def add(self, chat_id: str, side: ChatSide, author: str, text: str, at: datetime) -> ChatLine:
        item = self._m(f"CHAT#{chat_id}", "CHAT")
        item.update(actions=[self._m.tally.add(1)])  # atomic: two writers never share a number
        line = ChatLine(chat_id, int(item.tally or 0), side, author, text, at)
        self._m(f"CHAT#{chat_id}", f"LINE#{line.seq:08d}", entity="chat_line", data=dumps(line),
                expires_at=int(time.time()) + 30 * DAY).save()  # fmt: skip
        return line

    def since(self, chat_id: str, after: int) -> list[ChatLine]:
        items = self._m.query(f"CHAT#{chat_id}", self._m.sk > f"LINE#{after:08d}", consistent_read=True)
        return [loads(ChatLine, i.data or "{}") for i in items if i.sk.startswith("LINE#")]

    def live(self, limit: int) -> list[Chat]:
        refs = [i.ref for i in self._m.query("CHATS#live", scan_index_forward=False, limit=limit) if i.ref]
        return [c for c in (self.get(r) for r in refs) if c is not None]

    def beat(self, agent: str, at: datetime) -> None:
        self._m("CHATAGENTS", agent.lower(), entity="chat_agent", ref=at.isoformat(),
                expires_at=int(time.time()) + DAY).save()  # fmt: skip

    def beats(self) -> dict[str, datetime]:
        return {
            i.sk: datetime.fromisoformat(i.ref)
            for i in self._m.query("CHATAGENTS", consistent_read=True)
            if i.ref
        }
