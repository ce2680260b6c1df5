"""Scheduled SLA sweep: breach notices and escalations, then auto-close of solved tickets."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics, publish_metrics, publish_per


@logger.inject_lambda_context
@publish_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    report = container().sla_sweep.run()
    publish_per("Policy", report.per_policy())
    metrics.add_metric(name="SlaBreachNotices", unit="Count", value=report.breach_notices)
    metrics.add_metric(name="SlaEscalations", unit="Count", value=report.escalations)
    metrics.add_metric(name="TicketsAutoClosed", unit="Count", value=report.closed)
    return {
        "breach_notices": report.breach_notices,
        "escalations": report.escalations,
        "closed": report.closed,
    }
