"""Charge worker: one dunning attempt per message; the workflow learns the outcome through the task token."""

from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json
from helpdesk.bootstrap import container
from helpdesk.licensing.views.queue import ChargeTask
from helpdesk.observability import logger, metrics
from helpdesk.workers import sqs_worker

METRICS = {
    "paid": "LicenseChargesPaid",
    "declined": "LicenseChargesDeclined",
    "already_renewed": "LicenseChargesSkipped",
}


class ChargeRecord(SqsRecordModel):
    body: Json[ChargeTask]


def record_handler(record: ChargeRecord) -> None:
    logger.append_keys(license_id=record.body.charge.license_id, attempt=record.body.charge.attempt)
    outcome = container().license_lifecycle.handle_charge_task(record.body)
    metrics.add_metric(name=METRICS[outcome], unit="Count", value=1)


handler = sqs_worker(ChargeRecord, record_handler)
