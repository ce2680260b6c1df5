"""Hourly deadlines: an overdue task is mailed to its project manager once; each developer's daily digest."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    report = container().task_deadlines.run(digest_now=bool(event.get("digest_now")))
    log_counts("task deadlines", TaskOverdueNotices=report.overdue_notices, TaskDigests=report.digests)
    return {"overdue_notices": report.overdue_notices, "digests": report.digests}
