"""The local stack forgets metric datapoints once no alarm window (nor the floor) reaches back to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk_local.metric_retention import alarm_windows, prune

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
AGE_ALARM = {
    "Namespace": "AWS/SQS",
    "MetricName": "ApproximateAgeOfOldestMessage",
    "Period": 60,
    "EvaluationPeriods": 3,
    "Threshold": 300.0,
}
MATH_ALARM = {
    "EvaluationPeriods": 1,
    "Metrics": [
        {
            "Id": "e",
            "MetricStat": {"Metric": {"Namespace": "AWS/Lambda", "MetricName": "Errors"}, "Period": 300},
        },
        {"Id": "rate", "Expression": "e"},
    ],
}


@dataclass
class Datum:
    namespace: str
    name: str
    timestamp: datetime


def test_each_metric_needs_the_longest_window_of_the_alarms_reading_it_scaled_like_them() -> None:
    windows = alarm_windows([AGE_ALARM, MATH_ALARM], time_scale=1)
    assert windows == {("AWS/SQS", "ApproximateAgeOfOldestMessage"): 240.0, ("AWS/Lambda", "Errors"): 600.0}
    assert alarm_windows([AGE_ALARM], time_scale=10) == {("AWS/SQS", "ApproximateAgeOfOldestMessage"): 24.0}


def test_prune_drops_only_datapoints_older_than_their_window_or_the_floor() -> None:
    windows = {("AWS/SQS", "Age"): 1000.0}
    data = [
        Datum("AWS/SQS", "Age", NOW - timedelta(seconds=900)),  # inside its alarm window
        Datum("AWS/SQS", "Age", NOW - timedelta(seconds=1100)),
        Datum("AWS/S3", "Size", NOW - timedelta(seconds=50)),  # no alarm: the floor
        Datum("AWS/S3", "Size", NOW - timedelta(seconds=70)),
    ]
    assert prune(data, windows, floor=60, now=NOW) == 2
    assert [(d.name, (NOW - d.timestamp).seconds) for d in data] == [("Age", 900), ("Size", 50)]
