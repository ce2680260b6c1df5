"""Storage report adapters on AWS: DescribeTable for table sizes, PutMetricData for the gauges."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from helpdesk.kernel.errors import NotFound
from helpdesk.operations.model.queues import Gauge, TableStats

PUT_LIMIT = 1000  # metric data per PutMetricData call


class DynamoTableStats:
    def __init__(self, dynamodb: Any) -> None:
        self._ddb = dynamodb

    def table_stats(self, table_name: str) -> TableStats:
        try:
            table = self._ddb.describe_table(TableName=table_name)["Table"]
        except self._ddb.exceptions.ResourceNotFoundException:
            raise NotFound(f"table {table_name}") from None
        return TableStats(table_name, int(table.get("TableSizeBytes", 0)), int(table.get("ItemCount", 0)))


class CloudWatchMetricSink:
    def __init__(self, cloudwatch: Any) -> None:
        self._cw = cloudwatch

    def publish(self, namespace: str, gauges: Sequence[Gauge]) -> None:
        data = [
            {
                "MetricName": g.name,
                "Value": g.value,
                "Unit": g.unit,
                "Dimensions": [{"Name": k, "Value": v} for k, v in g.dimensions],
            }
            for g in gauges
        ]
        for start in range(0, len(data), PUT_LIMIT):
            self._cw.put_metric_data(Namespace=namespace, MetricData=data[start : start + PUT_LIMIT])
