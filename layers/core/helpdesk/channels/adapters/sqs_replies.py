"""Channel replies onto their queue (ChannelReplyQueue, with ChannelReplyDLQ behind it)."""

from __future__ import annotations

from typing import Any

from helpdesk.channels.model.replies import ReplyJob
from helpdesk.channels.views.reply_jobs import ReplyJobMessage


class QueuedReplies:
    def __init__(self, client: Any, queue_url: str) -> None:
        self._sqs, self._url = client, queue_url

    def enqueue(self, job: ReplyJob) -> None:
        self._sqs.send_message(QueueUrl=self._url, MessageBody=ReplyJobMessage.of(job).model_dump_json())
