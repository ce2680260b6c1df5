"""Pager: pages the on-call person with an acknowledgement link, or places the final phone call."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json

from helpdesk.bootstrap import container
from helpdesk.contracts.operations import PagerTask
from helpdesk.observability import logger, metrics
from helpdesk.services.escalation import handle_pager_task


class PagerRecord(SqsRecordModel):
    body: Json[PagerTask]  # type: ignore[assignment]


processor = BatchProcessor(event_type=EventType.SQS, model=PagerRecord)


def record_handler(record: PagerRecord) -> None:
    c = container()
    handle_pager_task(record.body, c.pager, c.phone, c.rota_store, f"{c.settings.console_url}/ack.html")
    metrics.add_metric(name="Pages" if record.body.action == "page" else "Calls", unit="Count", value=1)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor,
                                    context=context)
