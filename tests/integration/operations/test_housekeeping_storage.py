"""The housekeeping function publishes the table's size where the template's table-size alarm reads it,
and the local alarm evaluator fires that alarm once the size crosses its threshold."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from helpdesk_local.alarms import AlarmEvaluator
from helpdesk_local.table_sizes import measure_table_sizes, stop_measuring
from moto import mock_aws

from tests.support.lambdas import invoke, sample_event
from tests.support.template_stack import REGION, TemplateStack, provision

pytestmark = pytest.mark.integration
ALARM = "helpdesk-test-table-size"


@pytest.fixture
def aws() -> Iterator[TemplateStack]:
    with mock_aws():
        yield provision()


@pytest.fixture
def measured() -> Iterator[None]:
    measure_table_sizes()  # as the local stack's emulator does
    yield
    stop_measuring()


def size_points(table: str) -> list[float]:
    now = datetime.now(UTC)
    return [
        p["Maximum"]
        for p in boto3.client("cloudwatch", region_name=REGION).get_metric_statistics(
            Namespace="Helpdesk",
            MetricName="TableSizeBytes",
            Dimensions=[{"Name": "service", "Value": "helpdesk"}, {"Name": "TableName", "Value": table}],
            StartTime=now - timedelta(minutes=5),
            EndTime=now + timedelta(minutes=1),
            Period=300,
            Statistics=["Maximum"],
        )["Datapoints"]
    ]


def fill(table: str, n: int, size: int) -> None:
    ddb = boto3.client("dynamodb", region_name=REGION)
    for i in range(n):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"T#{i}"}, "sk": {"S": "x"}, "b": {"S": "y" * size}})


def test_moto_reports_no_size_so_housekeeping_publishes_only_the_item_count(aws: TemplateStack) -> None:
    table = aws.ref("HelpdeskTable")
    fill(table, 3, 100)
    answer = invoke("HousekeepingFunction", sample_event("housekeeping/schedule.json"))
    assert answer["tables"] == {table: 0}
    assert size_points(table) == []  # zero bytes for three items is "not measured yet", not a size


def test_table_size_alarm_fires_on_what_housekeeping_publishes(aws: TemplateStack, measured: None) -> None:
    table = aws.ref("HelpdeskTable")
    fill(table, 20, 1000)
    cw, sqs, sns = (boto3.client(s, region_name=REGION) for s in ("cloudwatch", "sqs", "sns"))
    inbox = sqs.create_queue(QueueName="ops-inbox")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(
        TopicArn=aws.ref("OpsTopic"), Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"}
    )
    alarm = cw.describe_alarms(AlarmNames=[ALARM])["MetricAlarms"][0]
    answer = invoke("HousekeepingFunction", sample_event("housekeeping/schedule.json"))
    published = answer["tables"][table]
    assert published > 20 * 1000
    assert size_points(table) == [published]

    evaluator = AlarmEvaluator(REGION, cw, sns, threading.Event())
    evaluator.evaluate_all(datetime.now(UTC) + timedelta(seconds=1))
    assert state(cw) == "OK"  # 20 kB is far below the template's 20 GiB

    cw.put_metric_alarm(**tightened(alarm, threshold=published - 1))
    evaluator.evaluate_all(datetime.now(UTC) + timedelta(seconds=1))
    assert state(cw) == "ALARM"
    notes = [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=inbox).get("Messages", [])]
    assert [(n["AlarmName"], n["NewStateValue"]) for n in notes] == [(ALARM, "ALARM")]


def state(cw: Any) -> str:
    return str(cw.describe_alarms(AlarmNames=[ALARM])["MetricAlarms"][0]["StateValue"])


def tightened(alarm: dict[str, Any], threshold: float) -> dict[str, Any]:
    keep = (
        "AlarmName AlarmDescription Namespace MetricName Dimensions Statistic Period EvaluationPeriods "
        "ComparisonOperator TreatMissingData AlarmActions OKActions"
    ).split()
    return {**{k: alarm[k] for k in keep if k in alarm}, "Threshold": threshold}
