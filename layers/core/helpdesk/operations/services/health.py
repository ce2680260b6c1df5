"""Health: the depth and age of every queue and dead-letter queue."""

from __future__ import annotations

from helpdesk.operations.ports import QueueMonitor
from helpdesk.operations.views.api import HealthView, QueueView


def check_health(monitor: QueueMonitor, queue_names: list[str]) -> HealthView:
    """Report every queue; the system is degraded while any dead-letter queue holds messages."""
    queues = [monitor.queue_state(name) for name in queue_names]
    return HealthView(
        status="ok" if all(q.healthy for q in queues) else "degraded",
        queues=[
            QueueView(
                name=q.name,
                dead_letter=q.is_dead_letter,
                visible=q.visible,
                in_flight=q.in_flight,
                delayed=q.delayed,
                oldest_age_seconds=q.oldest_age_seconds,
            )
            for q in queues
        ],
    )
