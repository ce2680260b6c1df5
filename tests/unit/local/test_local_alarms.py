"""The local alarm evaluator decides like CloudWatch."""

from __future__ import annotations

import threading

import pytest
from helpdesk_local.alarms import evaluate, scaled

pytestmark = pytest.mark.unit

DLQ = {
    "ComparisonOperator": "GreaterThanThreshold",
    "Threshold": 0.0,
    "EvaluationPeriods": 1,
    "TreatMissingData": "notBreaching",
}
AGE = {
    "ComparisonOperator": "GreaterThanThreshold",
    "Threshold": 300.0,
    "EvaluationPeriods": 3,
    "TreatMissingData": "notBreaching",
}


def test_a_message_in_a_dead_letter_queue_alarms_and_an_empty_one_is_ok() -> None:
    assert evaluate(DLQ, [1.0]).state == "ALARM"
    assert evaluate(DLQ, [0.0]).state == "OK"


def test_not_breaching_missing_data_is_ok() -> None:
    assert evaluate(DLQ, [None]).state == "OK"


def test_missing_data_treated_as_missing_gives_insufficient_data() -> None:
    assert evaluate({**DLQ, "TreatMissingData": "missing"}, [None]).state == "INSUFFICIENT_DATA"


def test_every_evaluation_period_must_breach_unless_datapoints_to_alarm_says_otherwise() -> None:
    assert evaluate(AGE, [400.0, 100.0, 500.0]).state == "OK"
    assert evaluate(AGE, [400.0, 350.0, 500.0]).state == "ALARM"
    assert evaluate({**AGE, "DatapointsToAlarm": 2}, [400.0, 100.0, 500.0]).state == "ALARM"


def test_breaching_missing_data_counts_against_the_threshold() -> None:
    assert evaluate({**AGE, "TreatMissingData": "breaching"}, [None, None, None]).state == "ALARM"


def test_a_time_scale_shortens_periods_and_age_thresholds_but_not_counts() -> None:
    age = {**AGE, "MetricName": "ApproximateAgeOfOldestMessage", "Period": 60}
    dlq = {**DLQ, "MetricName": "ApproximateNumberOfMessagesVisible", "Period": 60, "Threshold": 0.0}
    assert scaled(age, 10)["Period"] == 6 and scaled(age, 10)["Threshold"] == 30.0
    assert scaled(dlq, 10)["Period"] == 6 and scaled(dlq, 10)["Threshold"] == 0.0
    assert scaled(age, 1) is age
    # 40 s of age breaches the scaled threshold (30 s) in every scaled period, not the real one (300 s).
    assert evaluate(scaled(age, 10), [40.0, 40.0, 40.0]).state == "ALARM"
    assert evaluate(age, [40.0, 40.0, 40.0]).state == "OK"


def test_a_time_scale_shortens_the_periods_of_metric_math_queries() -> None:
    query = {"Id": "m", "MetricStat": {"Metric": {}, "Period": 300, "Stat": "Sum"}}
    math = {**AGE, "Metrics": [query, {"Id": "e", "Expression": "m"}]}
    assert [q.get("MetricStat", {}).get("Period") for q in scaled(math, 10)["Metrics"]] == [30, None]


def test_published_queue_metrics_are_evaluated_at_once_and_then_once_per_period() -> None:
    from helpdesk_local.alarms import AlarmEvaluator
    from helpdesk_local.metrics import QueueMetricsPublisher

    stop = threading.Event()
    evaluator = AlarmEvaluator("eu-central-1", cloudwatch=None, sns=None, stop=stop, every=600.0)
    evaluations: list[object] = []
    evaluator.evaluate_all = lambda now=None: evaluations.append(now)  # type: ignore[method-assign]
    assert evaluator.step() and not evaluator.step()  # the first evaluation, then the period's wait
    publisher = QueueMetricsPublisher("eu-central-1", None, [], stop, published=evaluator.data_arrived)
    assert publisher.step()
    assert evaluator.step()  # the data just published: not a period later
    assert not evaluator.step()
    assert len(evaluations) == 2
