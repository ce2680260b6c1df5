"""Operations on queues: what waits where, what died, and putting dead letters back after a fix."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.operations.model.queues import QueueState
from helpdesk.operations.ports import QueueAdmin


@dataclass(frozen=True)
class RedriveResult:
    moved: int
    remaining: int


def overview(admin: QueueAdmin, prefix: str) -> list[QueueState]:
    """Every queue whose name starts with `prefix`, dead-letter queues after their sources."""
    return sorted(
        (admin.queue_state(n) for n in admin.queue_names(prefix)),
        key=lambda q: (q.name.replace("-dlq", ""), q.is_dead_letter),
    )


def redrive(admin: QueueAdmin, dead_letter: str, limit: int = 1000) -> RedriveResult:
    """Move up to `limit` messages from a dead-letter queue back to the queue that feeds it."""
    source = admin.source_of(dead_letter)
    moved = admin.move(dead_letter, source, limit)
    return RedriveResult(moved=moved, remaining=admin.queue_state(dead_letter).visible)
