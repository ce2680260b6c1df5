"""In-memory QueueMonitor for unit tests; held to the same contract as SqsQueueMonitor."""

from __future__ import annotations

from helpdesk.kernel.errors import NotFound
from helpdesk.operations.model.queues import QueueState


class InMemoryQueueMonitor:
    def __init__(self) -> None:
        self._queues: dict[str, QueueState] = {}

    def put(self, state: QueueState) -> None:
        self._queues[state.name] = state

    def queue_state(self, queue_name: str) -> QueueState:
        try:
            return self._queues[queue_name]
        except KeyError:
            raise NotFound(f"queue {queue_name}") from None
