"""The delivery queue (template.yaml `WebhookDeliveryQueue`, with its DLQ). SQS delays a message at most
15 minutes, so a longer wait travels as `not_before` and the worker puts the message back until it is due."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from helpdesk.webhooks.ports import DeliveryRequest
from helpdesk.webhooks.views.queue import DeliveryRequested

MAX_SQS_DELAY = 900


class SqsDeliveryQueue:
    def __init__(self, client: Any, queue_url: str) -> None:
        self._sqs, self._url = client, queue_url

    def enqueue(self, request: DeliveryRequest) -> None:
        body = DeliveryRequested(
            delivery_id=request.delivery_id, attempts_seen=request.attempts_seen,
            not_before=request.not_before, replay=request.replay,
        ).model_dump_json()  # fmt: skip
        wait = (request.not_before - datetime.now(UTC)).total_seconds() if request.not_before else 0
        delay = max(0, min(int(wait + 0.999), MAX_SQS_DELAY))
        self._sqs.send_message(QueueUrl=self._url, MessageBody=body, DelaySeconds=delay)
