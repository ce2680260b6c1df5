"""Hourly deadlines: an overdue task is mailed to its project manager once; each developer's daily digest."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    report = container().task_deadlines.run(digest_now=bool(event.get("digest_now")))
    metrics.add_metric(name="TaskOverdueNotices", unit="Count", value=report.overdue_notices)
    metrics.add_metric(name="TaskDigests", unit="Count", value=report.digests)
    return {"overdue_notices": report.overdue_notices, "digests": report.digests}
