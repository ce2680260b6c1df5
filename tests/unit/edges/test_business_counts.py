"""A queue handler's business count is a field of its log line (`log_counts`), not a custom metric: each
metric name is billed monthly and no alarm read these (docs/cost.md). The only metrics a batch publishes are
the queue worker's four; what happened to the record is the line's `outcome` (queries: docs/operations.md)."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace
from typing import Any

import pytest

from tests.support.lambdas import invoke
from tests.support.log_lines import logged

pytestmark = pytest.mark.unit

WORKER_METRICS = {"RecordsProcessed", "RecordsFailed", "BatchDuration", "RecordAge"}
PAGE = {"action": "page", "execution": "ex-1", "alarm": {"AlarmName": "a"}, "task_token": "tok", "step": 0}
REPLY = {"ticket_id": "t-1", "message_sort_key": "M#1", "channel": "telegram", "account": "b", "chat_id": 7}
CASES = [
    ("WebhookDeliveryFunction", "webhook_worker", "handle_message", "failed",
     {"delivery_id": "d-1", "attempts_seen": 0}, "webhook delivery", "failed"),
    ("PagerFunction", "operations", "handle_pager_task", None, PAGE, "pager task", "paged"),
    ("ChannelReplyFunction", "reply_sender", "send", False, REPLY, "channel reply", "repeated"),
    ("JiraSyncFunction", "jira_sync", "handle_request", "delayed",
     {"task_id": "t-1"}, "jira sync", "delayed"),
    ("IntegrationsFunction", "connector_requests", "handle", "done",
     {"connector": "pipedrive", "kind": "order_paid", "ref": "o-1"}, "integration request", "done"),
]  # fmt: skip


def sqs_event(body: dict[str, Any]) -> dict[str, Any]:
    sent = str(int(time.time() * 1000))
    return {"Records": [{
        "messageId": "m-1", "receiptHandle": "r-1", "body": json.dumps(body), "md5OfBody": "",
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": sent, "SenderId": "1",
                       "ApproximateFirstReceiveTimestamp": sent},
        "messageAttributes": {}, "eventSource": "aws:sqs", "awsRegion": "eu-central-1",
        "eventSourceARN": "arn:aws:sqs:eu-central-1:123456789012:helpdesk-some-queue-test",
    }]}  # fmt: skip


@pytest.mark.parametrize(("function", "part", "method", "answer", "body", "message", "outcome"), CASES)
def test_a_queue_handler_logs_its_outcome_and_publishes_only_the_worker_metrics(
    capsys: pytest.CaptureFixture,
    caplog: pytest.LogCaptureFixture,
    function: str,
    part: str,
    method: str,
    answer: object,
    body: dict[str, Any],
    message: str,
    outcome: str,
) -> None:
    from helpdesk.bootstrap import container

    setattr(container(), part, SimpleNamespace(**{method: lambda *args: answer}))
    try:
        assert invoke(function, sqs_event(body)) == {"batchItemFailures": []}
    finally:
        delattr(container(), part)
    [counted] = logged(caplog, message)
    assert counted["outcome"] == outcome and counted["function_name"] == function
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    [published] = [doc["_aws"]["CloudWatchMetrics"][0]["Metrics"] for doc in lines if "_aws" in doc]
    assert {m["Name"] for m in published} == WORKER_METRICS
