"""Outbound worker: sends queued outbox entries through SES; the outbox claim makes it at most once."""

from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json
from helpdesk.bootstrap import container
from helpdesk.contracts.outbound import SendRequested
from helpdesk.observability import metrics
from helpdesk.workers import sqs_worker


class SendRecord(SqsRecordModel):
    body: Json[SendRequested]  # type: ignore[assignment]


def record_handler(record: SendRecord) -> None:
    c = container()
    outcome = c.tickets.outbound.deliver(record.body.entry_id, c.clock.now())
    metrics.add_metric(name="MailSent" if outcome else "MailAlreadySent", unit="Count", value=1)


handler = sqs_worker(SendRecord, record_handler)
