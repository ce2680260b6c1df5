"""Every SQS consumer in one shape: typed records, partial batch failures, bounded back-off with jitter
for the records that failed, and the queue metrics (processed, failed, age, duration) in the embedded
metric format, one set for all queues.

A handler module adopts it in one line:

    handler = sqs_worker(NotifyRecord, record_handler)

Retries stay bounded by the queue's RedrivePolicy (maxReceiveCount): after that SQS moves the record
to its DLQ.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

from helpdesk.observability import logger, metrics, publish_metrics

MAX_VISIBILITY = 43_200  # SQS refuses a longer visibility timeout


@dataclass(frozen=True)
class Backoff:
    """min(cap, base * 2^receives) seconds, plus up to `jitter` of that again so failed records spread out."""

    base: float = 5.0
    cap: float = 900.0
    jitter: float = 0.5

    def delay(self, receive_count: int, rng: random.Random | None = None) -> int:
        bounded = min(self.cap, self.base * 2 ** max(receive_count, 1))
        spread = (rng or random).uniform(0, self.jitter * bounded)
        return int(min(MAX_VISIBILITY, bounded + spread))


class Visibility(Protocol):
    def postpone(self, queue_arn: str, receipt_handle: str, seconds: int) -> None:
        """Make one received message visible again only after `seconds`."""


class SqsVisibility:
    def __init__(self, sqs: Any) -> None:
        self.sqs = sqs

    def postpone(self, queue_arn: str, receipt_handle: str, seconds: int) -> None:
        self.sqs.change_message_visibility(
            QueueUrl=self._url(queue_arn), ReceiptHandle=receipt_handle, VisibilityTimeout=seconds
        )

    @lru_cache(maxsize=32)  # noqa: B019 - one instance per process; queue URLs never change
    def _url(self, queue_arn: str) -> str:
        _, _, _, _, account, name = queue_arn.split(":", 5)
        return str(self.sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=account)["QueueUrl"])


@lru_cache(maxsize=1)
def default_visibility() -> Visibility:
    from helpdesk.bootstrap import aws_client
    from helpdesk.settings import get_settings

    return SqsVisibility(aws_client(get_settings(), "sqs"))


def default_backoff() -> Backoff:
    from helpdesk.settings import get_settings

    s = get_settings()
    return Backoff(base=s.queue_retry_base_seconds, cap=s.queue_retry_cap_seconds)


def sqs_worker(
    model: type | None,
    record_handler: Callable[[Any], Any],
    *,
    backoff: Backoff | None = None,
    visibility: Callable[[], Visibility] = default_visibility,
) -> Callable[[dict[str, Any], Any], Any]:
    """The Lambda handler for an SQS event source whose records parse into `model` (None: SQSRecord)."""
    processor = BatchProcessor(event_type=EventType.SQS, model=model, raise_on_entire_batch_failure=False)

    @logger.inject_lambda_context
    @publish_metrics
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        started = time.monotonic()
        records = event.get("Records", [])
        response = process_partial_response(
            event=event, record_handler=record_handler, processor=processor, context=context
        )
        failed = {f["itemIdentifier"] for f in response.get("batchItemFailures", [])}
        retry = [r for r in records if r["messageId"] in failed]
        if retry:
            _postpone(retry, backoff or default_backoff(), visibility())
        _record_metrics(records, len(failed), time.monotonic() - started)
        return dict(response)

    return handler


def _postpone(records: list[dict[str, Any]], backoff: Backoff, visibility: Visibility) -> None:
    for record in records:
        receives = int(record.get("attributes", {}).get("ApproximateReceiveCount", "1"))
        seconds = backoff.delay(receives)
        try:
            visibility.postpone(record["eventSourceARN"], record["receiptHandle"], seconds)
        except Exception:  # noqa: BLE001 - the record still returns after the queue's own visibility timeout
            logger.exception("could not postpone a failed record", extra={"message_id": record["messageId"]})
        else:
            logger.info(
                "record failed; retry postponed",
                extra={"message_id": record["messageId"], "receive_count": receives, "delay": seconds},
            )


def _record_metrics(records: list[dict[str, Any]], failed: int, seconds: float) -> None:
    if not records:
        return
    # The queue is a property of the log line, not a dimension: each dimension value is a metric billed
    # monthly (docs/cost.md); no alarm reads these per queue (AWS/SQS, AWS/Lambda have age, errors per queue).
    metrics.add_metadata(key="Queue", value=records[0].get("eventSourceARN", "").rsplit(":", 1)[-1])
    metrics.add_metric(name="RecordsProcessed", unit=MetricUnit.Count, value=len(records) - failed)
    metrics.add_metric(name="RecordsFailed", unit=MetricUnit.Count, value=failed)
    metrics.add_metric(name="BatchDuration", unit=MetricUnit.Milliseconds, value=seconds * 1000)
    now_ms = time.time() * 1000
    for record in records:
        sent = record.get("attributes", {}).get("SentTimestamp")
        if sent:
            metrics.add_metric(
                name="RecordAge", unit=MetricUnit.Seconds, value=max(0.0, (now_ms - int(sent)) / 1000)
            )
