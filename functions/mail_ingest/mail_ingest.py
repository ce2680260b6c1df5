"""Ingest worker: each stored inbound mail becomes a message in its ticket, exactly once."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from helpdesk.bootstrap import container
from helpdesk.contracts.mail_events import ingest_records
from helpdesk.observability import logger, metrics
from helpdesk.services.mail_ingest import MailSource

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    for stored in ingest_records(record.body):
        result = container().tickets.mail_ingest.ingest_object(
            MailSource(stored.bucket, stored.key, stored.etag, stored.ses_message_id))
        logger.info("mail ingested", extra={"key": stored.key, "outcome": result.outcome,
                                            "ticket_id": result.ticket_id, "reason": result.reason})
        metrics.add_metric(name=f"Mail{str(result.outcome).capitalize()}", unit="Count", value=1)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor,
                                    context=context)
