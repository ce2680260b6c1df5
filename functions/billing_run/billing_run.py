"""Daily billing run: proposes the previous month's drafts from approved time (idempotent: a daily run is the
monthly run plus late approvals); the accountant approves them in the console."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    report = container().time_billing.monthly_run(event.get("period"))
    metrics.add_metric(name="InvoiceDraftsProposed", unit="Count", value=len(report.drafts))
    return {"period": report.period, "drafts": [d.id for d in report.drafts], "unpriced": report.unpriced}
