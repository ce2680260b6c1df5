"""Ticket requests of the license lifecycle: a manager should call a customer whose license is in grace."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json
from helpdesk.bootstrap import container
from helpdesk.contracts.license_lifecycle import LapseTicketRequested
from helpdesk.observability import logger, metrics


class LapseTicketRecord(SqsRecordModel):
    body: Json[LapseTicketRequested]  # type: ignore[assignment]


processor = BatchProcessor(event_type=EventType.SQS, model=LapseTicketRecord)


def record_handler(record: LapseTicketRecord) -> None:
    logger.append_keys(license_id=record.body.license_id)
    container().lapse_ticket_opener.open_lapse_ticket(record.body)
    metrics.add_metric(name="LicenseLapseTickets", unit="Count", value=1)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
