"""Ticket requests of the license lifecycle: a manager should call a customer whose license is in grace."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.licensing.views.queue import LapseTicketRequested
from helpdesk.observability import log_counts, logger
from helpdesk.workers import sqs_worker


class LapseTicketRecord(SqsRecord):
    body: Json[LapseTicketRequested]


def record_handler(record: LapseTicketRecord) -> None:
    logger.append_keys(license_id=record.body.license_id)
    container().lapse_ticket_opener.open_lapse_ticket(record.body)
    log_counts("lapse ticket requested", LicenseLapseTickets=1)


handler = sqs_worker(LapseTicketRecord, record_handler)
