"""One contract for QueueMonitor: the SQS adapter under moto and the in-memory fake pass the same tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import boto3
import pytest
from helpdesk.kernel.errors import NotFound
from helpdesk.operations.adapters.sqs_monitor import SqsQueueMonitor
from helpdesk.operations.model.queues import QueueState
from moto import mock_aws

from tests.fakes.operations.memory_monitor import InMemoryQueueMonitor

pytestmark = pytest.mark.contract

# A harness gives (monitor, put_messages(queue, n)) for a queue named "work" and one named "work-dlq".
Harness = tuple[object, Callable[[str, int], None]]


@pytest.fixture(params=["sqs", "memory"])
def harness(request: pytest.FixtureRequest) -> Iterator[Harness]:
    if request.param == "memory":
        monitor = InMemoryQueueMonitor()
        counts = {"work": 0, "work-dlq": 0}

        def put(queue: str, n: int) -> None:
            counts[queue] += n
            monitor.put(QueueState(queue, counts[queue], 0, 0, None))

        put("work", 0)
        put("work-dlq", 0)
        yield monitor, put
        return
    with mock_aws():
        sqs = boto3.client("sqs", region_name="eu-central-1")
        urls = {name: sqs.create_queue(QueueName=name)["QueueUrl"] for name in ("work", "work-dlq")}

        def put(queue: str, n: int) -> None:
            for i in range(n):
                sqs.send_message(QueueUrl=urls[queue], MessageBody=str(i))

        yield SqsQueueMonitor(sqs, boto3.client("cloudwatch", region_name="eu-central-1")), put


def test_an_empty_queue_reports_zero(harness: Harness) -> None:
    monitor, _ = harness
    state = monitor.queue_state("work")  # type: ignore[attr-defined]
    assert (state.name, state.visible, state.in_flight) == ("work", 0, 0)
    assert state.healthy


def test_depth_counts_waiting_messages(harness: Harness) -> None:
    monitor, put = harness
    put("work", 3)
    assert monitor.queue_state("work").visible == 3  # type: ignore[attr-defined]


def test_a_dead_letter_queue_with_messages_is_unhealthy(harness: Harness) -> None:
    monitor, put = harness
    put("work-dlq", 1)
    state = monitor.queue_state("work-dlq")  # type: ignore[attr-defined]
    assert state.is_dead_letter and not state.healthy


def test_an_unknown_queue_is_not_found(harness: Harness) -> None:
    monitor, _ = harness
    with pytest.raises(NotFound):
        monitor.queue_state("nope")  # type: ignore[attr-defined]
