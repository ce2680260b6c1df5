"""Notify worker: stores each requested notice once; a malformed message fails alone and ends in the DLQ."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.notices.views import NotifyRequested
from helpdesk.observability import log_counts
from helpdesk.workers import sqs_worker


class NotifyRecord(SqsRecord):
    body: Json[NotifyRequested]


def record_handler(record: NotifyRecord) -> None:
    stored = container().deliver_notice(record.body)
    log_counts("notice", outcome="stored" if stored else "duplicate")


handler = sqs_worker(NotifyRecord, record_handler)
