"""Staff replies leave through the outbound queue: the API stores the outbox entry, a worker sends it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any


class QueuedReplyDelivery:
    def __init__(self, sqs: Any, queue_url: str) -> None:
        self._sqs = sqs
        self._url = queue_url

    def deliver(self, entry_id: str, now: datetime) -> str | None:
        self._sqs.send_message(QueueUrl=self._url, MessageBody=json.dumps({"entry_id": entry_id}))
        return None
