from __future__ import annotations

from helpdesk.notices.model import Notice


class InMemoryNoticeStore:
    def __init__(self) -> None:
        self._by_id: dict[str, Notice] = {}

    def add(self, notice: Notice) -> bool:
        if notice.notice_id in self._by_id:
            return False
        self._by_id[notice.notice_id] = notice
        return True

    def latest(self, recipient: str, limit: int) -> list[Notice]:
        mine = [n for n in self._by_id.values() if n.recipient == recipient]
        return sorted(mine, key=lambda n: (n.created_at, n.notice_id), reverse=True)[:limit]
