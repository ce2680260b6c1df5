"""Notify worker: stores each requested notice once; a malformed message fails alone and ends in the DLQ."""

from helpdesk.bootstrap import container
from helpdesk.notices.views import NotifyRequested
from helpdesk.observability import metrics
from helpdesk.workers import SqsRecord, sqs_worker
from pydantic import Json


class NotifyRecord(SqsRecord):
    body: Json[NotifyRequested]


def record_handler(record: NotifyRecord) -> None:
    stored = container().deliver_notice(record.body)
    metrics.add_metric(name="NoticesStored" if stored else "NoticesDuplicate", unit="Count", value=1)


handler = sqs_worker(NotifyRecord, record_handler)
