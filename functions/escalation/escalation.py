"""Escalation starter: each alarm transition into ALARM starts one escalation workflow (repeats are
harmless)."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.observability import logger
from helpdesk.operations.views.queue import AlarmStateChanged
from helpdesk.workers import sqs_worker


class AlarmRecord(SqsRecord):
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
