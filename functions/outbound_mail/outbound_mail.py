"""Outbound worker: sends queued outbox entries through SES (the outbox claim makes it at most once), the
license lifecycle's renewal reminders and the tasks' done mails (a claim per mail does the same)."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.licensing.views.queue import ReminderMail
from helpdesk.observability import log_counts
from helpdesk.tasks.views.mails import TaskDoneMail
from helpdesk.tickets.views.outbound import SendRequested
from helpdesk.workers import sqs_worker


class SendRecord(SqsRecord):
    body: Json[SendRequested | ReminderMail | TaskDoneMail]


def record_handler(record: SendRecord) -> None:
    c = container()
    if isinstance(record.body, ReminderMail):
        outcome = c.license_reminders.send(record.body)
        log_counts("renewal reminder", outcome=outcome)
        return
    if isinstance(record.body, TaskDoneMail):
        log_counts("task done mail", TaskDoneMails=c.task_done_mails.send(record.body))
        return
    sent = c.tickets.outbound.deliver(record.body.entry_id, c.clock.now())
    log_counts("outbox entry", entry_id=record.body.entry_id, outcome="sent" if sent else "already_sent")


handler = sqs_worker(SendRecord, record_handler)
