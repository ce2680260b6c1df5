"""The one SQS worker shape: partial failures, bounded back-off with jitter, metrics in EMF."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from helpdesk.workers import Backoff, sqs_worker
from helpdesk_local.functions import LambdaContext

from tests.support.queue_worker import PlainRecord

pytestmark = pytest.mark.unit
ARN = "arn:aws:sqs:eu-central-1:123456789012:helpdesk-notify-test"


def test_delay_doubles_per_receive_and_stops_at_the_cap() -> None:
    plain = Backoff(base=2, cap=60, jitter=0)
    assert [plain.delay(n) for n in (1, 2, 3, 4, 5, 6, 9)] == [4, 8, 16, 32, 60, 60, 60]


def test_jitter_spreads_retries_within_its_bound() -> None:
    backoff = Backoff(base=10, cap=1000, jitter=0.5)
    delays = {backoff.delay(2, random.Random(seed)) for seed in range(50)}
    assert len(delays) > 10
    assert min(delays) >= 40 and max(delays) <= 60


def test_delay_never_exceeds_what_sqs_accepts() -> None:
    assert Backoff(base=10_000, cap=10**9, jitter=1).delay(20) == 43_200


class Recorder:
    def __init__(self) -> None:
        self.postponed: list[tuple[str, str, int]] = []

    def postpone(self, queue_arn: str, receipt_handle: str, seconds: int) -> None:
        self.postponed.append((queue_arn, receipt_handle, seconds))


def record(n: int, body: str, receives: int = 1, sent_ms: int | None = None) -> dict[str, Any]:
    attributes = {
        "ApproximateReceiveCount": str(receives),
        "SentTimestamp": str(sent_ms or 1_000),
        "SenderId": "x",
        "ApproximateFirstReceiveTimestamp": "1",
    }
    return {
        "messageId": f"m{n}",
        "receiptHandle": f"h{n}",
        "body": body,
        "attributes": attributes,
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": ARN,
        "awsRegion": "eu-central-1",
    }


def failing_on_poison(record: PlainRecord) -> None:
    if record.body == "poison":
        raise ValueError("cannot handle this record")


def run(records: list[dict[str, Any]]) -> tuple[dict[str, Any], Recorder]:
    recorder = Recorder()
    handler = sqs_worker(
        PlainRecord,
        failing_on_poison,
        backoff=Backoff(base=3, cap=100, jitter=0),
        visibility=lambda: recorder,
    )
    response = handler({"Records": records}, LambdaContext(function_name="Notify", timeout_seconds=30))
    return response, recorder


def test_only_failed_records_are_reported_and_postponed_by_their_receive_count() -> None:
    response, recorder = run([record(1, "ok"), record(2, "poison", receives=3), record(3, "ok")])
    assert response == {"batchItemFailures": [{"itemIdentifier": "m2"}]}
    assert recorder.postponed == [(ARN, "h2", 24)]


def test_a_batch_where_everything_fails_is_reported_not_raised() -> None:
    response, recorder = run([record(1, "poison"), record(2, "poison", receives=2)])
    assert {f["itemIdentifier"] for f in response["batchItemFailures"]} == {"m1", "m2"}
    assert [seconds for _, _, seconds in recorder.postponed] == [6, 12]


def test_a_clean_batch_postpones_nothing() -> None:
    response, recorder = run([record(1, "ok")])
    assert response == {"batchItemFailures": []} and recorder.postponed == []


def emf_lines(text: str) -> list[dict[str, Any]]:
    return [doc for line in text.splitlines() if line.startswith("{") if "_aws" in (doc := json.loads(line))]


def test_metrics_are_published_in_embedded_metric_format_one_set_for_all_queues(capsys) -> None:
    """Each distinct dimension value is a custom metric billed monthly (docs/cost.md): the queue's name rides
    in the log line for Logs Insights, and every queue's records count in the same four metrics."""
    import time

    sent = int(time.time() * 1000) - 90_000
    run([record(1, "ok", sent_ms=sent), record(2, "poison", sent_ms=sent), record(3, "ok", sent_ms=sent)])
    other = {**record(4, "ok"), "eventSourceARN": ARN.replace("notify", "pager")}
    run([other])
    doc, next_doc = emf_lines(capsys.readouterr().out)
    names = {m["Name"] for m in doc["_aws"]["CloudWatchMetrics"][0]["Metrics"]}
    assert {"RecordsProcessed", "RecordsFailed", "RecordAge", "BatchDuration"} <= names
    for published in (doc, next_doc):
        assert published["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["service"]]
    assert doc["Queue"] == "helpdesk-notify-test" and next_doc["Queue"] == "helpdesk-pager-test"
    assert doc["RecordsProcessed"] == [2.0] and doc["RecordsFailed"] == [1.0]
    assert all(89 <= age <= 120 for age in doc["RecordAge"])


def test_an_invocation_without_metrics_publishes_nothing_and_warns_nothing(capsys) -> None:
    """A batch refused before any metric (Powertools rejects an empty one): no EMF line, and no Powertools
    "No application metrics to publish" warning; the next batch publishes its own metrics once."""
    import warnings

    from helpdesk.observability import metrics

    handler = sqs_worker(None, lambda r: None, visibility=Recorder)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(Exception, match="Unexpected batch"):
            handler({"Records": []}, LambdaContext("notify", 30))
    assert [str(w.message) for w in caught] == []
    assert capsys.readouterr().out == ""
    handler({"Records": [record(1, "x")]}, LambdaContext("notify", 30))
    [line] = capsys.readouterr().out.splitlines()
    assert "RecordsProcessed" in json.loads(line)["_aws"]["CloudWatchMetrics"][0]["Metrics"][0].values()
    assert not metrics.metric_set


def test_a_failure_before_the_first_metric_leaves_nothing_for_the_next_invocation(capsys) -> None:
    from helpdesk.observability import metrics, publish_metrics

    @publish_metrics
    def failing(event: dict[str, Any], context: Any) -> None:
        metrics.add_dimension(name="Queue", value="half-done")
        raise RuntimeError("before any metric")

    with pytest.raises(RuntimeError):
        failing({}, None)
    assert capsys.readouterr().out == ""
    assert "Queue" not in metrics.dimension_set
