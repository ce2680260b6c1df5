"""Escalation starter: each alarm transition into ALARM starts one escalation workflow (repeats are
harmless)."""

from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json
from helpdesk.bootstrap import container
from helpdesk.observability import logger
from helpdesk.operations.views.queue import AlarmStateChanged
from helpdesk.workers import sqs_worker


class AlarmRecord(SqsRecordModel):
    body: Json[AlarmStateChanged]


def record_handler(record: AlarmRecord) -> None:
    started = container().operations.alarm_changed(record.body)
    logger.info(
        "alarm transition",
        extra={
            "alarm": record.body.AlarmName,
            "state": record.body.NewStateValue,
            "escalation_started": started,
        },
    )


handler = sqs_worker(AlarmRecord, record_handler)
