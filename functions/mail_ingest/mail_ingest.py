"""Ingest worker: each stored inbound mail becomes a message in its ticket, exactly once."""

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from helpdesk import batch_records  # noqa: F401 - Powertools' batch before pydantic (see there)
from helpdesk.bootstrap import container
from helpdesk.observability import logger
from helpdesk.tickets.views.mail_events import ingest_records
from helpdesk.workers import sqs_worker


def record_handler(record: SQSRecord) -> None:
    for stored in ingest_records(record.body):
        result = container().tickets.mail_ingest.ingest_object(stored.source())
        logger.info(
            "mail ingested",
            extra={
                "key": stored.key,
                "outcome": result.outcome,
                "ticket_id": result.ticket_id,
                "reason": result.reason,
            },
        )


handler = sqs_worker(None, record_handler)
