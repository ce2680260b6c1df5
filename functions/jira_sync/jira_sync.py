"""Jira sync worker: pushes each requested task to Jira; a 429 puts the request back, delayed."""

from helpdesk.batch_records import Json, SqsRecord
from helpdesk.bootstrap import container
from helpdesk.observability import log_counts
from helpdesk.tasks.views.jira import JiraSyncRequested
from helpdesk.workers import sqs_worker


class JiraSyncRecord(SqsRecord):
    body: Json[JiraSyncRequested]


def record_handler(record: JiraSyncRecord) -> None:
    outcome = container().jira_sync.handle_request(record.body.task_id, record.body.attempt)
    log_counts("jira sync", task_id=record.body.task_id, outcome=outcome)


handler = sqs_worker(JiraSyncRecord, record_handler)
