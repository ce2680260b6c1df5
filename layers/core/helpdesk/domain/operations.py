"""Operational value objects: the state of a queue, and what health means."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QueueState:
    name: str
    visible: int
    in_flight: int
    delayed: int
    oldest_age_seconds: float | None  # None where the source cannot tell

    @property
    def is_dead_letter(self) -> bool:
        return "dlq" in self.name.lower()

    @property
    def healthy(self) -> bool:
        return not (self.is_dead_letter and self.visible > 0)
