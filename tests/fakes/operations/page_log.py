"""The page log in memory, held to the DynamoDB adapter's contract."""

from __future__ import annotations

from helpdesk.operations.adapters.page_log import _in_order, _sk
from helpdesk.operations.model.escalation import Page


class InMemoryPageLog:
    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}

    def record(self, page: Page) -> None:
        self._pages.setdefault(_sk(page), page)

    def recent(self, limit: int) -> list[Page]:
        newest = sorted(self._pages, reverse=True)[:limit]
        return _in_order([self._pages[k] for k in newest])

    def save_acknowledged(self, page: Page) -> None:
        self._pages[_sk(page)] = page
