"""Integrations worker: one connector request per record (CRM calls, reading an Omnidesk case); a vendor's
429 puts it back, delayed."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.integrations.views.queue import IntegrationRequested
from helpdesk.observability import log_counts
from helpdesk.workers import sqs_worker


class IntegrationRecord(SqsRecord):
    body: Json[IntegrationRequested]


def record_handler(record: IntegrationRecord) -> None:
    request = record.body
    requests = container().connector_requests
    outcome = requests.handle(request.connector, request.kind, request.ref, request.attempt)
    log_counts("integration request", connector=request.connector, kind=request.kind, outcome=outcome)


handler = sqs_worker(IntegrationRecord, record_handler)
