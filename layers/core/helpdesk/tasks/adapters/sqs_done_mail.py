"""Done mails requested on the outbound queue (template.yaml `OutboundQueue`), sent by the outbound worker."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from helpdesk.tasks.views.mails import TaskDoneMail


class SqsDoneMails:
    def __init__(self, client: Any, queue_url: str) -> None:
        self._sqs, self._url = client, queue_url

    def request_done_mail(self, task_id: str, done_at: datetime) -> None:
        body = TaskDoneMail(task_id=task_id, done_at=done_at).model_dump_json()
        self._sqs.send_message(QueueUrl=self._url, MessageBody=body)


class NoDoneMails:
    """Where no outbound queue is configured: no mail is asked for."""

    def request_done_mail(self, task_id: str, done_at: datetime) -> None:
        return None
