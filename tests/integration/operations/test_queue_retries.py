"""Back-off on real SQS semantics (moto): the handler's postponement wins over the local poller's retry
delay."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from helpdesk.workers import Backoff, SqsVisibility, sqs_worker
from helpdesk_local.delivery import SqsPoller
from moto import mock_aws

from tests.support.queue_worker import REGION, InProcessFunction, PlainRecord, make_queue, visible_count

pytestmark = pytest.mark.integration


@pytest.fixture
def sqs() -> Iterator[Any]:
    with mock_aws():
        yield boto3.client("sqs", region_name=REGION)


def always_fails(record: PlainRecord) -> None:
    raise RuntimeError("downstream is down")


def poller(sqs: Any, fn: InProcessFunction, url: str, arn: str) -> SqsPoller:
    event = {"Queue": arn, "BatchSize": 10, "FunctionResponseTypes": ["ReportBatchItemFailures"]}
    polling = SqsPoller(fn, event, sqs, url, REGION, threading.Event(), retry_delay=0)  # type: ignore[arg-type]
    polling.wait_seconds = 0  # the last step finds nothing: answered at once, not after a 20 s long poll
    return polling


def test_a_postponed_record_stays_invisible_although_the_poller_would_retry_at_once(sqs: Any) -> None:
    url, arn, _ = make_queue(sqs, "postponed")
    handler = sqs_worker(
        PlainRecord,
        always_fails,
        backoff=Backoff(base=30, cap=60, jitter=0),
        visibility=lambda: SqsVisibility(sqs),
    )
    fn = InProcessFunction("Worker", handler)
    sqs.send_message(QueueUrl=url, MessageBody="x")
    assert poller(sqs, fn, url, arn).step()
    assert visible_count(sqs, url) == 0
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages") is None


def test_without_a_postponement_the_local_poller_returns_the_record_at_once(sqs: Any) -> None:
    url, arn, _ = make_queue(sqs, "plain")

    def reports_failure(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"]]}

    fn = InProcessFunction("Plain", reports_failure)
    sqs.send_message(QueueUrl=url, MessageBody="x")
    assert poller(sqs, fn, url, arn).step()
    time.sleep(0.01)
    assert visible_count(sqs, url) == 1


def test_receive_counts_climb_and_the_record_lands_in_the_dlq_after_max_receives(sqs: Any) -> None:
    url, arn, dlq = make_queue(sqs, "ladder", max_receives=3)
    handler = sqs_worker(
        PlainRecord,
        always_fails,
        backoff=Backoff(base=0, cap=0, jitter=0),
        visibility=lambda: SqsVisibility(sqs),
    )
    fn = InProcessFunction("Worker", handler)
    sqs.send_message(QueueUrl=url, MessageBody="x")
    p = poller(sqs, fn, url, arn)
    deliveries = 0
    while p.step():
        deliveries += 1
    assert deliveries == 3
    assert visible_count(sqs, dlq) == 1 and visible_count(sqs, url) == 0
