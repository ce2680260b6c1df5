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


@dataclass(frozen=True)
class TableStats:
    """What DynamoDB says of a table's size: refreshed by AWS about every six hours, not live."""

    name: str
    size_bytes: int
    item_count: int

    @property
    def size_reported(self) -> bool:
        # Items but zero bytes: not measured yet (a new table), or an emulator that does not measure.
        return self.size_bytes > 0 or self.item_count == 0


@dataclass(frozen=True)
class Gauge:
    """One value to publish as a metric, with its dimensions."""

    name: str
    value: float
    unit: str  # CloudWatch unit: "Bytes", "Count"
    dimensions: tuple[tuple[str, str], ...]
