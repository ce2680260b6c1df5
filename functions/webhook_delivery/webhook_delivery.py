"""Webhook delivery worker: one signed attempt per message; a retry goes back on the queue, delayed."""

from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json
from helpdesk.bootstrap import container
from helpdesk.observability import metrics
from helpdesk.webhooks.views.queue import DeliveryRequested
from helpdesk.workers import sqs_worker


class DeliveryRecord(SqsRecordModel):
    body: Json[DeliveryRequested]


def record_handler(record: DeliveryRecord) -> None:
    outcome = container().webhook_worker.handle_message(record.body)
    metrics.add_metric(name=f"Webhook{outcome.capitalize()}", unit="Count", value=1)


handler = sqs_worker(DeliveryRecord, record_handler)
