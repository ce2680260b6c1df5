"""Sync requests on the Jira sync queue (template.yaml `JiraSyncQueue`, with its DLQ)."""

from __future__ import annotations

from typing import Any

from helpdesk.tasks.views.jira import JiraSyncRequested

MAX_SQS_DELAY = 900  # SQS caps DelaySeconds at 15 minutes


class SqsSyncOutbox:
    def __init__(self, client: Any, queue_url: str) -> None:
        self._sqs, self._url = client, queue_url

    def request_sync(self, task_id: str, delay_seconds: int = 0, attempt: int = 0) -> None:
        body = JiraSyncRequested(task_id=task_id, attempt=attempt).model_dump_json()
        delay = max(0, min(int(delay_seconds), MAX_SQS_DELAY))
        self._sqs.send_message(QueueUrl=self._url, MessageBody=body, DelaySeconds=delay)


class NoSync:
    """Where no sync queue is configured: nothing is linked to Jira, nothing is sent."""

    def request_sync(self, task_id: str, delay_seconds: int = 0, attempt: int = 0) -> None:
        return None
