"""A datapoint published a moment before the evaluation, in the same second, counts in the newest period:
alarms evaluated right after the metrics (schedules.localhost's /alarms/evaluate) see what was just put."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from helpdesk_local.alarms import AlarmEvaluator
from moto import mock_aws

pytestmark = pytest.mark.unit
METRIC = {
    "Namespace": "AWS/SQS",
    "MetricName": "ApproximateNumberOfMessagesVisible",
    "Dimensions": [{"Name": "QueueName", "Value": "dlq"}],
}


@mock_aws
def test_a_datapoint_put_earlier_in_the_same_second_is_in_the_newest_period() -> None:
    cloudwatch = boto3.client("cloudwatch", region_name="eu-central-1")
    now = datetime(2026, 12, 7, 12, 0, 18, 900_000, tzinfo=UTC)
    put = {
        **{k: v for k, v in METRIC.items() if k != "Namespace"},
        "Value": 1.0,
        "Timestamp": now - timedelta(seconds=0.3),
    }
    cloudwatch.put_metric_data(Namespace="AWS/SQS", MetricData=[put])
    evaluator = AlarmEvaluator("eu-central-1", cloudwatch, None, threading.Event())
    assert evaluator._series(METRIC, 60, "Maximum", 1, now) == [1.0]
