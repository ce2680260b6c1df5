"""Webhook delivery worker: one signed attempt per message; a retry goes back on the queue, delayed."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.observability import log_counts
from helpdesk.webhooks.views.queue import DeliveryRequested
from helpdesk.workers import sqs_worker


class DeliveryRecord(SqsRecord):
    body: Json[DeliveryRequested]


def record_handler(record: DeliveryRecord) -> None:
    outcome = container().webhook_worker.handle_message(record.body)
    log_counts("webhook delivery", outcome=outcome)


handler = sqs_worker(DeliveryRecord, record_handler)
