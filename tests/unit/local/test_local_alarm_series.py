"""The alarm evaluator's periods line up with the emulator's buckets: a steady metric has no empty period."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from helpdesk_local.alarms import AlarmEvaluator
from moto import mock_aws

pytestmark = pytest.mark.unit
METRIC = {"Namespace": "AWS/SQS", "MetricName": "ApproximateAgeOfOldestMessage", "Dimensions": []}


@mock_aws
def test_a_datapoint_every_second_fills_every_period_whatever_the_clock_microseconds() -> None:
    cloudwatch = boto3.client("cloudwatch", region_name="eu-central-1")
    now = datetime(2026, 11, 25, 12, 0, 18, 500_000, tzinfo=UTC)
    # One datapoint per second, the first in the window's first (partial) second.
    stamps = [now - timedelta(seconds=18.3) + timedelta(seconds=s) for s in range(19)]
    cloudwatch.put_metric_data(
        Namespace="AWS/SQS",
        MetricData=[
            {"MetricName": "ApproximateAgeOfOldestMessage", "Value": 40.0, "Timestamp": t} for t in stamps
        ],
    )
    evaluator = AlarmEvaluator("eu-central-1", cloudwatch, None, threading.Event())
    assert evaluator._series(METRIC, 6, "Maximum", 3, now) == [40.0, 40.0, 40.0]
