"""Escalation starter: each alarm transition into ALARM starts one escalation workflow (repeats are harmless)."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json

from helpdesk.bootstrap import container
from helpdesk.contracts.operations import AlarmStateChanged
from helpdesk.observability import logger, metrics
from helpdesk.services.escalation import alarm_changed


class AlarmRecord(SqsRecordModel):
    body: Json[AlarmStateChanged]  # type: ignore[assignment]


processor = BatchProcessor(event_type=EventType.SQS, model=AlarmRecord)


def record_handler(record: AlarmRecord) -> None:
    started = alarm_changed(record.body, container().escalation)
    logger.info("alarm transition", extra={"alarm": record.body.AlarmName, "state": record.body.NewStateValue,
                                           "escalation_started": started})
    if started:
        metrics.add_metric(name="EscalationsStarted", unit="Count", value=1)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor,
                                    context=context)
