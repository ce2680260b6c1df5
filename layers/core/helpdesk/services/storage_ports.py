"""The ports the storage report needs: where table sizes come from, and where metrics go."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from helpdesk.domain.operations import Gauge, TableStats


class TableStatsSource(Protocol):
    def table_stats(self, table_name: str) -> TableStats:
        """The table's size and item count as the database reports them; NotFound for an unknown table."""


class MetricSink(Protocol):
    def publish(self, namespace: str, gauges: Sequence[Gauge]) -> None:
        """Record each gauge now, under `namespace`."""
