"""Notify worker: stores each requested notice once; a malformed message fails alone and ends in the DLQ."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json

from helpdesk.bootstrap import container
from helpdesk.contracts.notifications import NotifyRequested
from helpdesk.observability import logger, metrics
from helpdesk.services.notifications import deliver_notice


class NotifyRecord(SqsRecordModel):
    body: Json[NotifyRequested]  # type: ignore[assignment]


processor = BatchProcessor(event_type=EventType.SQS, model=NotifyRecord)


def record_handler(record: NotifyRecord) -> None:
    c = container()
    stored = deliver_notice(record.body, c.notice_store, c.clock)
    metrics.add_metric(name="NoticesStored" if stored else "NoticesDuplicate", unit="Count", value=1)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor,
                                    context=context)
