"""Charge worker: one dunning attempt per message; the workflow learns the outcome through the task token."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.licensing.views.queue import ChargeTask
from helpdesk.observability import log_counts, logger
from helpdesk.workers import sqs_worker


class ChargeRecord(SqsRecord):
    body: Json[ChargeTask]


def record_handler(record: ChargeRecord) -> None:
    logger.append_keys(license_id=record.body.charge.license_id, attempt=record.body.charge.attempt)
    outcome = container().license_lifecycle.handle_charge_task(record.body)
    log_counts("license charge", outcome=outcome)


handler = sqs_worker(ChargeRecord, record_handler)
