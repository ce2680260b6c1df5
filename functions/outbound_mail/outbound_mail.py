"""Outbound worker: sends queued outbox entries through SES (the outbox claim makes it at most once), the
license lifecycle's renewal reminders and the tasks' done mails (a claim per mail does the same)."""

from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.parser.types import Json
from helpdesk.bootstrap import container
from helpdesk.licensing.views.queue import ReminderMail
from helpdesk.observability import metrics
from helpdesk.tasks.views.mails import TaskDoneMail
from helpdesk.tickets.views.outbound import SendRequested
from helpdesk.workers import sqs_worker


class SendRecord(SqsRecordModel):
    body: Json[SendRequested | ReminderMail | TaskDoneMail]


def record_handler(record: SendRecord) -> None:
    c = container()
    if isinstance(record.body, ReminderMail):
        outcome = c.license_reminders.send(record.body)
        metrics.add_metric(name=f"Reminder_{outcome.split(':')[-1]}", unit="Count", value=1)
        return
    if isinstance(record.body, TaskDoneMail):
        metrics.add_metric(name="TaskDoneMails", unit="Count", value=c.task_done_mails.send(record.body))
        return
    sent = c.tickets.outbound.deliver(record.body.entry_id, c.clock.now())
    metrics.add_metric(name="MailSent" if sent else "MailAlreadySent", unit="Count", value=1)


handler = sqs_worker(SendRecord, record_handler)
