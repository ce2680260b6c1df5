"""Storage report: publishes table sizes, which DynamoDB keeps but does not put into CloudWatch."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.operations.model.queues import Gauge, TableStats
from helpdesk.operations.ports import MetricSink, TableStatsSource

NAMESPACE = "Helpdesk"
SERVICE = "helpdesk"  # the `service` dimension Powertools puts on every Helpdesk metric


@dataclass(frozen=True)
class StorageReport:
    tables: list[TableStats]
    published: list[Gauge]


def report_storage(source: TableStatsSource, sink: MetricSink, table_names: list[str]) -> StorageReport:
    """Publish TableSizeBytes and TableItemCount per table; a size not yet measured is left out, not 0."""
    tables = [source.table_stats(name) for name in table_names]
    gauges: list[Gauge] = []
    for table in tables:
        dims = (("service", SERVICE), ("TableName", table.name))
        gauges.append(Gauge("TableItemCount", float(table.item_count), "Count", dims))
        if table.size_reported:
            gauges.append(Gauge("TableSizeBytes", float(table.size_bytes), "Bytes", dims))
    if gauges:
        sink.publish(NAMESPACE, gauges)
    return StorageReport(tables, gauges)
