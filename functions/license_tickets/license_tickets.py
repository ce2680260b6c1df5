"""Ticket requests of the license lifecycle: a manager should call a customer whose license is in grace."""

from helpdesk.bootstrap import container
from helpdesk.licensing.views.lifecycle import LapseTicketRequested
from helpdesk.observability import logger, metrics
from helpdesk.workers import SqsRecord, sqs_worker
from pydantic import Json


class LapseTicketRecord(SqsRecord):
    body: Json[LapseTicketRequested]


def record_handler(record: LapseTicketRecord) -> None:
    logger.append_keys(license_id=record.body.license_id)
    container().lapse_ticket_opener.open_lapse_ticket(record.body)
    metrics.add_metric(name="LicenseLapseTickets", unit="Count", value=1)


handler = sqs_worker(LapseTicketRecord, record_handler)
