"""The interfaces the services need. Adapters implement them; fakes are held to the same contract tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from helpdesk.domain.escalation import OnCallPerson, Page, Rota
from helpdesk.domain.notices import Notice
from helpdesk.domain.operations import QueueState
from helpdesk.domain.search import SearchDocument, SearchPage, SearchQuery


class Clock(Protocol):
    def now(self) -> datetime: ...


class SearchIndex(Protocol):
    """Full-text index of tickets, messages, customers, orders, licenses and tasks (tantivy or OpenSearch)."""

    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents by key; returns how many were written. Visible to search on return."""
        ...

    def delete(self, keys: Iterable[str]) -> None:
        """Remove documents by `document_key`; unknown keys are ignored."""
        ...

    def search(self, query: SearchQuery) -> SearchPage: ...

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Replace the whole index; searches keep answering from the old contents until the swap."""
        ...

    def clear(self) -> None: ...


class SearchSource(Protocol):
    """Everything search should hold, read from the tables for a rebuild."""

    def estimated_count(self) -> int | None: ...

    def items(self) -> Iterable[dict[str, Any]]:
        """Plain (not DynamoDB-typed) items of the table, any entity: the mapper picks what it indexes."""
        ...


class QueueMonitor(Protocol):
    """Reads the state of a queue: how many messages wait, are in flight, and how old the oldest is.

    Raises NotFound for a queue that does not exist.
    """

    def queue_state(self, queue_name: str) -> QueueState: ...


class NoticeStore(Protocol):
    """Notices per recipient, newest first; adding the same notice id twice keeps one."""

    def add(self, notice: Notice) -> bool: ...

    def latest(self, recipient: str, limit: int) -> list[Notice]: ...


class QueueAdmin(QueueMonitor, Protocol):
    """Queue operations for the operators' tools."""

    def queue_names(self, prefix: str) -> list[str]: ...

    def peek(self, queue_name: str, limit: int) -> list[str]:
        """Bodies of up to `limit` waiting messages, left in the queue."""
        ...

    def source_of(self, dead_letter: str) -> str:
        """The queue whose redrive policy points at this dead-letter queue (Invalid if none)."""
        ...

    def move(self, from_queue: str, to_queue: str, limit: int) -> int:
        """Move messages (send, then delete: at least once, never lost); returns how many moved."""
        ...


class EscalationWorkflow(Protocol):
    def start(self, name: str, payload: dict[str, object]) -> bool:
        """Start the named execution; False when it already exists (a repeated alarm delivery)."""
        ...

    def acknowledge(self, token: str, who: str) -> None:
        """Complete the waiting page (Invalid for an unknown or finished token)."""
        ...


class Pager(Protocol):
    def page(self, person: OnCallPerson, alarm: dict[str, str], ack_link: str, step: int) -> None: ...


class Phone(Protocol):
    def call(self, person: OnCallPerson, alarm: dict[str, str]) -> None: ...


class RotaStore(Protocol):
    def get(self) -> Rota | None: ...

    def put(self, rota: Rota) -> None: ...


class PageLog(Protocol):
    """The pages sent, so the console can show open escalations and acknowledge them."""

    def record(self, page: Page) -> None:
        """Keep the page once: a redelivered page (same execution and step) leaves the first record."""

    def recent(self, limit: int) -> list[Page]:
        """The newest escalations first, each one's steps in order."""

    def save_acknowledged(self, page: Page) -> None:
        """Store who acknowledged `page` and when."""
