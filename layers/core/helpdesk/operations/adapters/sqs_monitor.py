"""QueueMonitor on SQS attributes and the CloudWatch metric SQS publishes for message age."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.operations.model.queues import QueueState


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


class SqsQueueAdmin(SqsQueueMonitor):
    def queue_names(self, prefix: str) -> list[str]:
        urls = self._sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])
        return sorted(u.rsplit("/", 1)[1] for u in urls)

    def _url(self, name: str) -> str:
        try:
            return str(self._sqs.get_queue_url(QueueName=name)["QueueUrl"])
        except self._sqs.exceptions.QueueDoesNotExist:
            raise NotFound(f"queue {name}") from None

    def peek(self, queue_name: str, limit: int) -> list[str]:
        got = self._sqs.receive_message(
            QueueUrl=self._url(queue_name),
            MaxNumberOfMessages=min(limit, 10),
            VisibilityTimeout=0,
            WaitTimeSeconds=0,
        )
        return [m["Body"] for m in got.get("Messages", [])]

    def source_of(self, dead_letter: str) -> str:
        dlq_arn = self._sqs.get_queue_attributes(
            QueueUrl=self._url(dead_letter), AttributeNames=["QueueArn"]
        )["Attributes"]["QueueArn"]
        for name in self.queue_names(""):
            attrs = self._sqs.get_queue_attributes(QueueUrl=self._url(name), AttributeNames=["RedrivePolicy"])
            policy = attrs.get("Attributes", {}).get("RedrivePolicy")
            if policy and json.loads(policy).get("deadLetterTargetArn") == dlq_arn:
                return name
        raise Invalid(f"no queue sends its dead letters to {dead_letter}")

    def move(self, from_queue: str, to_queue: str, limit: int) -> int:
        source, target, moved = self._url(from_queue), self._url(to_queue), 0
        while moved < limit:
            got = self._sqs.receive_message(
                QueueUrl=source,
                MaxNumberOfMessages=min(10, limit - moved),
                MessageAttributeNames=["All"],
                VisibilityTimeout=60,
                WaitTimeSeconds=0,
            )
            messages = got.get("Messages", [])
            if not messages:
                break
            for m in messages:
                kwargs = {"QueueUrl": target, "MessageBody": m["Body"]}
                if m.get("MessageAttributes"):
                    kwargs["MessageAttributes"] = m["MessageAttributes"]
                self._sqs.send_message(**kwargs)
                self._sqs.delete_message(QueueUrl=source, ReceiptHandle=m["ReceiptHandle"])
                moved += 1
        return moved
