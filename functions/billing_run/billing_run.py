"""Daily billing run: proposes the previous month's drafts from approved time (idempotent: a daily run is the
monthly run plus late approvals); the accountant approves them in the console. Then reminds clients of unpaid
invoices past due, once a week each."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    report = container().time_billing.monthly_run(event.get("period"))
    reminded = container().receivables.remind()
    log_counts("billing run", InvoiceDraftsProposed=len(report.drafts), PaymentReminders=reminded)
    drafts = [d.id for d in report.drafts]
    return {"period": report.period, "drafts": drafts, "unpriced": report.unpriced, "reminded": reminded}
