"""In-memory table stats and metric sink; held to the same contracts as the AWS adapters."""

from __future__ import annotations

from collections.abc import Sequence

from helpdesk.kernel.errors import NotFound
from helpdesk.operations.model.queues import Gauge, TableStats


class InMemoryTableStats:
    def __init__(self) -> None:
        self._tables: dict[str, TableStats] = {}

    def put(self, stats: TableStats) -> None:
        self._tables[stats.name] = stats

    def table_stats(self, table_name: str) -> TableStats:
        try:
            return self._tables[table_name]
        except KeyError:
            raise NotFound(f"table {table_name}") from None


class InMemoryMetricSink:
    def __init__(self) -> None:
        self.published: list[tuple[str, Gauge]] = []

    def publish(self, namespace: str, gauges: Sequence[Gauge]) -> None:
        self.published += [(namespace, g) for g in gauges]

    def latest(self, namespace: str, name: str, dimensions: dict[str, str]) -> float | None:
        wanted = tuple(sorted(dimensions.items()))
        values = [
            g.value
            for ns, g in self.published
            if ns == namespace and g.name == name and tuple(sorted(g.dimensions)) == wanted
        ]
        return values[-1] if values else None
