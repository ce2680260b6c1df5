"""Drives sqs_worker handlers the way Lambda does: a local function object the local stack's SqsPoller can
invoke."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from helpdesk_local.functions import LambdaContext

REGION = "eu-central-1"


class PlainRecord(SqsRecordModel):
    """A record whose body is just text."""


@dataclass
class InProcessFunction:
    """Quacks like helpdesk_local.functions.LocalFunction, so SqsPoller can deliver to it."""

    name: str
    handler: Callable[[dict[str, Any], Any], Any]
    invocations: list[list[str]] = field(default_factory=list)

    def invoke(self, event: dict[str, Any]) -> Any:
        self.invocations.append([r["messageId"] for r in event["Records"]])
        try:
            return self.handler(event, LambdaContext(function_name=self.name, timeout_seconds=30))
        except WorkerDied as death:
            raise RuntimeError(
                "the function's process died; Lambda reports the invocation as failed"
            ) from death


class WorkerDied(BaseException):  # noqa: N818 - not an error the code could catch: the process is gone
    """Raised by fault injection: the Lambda process dies, the whole batch returns to the queue."""


def make_queue(sqs: Any, name: str, max_receives: int = 5, visibility: int = 30) -> tuple[str, str, str]:
    """A queue with a DLQ; returns (queue url, queue arn, dlq url)."""
    dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    import json

    url = sqs.create_queue(
        QueueName=name,
        Attributes={
            "VisibilityTimeout": str(visibility),
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": max_receives}),
        },
    )["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn, dlq


def visible_count(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])
