"""Outbound worker: sends queued outbox entries through SES; the outbox claim makes it at most once."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json

from helpdesk.bootstrap import container
from helpdesk.contracts.outbound import SendRequested
from helpdesk.observability import logger, metrics


class SendRecord(SqsRecordModel):
    body: Json[SendRequested]  # type: ignore[assignment]


processor = BatchProcessor(event_type=EventType.SQS, model=SendRecord)


def record_handler(record: SendRecord) -> None:
    c = container()
    outcome = c.tickets.outbound.deliver(record.body.entry_id, c.clock.now())
    metrics.add_metric(name="MailSent" if outcome else "MailAlreadySent", unit="Count", value=1)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor,
                                    context=context)
