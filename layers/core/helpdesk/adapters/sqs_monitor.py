"""QueueMonitor on SQS attributes and the CloudWatch metric SQS publishes for message age."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from helpdesk.domain.errors import NotFound
from helpdesk.domain.operations import QueueState


class SqsQueueMonitor:
    def __init__(self, sqs: Any, cloudwatch: Any) -> None:
        self._sqs = sqs
        self._cloudwatch = cloudwatch

    def queue_state(self, queue_name: str) -> QueueState:
        try:
            url = self._sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
        except self._sqs.exceptions.QueueDoesNotExist:
            raise NotFound(f"queue {queue_name}") from None
        attrs = self._sqs.get_queue_attributes(
            QueueUrl=url,
            AttributeNames=[
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            ],
        )["Attributes"]
        return QueueState(
            name=queue_name,
            visible=int(attrs.get("ApproximateNumberOfMessages", 0)),
            in_flight=int(attrs.get("ApproximateNumberOfMessagesNotVisible", 0)),
            delayed=int(attrs.get("ApproximateNumberOfMessagesDelayed", 0)),
            oldest_age_seconds=self._oldest_age(queue_name),
        )

    def _oldest_age(self, queue_name: str) -> float | None:
        now = datetime.now(UTC)
        answer = self._cloudwatch.get_metric_statistics(
            Namespace="AWS/SQS",
            MetricName="ApproximateAgeOfOldestMessage",
            Dimensions=[{"Name": "QueueName", "Value": queue_name}],
            StartTime=now - timedelta(minutes=5),
            EndTime=now,
            Period=60,
            Statistics=["Maximum"],
        )
        points = sorted(answer.get("Datapoints", []), key=lambda p: p["Timestamp"])
        return float(points[-1]["Maximum"]) if points else None
