"""Escalation starter: each alarm transition into ALARM starts one escalation workflow (repeats are
harmless)."""

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics
from helpdesk.operations.views import AlarmStateChanged
from helpdesk.workers import SqsRecord, sqs_worker
from pydantic import Json


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
    if started:
        metrics.add_metric(name="EscalationsStarted", unit="Count", value=1)


handler = sqs_worker(AlarmRecord, record_handler)
