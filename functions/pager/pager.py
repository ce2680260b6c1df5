"""Pager: pages the on-call person with an acknowledgement link, or places the final phone call."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.observability import log_counts
from helpdesk.operations.views.queue import PagerTask
from helpdesk.workers import sqs_worker


class PagerRecord(SqsRecord):
    body: Json[PagerTask]


def record_handler(record: PagerRecord) -> None:
    container().operations.handle_pager_task(record.body)
    log_counts("pager task", outcome="paged" if record.body.action == "page" else "called")


handler = sqs_worker(PagerRecord, record_handler)
