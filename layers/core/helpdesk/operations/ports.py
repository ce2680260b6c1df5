"""The ports the storage report needs: where table sizes come from, and where metrics go."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from helpdesk.kernel.clock import Clock
from helpdesk.operations.model.escalation import OnCallPerson, Page, Rota
from helpdesk.operations.model.queues import Gauge, QueueState, TableStats


class TableStatsSource(Protocol):
    def table_stats(self, table_name: str) -> TableStats:
        """The table's size and item count as the database reports them; NotFound for an unknown table."""


class MetricSink(Protocol):
    def publish(self, namespace: str, gauges: Sequence[Gauge]) -> None:
        """Record each gauge now, under `namespace`."""


class QueueMonitor(Protocol):
    """Reads the state of a queue: how many messages wait, are in flight, and how old the oldest is.

    Raises NotFound for a queue that does not exist.
    """

    def queue_state(self, queue_name: str) -> QueueState: ...


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


class OperationsPorts(Protocol):
    """Where the desk finds its adapters. Each is looked up when a use case runs, so a function builds only
    the clients it calls (a pager needs no CloudWatch, housekeeping no Step Functions)."""

    @property
    def queue_monitor(self) -> QueueMonitor: ...
    @property
    def escalation(self) -> EscalationWorkflow: ...
    @property
    def pager(self) -> Pager: ...
    @property
    def phone(self) -> Phone: ...
    @property
    def rota_store(self) -> RotaStore: ...
    @property
    def page_log(self) -> PageLog: ...
    @property
    def table_stats(self) -> TableStatsSource: ...
    @property
    def metric_sink(self) -> MetricSink: ...
    @property
    def clock(self) -> Clock: ...
