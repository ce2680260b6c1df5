"""One contract for the storage report's ports: DescribeTable and PutMetricData under moto, and the fakes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from helpdesk.kernel.errors import NotFound
from helpdesk.operations.adapters.storage_aws import CloudWatchMetricSink, DynamoTableStats
from helpdesk.operations.model.queues import Gauge, TableStats
from moto import mock_aws

from tests.fakes.operations.memory_storage import InMemoryMetricSink, InMemoryTableStats

pytestmark = pytest.mark.contract
REGION = "eu-central-1"

# (source, add_items(n)) for a table named "work"
StatsHarness = tuple[Any, Callable[[int], None]]
# (sink, latest(namespace, name, dims))
SinkHarness = tuple[Any, Callable[[str, str, dict[str, str]], float | None]]


@pytest.fixture(params=["dynamodb", "memory"])
def stats(request: pytest.FixtureRequest) -> Iterator[StatsHarness]:
    if request.param == "memory":
        source = InMemoryTableStats()
        count = [0]

        def add(n: int) -> None:
            count[0] += n
            source.put(TableStats("work", 0, count[0]))  # sizes: moto reports none, so the fake holds none

        add(0)
        yield source, add
        return
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name=REGION)
        ddb.create_table(
            TableName="work",
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        added = [0]

        def add(n: int) -> None:
            for _ in range(n):
                added[0] += 1
                ddb.put_item(TableName="work", Item={"pk": {"S": "P"}, "sk": {"S": str(added[0])}})

        yield DynamoTableStats(ddb), add


def test_a_new_table_is_empty(stats: StatsHarness) -> None:
    source, _ = stats
    assert source.table_stats("work") == TableStats("work", 0, 0)


def test_item_count_follows_the_items(stats: StatsHarness) -> None:
    source, add = stats
    add(3)
    got = source.table_stats("work")
    # moto says 0 bytes whatever the table holds (DynamoDB refreshes it every ~6 h): not "reported".
    assert (got.item_count, got.size_bytes, got.size_reported) == (3, 0, False)


def test_an_unknown_table_is_not_found(stats: StatsHarness) -> None:
    source, _ = stats
    with pytest.raises(NotFound):
        source.table_stats("nope")


@pytest.fixture(params=["cloudwatch", "memory"])
def sink(request: pytest.FixtureRequest) -> Iterator[SinkHarness]:
    if request.param == "memory":
        fake = InMemoryMetricSink()
        yield fake, fake.latest
        return
    with mock_aws():
        cw = boto3.client("cloudwatch", region_name=REGION)

        def latest(namespace: str, name: str, dims: dict[str, str]) -> float | None:
            now = datetime.now(UTC)
            points = cw.get_metric_statistics(
                Namespace=namespace,
                MetricName=name,
                Dimensions=[{"Name": k, "Value": v} for k, v in dims.items()],
                StartTime=now - timedelta(minutes=5),
                EndTime=now + timedelta(minutes=1),
                Period=60,
                Statistics=["Maximum"],
            )["Datapoints"]
            return max((p["Maximum"] for p in points), default=None)

        yield CloudWatchMetricSink(cw), latest


def test_a_published_gauge_reads_back_under_its_dimensions(sink: SinkHarness) -> None:
    target, latest = sink
    dims = {"service": "helpdesk", "TableName": "work"}
    target.publish("Helpdesk", [Gauge("TableSizeBytes", 2048.0, "Bytes", tuple(dims.items()))])
    assert latest("Helpdesk", "TableSizeBytes", dims) == 2048.0
    assert latest("Helpdesk", "TableSizeBytes", {"service": "helpdesk", "TableName": "other"}) is None
    assert latest("Other", "TableSizeBytes", dims) is None


def test_many_gauges_in_one_call(sink: SinkHarness) -> None:
    target, latest = sink
    gauges = [Gauge("TableItemCount", float(n), "Count", (("TableName", f"t{n}"),)) for n in range(25)]
    target.publish("Helpdesk", gauges)
    assert latest("Helpdesk", "TableItemCount", {"TableName": "t24"}) == 24.0
