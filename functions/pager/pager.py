"""Pager: pages the on-call person with an acknowledgement link, or places the final phone call."""

from helpdesk.bootstrap import container
from helpdesk.observability import metrics
from helpdesk.operations.views import PagerTask
from helpdesk.workers import SqsRecord, sqs_worker
from pydantic import Json


class PagerRecord(SqsRecord):
    body: Json[PagerTask]


def record_handler(record: PagerRecord) -> None:
    container().operations.handle_pager_task(record.body)
    metrics.add_metric(name="Pages" if record.body.action == "page" else "Calls", unit="Count", value=1)


handler = sqs_worker(PagerRecord, record_handler)
